import { useCallback, useState } from "react";
import type { ColumnId, ColumnPrefs } from "./columns";
import { clampWidth, column, defaultPrefs, loadPrefs, savePrefs } from "./columns";

/** The column choice and widths, remembered on this machine, and the ways to change them. */
export interface ColumnChoice {
  prefs: ColumnPrefs;
  /** Shows or hides a column (key and summary stay). */
  toggle: (id: ColumnId, shown: boolean) => void;
  /** Sets a column's width (kept between the limits). */
  setWidth: (id: ColumnId, px: number) => void;
  /** Back to the default columns and widths. */
  reset: () => void;
}

/** Loads the saved choice once and saves every change. */
export function useColumnPrefs(): ColumnChoice {
  const [prefs, setPrefs] = useState<ColumnPrefs>(loadPrefs);
  const update = useCallback((change: (old: ColumnPrefs) => ColumnPrefs) => {
    setPrefs((old) => {
      const next = change(old);
      savePrefs(next);
      return next;
    });
  }, []);
  const toggle = useCallback(
    (id: ColumnId, shown: boolean) => {
      if (column(id).required) return;
      update((old) => ({
        ...old,
        visible: shown
          ? [...old.visible.filter((v) => v !== id), id]
          : old.visible.filter((v) => v !== id),
      }));
    },
    [update],
  );
  const setWidth = useCallback(
    (id: ColumnId, px: number) =>
      update((old) => ({ ...old, widths: { ...old.widths, [id]: clampWidth(px) } })),
    [update],
  );
  const reset = useCallback(() => {
    savePrefs(null);
    setPrefs(defaultPrefs());
  }, []);
  return { prefs, toggle, setWidth, reset };
}
