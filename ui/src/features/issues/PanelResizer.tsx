import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { CSSProperties } from "react";

/** Narrowest and widest the issue panel may be made, in px. */
export const PANEL_MIN = 280;
export const PANEL_MAX = 900;
/** The list beside the panel stays at least this wide (px). */
const LIST_MIN = 320;
/** Px an arrow key moves the split; with Shift, four times as far. */
const KEY_STEP = 24;
const STORAGE_KEY = "jiffy.issuePanel.width";

function load(): number | null {
  try {
    const n = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(n) && n >= PANEL_MIN && n <= PANEL_MAX ? n : null;
  } catch {
    return null;
  }
}

/** The issue panel's width chosen on this machine (`null`: the layout's default). */
export interface PanelSplit {
  width: number | null;
  setWidth: (px: number) => void;
  /** The CSS variable the page's grid reads. */
  style: CSSProperties | undefined;
}

/** Remembers the width the issue panel was given (localStorage). */
export function usePanelSplit(): PanelSplit {
  const [width, set] = useState<number | null>(load);
  const setWidth = useCallback((px: number) => {
    const next = Math.round(Math.min(PANEL_MAX, Math.max(PANEL_MIN, px)));
    set(next);
    try {
      localStorage.setItem(STORAGE_KEY, String(next));
    } catch {
      // Not remembered; the split still moves.
    }
  }, []);
  const style =
    width === null ? undefined : ({ "--detail-width": `${width}px` } as CSSProperties);
  return { width, setWidth, style };
}

/**
 * The handle between the issue list and the issue panel: drag it, or focus it and use the
 * arrow keys (left widens the panel, right narrows it; Home/End: widest/narrowest). Placed
 * right before the panel, whose width it reads.
 */
export function PanelResizer({ split }: { split: PanelSplit }) {
  const handle = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  // The panel's drawn width (the layout may hold it below what was asked for).
  const panelWidth = () => {
    const panel = handle.current?.nextElementSibling;
    return panel ? Math.round(panel.getBoundingClientRect().width) : (split.width ?? PANEL_MIN);
  };
  // The width last asked for, until the panel is drawn at it: keys pressed faster than the
  // page draws each step from the last one, not from the stale drawn width.
  const pending = useRef<number | null>(null);
  const resize = (px: number) => {
    // The list keeps LIST_MIN: the panel may grow by what the list has beyond that.
    const list = handle.current?.previousElementSibling?.getBoundingClientRect().width ?? 0;
    const room = list > 0 ? panelWidth() + list - LIST_MIN : PANEL_MAX;
    const to = Math.min(px, Math.max(PANEL_MIN, room));
    pending.current = Math.min(PANEL_MAX, Math.max(PANEL_MIN, to));
    split.setWidth(to);
    requestAnimationFrame(() => {
      pending.current = null;
      setShown(panelWidth());
    });
  };
  // The value a screen reader announces, measured once the panel is drawn.
  useLayoutEffect(() => {
    const panel = handle.current?.nextElementSibling;
    if (panel) setShown(Math.round(panel.getBoundingClientRect().width) || null);
  }, []);
  const now = shown ?? split.width ?? PANEL_MIN;
  return (
    // A focusable separator is ARIA's widget for a splitter (it has a value and takes arrow
    // keys); the lint rules know only the static separator.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      ref={handle}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize issue panel"
      aria-valuenow={now}
      aria-valuemin={PANEL_MIN}
      aria-valuemax={PANEL_MAX}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above
      tabIndex={0}
      className="panel-resizer"
      onKeyDown={(e) => {
        const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
        const width = pending.current ?? panelWidth();
        const to =
          e.key === "ArrowLeft" ? width + step
          : e.key === "ArrowRight" ? width - step
          : e.key === "Home" ? PANEL_MAX
          : e.key === "End" ? PANEL_MIN
          : null;
        if (to === null) return;
        e.preventDefault();
        e.stopPropagation();
        resize(to);
      }}
      onPointerDown={(e) => {
        // No text selection while dragging; the handle takes the focus as a click gives it.
        e.preventDefault();
        e.currentTarget.focus();
        e.currentTarget.setPointerCapture?.(e.pointerId);
        drag.current = { x: e.clientX, width: panelWidth() };
      }}
      onPointerMove={(e) => {
        // Dragging left widens the panel on the right.
        if (drag.current) resize(drag.current.width - (e.clientX - drag.current.x));
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
    />
  );
}
