import { beforeEach, describe, expect, it } from "vitest";
import type { ColumnPrefs } from "./columns";
import {
  cleanPrefs,
  column,
  defaultPrefs,
  layoutColumns,
  loadPrefs,
  MAX_WIDTH,
  MIN_WIDTH,
  savePrefs,
} from "./columns";
import { sortOf, sortedBy } from "./sorting";

const ids = (prefs: ColumnPrefs, width: number | null) =>
  layoutColumns(prefs, width).map((c) => c.def.id);
const total = (prefs: ColumnPrefs, width: number) =>
  layoutColumns(prefs, width).reduce((sum, c) => sum + c.width, 0);

beforeEach(() => localStorage.clear());

describe("column layout", () => {
  it("shows every chosen column when there is room, the summary taking what is left", () => {
    const prefs = defaultPrefs();
    expect(ids(prefs, 1400)).toEqual(["key", "type", "summary", "status", "assignee", "priority", "updated"]);
    expect(total(prefs, 1400)).toBe(1400);
    const summary = layoutColumns(prefs, 1400).find((c) => c.def.id === "summary");
    expect(summary?.width).toBeGreaterThan(column("summary").width);
  });

  it("shrinks columns towards their minimum before any steps aside", () => {
    const laid = layoutColumns(defaultPrefs(), 700);
    expect(laid).toHaveLength(7);
    for (const c of laid) expect(c.width).toBeGreaterThanOrEqual(c.def.minWidth);
    expect(total(defaultPrefs(), 700)).toBeLessThanOrEqual(700);
  });

  it("lets low-priority columns step aside when narrow, never key or summary", () => {
    expect(ids(defaultPrefs(), 420)).toEqual(["key", "summary", "status", "assignee"]);
    expect(ids(defaultPrefs(), 350)).toEqual(["key", "summary", "status"]);
    expect(ids(defaultPrefs(), 100)).toEqual(["key", "summary"]);
  });

  it("uses the chosen widths and columns; without a width, draws them as chosen", () => {
    const prefs: ColumnPrefs = { visible: ["key", "summary", "labels"], widths: { key: 200 } };
    const laid = layoutColumns(prefs, null);
    expect(laid.map((c) => [c.def.id, c.width])).toEqual([
      ["key", 200],
      ["summary", 360],
      ["labels", 160],
    ]);
    expect(layoutColumns(prefs, 2000).find((c) => c.def.id === "key")?.width).toBe(200);
  });
});

describe("column prefs", () => {
  it("keeps key and summary, drops unknown columns and clamps widths", () => {
    expect(cleanPrefs({ visible: ["status", "bogus", 3], widths: { key: 5, x: 100, summary: 5000 } }))
      .toEqual({ visible: ["status", "key", "summary"], widths: { key: MIN_WIDTH, summary: MAX_WIDTH } });
    expect(cleanPrefs("nonsense")).toEqual(defaultPrefs());
    expect(cleanPrefs({})).toEqual(defaultPrefs());
  });

  it("are saved, loaded and forgotten", () => {
    expect(loadPrefs()).toEqual(defaultPrefs());
    const prefs: ColumnPrefs = { visible: ["key", "summary", "created"], widths: { created: 222 } };
    savePrefs(prefs);
    expect(loadPrefs()).toEqual(prefs);
    savePrefs(null);
    expect(loadPrefs()).toEqual(defaultPrefs());
    localStorage.setItem("jiffy.issueTable.columns", "{not json");
    expect(loadPrefs()).toEqual(defaultPrefs());
  });
});

describe("sorting by a column", () => {
  it("reads the direction, with Jira's field defaults", () => {
    expect(sortOf("project = A ORDER BY key", column("key"))).toBe("ascending");
    expect(sortOf("project = A ORDER BY updated", column("updated"))).toBe("descending");
    expect(sortOf("project = A ORDER BY issuetype DESC", column("type"))).toBe("descending");
    expect(sortOf("project = A ORDER BY Type ASC", column("type"))).toBe("ascending");
    expect(sortOf("project = A ORDER BY key", column("updated"))).toBeNull();
    expect(sortOf("project = A", column("key"))).toBeNull();
  });

  it("sorts ascending first, descending on the next click", () => {
    const first = sortedBy('project = "A" ORDER BY key', column("updated"));
    expect(first).toBe('project = "A" ORDER BY updated ASC');
    expect(sortedBy(first, column("updated"))).toBe('project = "A" ORDER BY updated DESC');
    expect(sortedBy('project = "A" ORDER BY updated DESC', column("updated"))).toBe(
      'project = "A" ORDER BY updated ASC',
    );
    expect(sortedBy("project = A", column("dueDate"))).toBe("project = A ORDER BY duedate ASC");
    // Columns Jira cannot sort leave the query as it is.
    expect(sortedBy("project = A", column("components"))).toBe("project = A");
  });
});
