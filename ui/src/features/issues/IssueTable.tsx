import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { IssueRow } from "../../ipc/issues";
import { formatDate } from "./format";

/** Height of one row in px (CSS keeps rows to one line so the estimate is exact). */
const ROW_HEIGHT = 36;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 10;
/** Ask for the next page when the last loaded row is this close to the visible ones. */
const PREFETCH_ROWS = 20;

const COLUMNS = ["Key", "Type", "Summary", "Status", "Assignee", "Priority", "Updated"];
/** Beside an open issue the table is narrow: these columns stay, the others step aside. */
const COMPACT = new Set(["Key", "Summary", "Status", "Assignee"]);

/**
 * The issues of a search as a virtualized table: only the rows in view (plus a few) are in the
 * DOM, so 10,000 issues cost what 40 do. Calls `onNeedMore` when the end of the loaded rows
 * scrolls into view.
 */
export function IssueTable({
  rows,
  hasMore,
  loading,
  selected,
  onSelect,
  onOpen,
  onNeedMore,
  compact = false,
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
  /** Only key, summary, status and assignee (the detail panel is open beside the table). */
  compact?: boolean;
}) {
  const columns = compact ? COLUMNS.filter((c) => COMPACT.has(c)) : COLUMNS;
  const shows = (c: string) => !compact || COMPACT.has(c);
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
    <div ref={scrollRef} className="issue-table-scroll">
      <table className={compact ? "issue-table compact" : "issue-table"} aria-label="Issues" aria-rowcount={count + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
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
                <td>
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
                {shows("Type") && <td>{row.issueType}</td>}
                <td className="summary">{row.summary}</td>
                <td>
                  <span className={`status status-${row.statusCategory || "unknown"}`}>
                    {row.status}
                  </span>
                </td>
                {/* The cell itself is muted: a span clipped by the cell's ellipsis reads as
                    overlapping the next column, which contrast checkers (axe) fail. */}
                <td className={row.assignee ? undefined : "muted"}>
                  {row.assignee || "Unassigned"}
                </td>
                {shows("Priority") && <td>{row.priority}</td>}
                {shows("Updated") && <td>{formatDate(row.updated)}</td>}
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
