import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import * as issues from "../../ipc/issues";
import { IssueDetail } from "./IssueDetail";
import { issue } from "./test-fixtures";

vi.mock("../../ipc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../ipc")>()),
  openInBrowser: vi.fn(),
}));
vi.mock("../../ipc/issues");

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.openInBrowser).mockResolvedValue(undefined);
});

/** What Rust's sanitizer makes of a hostile body: the markup survives only as text. */
const sanitizedHostile =
  "<p>Look: &lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt; " +
  '<a href="https://example.com/doc" rel="noopener noreferrer">the doc</a></p>';

describe("IssueDetail", () => {
  it("shows the fields, attachments and comments of the issue", async () => {
    vi.mocked(issues.issueView).mockResolvedValue(
      issue({
        comments: [
          {
            id: "9",
            author: { displayName: "Bob", active: true },
            created: "2024-01-04T10:00:00.000+0000",
            updated: "2024-01-04T10:00:00.000+0000",
            bodyHtml: "<p>First <em>comment</em></p>",
          },
        ],
        commentsTotal: 3,
      }),
    );
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
    expect(within(panel).getByRole("heading", { name: "Comments (1 of 3)" })).toBeInTheDocument();
    const comment = within(panel).getByRole("article", { name: "Comment by Bob" });
    expect(within(comment).getByText("comment").tagName).toBe("EM");
  });

  it("renders sanitized HTML as markup and hostile markup only as text", async () => {
    const alert = vi.spyOn(window, "alert").mockImplementation(() => undefined);
    vi.mocked(issues.issueView).mockResolvedValue(
      issue({
        descriptionHtml: sanitizedHostile,
        comments: [
          {
            id: "9",
            author: null,
            created: "",
            updated: "",
            bodyHtml: sanitizedHostile,
          },
        ],
        commentsTotal: 1,
      }),
    );
    render(<IssueDetail connection="c1" issueKey="DEMO-1" onClose={() => undefined} />);
    const panel = await screen.findByRole("region", { name: "Issue DEMO-1" });
    const shown = await within(panel).findAllByText(/<img src=x onerror=alert\(1\)>/);
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
});
