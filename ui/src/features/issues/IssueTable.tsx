import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { IssueRow } from "../../ipc/issues";
import type { ColumnDef, LaidOut } from "./columns/columns";
import { HeaderCell } from "./columns/HeaderCell";
import { formatDate } from "./format";

/** Height of one row in px (CSS keeps rows to one line so the estimate is exact). */
const ROW_HEIGHT = 36;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 10;
/** Ask for the next page when the last loaded row is this close to the visible ones. */
const PREFETCH_ROWS = 20;

/** A Jira date (`yyyy-mm-dd`, no time or zone) as a short local date. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/**
 * A Jira timestamp as a short local date for a table cell (the time is in its tooltip): the
 * table has no room for "Aug 16, 2026, 6:56 PM" in every row.
 */
export function shortDate(iso: string): string {
  const date = new Date(iso.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  if (!iso || Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** One cell of a row; the key cell (a button) is drawn by the row itself. */
function Cell({ def, row }: { def: ColumnDef; row: IssueRow }) {
  switch (def.id) {
    case "summary":
      return <td className="summary">{row.summary}</td>;
    case "status":
      return (
        <td>
          <span className={`status status-${row.statusCategory || "unknown"}`}>{row.status}</span>
        </td>
      );
    case "assignee":
      // The cell itself is muted: a span clipped by the cell's ellipsis reads as overlapping
      // the next column, which contrast checkers (axe) fail.
      return <td className={row.assignee ? undefined : "muted"}>{row.assignee || "Unassigned"}</td>;
    case "updated":
      return <td title={formatDate(row.updated)}>{shortDate(row.updated)}</td>;
    case "created":
      return <td title={formatDate(row.created)}>{shortDate(row.created)}</td>;
    case "dueDate":
      return <td>{formatDay(row.dueDate)}</td>;
    default:
      return <td>{def.text?.(row) ?? ""}</td>;
  }
}

/**
 * The issues of a search as a virtualized table: only the rows in view (plus a few) are in the
 * DOM, so 10,000 issues cost what 40 do. Calls `onNeedMore` when the end of the loaded rows
 * scrolls into view. The columns come laid out (chosen, fitted to the width); their headers
 * sort and resize.
 */
export function IssueTable({
  rows,
  hasMore,
  loading,
  selected,
  onSelect,
  onOpen,
  onNeedMore,
  columns,
  sortOf,
  onSort,
  onResize,
  measureRef,
}: {
  rows: IssueRow[];
  hasMore: boolean;
  loading: boolean;
  /** Index of the selected row (j/k move it). */
  selected: number | null;
  onSelect: (index: number) => void;
  /** Opens the issue in the detail panel. */
  onOpen: (key: string) => void;
  onNeedMore: () => void;
  /** The columns shown and their widths. */
  columns: LaidOut[];
  /** How the query sorts by a column, if it does. */
  sortOf: (def: ColumnDef) => "ascending" | "descending" | null;
  /** Sorts by a column (its header was clicked); without it headers do not sort. */
  onSort?: (def: ColumnDef) => void;
  /** A new width for a column (its edge was dragged or keyed). */
  onResize: (def: ColumnDef, px: number) => void;
  /** Told the scrolling box, whose width the columns are fitted to. */
  measureRef?: (el: HTMLElement | null) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // One extra row at the end says more is coming.
  const count = rows.length + (hasMore ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's documented hook.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loading && last >= rows.length - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, loading, last, rows.length, onNeedMore]);

  // The selected row's key button takes the focus, so Enter (or Space) opens that issue and
  // screen readers follow j/k.
  useEffect(() => {
    if (selected === null) return;
    virtualizer.scrollToIndex(selected, { align: "auto" });
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(
      `button[data-index="${selected}"]`,
    );
    button?.focus({ preventScroll: true });
  }, [selected, virtualizer]);

  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div
      ref={(el) => {
        scrollRef.current = el;
        measureRef?.(el);
      }}
      className="issue-table-scroll"
    >
      <table
        className="issue-table"
        aria-label="Issues"
        aria-rowcount={count + 1}
        style={{ width: columns.reduce((sum, c) => sum + c.width, 0) }}
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.def.id} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <HeaderCell
                key={c.def.id}
                def={c.def}
                width={c.width}
                resizeFrom={Math.max(c.chosen, c.width)}
                sort={sortOf(c.def)}
                onSort={onSort}
                onResize={onResize}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" style={{ height: top }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) {
              return (
                <tr key="more" aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  <td colSpan={columns.length} className="muted">
                    Loading more issues…
                  </td>
                </tr>
              );
            }
            const isSelected = item.index === selected;
            return (
              <tr
                key={row.key}
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={isSelected ? "selected" : undefined}
                style={{ height: ROW_HEIGHT }}
              >
                {columns.map(({ def }) =>
                  def.id === "key" ? (
                    <td key="key">
                      <button
                        type="button"
                        className="issue-key"
                        data-index={item.index}
                        onClick={() => {
                          onSelect(item.index);
                          onOpen(row.key);
                        }}
                      >
                        {row.key}
                      </button>
                    </td>
                  ) : (
                    <Cell key={def.id} def={def} row={row} />
                  ),
                )}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" style={{ height: bottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
