import { useEffect, useState } from "react";
import type { IpcError } from "../../../ipc";
import type { ChangeHistory, ChangeItem } from "../../../ipc/history";
import { issueHistory } from "../../../ipc/history";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { errorOf } from "../../../components/errors";
import { formatDate } from "../format";
import { fieldLabel } from "./field-label";
import "./history.css";

function authorOf(h: ChangeHistory): string {
  return h.author?.displayName || h.author?.name || "Anonymous";
}

/**
 * A side of a change as Jira words it: the text when there is one, else the raw id. Checked
 * for being a string because a missing `toString` reads as `Object.prototype.toString`.
 */
function side(text: unknown, id: string | undefined): string {
  return (typeof text === "string" && text) || id || "";
}

function Change({ item }: { item: ChangeItem }) {
  const from = side(item.fromString, item.from);
  const to = side(Object.hasOwn(item, "toString") ? item.toString : undefined, item.to);
  const none = <span className="muted">None</span>;
  return (
    <li>
      <strong>{fieldLabel(item)}</strong>: {from || none} → {to || none}
    </li>
  );
}

/**
 * An issue's history (who changed which field when, from what to what), collapsed at first.
 * It is loaded when first opened — most views never open it — and again after the issue
 * changed (`refresh`) while it is open.
 */
export function History({
  connection,
  issueKey,
  refresh = 0,
}: {
  connection: string;
  issueKey: string;
  /** Bumped when the issue changed, so a new entry shows without reopening the issue. */
  refresh?: number;
}) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<ChangeHistory[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    issueHistory(connection, issueKey)
      .then((list) => {
        if (!live) return;
        setEntries(list);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorOf(e)));
    return () => {
      live = false;
    };
  }, [open, connection, issueKey, refresh]);

  // Newest first: what changed last is what people look for.
  const shown = entries ? [...entries].reverse() : null;
  return (
    <details
      className="history-section"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>History{entries && ` (${entries.length})`}</summary>
      {open && !entries && !error && <p role="status">Loading history…</p>}
      {error && <ErrorAlert error={error} title="Could not load the history." />}
      {shown && shown.length === 0 && <p className="muted">No changes yet.</p>}
      {shown && shown.length > 0 && (
        <ol className="history-list" aria-label={`History of ${issueKey}`}>
          {shown.map((h) => (
            <li key={h.id}>
              <article aria-label={`Change by ${authorOf(h)}`}>
                <p>
                  <strong>{authorOf(h)}</strong>{" "}
                  <time dateTime={h.created} className="muted">
                    {formatDate(h.created)}
                  </time>
                </p>
                <ul>
                  {h.items.map((item, n) => (
                    <Change key={`${item.field}-${n}`} item={item} />
                  ))}
                </ul>
              </article>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
