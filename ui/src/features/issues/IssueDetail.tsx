import { useEffect, useMemo, useRef, useState } from "react";
import type { IpcError } from "../../ipc";
import { openInBrowser } from "../../ipc";
import type { IssueView } from "../../ipc/issues";
import { issueView } from "../../ipc/issues";
import type { IssueEditForm, TransitionForm } from "../../ipc/issue-actions";
import { issueEditFields, issueOpenWindow, issueTransitions } from "../../ipc/issue-actions";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { IssueBody } from "./IssueBody";
import { Attachments } from "./attachments/Attachments";
import { Comments } from "./comments/Comments";
import { History } from "./history/History";
import { DeleteIssue } from "./actions/DeleteIssue";
import { EditInPlace } from "./actions/EditInPlace";
import { Transitions } from "./actions/Transitions";
import type { IssueEditing } from "./actions/context";
import { IssueEditContext } from "./actions/context";

/**
 * The issue detail panel (or the whole of an issue's own window). Description and comment
 * bodies arrive as HTML that Rust already sanitized (jiffy-core `api::html`); that HTML, and
 * only it, is set as inner HTML. Links in it open in the system browser instead of navigating
 * the app's window. Fields editmeta allows are edited in place; transitions, assign, delete
 * and "open in a new window" act on the issue. Mount with `key={key}`.
 */
export function IssueDetail({
  connection,
  issueKey,
  onClose,
  onDeleted,
  standalone = false,
}: {
  connection: string;
  issueKey: string;
  /** Closes the panel; without it there is no Close button (the issue's own window). */
  onClose?: () => void;
  /** After the issue was deleted (the panel shows that it was, when not given). */
  onDeleted?: () => void;
  /** In its own window: no "open in a new window". */
  standalone?: boolean;
}) {
  const [view, setView] = useState<IssueView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [form, setForm] = useState<IssueEditForm | null>(null);
  const [transitions, setTransitions] = useState<TransitionForm[]>([]);
  const [actionsError, setActionsError] = useState<IpcError | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [windowError, setWindowError] = useState<IpcError | null>(null);
  // Bumped after every change, to load the issue, its edit form and transitions again.
  const [run, setRun] = useState(0);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let current = true;
    issueView(connection, issueKey)
      .then((v) => current && setView(v))
      .catch((e: unknown) => current && setError(errorOf(e)));
    // Editing and moving are extras: the issue shows even when they cannot be loaded.
    Promise.all([issueEditFields(connection, issueKey), issueTransitions(connection, issueKey)])
      .then(([f, t]) => {
        if (!current) return;
        setForm(f);
        setTransitions(t);
        setActionsError(null);
      })
      .catch((e: unknown) => current && setActionsError(errorOf(e)));
    return () => {
      current = false;
    };
  }, [connection, issueKey, run]);

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

  const editing: IssueEditing = useMemo(
    () => ({ connection, issueKey, form, onChanged: () => setRun((n) => n + 1) }),
    [connection, issueKey, form],
  );

  const openWindow = () => {
    setWindowError(null);
    issueOpenWindow(connection, issueKey).catch((e: unknown) => setWindowError(errorOf(e)));
  };

  if (deleted) {
    return (
      <section aria-label={`Issue ${issueKey}`} className="issue-detail">
        <p role="status">{issueKey} was deleted.</p>
      </section>
    );
  }

  return (
    <section ref={sectionRef} aria-label={`Issue ${issueKey}`} className="issue-detail">
      <IssueEditContext.Provider value={editing}>
        <div className="issue-detail-head">
          <h2>
            {issueKey}
            {view && `: ${view.summary}`}
          </h2>
          {onClose && (
            <button type="button" onClick={onClose} aria-label={`Close ${issueKey}`}>
              Close
            </button>
          )}
        </div>
        {view && (
          <div className="issue-actions">
            <EditInPlace fieldId="summary">
              <span className="muted">Summary</span>
            </EditInPlace>
            <Transitions
              connection={connection}
              issueKey={issueKey}
              transitions={transitions}
              onDone={editing.onChanged}
            />
            <div className="inline wrap">
              {!standalone && (
                <button type="button" className="small" onClick={openWindow}>
                  Open {issueKey} in a new window
                </button>
              )}
              <DeleteIssue
                connection={connection}
                issueKey={issueKey}
                summary={view.summary}
                subtasks={view.subtasks.length}
                onDeleted={() => (onDeleted ? onDeleted() : setDeleted(true))}
              />
            </div>
            {windowError && (
              <ErrorAlert error={windowError} title={`Could not open ${issueKey} in a window.`} />
            )}
            {actionsError && (
              <p className="hint">
                Editing and transitions are not available: {actionsError.message}
              </p>
            )}
          </div>
        )}
        {!view && !error && <p role="status">Loading {issueKey}…</p>}
        {error && <ErrorAlert error={error} title={`Could not open ${issueKey}.`} />}
        {view && (
          <>
            <IssueBody view={view} connection={connection} />
            <Attachments
              connection={connection}
              issueKey={issueKey}
              attachments={view.attachments}
            />
            <Comments connection={connection} issueKey={issueKey} refresh={run} />
            <History connection={connection} issueKey={issueKey} refresh={run} />
          </>
        )}
      </IssueEditContext.Provider>
    </section>
  );
}
