// Which column a query is sorted by, and the query a header click runs.
import type { ColumnDef } from "./columns";
import { currentSort, withOrderBy } from "./jql-order";

/** How `jql` sorts by `def`: its first ORDER BY key is the column's field, or not. */
export function sortOf(jql: string, def: ColumnDef): "ascending" | "descending" | null {
  const sort = currentSort(jql);
  if (!sort || !def.sortField) return null;
  const field = sort.field.toLowerCase();
  const names = [def.sortField.toLowerCase(), ...(def.sortAliases ?? [])];
  if (!names.includes(field)) return null;
  const descending = sort.direction ? sort.direction === "DESC" : def.defaultDescending === true;
  return descending ? "descending" : "ascending";
}

/** The query a click on `def`'s header runs: ascending first, descending when it already was. */
export function sortedBy(jql: string, def: ColumnDef): string {
  if (!def.sortField) return jql;
  const direction = sortOf(jql, def) === "ascending" ? "DESC" : "ASC";
  return withOrderBy(jql, def.sortField, direction);
}
