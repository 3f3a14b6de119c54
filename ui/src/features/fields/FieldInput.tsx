import { useId, useState } from "react";
import type { ReactNode } from "react";
import type { FormField } from "../../bindings/FormField";
import type { FieldValue } from "./model";
import { isPicker, rememberUser, userLabel } from "./model";
import { UserPicker, UserSearchBox, idOfUser } from "./UserPicker";
import "./fields.css";

/** What every field widget takes. */
export interface FieldInputProps {
  /** The field, from editmeta, createmeta or a transition screen. */
  field: FormField;
  /** The current value (see `FieldValue`). */
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  /** The server's (or the form's) message for this field; shown under it, value kept. */
  error?: string | null;
  /** The connection id, for user searches. */
  connection: string;
  /** For the assignee picker: offer only users who may be assigned this issue. */
  issueKey?: string;
}

/**
 * The widget for one form field, by its kind: text, rich text (a Markdown text box, turned
 * into ADF or wiki markup by Rust), number, date, select, multi-select, labels, user and
 * users pickers, version and component pickers. The visible label is the field's name.
 */
export function FieldInput({ field, value, onChange, error, connection, issueKey }: FieldInputProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : undefined;
  const invalid = error ? true : undefined;
  const disabled = !field.editable;
  const text = Array.isArray(value) ? value.join(", ") : value;
  const list = Array.isArray(value) ? value : value === "" ? [] : [value];
  const common = {
    id,
    "aria-describedby": describedBy,
    "aria-invalid": invalid,
    "aria-required": field.required || undefined,
    disabled,
  };

  const label = (
    <label htmlFor={id}>
      {field.name}
      {field.required && <span aria-hidden="true"> *</span>}
    </label>
  );
  const errorLine = error ? (
    <p id={errorId} className="field-error">
      {error}
    </p>
  ) : null;
  const wrap = (widget: ReactNode) => (
    <div className="field">
      {label}
      {widget}
      {errorLine}
    </div>
  );

  const options = field.options.filter((o) => !o.disabled || list.includes(o.id));

  switch (field.kind) {
    case "richText":
      return wrap(
        <textarea {...common} rows={6} value={text} onChange={(e) => onChange(e.target.value)} />,
      );
    case "number":
      // Text, not type=number: the browser would drop what it cannot parse, and the person
      // should see Jira's message on exactly what they typed.
      return wrap(
        <input {...common} type="text" inputMode="decimal" value={text}
          onChange={(e) => onChange(e.target.value)} />,
      );
    case "date":
      return wrap(
        <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />,
      );
    case "labels":
      return (
        <LabelsInput {...{ field, id, describedBy, invalid, disabled, errorLine, label }}
          value={list} onChange={onChange} />
      );
    case "user":
      return wrap(
        <UserPicker id={id} label={field.name} connection={connection}
          issueKey={field.id === "assignee" ? issueKey : undefined} value={text}
          onChange={onChange} describedBy={describedBy} invalid={invalid}
          required={field.required} disabled={disabled} />,
      );
    case "users":
      return (
        <UsersInput {...{ field, id, describedBy, invalid, disabled, errorLine, label, connection }}
          value={list} onChange={onChange} />
      );
    case "multiSelect":
    case "versions":
    case "components":
      if (options.length > 0) {
        return (
          <fieldset className="field choices-group" aria-describedby={describedBy}
            disabled={disabled}>
            <legend>
              {field.name}
              {field.required && <span aria-hidden="true"> *</span>}
            </legend>
            {options.map((o) => (
              <label key={o.id} className="check">
                <input type="checkbox" checked={list.includes(o.id)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...list, o.id] : list.filter((v) => v !== o.id))
                  } />
                {o.label}
              </label>
            ))}
            {errorLine}
          </fieldset>
        );
      }
      // No fixed list: names typed, comma-separated.
      return wrap(
        <input {...common} type="text" value={text}
          onChange={(e) => onChange(e.target.value.split(",").map((s) => s.trim()).filter(Boolean))} />,
      );
    default:
      if (isPicker(field) && options.length > 0) {
        return wrap(
          <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
            <option value="">{field.required ? "Choose…" : "None"}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id} disabled={o.disabled}>
                {o.label}
              </option>
            ))}
          </select>,
        );
      }
      return wrap(
        <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)}
          placeholder={field.kind === "dateTime" ? "2024-03-31T14:00:00.000+0000" : undefined} />,
      );
  }
}

interface ListProps {
  field: FormField;
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
  disabled: boolean;
  errorLine: ReactNode;
  label: ReactNode;
}

/** Chosen items, each with a Remove button naming it. */
function Chips({ items, name, onRemove, disabled }: {
  items: string[];
  name: (item: string) => string;
  onRemove: (item: string) => void;
  disabled: boolean;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item}>
          <span>{name(item)}</span>
          <button type="button" className="link" disabled={disabled}
            aria-label={`Remove ${name(item)}`} onClick={() => onRemove(item)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Labels: typed, added on Enter, space or comma (Jira labels hold no spaces). */
function LabelsInput({ field, id, value, onChange, describedBy, invalid, disabled, errorLine, label }: ListProps) {
  const [draft, setDraft] = useState("");
  const add = (raw: string) => {
    const fresh = raw.split(/[\s,]+/).filter((l) => l !== "" && !value.includes(l));
    if (fresh.length > 0) onChange([...value, ...fresh]);
    setDraft("");
  };
  return (
    <div className="field">
      {label}
      <Chips items={value} name={(l) => l} disabled={disabled}
        onRemove={(l) => onChange(value.filter((v) => v !== l))} />
      <input id={id} type="text" value={draft} disabled={disabled} autoComplete="off"
        aria-describedby={describedBy} aria-invalid={invalid}
        aria-required={field.required || undefined}
        placeholder="Add a label and press Enter"
        onChange={(e) => {
          const typed = e.target.value;
          if (/[\s,]$/.test(typed)) add(typed);
          else setDraft(typed);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && draft.trim() !== "") {
            e.preventDefault();
            add(draft);
          }
        }}
        onBlur={() => draft.trim() !== "" && add(draft)} />
      {errorLine}
    </div>
  );
}

/** Several users: chosen people as chips, a search box to add more. */
function UsersInput({ field, id, value, onChange, describedBy, invalid, disabled, errorLine, label, connection }: ListProps & { connection: string }) {
  const [text, setText] = useState("");
  return (
    <div className="field">
      {label}
      <Chips items={value} name={userLabel} disabled={disabled}
        onRemove={(u) => onChange(value.filter((v) => v !== u))} />
      <UserSearchBox id={id} label={field.name} connection={connection} text={text}
        onText={setText} describedBy={describedBy} invalid={invalid}
        required={field.required} disabled={disabled}
        onChoose={(u) => {
          const chosen = idOfUser(u);
          rememberUser(chosen, u.displayName);
          setText("");
          if (!value.includes(chosen)) onChange([...value, chosen]);
        }} />
      {errorLine}
    </div>
  );
}
