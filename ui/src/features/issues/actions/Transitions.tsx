import { useState } from "react";
import type { TransitionForm } from "../../../ipc/issue-actions";
import { issueTransition } from "../../../ipc/issue-actions";
import { Dialog } from "../../../components/Dialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useCommand } from "../../../components/useCommand";
import type { FieldValue } from "../../fields";
import { FieldInput, emptyValue, fromJiraValue, isEmptyValue, toSubmitValue } from "../../fields";

/**
 * The transitions available now, one button each ("Move to <name>"). A transition without a
 * screen runs at once; one with a screen opens a form of its fields first.
 */
export function Transitions({
  connection,
  issueKey,
  transitions,
  onDone,
}: {
  connection: string;
  issueKey: string;
  transitions: TransitionForm[];
  onDone: () => void;
}) {
  const [open, setOpen] = useState<TransitionForm | null>(null);
  const { busy, error, run } = useCommand();
  if (transitions.length === 0) return null;

  const go = async (t: TransitionForm) => {
    if (t.fields.length > 0) {
      setOpen(t);
      return;
    }
    const done = await run(async () => {
      await issueTransition(connection, issueKey, t.id, {});
      return true;
    });
    if (done) onDone();
  };

  return (
    <div className="transitions">
      <div role="group" aria-label={`Move ${issueKey}`} className="inline wrap">
        <span className="muted" aria-hidden="true">
          Move to:
        </span>
        {transitions.map((t) => (
          <button
            key={t.id}
            type="button"
            className="small"
            disabled={busy}
            aria-label={`Move to ${t.name}`}
            title={t.to ? `To ${t.to.name}` : undefined}
            onClick={() => void go(t)}
          >
            {t.name}
          </button>
        ))}
        {busy && <span role="status">Moving {issueKey}…</span>}
      </div>
      {error && <ErrorAlert error={error} title={`Could not move ${issueKey}.`} />}
      {open && (
        <TransitionDialog
          connection={connection}
          issueKey={issueKey}
          transition={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDone();
          }}
        />
      )}
    </div>
  );
}

/** A transition's screen: its fields, required ones checked before sending. */
function TransitionDialog({
  connection,
  issueKey,
  transition: given,
  onClose,
  onDone,
}: {
  connection: string;
  issueKey: string;
  transition: TransitionForm;
  onClose: () => void;
  onDone: () => void;
}) {
  // A screen's comment box is a Markdown text box; Rust adds it as a comment.
  const transition = {
    ...given,
    fields: given.fields.map((f) => (f.id === "comment" ? { ...f, kind: "richText" as const } : f)),
  };
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    Object.fromEntries(
      transition.fields.map((f) => [
        f.id,
        f.defaultValue === undefined ? emptyValue(f) : fromJiraValue(f, f.defaultValue),
      ]),
    ),
  );
  const [missing, setMissing] = useState<Record<string, string>>({});
  const { busy, error, run } = useCommand();

  const submit = async () => {
    const absent = transition.fields.filter(
      (f) => f.required && isEmptyValue(values[f.id] ?? emptyValue(f)),
    );
    setMissing(Object.fromEntries(absent.map((f) => [f.id, `${f.name} is required.`])));
    if (absent.length > 0) return;
    const fields = Object.fromEntries(
      transition.fields
        .filter((f) => !isEmptyValue(values[f.id] ?? emptyValue(f)))
        .map((f) => [f.id, toSubmitValue(f, values[f.id] ?? emptyValue(f))]),
    );
    const done = await run(async () => {
      await issueTransition(connection, issueKey, transition.id, fields);
      return true;
    });
    if (done) onDone();
  };

  const serverErrors = error?.kind === "validation" ? error.fieldErrors : {};
  const onForm = new Set(transition.fields.map((f) => f.id));
  const shownElsewhere = Object.keys(serverErrors).some((id) => !onForm.has(id));
  return (
    <Dialog title={`${transition.name}: ${issueKey}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {transition.fields.map((f) => (
          <FieldInput
            key={f.id}
            field={f}
            value={values[f.id] ?? emptyValue(f)}
            onChange={(v) => setValues((all) => ({ ...all, [f.id]: v }))}
            error={missing[f.id] ?? serverErrors[f.id] ?? null}
            connection={connection}
            issueKey={issueKey}
          />
        ))}
        {error && (error.kind !== "validation" || shownElsewhere || Object.keys(serverErrors).length === 0) && (
          <ErrorAlert error={error} title={`Could not move ${issueKey}.`} />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {transition.name}
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          {busy && <span role="status">Moving {issueKey}…</span>}
        </div>
      </form>
    </Dialog>
  );
}
