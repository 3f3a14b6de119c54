import { describe, expect, it } from "vitest";
import { currentSort, orderByIndex, withOrderBy, withoutOrderBy } from "./jql-order";

describe("ORDER BY in JQL", () => {
  it("finds the clause whatever its case and spacing", () => {
    expect(withoutOrderBy("project = A ORDER BY key")).toBe("project = A");
    expect(withoutOrderBy("project = A order   by updated DESC, key")).toBe("project = A");
    expect(withoutOrderBy("project = A\nOrder\tBy created")).toBe("project = A");
    expect(withoutOrderBy("ORDER BY key")).toBe("");
    expect(withoutOrderBy("(status = Done)ORDER BY key")).toBe("(status = Done)");
  });

  it("leaves the words alone inside quoted strings and longer names", () => {
    const quoted = 'summary ~ "order by me" AND text ~ \'ORDER BY\'';
    expect(orderByIndex(quoted)).toBe(-1);
    expect(withoutOrderBy(quoted)).toBe(quoted);
    const escaped = 'summary ~ "say \\"order by\\" twice" ORDER BY key';
    expect(withoutOrderBy(escaped)).toBe('summary ~ "say \\"order by\\" twice"');
    expect(orderByIndex("reorder by = 1")).toBe(-1);
    expect(orderByIndex("project = A ORDER BYkey")).toBe(-1);
  });

  it("replaces or adds the sort", () => {
    expect(withOrderBy("project = A ORDER BY key ASC", "updated", "DESC")).toBe(
      "project = A ORDER BY updated DESC",
    );
    expect(withOrderBy("project = A", "key", "ASC")).toBe("project = A ORDER BY key ASC");
    expect(withOrderBy("", "key", "ASC")).toBe("ORDER BY key ASC");
    expect(withOrderBy("  ", "key", "DESC")).toBe("ORDER BY key DESC");
    expect(withOrderBy('summary ~ "order by"', "Story Points", "ASC")).toBe(
      'summary ~ "order by" ORDER BY "Story Points" ASC',
    );
  });

  it("reads the first sort key and its direction", () => {
    expect(currentSort("project = A ORDER BY updated DESC, key ASC")).toEqual({
      field: "updated",
      direction: "DESC",
    });
    expect(currentSort("project = A order by key")).toEqual({ field: "key", direction: null });
    expect(currentSort('ORDER BY "Story Points" asc')).toEqual({
      field: "Story Points",
      direction: "ASC",
    });
    expect(currentSort("project = A")).toBeNull();
    expect(currentSort('summary ~ "order by key"')).toBeNull();
    expect(currentSort("project = A ORDER BY ")).toBeNull();
  });
});
