import { useEffect, useId, useRef } from "react";
import type { ColumnDef } from "./columns";
import { MAX_WIDTH, MIN_WIDTH } from "./columns";

/** Px an arrow key moves a column edge; with Shift, four times as far. */
const KEY_STEP = 16;

/**
 * A column header: a button that sorts by the column (when it sorts), `aria-sort` when the
 * query is sorted by it, and a separator on its right edge that resizes the column by
 * dragging or by the arrow keys (Home/End: narrowest/widest).
 */
export function HeaderCell({
  def,
  width,
  resizeFrom,
  sort,
  onSort,
  onResize,
}: {
  def: ColumnDef;
  /** The width the column has now. */
  width: number;
  /**
   * The width a resize starts from: the chosen width, or the shown one when that is wider
   * (the summary takes the room left over).
   */
  resizeFrom: number;
  /** How the query sorts by this column, if it does. */
  sort: "ascending" | "descending" | null;
  /** Sorts by the column; without it the header is plain text. */
  onSort?: (def: ColumnDef) => void;
  /** A new width (px) for the column. */
  onResize: (def: ColumnDef, px: number) => void;
}) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  // The width last asked for by a key, until the table is drawn again: keys pressed faster
  // than the page draws each step from the last one.
  const pending = useRef<number | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [resizeFrom]);
  const labelId = useId();
  // Named by its label alone: the resize handle's name would otherwise join it.
  return (
    <th scope="col" aria-sort={sort ?? undefined} aria-labelledby={labelId}>
      {def.sortField && onSort ? (
        <button type="button" id={labelId} className="sort" onClick={() => onSort(def)}>
          {/* The ▲/▼ comes from CSS (th[aria-sort]): not part of the header's text. */}
          {def.label}
        </button>
      ) : (
        <span id={labelId}>{def.label}</span>
      )}
      {/* A focusable separator is ARIA's widget for a resize handle (it has a value and takes
          arrow keys); the lint rules know only the static separator. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${def.label} column`}
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above
        tabIndex={0}
        className="column-resizer"
        onKeyDown={(e) => {
          const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
          const to =
            e.key === "ArrowRight" ? (pending.current ?? resizeFrom) + step
            : e.key === "ArrowLeft" ? (pending.current ?? resizeFrom) - step
            : e.key === "Home" ? MIN_WIDTH
            : e.key === "End" ? MAX_WIDTH
            : null;
          if (to === null) return;
          // Handled here: the table's own keys (j/k, Enter) must not see it.
          e.preventDefault();
          e.stopPropagation();
          pending.current = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, to));
          onResize(def, to);
        }}
        onPointerDown={(e) => {
          // No text selection while dragging; the handle takes the focus as a click gives it.
          e.preventDefault();
          e.currentTarget.focus();
          e.currentTarget.setPointerCapture?.(e.pointerId);
          drag.current = { x: e.clientX, width: resizeFrom };
        }}
        onPointerMove={(e) => {
          if (drag.current) onResize(def, drag.current.width + e.clientX - drag.current.x);
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerCancel={() => {
          drag.current = null;
        }}
      />
    </th>
  );
}
