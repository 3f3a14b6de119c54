import { useEffect, useState } from "react";
import type { IpcError } from "../../../ipc";
import type { CommentItem, VisibilityOptions } from "../../../ipc/comments-attachments";
import {
  commentAdd,
  commentDelete,
  commentUpdate,
  commentsList,
  commentVisibilityOptions,
} from "../../../ipc/comments-attachments";
import { Dialog } from "../../../components/Dialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { errorOf } from "../../../components/errors";
import { useCommand } from "../../../components/useCommand";
import { formatDate } from "../format";
import { CommentForm } from "./CommentForm";
import { useCommentDraft } from "./useCommentDraft";
import { visibilityLabel } from "./visibility";
import "./comments.css";

function authorOf(c: CommentItem): string {
  return c.author?.displayName || c.author?.name || "Anonymous";
}

/**
 * An issue's comments — all pages — with add, edit and delete. Bodies are HTML that Rust
 * sanitized (jiffy-core `api::html`); only that HTML is set as inner HTML.
 */
export function Comments({
  connection,
  issueKey,
  refresh = 0,
}: {
  connection: string;
  issueKey: string;
  /**
   * Bumped when the issue changed elsewhere (a transition screen's comment, an edit): the
   * list is loaded again, so a comment added that way shows without reopening the issue.
   */
  refresh?: number;
}) {
  const [comments, setComments] = useState<CommentItem[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [options, setOptions] = useState<VisibilityOptions | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CommentItem | null>(null);
  const { draft, save, discard } = useCommentDraft(connection, issueKey);
  // A new form (empty) after "Discard draft".
  const [formRun, setFormRun] = useState(0);

  useEffect(() => {
    let live = true;
    commentsList(connection, issueKey)
      .then((list) => live && setComments(list))
      .catch((e: unknown) => live && setLoadError(errorOf(e)));
    // Without the lists the select is left out and comments go to everyone.
    commentVisibilityOptions(connection, issueKey)
      .then((o) => live && setOptions(o))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [connection, issueKey, refresh]);

  const replace = (updated: CommentItem) =>
    setComments((list) => list && list.map((c) => (c.id === updated.id ? updated : c)));

  return (
    <section className="comments-section" aria-labelledby={`comments-${issueKey}`}>
      <h3 id={`comments-${issueKey}`}>Comments{comments && ` (${comments.length})`}</h3>
      {!comments && !loadError && <p role="status">Loading comments…</p>}
      {loadError && <ErrorAlert error={loadError} title="Could not load the comments." />}
      {comments && comments.length === 0 && <p className="muted">No comments yet.</p>}
      {comments && comments.length > 0 && (
        <ol className="comment-list" aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id}>
              <article aria-label={`Comment by ${authorOf(c)}`}>
                <p className="comment-head">
                  <strong>{authorOf(c)}</strong>{" "}
                  <span className="muted">
                    {formatDate(c.created)}
                    {c.edited && " (edited)"}
                  </span>
                  {c.visibility && (
                    <span className="badge">Visible to {visibilityLabel(c.visibility)}</span>
                  )}
                </p>
                {editing === c.id ? (
                  <CommentForm
                    id={`comment-${c.id}-edit`}
                    label={`Edit comment by ${authorOf(c)}`}
                    submitLabel="Save comment"
                    initialText={c.bodyMarkdown}
                    initialVisibility={c.visibility}
                    options={options}
                    onSubmit={async (markdown, visibility) => {
                      replace(await commentUpdate(connection, issueKey, c.id, markdown, visibility));
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <>
                    {/* Sanitized by Rust (ammonia): no scripts, handlers, styles or remote images. */}
                    <div className="rich-text" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
                    <div className="row-actions">
                      <button
                        type="button"
                        className="small"
                        aria-label={`Edit comment by ${authorOf(c)}`}
                        onClick={() => setEditing(c.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="small danger"
                        aria-label={`Delete comment by ${authorOf(c)}`}
                        onClick={() => setDeleting(c)}
                      >
                        Delete
                      </button>
                    </div>
                  </>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      {comments && draft !== undefined && (
        <CommentForm
          key={formRun}
          id={`comment-${issueKey}-new`}
          label="Add a comment"
          submitLabel="Add comment"
          initialText={draft?.text ?? ""}
          initialVisibility={draft?.visibility ?? null}
          options={options}
          clearOnSuccess
          onChange={save}
          notice={
            draft && (
              <p className="hint draft-notice">
                Restored your unsent comment from {formatDate(new Date(draft.savedAt).toISOString())}.{" "}
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    discard();
                    setFormRun((n) => n + 1);
                  }}
                >
                  Discard draft
                </button>
              </p>
            )
          }
          onSubmit={async (markdown, visibility) => {
            const added = await commentAdd(connection, issueKey, markdown, visibility);
            discard();
            setComments((list) => (list ? [...list, added] : [added]));
          }}
        />
      )}
      {deleting && (
        <DeleteComment
          connection={connection}
          issueKey={issueKey}
          comment={deleting}
          onDone={(deleted) => {
            if (deleted) setComments((list) => list && list.filter((c) => c.id !== deleting.id));
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}

/** The confirmation that names the comment (author, date and the start of its text). */
function DeleteComment({
  connection,
  issueKey,
  comment,
  onDone,
}: {
  connection: string;
  issueKey: string;
  comment: CommentItem;
  onDone: (deleted: boolean) => void;
}) {
  const { busy, error, run } = useCommand();
  const excerpt = comment.bodyMarkdown.trim().slice(0, 120);
  return (
    <Dialog title={`Delete comment by ${authorOf(comment)}?`} onClose={() => onDone(false)}>
      <p>
        The comment of {formatDate(comment.created)} on {issueKey} will be deleted for everyone.
        This cannot be undone.
      </p>
      {excerpt && <blockquote className="muted">{excerpt}</blockquote>}
      {error && <ErrorAlert error={error} title="Could not delete the comment." />}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () => {
            const done = await run(async () => {
              await commentDelete(connection, issueKey, comment.id);
              return true;
            });
            if (done) onDone(true);
          }}
        >
          Delete comment
        </button>
        <button type="button" onClick={() => onDone(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
