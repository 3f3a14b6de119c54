import type { FormEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Spinner";
import { errorOf } from "../../components/errors";
import { useCommand } from "../../components/useCommand";
import type { IpcError } from "../../ipc";
import type { Draft, FormField } from "../../ipc/create";
import { createFields, issueCreate } from "../../ipc/create";
import type { FieldValue } from "../fields";
import { FieldInput, emptyValue, fromJiraValue, isEmptyValue, toSubmitValue } from "../fields";
import { isPicker } from "../fields/model";
import { useFormDraft } from "./useFormDraft";

/** What the form holds: field id → the widget's value. */
export type Values = Record<string, FieldValue>;

/**
 * Fields createmeta lists that a create form cannot fill as a value: files are attached and
 * links made once the issue exists. Shown anyway if Jira requires them.
 */
const AFTER_CREATE = new Set(["attachment", "issuelinks"]);

/**
 * The fields to show: required first, each group in the server's order (core sorts too; this
 * keeps it), without the optional ones that are done after the create.
 */
export function requiredFirst(fields: FormField[]): FormField[] {
  const shown = fields.filter((f) => f.required || !AFTER_CREATE.has(f.id));
  return [...shown.filter((f) => f.required), ...shown.filter((f) => !f.required)];
}

function isFieldValue(value: unknown): value is FieldValue {
  return (
    typeof value === "string" ||
    (Array.isArray(value) && value.every((item) => typeof item === "string"))
  );
}

/** Whether a picker's value names only its current options (ids differ between forms). */
function fitsOptions(field: FormField, value: FieldValue): boolean {
  if (field.options.length === 0 || !isPicker(field)) return true;
  const ids = new Set(field.options.map((o) => o.id));
  return (Array.isArray(value) ? value : [value]).every((v) => ids.has(v));
}

/**
 * The form's first values: each field's default (createmeta's `defaultValue`), then what
 * the person already typed in another issue type's form for a field of the same id, then a
 * restored draft. Values of the wrong shape (an older draft) are ignored, not trusted.
 */
export function mergeValues(fields: FormField[], ...layers: Record<string, unknown>[]): Values {
  const values: Values = {};
  for (const field of fields) {
    values[field.id] =
      field.defaultValue === undefined
        ? emptyValue(field)
        : fromJiraValue(field, field.defaultValue);
    for (const layer of layers) {
      const value = layer[field.id];
      if (isFieldValue(value) && !isEmptyValue(value) && fitsOptions(field, value)) {
        values[field.id] = value;
      }
    }
  }
  return values;
}

function savedAt(draft: Draft): string {
  return new Date(draft.savedAt).toLocaleString();
}

/**
 * The create form of one project and issue type (keyed by them, so choosing another type
 * starts a fresh form): the fields, required first and marked, defaults applied; "Create"
 * sends once. Jira's validation errors land on their fields and every value stays; success
 * forgets the draft and reports the new key.
 */
export function CreateForm({
  connection,
  project,
  issueType,
  carry,
  onValues,
  onCreated,
  onCancel,
}: {
  connection: string;
  project: string;
  issueType: string;
  /** Values typed in the previous form of this dialog, kept for fields of the same id. */
  carry: Values;
  /** Every change, so the dialog can carry values into another issue type's form. */
  onValues: (values: Values) => void;
  onCreated: (key: string) => void;
  onCancel: () => void;
}) {
  const [initialCarry] = useState(carry);
  const [fields, setFields] = useState<FormField[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [values, setValues] = useState<Values>({});
  const fieldsBox = useRef<HTMLDivElement>(null);
  const { busy, error, run } = useCommand();
  const draft = useFormDraft(connection, { kind: "create", project, issueType });

  useEffect(() => {
    let live = true;
    createFields(connection, project, issueType).then(
      (list) => {
        if (!live) return;
        const ordered = requiredFirst(list);
        setFields(ordered);
        setValues(mergeValues(ordered, initialCarry));
      },
      (e: unknown) => {
        if (live) setLoadError(errorOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [connection, project, issueType, initialCarry]);

  // Once the form is there, typing starts in its first field, unless the person is already
  // in a control (a picker chosen with the keyboard keeps the focus).
  const loaded = fields !== null;
  useEffect(() => {
    const active = document.activeElement;
    if (!loaded || (active && active !== document.body && active.tagName !== "BUTTON")) return;
    fieldsBox.current?.querySelector<HTMLElement>("input, textarea, select")?.focus();
  }, [loaded]);

  if (loadError) {
    return (
      <>
        <ErrorAlert error={loadError} title="Could not load the create form." />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </>
    );
  }
  if (!fields) {
    return (
      <>
        <p role="status">
          <Spinner /> Loading the form…
        </p>
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </>
    );
  }

  const change = (id: string, value: FieldValue) => {
    const next = { ...values, [id]: value };
    setValues(next);
    onValues(next);
    draft.changed(next);
  };

  const restore = (offered: Draft) => {
    const next = mergeValues(fields, offered.values);
    setValues(next);
    onValues(next);
    draft.restored();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    draft.pause();
    const texts: Record<string, string> = {};
    for (const field of fields) {
      if (field.editable) {
        texts[field.id] = toSubmitValue(field, values[field.id] ?? emptyValue(field));
      }
    }
    const created = await run(() => issueCreate(connection, project, issueType, texts));
    if (created) {
      await draft.forget();
      onCreated(created.key);
    } else {
      draft.resume();
    }
  };

  const fieldErrors = error?.kind === "validation" ? error.fieldErrors : {};
  const shown = new Set(fields.map((f) => f.id));
  const elsewhere = Object.entries(fieldErrors).filter(([id]) => !shown.has(id));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      {draft.offer && (
        <div className="draft-offer" role="group" aria-label="Unsent draft">
          <p>You have an unsent draft of this issue, saved {savedAt(draft.offer)}.</p>
          <div className="row-actions">
            <button type="button" onClick={() => draft.offer && restore(draft.offer)}>
              Restore draft
            </button>
            <button type="button" onClick={draft.discard}>
              Discard draft
            </button>
          </div>
        </div>
      )}
      {error?.kind === "validation" ? (
        <div role="alert" className="alert">
          <p className="alert-message">
            <strong>Jira did not create the issue.</strong> Correct the fields marked below; what
            you typed is kept.
          </p>
          {elsewhere.length > 0 && (
            <ul>
              {elsewhere.map(([id, problem]) => (
                <li key={id}>
                  {id}: {problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        error && <ErrorAlert error={error} title="Jira did not create the issue." />
      )}
      <p className="hint">Fields marked * are required.</p>
      <div className="create-fields" ref={fieldsBox}>
        {fields.map((field) => (
          <FieldInput
            key={field.id}
            field={field}
            value={values[field.id] ?? emptyValue(field)}
            onChange={(value) => change(field.id, value)}
            error={fieldErrors[field.id] ?? null}
            connection={connection}
          />
        ))}
      </div>
      {draft.problem && <p className="hint">{draft.problem}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating…" : "Create"}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
