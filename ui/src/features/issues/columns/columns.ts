// The issue table's columns: which exist, which a person chose and how wide they made them
// (kept in localStorage), and which fit the width the table has.
import type { IssueRow } from "../../../ipc/issues";

/** Every column the table can show. */
export type ColumnId =
  | "key"
  | "type"
  | "summary"
  | "status"
  | "assignee"
  | "priority"
  | "updated"
  | "created"
  | "reporter"
  | "dueDate"
  | "labels"
  | "components"
  | "fixVersions";

/** What the table knows of a column. */
export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** The JQL field ORDER BY sorts it by; `null` when the column does not sort. */
  sortField: string | null;
  /** Other names of `sortField` a query may use (lower case). */
  sortAliases?: string[];
  /**
   * Whether ORDER BY without ASC/DESC sorts it descending (Jira's field default: dates and
   * priority descend, everything else ascends).
   */
  defaultDescending?: boolean;
  /** Width in px before anyone resizes it. */
  width: number;
  /** Narrower than this the column is unreadable: it steps aside instead. */
  minWidth: number;
  /**
   * Which columns step aside first when the table is narrow: the highest number first.
   * Key and summary never do (and cannot be hidden).
   */
  priority: number;
  /** Key and summary: always shown. */
  required?: boolean;
  /** The row's value as text, for columns shown as plain text. */
  text?: (row: IssueRow) => string;
}

const list = (values: string[]) => values.join(", ");

/** Every column, in the order the table shows them. */
export const COLUMNS: readonly ColumnDef[] = [
  { id: "key", label: "Key", sortField: "key", sortAliases: ["issuekey"], width: 118, minWidth: 110, priority: 0, required: true },
  { id: "type", label: "Type", sortField: "issuetype", sortAliases: ["type"], width: 110, minWidth: 70, priority: 6, text: (r) => r.issueType },
  { id: "summary", label: "Summary", sortField: "summary", width: 360, minWidth: 130, priority: 0, required: true },
  { id: "status", label: "Status", sortField: "status", width: 130, minWidth: 90, priority: 1 },
  { id: "assignee", label: "Assignee", sortField: "assignee", width: 150, minWidth: 84, priority: 2 },
  { id: "priority", label: "Priority", sortField: "priority", defaultDescending: true, width: 100, minWidth: 70, priority: 5, text: (r) => r.priority },
  { id: "updated", label: "Updated", sortField: "updated", defaultDescending: true, width: 132, minWidth: 124, priority: 3 },
  { id: "created", label: "Created", sortField: "created", defaultDescending: true, width: 132, minWidth: 124, priority: 7 },
  { id: "reporter", label: "Reporter", sortField: "reporter", width: 150, minWidth: 90, priority: 7, text: (r) => r.reporter },
  { id: "dueDate", label: "Due date", sortField: "duedate", sortAliases: ["due"], defaultDescending: true, width: 120, minWidth: 100, priority: 8 },
  { id: "labels", label: "Labels", sortField: "labels", sortAliases: ["label"], width: 160, minWidth: 80, priority: 9, text: (r) => list(r.labels) },
  { id: "components", label: "Components", sortField: null, width: 160, minWidth: 80, priority: 9, text: (r) => list(r.components) },
  { id: "fixVersions", label: "Fix versions", sortField: null, width: 140, minWidth: 80, priority: 9, text: (r) => list(r.fixVersions) },
];

/** The columns shown until someone chooses: Jira's habit. */
export const DEFAULT_VISIBLE: readonly ColumnId[] = [
  "key",
  "type",
  "summary",
  "status",
  "assignee",
  "priority",
  "updated",
];

/** Narrowest and widest a column may be dragged or keyed to. */
export const MIN_WIDTH = 60;
export const MAX_WIDTH = 1000;

/** What a person chose: the columns shown and the widths they set. */
export interface ColumnPrefs {
  visible: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
}

const STORAGE_KEY = "jiffy.issueTable.columns";
const IDS = new Set<string>(COLUMNS.map((c) => c.id));

