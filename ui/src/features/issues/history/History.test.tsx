import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../../ipc";
import * as history from "../../../ipc/history";
import type { ChangeHistory, ChangeItem } from "../../../ipc/history";
import { History } from "./History";
import { fieldLabel } from "./field-label";

vi.mock("../../../ipc/history");

beforeEach(() => {
  vi.resetAllMocks();
});

const entries: ChangeHistory[] = [
  {
    id: "1",
    author: { displayName: "Alice", active: true },
    created: "2024-01-03T10:00:00.000+0000",
    items: [{ field: "status", fieldtype: "jira", fromString: "To Do", toString: "Done" }],
  },
  {
    id: "2",
    author: { displayName: "Bob", active: true },
    created: "2024-01-04T10:00:00.000+0000",
    // No text at all on the old side, only an id on the new one. Parsed from JSON like the
    // wire, so `toString` is absent (Rust skips it) rather than set.
    items: [JSON.parse('{"field":"assignee","fieldtype":"jira","to":"bob"}') as ChangeItem],
  },
];

describe("field labels", () => {
  it("shows system fields by their usual names and custom fields by Jira's name", () => {
    expect(fieldLabel({ field: "duedate", fieldtype: "jira" })).toBe("Due date");
    expect(fieldLabel({ field: "Fix Version", fieldtype: "jira" })).toBe("Fix versions");
    expect(fieldLabel({ field: "Story Points", fieldtype: "custom", fieldId: "customfield_1" }))
      .toBe("Story Points");
    // A custom field named like a system one keeps its own name.
    expect(fieldLabel({ field: "status", fieldtype: "custom" })).toBe("status");
    expect(fieldLabel({ field: "", fieldtype: "custom", fieldId: "customfield_9" })).toBe(
      "customfield_9",
    );
    expect(fieldLabel({ field: "Flagged", fieldtype: "jira" })).toBe("Flagged");
  });
});

describe("History", () => {
  it("loads only when opened and shows who changed what, newest first", async () => {
    vi.mocked(history.issueHistory).mockResolvedValue(entries);
    render(<History connection="c1" issueKey="DEMO-1" />);
    expect(history.issueHistory).not.toHaveBeenCalled();

    await userEvent.click(screen.getByText("History"));
    const list = await screen.findByRole("list", { name: "History of DEMO-1" });
    expect(history.issueHistory).toHaveBeenCalledWith("c1", "DEMO-1");
    const changes = within(list).getAllByRole("article");
    expect(changes.map((c) => c.getAttribute("aria-label"))).toEqual([
      "Change by Bob",
      "Change by Alice",
    ]);
    expect(changes[0]).toHaveTextContent("Assignee: None → bob");
    expect(changes[1]).toHaveTextContent("Status: To Do → Done");
    expect(screen.getByText("History (2)")).toBeInTheDocument();
  });

  it("says when there is nothing yet, and shows a failure", async () => {
    vi.mocked(history.issueHistory).mockResolvedValueOnce([]);
    const { unmount } = render(<History connection="c1" issueKey="DEMO-1" />);
    await userEvent.click(screen.getByText("History"));
    expect(await screen.findByText("No changes yet.")).toBeInTheDocument();
    unmount();

    vi.mocked(history.issueHistory).mockRejectedValueOnce(
      new CommandError({ kind: "notFound", message: "Issue does not exist" }),
    );
    render(<History connection="c1" issueKey="DEMO-9" />);
    await userEvent.click(screen.getByText("History"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not load the history.");
  });

  it("loads again after the issue changed while open", async () => {
    vi.mocked(history.issueHistory).mockResolvedValue([]);
    const { rerender } = render(<History connection="c1" issueKey="DEMO-1" refresh={0} />);
    await userEvent.click(screen.getByText("History"));
    await screen.findByText("No changes yet.");
    vi.mocked(history.issueHistory).mockResolvedValue(entries);
    rerender(<History connection="c1" issueKey="DEMO-1" refresh={1} />);
    expect(await screen.findByText("History (2)")).toBeInTheDocument();
    expect(history.issueHistory).toHaveBeenCalledTimes(2);
  });
});
