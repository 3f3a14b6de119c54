// What the JQL bar can complete at the caret: a field name, an operator of the field before
// it, or a value of that field. A small tokenizer, not a JQL parser: Jira checks the query
// itself and its errors are shown inline, so this only has to guess the context well.

import type { JqlAutocompleteData } from "../../ipc/issues";

/** What is being typed at the caret, and where that word starts. */
export type Completion =
  | { kind: "field"; prefix: string; from: number }
  | { kind: "operator"; field: string; prefix: string; from: number }
  | { kind: "value"; field: string; prefix: string; from: number };

/** One suggestion: what to show and what to insert. */
export interface Suggestion {
  label: string;
  insert: string;
}

const TOKEN = /"[^"]*"?|!=|!~|>=|<=|[=~<>(),]|[^\s=!<>~(),"]+/g;
const KEYWORD_BEFORE_FIELD = new Set(["and", "or", "not", "(", "by"]);
const VALUE_OPERATORS = new Set(["=", "!=", "~", "!~", "<", ">", "<=", ">=", "is", "was"]);

/** The completion context at `caret` in `text`, or null where nothing is completed. */
export function completionAt(text: string, caret: number): Completion | null {
  const before = text.slice(0, caret);
  const partial = /("[^"]*|[^\s=!<>~(),"]*)$/.exec(before)?.[0] ?? "";
  const from = caret - partial.length;
  const tokens = (before.slice(0, from).match(TOKEN) ?? []).map((t) => t.toLowerCase());
  const raw = before.slice(0, from).match(TOKEN) ?? [];
  const last = tokens.at(-1);
  if (last === "not" && (tokens.at(-2) === "is" || tokens.at(-2) === "was")) {
    const field = raw.at(-3);
    return field ? { kind: "value", field, prefix: partial, from } : null;
  }
  if (last === undefined || KEYWORD_BEFORE_FIELD.has(last) || last === ",") {
    // `in (a, b` lists values; `ORDER BY a, b` and everything else lists fields.
    const inList = listField(tokens, raw);
    if (inList && last !== "by") return { kind: "value", field: inList, prefix: partial, from };
    return { kind: "field", prefix: partial, from };
  }
  if (VALUE_OPERATORS.has(last) || last === "in") {
    const field = fieldBeforeOperator(tokens, raw);
    if (field) return { kind: "value", field, prefix: partial, from };
    return null;
  }
  // After a field name comes its operator.
  const beforeLast = tokens.at(-2);
  if (beforeLast === undefined || KEYWORD_BEFORE_FIELD.has(beforeLast) || beforeLast === ",") {
    const field = raw.at(-1) ?? "";
    return { kind: "operator", field, prefix: partial, from };
  }
  return null;
}

/** The field of the operator ending `tokens` (`a = `, `a not in `, `a is not `). */
function fieldBeforeOperator(tokens: string[], raw: string[]): string | null {
  let i = tokens.length - 2;
  if (tokens[i] === "not") i -= 1;
  const field = raw[i];
  return field && !KEYWORD_BEFORE_FIELD.has(tokens[i] ?? "") ? field : null;
}

/** Inside `field in (…` (open list), the field. */
function listField(tokens: string[], raw: string[]): string | null {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const t = tokens[i];
    if (t === ")") depth += 1;
    else if (t === "(") {
      if (depth === 0) {
        if (tokens[i - 1] !== "in") return null;
        const j = tokens[i - 2] === "not" ? i - 3 : i - 2;
        return raw[j] ?? null;
      }
      depth -= 1;
    }
  }
  return null;
}

/** Quotes a value that JQL would otherwise split or misread. */
export function quoteValue(value: string): string {
  if (/^[\w.@-]+$/.test(value) || /^".*"$/.test(value) || /\)$/.test(value)) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

const MAX = 12;

/** Field or operator suggestions from the server's autocomplete data (values come from Jira). */
export function localSuggestions(
  completion: Completion,
  data: JqlAutocompleteData,
): Suggestion[] {
  const prefix = completion.prefix.toLowerCase().replace(/^"/, "");
  if (completion.kind === "field") {
    return data.visibleFieldNames
      .filter(
        (f) =>
          f.value.toLowerCase().startsWith(prefix) ||
          f.displayName.toLowerCase().startsWith(prefix),
      )
      .slice(0, MAX)
      .map((f) => ({ label: f.displayName, insert: f.value }));
  }
  if (completion.kind === "operator") {
    const field = data.visibleFieldNames.find(
      (f) => f.value.toLowerCase() === completion.field.toLowerCase(),
    );
    return (field?.operators ?? [])
      .filter((op) => op.toLowerCase().startsWith(prefix))
      .slice(0, MAX)
      .map((op) => ({ label: op, insert: op }));
  }
  return data.visibleFunctionNames
    .filter((f) => prefix !== "" && f.value.toLowerCase().startsWith(prefix))
    .slice(0, MAX)
    .map((f) => ({ label: f.displayName, insert: f.value }));
}

/** Text of Jira's suggestion label, which wraps the match in `<b>`; React escapes the rest. */
export function plainLabel(displayName: string): string {
  return displayName.replace(/<\/?b>/g, "");
}

/** `text` with the completed word replaced by `insert` and a space; the new caret. */
export function applySuggestion(
  text: string,
  caret: number,
  completion: Completion,
  insert: string,
): { text: string; caret: number } {
  const value = completion.kind === "value" ? quoteValue(insert) : insert;
  const head = `${text.slice(0, completion.from)}${value} `;
  return { text: head + text.slice(caret).replace(/^\s+/, ""), caret: head.length };
}
