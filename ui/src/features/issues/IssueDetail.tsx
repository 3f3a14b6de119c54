import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { IpcError } from "../../ipc";
import { openInBrowser } from "../../ipc";
import type { IssueView } from "../../ipc/issues";
import { issueView } from "../../ipc/issues";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { formatDate, formatSize } from "./format";

/**
 * The issue detail panel. Description and comment bodies arrive as HTML that Rust already
 * sanitized (jiffy-core `api::html`); that HTML, and only it, is set as inner HTML. Links in it
 * open in the system browser instead of navigating the app's window. Mount with `key={key}`.
 */
export function IssueDetail({
  connection,
  issueKey,
  onClose,
}: {
  connection: string;
  issueKey: string;
  onClose: () => void;
}) {
  const [view, setView] = useState<IssueView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let current = true;
    issueView(connection, issueKey)
      .then((v) => current && setView(v))
      .catch((e: unknown) => current && setError(errorOf(e)));
    return () => {
      current = false;
    };
  }, [connection, issueKey]);

  useEffect(() => {
    const section = sectionRef.current;
    if (!section) return;
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!link || !section.contains(link)) return;
      e.preventDefault();
      const href = link.getAttribute("href") ?? "";
      if (/^https?:/i.test(href)) openInBrowser(href).catch(() => undefined);
    };
    section.addEventListener("click", onClick);
    return () => section.removeEventListener("click", onClick);
  }, []);

  return (
    <section ref={sectionRef} aria-label={`Issue ${issueKey}`} className="issue-detail">
      <div className="issue-detail-head">
        <h2>
          {issueKey}
          {view && `: ${view.summary}`}
        </h2>
        <button type="button" onClick={onClose} aria-label={`Close ${issueKey}`}>
          Close
        </button>
      </div>
      {!view && !error && <p role="status">Loading {issueKey}…</p>}
      {error && <ErrorAlert error={error} title={`Could not open ${issueKey}.`} />}
      {view && <IssueBody view={view} />}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function IssueBody({ view }: { view: IssueView }) {
  const none = <span className="muted">None</span>;
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : none);
  return (
    <>
      <dl className="issue-fields">
        <Field label="Status">
          <span className={`status status-${view.status?.statusCategory?.key ?? "unknown"}`}>
            {view.status?.name ?? ""}
          </span>
        </Field>
        <Field label="Type">{view.issueType?.name ?? none}</Field>
        <Field label="Priority">{view.priority?.name ?? none}</Field>
        <Field label="Assignee">{view.assignee?.displayName ?? "Unassigned"}</Field>
        <Field label="Reporter">{view.reporter?.displayName ?? none}</Field>
        <Field label="Created">{formatDate(view.created)}</Field>
        <Field label="Updated">{formatDate(view.updated)}</Field>
        <Field label="Labels">{list(view.labels)}</Field>
        <Field label="Components">{list(view.components)}</Field>
        <Field label="Fix versions">{list(view.fixVersions)}</Field>
        {view.parent && (
          <Field label="Parent">
            {view.parent.key} {view.parent.fields.summary ?? ""}
          </Field>
        )}
      </dl>

      <h3>Description</h3>
      {view.descriptionHtml ? (
        // Sanitized by Rust (ammonia): no scripts, handlers, styles or remote images.
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
      ) : (
        <p className="muted">No description.</p>
      )}

      {view.subtasks.length > 0 && (
        <>
          <h3>Subtasks</h3>
          <ul>
            {view.subtasks.map((s) => (
              <li key={s.key}>
                {s.key} {s.fields.summary ?? ""}
                {s.fields.status && ` (${s.fields.status.name})`}
              </li>
            ))}
          </ul>
        </>
      )}

      {view.links.length > 0 && (
        <>
          <h3>Links</h3>
          <ul>
            {view.links.map((l) => (
              <li key={l.id}>
                {l.relation} {l.issue.key} {l.issue.fields.summary ?? ""}
              </li>
            ))}
          </ul>
        </>
      )}

      {view.fields.length > 0 && (
        <>
          <h3>More fields</h3>
          <dl className="issue-fields">
            {view.fields.map((f) => (
              <Field key={f.id} label={f.name}>
                {f.text}
              </Field>
            ))}
          </dl>
        </>
      )}

      <h3>Attachments</h3>
      {view.attachments.length > 0 ? (
        <ul aria-label="Attachments">
          {view.attachments.map((a) => (
            <li key={a.id}>
              {a.filename} <span className="muted">({formatSize(a.size)}, {a.mimeType}</span>
              <span className="muted">
                {a.author && `, ${a.author}`}, {formatDate(a.created)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No attachments.</p>
      )}

      <h3>
        Comments ({view.comments.length < view.commentsTotal
          ? `${view.comments.length} of ${view.commentsTotal}`
          : view.commentsTotal}
        )
      </h3>
      {view.comments.length > 0 ? (
        <ol className="comments" aria-label="Comments">
          {view.comments.map((c) => (
            <li key={c.id}>
              <article aria-label={`Comment by ${c.author?.displayName ?? "someone"}`}>
                <p className="comment-head">
                  <strong>{c.author?.displayName ?? "Anonymous"}</strong>{" "}
                  <span className="muted">{formatDate(c.created)}</span>
                </p>
                {/* Sanitized by Rust, like the description. */}
                <div className="rich-text" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
              </article>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No comments.</p>
      )}
    </>
  );
}
