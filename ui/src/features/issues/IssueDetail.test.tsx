import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import * as issues from "../../ipc/issues";
import * as extras from "../../ipc/comments-attachments";
import { IssueDetail } from "./IssueDetail";
import type { CommentItem } from "../../ipc/comments-attachments";
import { issue } from "./test-fixtures";
import { mockIssueExtras } from "./test-mocks";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  openInBrowser: vi.fn(),
}));
vi.mock("../../ipc/issues");
vi.mock("../../ipc/issue-actions");
vi.mock("../../ipc/comments-attachments");
vi.mock("../../ipc/create");

beforeEach(() => {
  vi.resetAllMocks();
  mockIssueExtras();
  vi.mocked(ipc.openInBrowser).mockResolvedValue(undefined);
});

/** What Rust's sanitizer makes of a hostile body: the markup survives only as text. */
const sanitizedHostile =
  "<p>Look: &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt; " +
  '<a href="https://example.com/doc" rel="noopener noreferrer">the doc</a></p>';

function comment(bodyHtml: string): CommentItem {
  return {
    id: "9",
    author: { displayName: "Bob", active: true },
    created: "2024-01-04T10:00:00.000+0000",
    updated: "2024-01-04T10:00:00.000+0000",
    edited: false,
    bodyHtml,
    bodyMarkdown: "",
    visibility: null,
  };
}

describe("IssueDetail", () => {
  it("shows the fields, attachments and comments of the issue", async () => {
    vi.mocked(issues.issueView).mockResolvedValue(issue());
    vi.mocked(extras.commentsList).mockResolvedValue([comment("<p>First <em>comment</em></p>")]);
    render(<IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} />);
    const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
    expect(
      await within(panel).findByRole("heading", { name: "DEMO-1: Printer on fire" }),
    ).toBeInTheDocument();
    for (const text of ["In Progress", "Bug", "High", "Mia Krystof", "hardware", "Printers", "2.0", "Colour", "Red"]) {
      expect(within(panel).getAllByText(text).length).toBeGreaterThan(0);
    }
    const files = within(panel).getByRole("list", { name: "Attachments" });
    expect(files).toHaveTextContent("smoke.png");
    expect(files).toHaveTextContent("2.0 KB");
    expect(await within(panel).findByRole("heading", { name: "Comments (1)" })).toBeInTheDocument();
    const shown = within(panel).getByRole("article", { name: "Comment by Bob" });
    expect(within(shown).getByText("comment").tagName).toBe("EM");
    expect(extras.commentsList).toHaveBeenCalledWith("c1", "DEMO-1");
  });

  it("renders sanitized HTML as markup and hostile markup only as text", async () => {
    const alert = vi.spyOn(window, "alert").mockImplementation(() => undefined);
    vi.mocked(extras.commentsList).mockResolvedValue([comment(sanitizedHostile)]);
    // No attachments here: image previews are <img> elements (data: URLs made by Rust).
    vi.mocked(issues.issueView).mockResolvedValue(
      issue({ descriptionHtml: sanitizedHostile, attachments: [] }),
    );
    render(<IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} />);
    const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
    // The description and the comment (loaded after the issue) both show it as text.
    await within(panel).findByRole("article", { name: "Comment by Bob" });
    const shown = within(panel).getAllByText(/<img src=x onerror=alert\(1\)>/);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toHaveTextContent("<script>alert(2)</script>");
    expect(panel.querySelector("script, img, iframe, [onerror], [onclick]")).toBeNull();
    expect(alert).not.toHaveBeenCalled();

    // Links open in the system browser; the app's window does not navigate.
    const [link] = within(panel).getAllByRole("link", { name: "the doc" });
    await userEvent.click(link as HTMLElement);
    expect(ipc.openInBrowser).toHaveBeenCalledWith("https://example.com/doc");
    expect(window.location.href).not.toContain("example.com");
    alert.mockRestore();
  });

  it("says when the issue cannot be opened", async () => {
    vi.mocked(issues.issueView).mockRejectedValue(
      new CommandError({ kind: "notFound", message: "Issue does not exist." }),
    );
    render(<IssueDetail connection="c1" issueKey="DEMO-404" onClose={() => undefined} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Issue does not exist.");
  });

  it("closes", async () => {
    vi.mocked(issues.issueView).mockResolvedValue(issue());
    const onClose = vi.fn();
    render(<IssueDetail connection="c1" issueKey="DEMO-1" onClose={onClose} />);
    await userEvent.click(screen.getByRole("button", { name: "Close DEMO-1" }));
    expect(onClose).toHaveBeenCalled();
  });

  it("shows the reporter's user card from the issue", async () => {
    vi.mocked(issues.issueView).mockResolvedValue(
      issue({ reporter: { name: "bob", displayName: "Bob", active: true } }),
    );
    vi.mocked(extras.userGet).mockResolvedValue({
      name: "bob",
      displayName: "Bob",
      emailAddress: "bob@example.com",
      active: true,
    });
    render(<IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} />);
    await userEvent.click(await screen.findByRole("button", { name: "Show Bob" }));
    const dialog = screen.getByRole("dialog", { name: "Bob" });
    expect(await within(dialog).findByRole("article", { name: "User Bob" })).toHaveTextContent(
      "bob@example.com",
    );
    expect(extras.userGet).toHaveBeenCalledWith("c1", { kind: "name", value: "bob" });
    // The fixture's assignee carries no id, so no card is offered for it.
    expect(screen.queryByRole("button", { name: "Show Mia Krystof" })).not.toBeInTheDocument();
  });
});
