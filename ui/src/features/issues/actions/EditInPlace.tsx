import { useState } from "react";
import type { ReactNode } from "react";
import type { FormField } from "../../../ipc/issue-actions";
import { issueEdit } from "../../../ipc/issue-actions";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useCommand } from "../../../components/useCommand";
import type { FieldValue } from "../../fields";
import { FieldInput, fromJiraValue, toSubmitValue } from "../../fields";
import { editableField, useIssueEditing } from "./context";

/**
 * A field's value with an "Edit <Field name>" button when editmeta lets this user change it.
 * Editing shows the field's widget with "Save <Field name>" and "Cancel"; a failed save keeps
 * the typed value and shows the server's message on the field. `save` replaces the default
 * (`issue_edit`), e.g. for the assignee, which has its own command.
 */
export function EditInPlace({
  fieldId,
  children,
  field: given,
  initial,
  save,
}: {
  fieldId: string;
  children: ReactNode;
  /** The field when it is not in editmeta (the assignee, assigned with its own command). */
  field?: FormField;
  /** The starting value when editmeta has none for it. */
  initial?: FieldValue;
  save?: (value: FieldValue) => Promise<void>;
}) {
  const editing = useIssueEditing();
  const field = given ?? editableField(editing, fieldId);
  const [value, setValue] = useState<FieldValue | null>(null);
  const { busy, error, setError, run } = useCommand();

  if (!editing || !field) return <>{children}</>;

  const start = () => {
    setError(null);
    setValue(initial ?? fromJiraValue(field, editing.form?.values[field.id]));
  };

  if (value === null) {
    return (
      <div className="editable">
        {children}{" "}
        <button type="button" className="small link" aria-label={`Edit ${field.name}`} onClick={start}>
          Edit
        </button>
      </div>
    );
  }

  const submit = async () => {
    const done = await run(async () => {
      if (save) await save(value);
      else
        await issueEdit(editing.connection, editing.issueKey, {
          [field.id]: toSubmitValue(field, value),
        });
      return true;
    });
    if (done) {
      setValue(null);
      editing.onChanged();
    }
  };
  const fieldError =
    error?.kind === "validation" ? (error.fieldErrors[field.id] ?? null) : null;
  return (
    <form
      className="edit-in-place"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FieldInput
        field={field}
        value={value}
        onChange={setValue}
        error={fieldError}
        connection={editing.connection}
        issueKey={editing.issueKey}
      />
      {error && !fieldError && <ErrorAlert error={error} title={`Could not save ${field.name}.`} />}
      <div className="inline">
        <button type="submit" className="small primary" disabled={busy} aria-label={`Save ${field.name}`}>
          Save
        </button>
        <button type="button" className="small" disabled={busy} onClick={() => setValue(null)}>
          Cancel
        </button>
        {busy && <span role="status">Saving…</span>}
      </div>
    </form>
  );
}
