// The ORDER BY clause of a JQL query: found outside quoted strings (case does not matter),
// read, and replaced — how clicking a column header sorts by the server's ORDER BY.

/** A sort direction as JQL writes it. */
export type Direction = "ASC" | "DESC";

/** The first sort key of a query's ORDER BY. */
export interface SortKey {
  /** The field as written, unquoted (e.g. `updated`, `Story Points`). */
  field: string;
  /** The direction written, or `null` when the query leaves it to the field's default. */
  direction: Direction | null;
}

/**
 * Where the ORDER BY keyword pair starts in `jql`, skipping quoted strings ("…" and '…',
 * with backslash escapes), or -1. Hand-written because a regular expression cannot tell a
 * keyword from the same words inside a string value.
 */
export function orderByIndex(jql: string): number {
  let quote: string | null = null;
  for (let i = 0; i < jql.length; i += 1) {
    const c = jql[i];
    if (quote) {
      if (c === "\\") i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    const before = i === 0 ? " " : (jql[i - 1] ?? " ");
    if (/[\s()]/.test(before) || i === 0) {
      const match = /^order\s+by(?![\w.])/i.exec(jql.slice(i));
      if (match) return i;
    }
  }
  return -1;
}

/** The query without its ORDER BY clause (trailing spaces trimmed). */
export function withoutOrderBy(jql: string): string {
  const at = orderByIndex(jql);
  return (at < 0 ? jql : jql.slice(0, at)).trimEnd();
}

/** Quotes a field for JQL when it is not a plain word (e.g. `"Story Points"`). */
function jqlField(field: string): string {
  return /^[\w.[\]]+$/.test(field) ? field : `"${field.replace(/["\\]/g, "\\$&")}"`;
}

/** `jql` sorted by `field` only, in `direction`: its ORDER BY replaced or added. */
export function withOrderBy(jql: string, field: string, direction: Direction): string {
  const where = withoutOrderBy(jql);
  const order = `ORDER BY ${jqlField(field)} ${direction}`;
  return where ? `${where} ${order}` : order;
}

/** The first key of the query's ORDER BY, or `null` when it has none. */
export function currentSort(jql: string): SortKey | null {
  const at = orderByIndex(jql);
  if (at < 0) return null;
  const clause = jql.slice(at).replace(/^order\s+by\s*/i, "");
  const quoted = /^(["'])((?:\\.|(?!\1).)*)\1\s*(asc|desc)?/i.exec(clause);
  const plain = /^([^\s,]+)\s*(asc|desc)?/i.exec(clause);
  let field: string;
  let dir: string | undefined;
  if (quoted) {
    field = (quoted[2] ?? "").replace(/\\(.)/g, "$1");
    dir = quoted[3];
  } else if (plain) {
    field = plain[1] ?? "";
    dir = plain[2];
  } else {
    return null;
  }
  if (!field) return null;
  const direction = dir ? (dir.toUpperCase() as Direction) : null;
  return { field, direction };
}
