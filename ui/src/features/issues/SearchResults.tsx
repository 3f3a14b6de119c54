import { useEffect, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ColumnsMenu } from "./columns/ColumnsMenu";
import { layoutColumns } from "./columns/columns";
import { sortOf, sortedBy } from "./columns/sorting";
import { useColumnPrefs } from "./columns/useColumnPrefs";
import { useElementWidth } from "./columns/useElementWidth";
import { IssueTable } from "./IssueTable";
import { useIssuePages } from "./useIssuePages";

/** Whether a key press belongs to a text field (then it is typing, not a shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)
  );
}

/**
 * The results of one query: progress line, the "Columns" menu, inline error, the table (its
 * chosen columns fitted to its width; a header click sorts by the server's ORDER BY through
 * `onJqlChange`), and Jira's keyboard habits (`j`/`k` move, Enter opens). Mount with
 * `key={connection + jql}`.
 */
export function SearchResults({
  connection,
  jql,
  onOpen,
  onJqlChange,
}: {
  connection: string;
  jql: string;
  onOpen: (key: string) => void;
  /** Runs another query (the same one sorted by a column); without it headers do not sort. */
  onJqlChange?: (jql: string) => void;
}) {
  const pages = useIssuePages(connection, jql);
  const choice = useColumnPrefs();
  const [measureRef, width] = useElementWidth();
  const columns = layoutColumns(choice.prefs, width);
  const hidden = choice.prefs.visible.filter((id) => !columns.some((c) => c.def.id === id));
  const [selected, setSelected] = useState<number | null>(null);
  const { rows } = pages;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (rows.length === 0) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const step = e.key === "j" ? 1 : -1;
        setSelected((s) => Math.min(Math.max((s ?? -1) + step, 0), rows.length - 1));
      } else if (e.key === "Enter" && selected !== null) {
        // A focused button handles its own Enter; on a resize handle it means nothing.
        if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement) return;
        if (e.target instanceof HTMLElement && e.target.getAttribute("role") === "separator") {
          return;
        }
        const row = rows[selected];
        if (row) {
          e.preventDefault();
          onOpen(row.key);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, onOpen]);

  const count = pages.total === null ? null : `${pages.approximate ? "about " : ""}${pages.total}`;
  let progress: string;
  if (pages.loading && rows.length === 0) progress = "Searching…";
  else if (pages.error && rows.length === 0) progress = "The search failed.";
  else if (count !== null) progress = `${rows.length} of ${count} issues loaded`;
  else progress = `${rows.length} issues loaded${pages.hasMore ? ", more to come" : ""}`;

  return (
    <div className="search-results">
      <div className="results-bar">
        <p role="status" className="progress">
          {progress}
        </p>
        <ColumnsMenu choice={choice} hidden={hidden} />
      </div>
      {pages.error && <ErrorAlert error={pages.error} title="Search failed." />}
      {pages.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {pages.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {(rows.length > 0 || pages.hasMore) && (
        <IssueTable
          rows={rows}
          hasMore={pages.hasMore}
          loading={pages.loading}
          selected={selected}
          onSelect={setSelected}
          onOpen={onOpen}
          onNeedMore={pages.loadMore}
          columns={columns}
          sortOf={(def) => sortOf(jql, def)}
          onSort={onJqlChange && ((def) => onJqlChange(sortedBy(jql, def)))}
          onResize={(def, px) => choice.setWidth(def.id, px)}
          measureRef={measureRef}
        />
      )}
      {!pages.loading && !pages.error && rows.length === 0 && (
        <p className="muted">No issues match.</p>
      )}
    </div>
  );
}