/** The default choice. */
export function defaultPrefs(): ColumnPrefs {
  return { visible: [...DEFAULT_VISIBLE], widths: {} };
}

/** Makes stored (or any) prefs safe: known columns only, key and summary always in. */
export function cleanPrefs(raw: unknown): ColumnPrefs {
  if (typeof raw !== "object" || raw === null) return defaultPrefs();
  const { visible, widths } = raw as { visible?: unknown; widths?: unknown };
  const shown = Array.isArray(visible)
    ? visible.filter((v): v is ColumnId => typeof v === "string" && IDS.has(v))
    : [...DEFAULT_VISIBLE];
  for (const c of COLUMNS) if (c.required && !shown.includes(c.id)) shown.push(c.id);
  const sizes: Partial<Record<ColumnId, number>> = {};
  if (typeof widths === "object" && widths !== null) {
    for (const [id, w] of Object.entries(widths as Record<string, unknown>)) {
      if (IDS.has(id) && typeof w === "number" && Number.isFinite(w)) {
        sizes[id as ColumnId] = clampWidth(w);
      }
    }
  }
  return { visible: shown, widths: sizes };
}

/** The prefs saved on this machine, or the defaults. */
export function loadPrefs(): ColumnPrefs {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? cleanPrefs(JSON.parse(text)) : defaultPrefs();
  } catch {
    // Unreadable storage or JSON: the defaults are a fine answer.
    return defaultPrefs();
  }
}

/** Saves the prefs; `null` forgets them (back to the defaults). */
export function savePrefs(prefs: ColumnPrefs | null): void {
  try {
    if (prefs) localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // A full or disabled storage only means the choice is not remembered.
  }
}

/** A width kept between [`MIN_WIDTH`] and [`MAX_WIDTH`], whole pixels. */
export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, px)));
}

/** The column by id. */
export function column(id: ColumnId): ColumnDef {
  const found = COLUMNS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown column ${id}`);
  return found;
}

/** One column as laid out: its def and the width it gets. */
export interface LaidOut {
  def: ColumnDef;
  /** The width it is drawn at. */
  width: number;
  /** The width chosen for it (or its default). */
  chosen: number;
}

/**
 * The chosen columns that fit `available` px, with their widths: columns step aside by
 * priority while their minimum widths do not fit; when the chosen widths do not fit either,
 * each shrinks towards its minimum by the same share; extra room goes to the summary.
 */
export function layoutColumns(prefs: ColumnPrefs, available: number | null): LaidOut[] {
  const widthOf = (c: ColumnDef) => prefs.widths[c.id] ?? c.width;
  let shown = COLUMNS.filter((c) => prefs.visible.includes(c.id));
  // Not laid out (yet): every chosen column at its chosen width.
  if (available === null) {
    return shown.map((def) => ({ def, width: widthOf(def), chosen: widthOf(def) }));
  }
  const sum = (cols: ColumnDef[], f: (c: ColumnDef) => number) =>
    cols.reduce((total, c) => total + f(c), 0);
  while (sum(shown, (c) => c.minWidth) > available) {
    const optional = shown.filter((c) => !c.required);
    if (optional.length === 0) break;
    const first = optional.reduce((a, b) => (b.priority >= a.priority ? b : a));
    shown = shown.filter((c) => c !== first);
  }
  const wanted = sum(shown, widthOf);
  if (wanted <= available) {
    const others = sum(
      shown.filter((c) => c.id !== "summary"),
      widthOf,
    );
    return shown.map((def) => ({
      def,
      width: def.id === "summary" ? Math.max(widthOf(def), available - others) : widthOf(def),
      chosen: widthOf(def),
    }));
  }
  const least = sum(shown, (c) => Math.min(c.minWidth, widthOf(c)));
  const share = wanted > least ? Math.max(0, (available - least) / (wanted - least)) : 0;
  return shown.map((def) => {
    const min = Math.min(def.minWidth, widthOf(def));
    return { def, width: Math.floor(min + (widthOf(def) - min) * share), chosen: widthOf(def) };
  });
}
