// axe-core over the comments, attachments, users and console UIs in their busiest states, as
// the e2e suite does in the real window (serious and critical violations fail). jsdom has no
// layout, so colour contrast is left to the e2e run.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../ipc/comments-attachments";
import * as drafts from "../../ipc/create";
import { Attachments } from "../issues/attachments/Attachments";
import { Comments } from "../issues/comments/Comments";
import { UserSearch } from "../users/UserSearch";
import { ConsolePage } from "./ConsolePage";

vi.mock("../../ipc/comments-attachments");
vi.mock("../../ipc/create");

async function expectAccessible(container: HTMLElement) {
  const result = await axe.run(container, {
    resultTypes: ["violations"],
    rules: { "color-contrast": { enabled: false } },
  });
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

beforeEach(() => {
  vi.resetAllMocks();
  localStorage.clear();
  vi.mocked(drafts.draftLoad).mockResolvedValue(null);
  vi.mocked(api.onFileDrag).mockResolvedValue(() => undefined);
});

describe("accessibility", () => {
  it("comments, in the list and while editing", async () => {
    const user = userEvent.setup();
    vi.mocked(api.commentVisibilityOptions).mockResolvedValue({ roles: ["Developers"], groups: [] });
    vi.mocked(api.commentsList).mockResolvedValue([
      {
        id: "1",
        author: { displayName: "Bob", active: true },
        created: "2024-01-04T10:00:00.000+0000",
        updated: "2024-01-05T10:00:00.000+0000",
        edited: true,
        bodyHtml: '<p>See <a href="https://example.com">this</a></p>',
        bodyMarkdown: "See [this](https://example.com)",
        visibility: { type: "role", value: "Developers" },
      },
    ]);
    const { container } = render(
      <main>
        <Comments connection="c1" issueKey="DEMO-1" />
      </main>,
    );
    await screen.findByRole("combobox", { name: "Visible to" });
    await expectAccessible(container);
    await user.click(screen.getByRole("button", { name: "Edit comment by Bob" }));
    await expectAccessible(container);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "Delete comment by Bob" }));
    await expectAccessible(container);
  });

  it("attachments with a preview, uploads and the delete dialog", async () => {
    const user = userEvent.setup();
    vi.mocked(api.attachmentThumbnail).mockResolvedValue("data:image/png;base64,iVBORw0KGgo=");
    vi.mocked(api.chooseFilesToAttach).mockResolvedValue(["/tmp/a.txt"]);
    vi.mocked(api.attachmentUpload).mockResolvedValue([]);
    const png = {
      id: "1",
      filename: "a.png",
      size: 10,
      mimeType: "image/png",
      author: null,
      created: "",
    };
    const { container } = render(
      <main>
        <Attachments connection="c1" issueKey="DEMO-1" attachments={[png]} />
      </main>,
    );
    await screen.findByRole("img", { name: "Preview of a.png" });
    await user.click(screen.getByRole("button", { name: "Attach files…" }));
    await screen.findByText("a.txt: attached");
    await expectAccessible(container);
    await user.click(screen.getByRole("button", { name: "Delete a.png" }));
    await expectAccessible(container);
  });

  it("the console with a response and history, and user search with a card", async () => {
    const user = userEvent.setup();
    vi.mocked(api.consoleSend).mockResolvedValue({
      status: 200,
      headers: { "content-type": "application/json" },
      body: { ok: true },
      elapsedMs: 3,
    });
    vi.mocked(api.usersSearch).mockResolvedValue([{ name: "mia", displayName: "Mia", active: true }]);
    vi.mocked(api.userGet).mockResolvedValue({ name: "mia", displayName: "Mia", active: true });
    const { container } = render(
      <main aria-labelledby="page-title">
        <ConsolePage connection="c1" />
        <UserSearch connection="c1" />
      </main>,
    );
    await user.click(screen.getByRole("button", { name: "Add query parameter" }));
    await user.click(screen.getByRole("button", { name: "Send" }));
    await screen.findByRole("region", { name: "Response" });
    await user.type(screen.getByRole("searchbox", { name: "Search users" }), "mi");
    await user.click(await screen.findByRole("button", { name: /Mia/ }));
    await screen.findByRole("article", { name: "User Mia" });
    await user.click(screen.getByRole("combobox", { name: "Path" }));
    await expectAccessible(container);
  });
});
