import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandError } from "../../../ipc";
import * as api from "../../../ipc/comments-attachments";
import * as drafts from "../../../ipc/create";
import type { CommentItem } from "../../../ipc/comments-attachments";
import { Comments } from "./Comments";

vi.mock("../../../ipc/comments-attachments");
vi.mock("../../../ipc/create");

function comment(over: Partial<CommentItem>): CommentItem {
  return {
    id: "10",
    author: { displayName: "Bob", active: true },
    created: "2024-01-04T10:00:00.000+0000",
    updated: "2024-01-04T10:00:00.000+0000",
    edited: false,
    bodyHtml: "<p>First <em>comment</em></p>",
    bodyMarkdown: "First *comment*",
    visibility: null,
    ...over,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.commentVisibilityOptions).mockResolvedValue({
    roles: ["Developers", "Users"],
    groups: ["jira-users"],
  });
  vi.mocked(drafts.draftLoad).mockResolvedValue(null);
  vi.mocked(drafts.draftSave).mockImplementation(async (connection, target, values) => ({
    connection,
    target,
    values,
    savedAt: 0,
  }));
  vi.mocked(drafts.draftRemove).mockResolvedValue(true);
});

describe("Comments", () => {
  it("loads the list again when the issue changed elsewhere (a transition's comment)", async () => {
    vi.mocked(api.commentsList).mockResolvedValueOnce([]);
    const { rerender } = render(<Comments connection="c1" issueKey="DEMO-1" refresh={0} />);
    expect(await screen.findByRole("heading", { name: "Comments (0)" })).toBeInTheDocument();
    vi.mocked(api.commentsList).mockResolvedValueOnce([
      comment({ bodyHtml: "<p>Waiting for the API freeze.</p>" }),
    ]);
    rerender(<Comments connection="c1" issueKey="DEMO-1" refresh={1} />);
    expect(await screen.findByText("Waiting for the API freeze.")).toBeInTheDocument();
    expect(api.commentsList).toHaveBeenCalledTimes(2);
  });

  it("lists every comment with its sanitized body and restriction", async () => {
    vi.mocked(api.commentsList).mockResolvedValue([
      comment({}),
      comment({
        id: "11",
        author: { displayName: "Mia", active: true },
        edited: true,
        visibility: { type: "role", value: "Developers" },
        bodyHtml: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      }),
    ]);
    render(<Comments connection="c1" issueKey="DEMO-1" />);
    expect(await screen.findByRole("heading", { name: "Comments (2)" })).toBeInTheDocument();
    expect(api.commentsList).toHaveBeenCalledWith("c1", "DEMO-1");
    const bob = screen.getByRole("article", { name: "Comment by Bob" });
    expect(within(bob).getByText("comment").tagName).toBe("EM");
    const mia = screen.getByRole("article", { name: "Comment by Mia" });
    expect(mia).toHaveTextContent("(edited)");
    expect(mia).toHaveTextContent("Visible to Developers (role)");
    expect(within(mia).getByText("<script>alert(1)</script>")).toBeInTheDocument();
    expect(mia.querySelector("script")).toBeNull();
  });

  it("adds a comment with a restriction, and keeps the text when Jira refuses it", async () => {
    const user = userEvent.setup();
    vi.mocked(api.commentsList).mockResolvedValue([]);
    vi.mocked(api.commentAdd)
      .mockRejectedValueOnce(
        new CommandError({
          kind: "validation",
          message: "Jira refused the comment.",
          fieldErrors: { commentLevel: "Visibility is not allowed here." },
        }),
      )
      .mockResolvedValueOnce(comment({ id: "12", bodyHtml: "<p>Looks <strong>good</strong></p>" }));
    render(<Comments connection="c1" issueKey="DEMO-1" />);
    const box = await screen.findByRole("textbox", { name: "Add a comment" });
    await user.type(box, "Looks **good**");
    const visibleTo = await screen.findByRole("combobox", { name: "Visible to" });
    expect(within(visibleTo).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Everyone",
      "Developers (role)",
      "Users (role)",
      "jira-users (group)",
    ]);
    await user.selectOptions(visibleTo, "Developers (role)");
    await user.click(screen.getByRole("button", { name: "Add comment" }));

    expect(api.commentAdd).toHaveBeenCalledWith("c1", "DEMO-1", "Looks **good**", {
      type: "role",
      value: "Developers",
    });
    expect(await screen.findByText("Visibility is not allowed here.")).toBeInTheDocument();
    expect(visibleTo).toHaveAccessibleDescription("Visibility is not allowed here.");
    expect(box).toHaveValue("Looks **good**");
    expect(visibleTo).toHaveValue("role:Developers");

    await user.selectOptions(visibleTo, "Everyone");
    await user.click(screen.getByRole("button", { name: "Add comment" }));
    expect(api.commentAdd).toHaveBeenLastCalledWith("c1", "DEMO-1", "Looks **good**", null);
    const added = await screen.findByRole("article", { name: "Comment by Bob" });
    expect(within(added).getByText("good").tagName).toBe("STRONG");
    expect(box).toHaveValue("");
    expect(screen.getByRole("heading", { name: "Comments (1)" })).toBeInTheDocument();
  });

  it("shows an empty body's error on the text box", async () => {
    const user = userEvent.setup();
    vi.mocked(api.commentsList).mockResolvedValue([]);
    vi.mocked(api.commentAdd).mockRejectedValue(
      new CommandError({
        kind: "validation",
        message: "bad",
        fieldErrors: { comment: "Comment body can not be empty!" },
      }),
    );
    render(<Comments connection="c1" issueKey="DEMO-1" />);
    await user.click(await screen.findByRole("button", { name: "Add comment" }));
    const box = screen.getByRole("textbox", { name: "Add a comment" });
    expect(await screen.findByRole("alert")).toHaveTextContent("Comment body can not be empty!");
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription(/Comment body can not be empty!/);
  });

  it("edits a comment in place, keeping its restriction", async () => {
    const user = userEvent.setup();
    const restricted = comment({ visibility: { type: "group", value: "secret-team" } });
    vi.mocked(api.commentsList).mockResolvedValue([restricted]);
    vi.mocked(api.commentUpdate).mockResolvedValue(
      comment({ bodyHtml: "<p>Changed</p>", edited: true, visibility: restricted.visibility }),
    );
    render(<Comments connection="c1" issueKey="DEMO-1" />);
    await user.click(await screen.findByRole("button", { name: "Edit comment by Bob" }));
    const box = screen.getByRole("textbox", { name: "Edit comment by Bob" });
    expect(box).toHaveValue("First *comment*");
    // The group is not among the user's groups, yet editing must not drop it.
    const forms = screen.getAllByRole("combobox", { name: "Visible to" });
    expect(forms[0]).toHaveValue("group:secret-team");
    await user.clear(box);
    await user.type(box, "Changed");
    await user.click(screen.getByRole("button", { name: "Save comment" }));
    expect(api.commentUpdate).toHaveBeenCalledWith("c1", "DEMO-1", "10", "Changed", {
      type: "group",
      value: "secret-team",
    });
    const article = await screen.findByRole("article", { name: "Comment by Bob" });
    expect(await within(article).findByText("Changed")).toBeInTheDocument();
    expect(within(article).queryByRole("textbox")).toBeNull();
  });

  it("deletes only after a confirmation that names the comment", async () => {
    const user = userEvent.setup();
    vi.mocked(api.commentsList).mockResolvedValue([comment({})]);
    vi.mocked(api.commentDelete).mockResolvedValue(undefined);
    render(<Comments connection="c1" issueKey="DEMO-1" />);
    await user.click(await screen.findByRole("button", { name: "Delete comment by Bob" }));
    const dialog = screen.getByRole("dialog", { name: "Delete comment by Bob?" });
    expect(dialog).toHaveTextContent("First *comment*");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(api.commentDelete).not.toHaveBeenCalled();
    expect(screen.getByRole("article", { name: "Comment by Bob" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Delete comment by Bob" }));
    await user.click(
      within(screen.getByRole("dialog")).getByRole("button", { name: "Delete comment" }),
    );
    expect(api.commentDelete).toHaveBeenCalledWith("c1", "DEMO-1", "10");
    expect(await screen.findByText("No comments yet.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("offers no select when the server names no roles or groups", async () => {
    vi.mocked(api.commentsList).mockResolvedValue([]);
    vi.mocked(api.commentVisibilityOptions).mockResolvedValue({ roles: [], groups: [] });
    render(<Comments connection="c1" issueKey="DEMO-1" />);
    expect(await screen.findByRole("textbox", { name: "Add a comment" })).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Visible to" })).toBeNull();
  });

  it("keeps an unsent comment as a draft and restores it", async () => {
    const user = userEvent.setup();
    vi.mocked(api.commentsList).mockResolvedValue([]);
    vi.mocked(drafts.draftLoad).mockResolvedValue({
      connection: "c1",
      target: { kind: "comment", issueKey: "DEMO-1" },
      values: { text: "Half a thought", visibility: { type: "role", value: "Users" } },
      savedAt: Date.UTC(2024, 0, 5, 9, 30),
    });
    vi.mocked(api.commentAdd).mockResolvedValue(comment({ id: "13" }));
    const { unmount } = render(<Comments connection="c1" issueKey="DEMO-1" />);
    const box = await screen.findByRole("textbox", { name: "Add a comment" });
    expect(drafts.draftLoad).toHaveBeenCalledWith("c1", { kind: "comment", issueKey: "DEMO-1" });
    expect(box).toHaveValue("Half a thought");
    expect(screen.getByText(/Restored your unsent comment/)).toBeInTheDocument();
    expect(await screen.findByRole("combobox", { name: "Visible to" })).toHaveValue("role:Users");

    await user.type(box, ", finished");
    await vi.waitFor(() =>
      expect(drafts.draftSave).toHaveBeenLastCalledWith(
        "c1",
        { kind: "comment", issueKey: "DEMO-1" },
        { text: "Half a thought, finished", visibility: { type: "role", value: "Users" } },
      ),
    );
    // Typing is saved after a pause, not once per key.
    expect(vi.mocked(drafts.draftSave).mock.calls.length).toBeLessThan(5);

    await user.click(screen.getByRole("button", { name: "Add comment" }));
    await vi.waitFor(() => expect(drafts.draftRemove).toHaveBeenCalled());
    expect(box).toHaveValue("");
    expect(screen.queryByText(/Restored your unsent comment/)).toBeNull();
    unmount();
  });

  it("discards a restored draft on request and saves at once when closed", async () => {
    const user = userEvent.setup();
    vi.mocked(api.commentsList).mockResolvedValue([]);
    vi.mocked(drafts.draftLoad).mockResolvedValue({
      connection: "c1",
      target: { kind: "comment", issueKey: "DEMO-1" },
      values: { text: "Old text", visibility: null },
      savedAt: 0,
    });
    const { unmount } = render(<Comments connection="c1" issueKey="DEMO-1" />);
    await screen.findByDisplayValue("Old text");
    await user.click(screen.getByRole("button", { name: "Discard draft" }));
    expect(drafts.draftRemove).toHaveBeenCalledWith("c1", { kind: "comment", issueKey: "DEMO-1" });
    const box = screen.getByRole("textbox", { name: "Add a comment" });
    expect(box).toHaveValue("");
    await user.type(box, "Quick");
    unmount();
    // Closing the issue right after typing still keeps what was typed.
    expect(drafts.draftSave).toHaveBeenLastCalledWith(
      "c1",
      { kind: "comment", issueKey: "DEMO-1" },
      { text: "Quick", visibility: null },
    );
  });
});
