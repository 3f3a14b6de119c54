// The value model of the field widgets: what a form holds per field, how Jira's JSON becomes
// that, and the text Rust's `form_value_from_text` turns back into Jira's JSON.
import type { FormField } from "../../bindings/FormField";
import type { FieldKind } from "../../bindings/FieldKind";

/**
 * What a form holds for one field: text for single values (an option's id for pickers, a
 * username or account id for user pickers, Markdown for rich text), a list for multi-valued
 * fields (option ids, labels, user ids).
 */
export type FieldValue = string | string[];

const MULTI: readonly FieldKind[] = ["multiSelect", "versions", "components", "labels", "users"];
const PICKERS: readonly FieldKind[] = [
  "select",
  "priority",
  "issueType",
  "version",
  "component",
  "multiSelect",
  "versions",
  "components",
];

/** Whether the field holds a list. */
export function isMulti(field: FormField): boolean {
  return MULTI.includes(field.kind);
}

/** Whether the field picks among `options` (when it has any). */
export function isPicker(field: FormField): boolean {
  return PICKERS.includes(field.kind);
}

/** The empty value of a field: `[]` for lists, `""` otherwise. */
export function emptyValue(field: FormField): FieldValue {
  return isMulti(field) ? [] : "";
}

/** Whether a value is empty (for "required" checks before sending). */
export function isEmptyValue(value: FieldValue): boolean {
  return Array.isArray(value) ? value.length === 0 : value.trim() === "";
}

/**
 * The text Rust converts for this field (`fields: {id: text}` of the edit, transition and
 * create commands): lists joined with commas, everything else as typed.
 */
export function toSubmitValue(field: FormField, value: FieldValue): string {
  if (Array.isArray(value)) return value.join(",");
  return isMulti(field) ? value.trim() : value;
}

// Display names of users seen in values and searches, so a picker holding only an id can
// show who it is. Module-wide because user ids mean the same person in every form.
const userNames = new Map<string, string>();

/** Remembers a user's display name for pickers. */
export function rememberUser(id: string, displayName: string): void {
  if (id && displayName) userNames.set(id, displayName);
}

/** The display name of a user id when known, else the id. */
export function userLabel(id: string): string {
  return userNames.get(id) ?? id;
}

type Json = unknown;

function record(value: Json): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function str(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return null;
}

/** The id of a user in Jira's JSON (account id on Cloud, username on Data Center). */
function userId(value: Json): string {
  const r = record(value);
  if (!r) return str(value) ?? "";
  const id = str(r.accountId) ?? str(r.name) ?? "";
  const name = str(r.displayName);
  if (id && name) rememberUser(id, name);
  return id;
}

/** The option id of a picker value (`{id, value|name}`, or a bare label matched to an option). */
function optionId(field: FormField, value: Json): string {
  const r = record(value);
  if (r) {
    const id = str(r.id);
    if (id) return id;
    const label = str(r.value) ?? str(r.name);
    return (label && field.options.find((o) => o.label === label)?.id) ?? label ?? "";
  }
  const text = str(value) ?? "";
  return field.options.find((o) => o.id === text || o.label === text)?.id ?? text;
}

/** Plain text of an ADF node (a fallback: Rust sends rich text as Markdown already). */
function adfText(node: Json): string {
  const r = record(node);
  if (!r) return "";
  if (typeof r.text === "string") return r.text;
  const content = Array.isArray(r.content) ? r.content : [];
  const parts = content.map(adfText);
  return r.type === "doc" ? parts.join("\n\n") : parts.join("");
}

/**
 * A form value from Jira's JSON for the field (a current value from `issue_edit_fields`, or
 * a `defaultValue` from createmeta). Unknown shapes become empty rather than wrong.
 */
export function fromJiraValue(field: FormField, value: Json): FieldValue {
  if (value === null || value === undefined) return emptyValue(field);
  if (isMulti(field)) {
    const items = Array.isArray(value) ? value : [value];
    switch (field.kind) {
      case "labels":
        return items.map((v) => str(v) ?? "").filter((v) => v !== "");
      case "users":
        return items.map(userId).filter((v) => v !== "");
      default:
        return items.map((v) => optionId(field, v)).filter((v) => v !== "");
    }
  }
  switch (field.kind) {
    case "user":
      return userId(value);
    case "parent": {
      const r = record(value);
      return r ? (str(r.key) ?? str(r.id) ?? "") : (str(value) ?? "");
    }
    case "richText":
      return str(value) ?? adfText(value);
    case "unknown":
      return str(value) ?? JSON.stringify(value);
    default:
      return isPicker(field) ? optionId(field, value) : (str(value) ?? "");
  }
}
