import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../ipc";
import * as api from "../../ipc/comments-attachments";
import { ConsolePage } from "./ConsolePage";
import { completions } from "./endpoints";
import { HISTORY_KEY, HISTORY_LIMIT, loadHistory, remember } from "./history";

vi.mock("../../ipc/comments-attachments");

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
});

describe("ConsolePage", () => {
  it("sends a GET and shows status, timing, headers and indented JSON", async () => {
    const user = userEvent.setup();
    vi.mocked(api.consoleSend).mockResolvedValue({
      status: 200,
      headers: { "content-type": "application/json", "x-arequestid": "abc" },
      body: { name: "admin", groups: { size: 1 } },
      elapsedMs: 42,
    });
    render(<ConsolePage connection="c1" />);
    expect(screen.getByRole("heading", { level: 1, name: "REST console" })).toBeInTheDocument();
    const path = screen.getByRole("combobox", { name: "Path" });
    expect(path).toHaveValue("myself");
    await user.click(screen.getByRole("button", { name: "Add query parameter" }));
    await user.type(screen.getByRole("textbox", { name: "Query parameter 1 name" }), "expand");
    await user.type(screen.getByRole("textbox", { name: "Query parameter 1 value" }), "groups");
    await user.click(screen.getByRole("button", { name: "Send" }));

    expect(api.consoleSend).toHaveBeenCalledWith(
      "c1",
      "GET",
      "myself",
      [{ name: "expand", value: "groups" }],
      null,
    );
    const response = await screen.findByRole("region", { name: "Response" });
    expect(within(response).getByRole("heading", { name: "Status 200 · 42 ms" })).toBeInTheDocument();
    expect(response).toHaveTextContent("Headers (2)");
    expect(response).toHaveTextContent("x-arequestid");
    expect(within(response).getByRole("textbox", { name: "Response body" })).toHaveValue(
      '{\n  "name": "admin",\n  "groups": {\n    "size": 1\n  }\n}',
    );
    const history = screen.getByRole("list", { name: "Earlier requests" });
    expect(within(history).getByRole("button", { name: "GET myself?expand=groups" })).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]")).toHaveLength(1);
  });

  it("checks the JSON body before sending, and shows Jira's refusal with its fields", async () => {
    const user = userEvent.setup();
    vi.mocked(api.consoleSend).mockRejectedValue(
      new CommandError({
        kind: "validation",
        message: "Jira refused the request.",
        fieldErrors: { project: "project is required" },
      }),
    );
    render(<ConsolePage connection="c1" />);
    await user.selectOptions(screen.getByRole("combobox", { name: "Method" }), "POST");
    const path = screen.getByRole("combobox", { name: "Path" });
    await user.clear(path);
    await user.type(path, "issue");
    const body = screen.getByRole("textbox", { name: "JSON body" });
    await user.type(body, '{{ "fields": ');
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(api.consoleSend).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent("Not valid JSON");
    expect(body).toHaveAttribute("aria-invalid", "true");

    await user.type(body, '{{ "summary": "x" } }');
    expect(body).not.toHaveAttribute("aria-invalid");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(api.consoleSend).toHaveBeenCalledWith(
      "c1",
      "POST",
      "issue",
      [],
      '{ "fields": { "summary": "x" } }',
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("POST issue failed.");
    expect(alert).toHaveTextContent("project: project is required");
    // The request stays as typed.
    expect(body).toHaveValue('{ "fields": { "summary": "x" } }');
  });

  it("completes common endpoints from the path box", async () => {
    const user = userEvent.setup();
    render(<ConsolePage connection="c1" />);
    const path = screen.getByRole("combobox", { name: "Path" });
    await user.clear(path);
    await user.type(path, "issue/{{key}/tr");
    const list = screen.getByRole("listbox", { name: "Endpoints" });
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "issue/{key}/transitions",
    ]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(path).toHaveValue("issue/{key}/transitions");
    expect(path).toHaveAttribute("aria-expanded", "false");
  });

  it("loads an earlier request from the history", async () => {
    const user = userEvent.setup();
    remember({ method: "DELETE", path: "issue/DEMO-9", query: [], body: "" });
    render(<ConsolePage connection="c1" />);
    await user.click(screen.getByRole("button", { name: "DELETE issue/DEMO-9" }));
    expect(screen.getByRole("combobox", { name: "Method" })).toHaveValue("DELETE");
    expect(screen.getByRole("combobox", { name: "Path" })).toHaveValue("issue/DEMO-9");
    await user.click(screen.getByRole("button", { name: "Clear history" }));
    expect(screen.queryByRole("list", { name: "Earlier requests" })).toBeNull();
    expect(localStorage.getItem(HISTORY_KEY)).toBeNull();
  });
});

describe("console history", () => {
  it("keeps the last 50 requests, newest first, without repeats or secret parameters", () => {
    for (let i = 0; i < 60; i++) remember({ method: "GET", path: `issue/D-${i}`, query: [], body: "" });
    remember({ method: "GET", path: "issue/D-55", query: [], body: "" });
    const saved = loadHistory();
    expect(saved).toHaveLength(HISTORY_LIMIT);
    expect(saved[0]?.path).toBe("issue/D-55");
    expect(saved.filter((r) => r.path === "issue/D-55")).toHaveLength(1);
    const withToken = remember({
      method: "GET",
      path: "myself",
      query: [
        { name: "access_token", value: "s3cret" },
        { name: "expand", value: "groups" },
      ],
      body: "",
    });
    expect(withToken[0]?.query).toEqual([{ name: "expand", value: "groups" }]);
    expect(localStorage.getItem(HISTORY_KEY)).not.toContain("s3cret");
  });

  it("treats unreadable storage as empty", () => {
    localStorage.setItem(HISTORY_KEY, "{not json");
    expect(loadHistory()).toEqual([]);
    localStorage.setItem(HISTORY_KEY, JSON.stringify([{ method: 1 }, { method: "GET", path: "x", query: [], body: "" }]));
    expect(loadHistory()).toHaveLength(1);
  });

  it("ranks endpoints that start with the text before those that contain it", () => {
    expect(completions("iss").slice(0, 2)).toEqual(["issue/{key}", "issue/{key}/comment"]);
    expect(completions("comment")).toEqual(["issue/{key}/comment"]);
  });
});
