// Default answers for the commands an IssueDetail calls besides `issue_view`, for tests that
// `vi.mock` "ipc/issue-actions", "ipc/comments-attachments" and "ipc/create".
import { vi } from "vitest";
import * as actions from "../../ipc/issue-actions";
import * as extras from "../../ipc/comments-attachments";
import * as drafts from "../../ipc/create";

/** No edit form fields, no transitions, no comments, no drafts, drag-and-drop ignored. */
export function mockIssueExtras(): void {
  vi.mocked(actions.issueEditFields).mockResolvedValue({ fields: [], values: {} });
  vi.mocked(actions.issueTransitions).mockResolvedValue([]);
  vi.mocked(extras.commentsList).mockResolvedValue([]);
  vi.mocked(extras.commentVisibilityOptions).mockResolvedValue({ roles: [], groups: [] });
  vi.mocked(extras.onFileDrag).mockResolvedValue(() => undefined);
  vi.mocked(extras.attachmentThumbnail).mockResolvedValue(null);
  vi.mocked(drafts.draftLoad).mockResolvedValue(null);
}
