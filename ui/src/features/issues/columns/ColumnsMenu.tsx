import { useEffect, useId, useRef, useState } from "react";
import type { ColumnId } from "./columns";
import { COLUMNS } from "./columns";
import type { ColumnChoice } from "./useColumnPrefs";

/**
 * The "Columns" button and its menu: a checkbox per column (key and summary cannot be
 * unticked) and "Reset columns". Escape or a click elsewhere closes it.
 */
export function ColumnsMenu({
  choice,
  hidden,
}: {
  choice: ColumnChoice;
  /** Chosen columns the table has no room for just now (named so nobody wonders). */
  hidden: ColumnId[];
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && root.current?.contains(e.target as Node)) {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="columns-menu" ref={root}>
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        Columns
      </button>
      {open && (
        <div id={id} className="columns-popover">
          <fieldset>
            <legend>Columns shown</legend>
            {COLUMNS.map((c) => (
              <div key={c.id} className="columns-option">
                <label>
                  <input
                    type="checkbox"
                    checked={choice.prefs.visible.includes(c.id)}
                    disabled={c.required}
                    onChange={(e) => choice.toggle(c.id, e.currentTarget.checked)}
                  />{" "}
                  {c.label}
                </label>
                {hidden.includes(c.id) && <span className="muted"> (no room)</span>}
              </div>
            ))}
          </fieldset>
          <button type="button" onClick={choice.reset}>
            Reset columns
          </button>
        </div>
      )}
    </div>
  );
}
