import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import type { Visibility, VisibilityOptions } from "../../../ipc/comments-attachments";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Spinner } from "../../../components/Spinner";
import { useCommand } from "../../../components/useCommand";
import { visibilityChoices, visibilityOf, visibilityValue } from "./visibility";

/** Jira's field names for a comment's body and its restriction in validation errors. */
const BODY_FIELDS = ["comment", "body"];
const VISIBILITY_FIELDS = ["commentLevel", "visibility"];

/**
 * A comment's text (Markdown or plain text; Rust converts it to ADF or wiki markup) and,
 * when the server offers restrictions, a "Visible to" select. A failed submit keeps both;
 * Jira's field errors show on the field they name.
 */
export function CommentForm({
  id,
  label,
  submitLabel,
  initialText = "",
  initialVisibility = null,
  options,
  clearOnSuccess = false,
  onSubmit,
  onCancel,
  onChange,
  notice,
}: {
  /** Prefix of the form's element ids. */
  id: string;
  /** The text box's label, e.g. "Add a comment". */
  label: string;
  /** The submit button, e.g. "Add comment". */
  submitLabel: string;
  initialText?: string;
  initialVisibility?: Visibility | null;
  /** Roles and groups to offer; `null` while unknown (the select is then left out). */
  options: VisibilityOptions | null;
  /** Empties the form after a successful submit (the add form). */
  clearOnSuccess?: boolean;
  /** Sends the comment; rejects with a `CommandError` to keep the form as typed. */
  onSubmit: (markdown: string, visibility: Visibility | null) => Promise<unknown>;
  onCancel?: () => void;
  /** Every edit of the text or the restriction (drafts are saved from it). */
  onChange?: (markdown: string, visibility: Visibility | null) => void;
  /** Shown above the buttons, e.g. "Restored an unsent comment". */
  notice?: ReactNode;
}) {
  const [text, setText] = useState(initialText);
  const [visibility, setVisibility] = useState(visibilityValue(initialVisibility));
  const { busy, error, run } = useCommand();
  const fieldErrors = error?.kind === "validation" ? error.fieldErrors : {};
  const bodyError = BODY_FIELDS.map((f) => fieldErrors[f]).find(Boolean);
  const visibilityError = VISIBILITY_FIELDS.map((f) => fieldErrors[f]).find(Boolean);
  const otherErrors = Object.entries(fieldErrors).filter(
    ([f]) => !BODY_FIELDS.includes(f) && !VISIBILITY_FIELDS.includes(f),
  );
  const choices = options ? visibilityChoices(options, initialVisibility) : [];
  const offersVisibility = choices.length > 1;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await run(async () => {
      await onSubmit(text, visibilityOf(visibility));
      return true;
    });
    if (done && clearOnSuccess) {
      setText("");
      setVisibility(visibilityValue(null));
    }
  };

  return (
    <form className="comment-form" onSubmit={submit} aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{label}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange?.(e.target.value, visibilityOf(visibility));
          }}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${id}-hint${bodyError ? ` ${id}-text-error` : ""}`}
        />
        <p id={`${id}-hint`} className="hint">
          Markdown or plain text.
        </p>
        {bodyError && (
          <p id={`${id}-text-error`} className="error" role="alert">
            {bodyError}
          </p>
        )}
      </div>
      {offersVisibility && (
        <div className="field">
          <label htmlFor={`${id}-visibility`}>Visible to</label>
          <select
            id={`${id}-visibility`}
            value={visibility}
            onChange={(e) => {
              setVisibility(e.target.value);
              onChange?.(text, visibilityOf(e.target.value));
            }}
            aria-invalid={visibilityError ? true : undefined}
            aria-describedby={visibilityError ? `${id}-visibility-error` : undefined}
          >
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {visibilityError && (
            <p id={`${id}-visibility-error`} className="error" role="alert">
              {visibilityError}
            </p>
          )}
        </div>
      )}
      {error && error.kind !== "validation" && <ErrorAlert error={error} />}
      {error?.kind === "validation" && !bodyError && !visibilityError && (
        <p role="alert" className="error">
          {error.message}
          {otherErrors.map(([f, problem]) => ` ${f}: ${problem}`).join("")}
        </p>
      )}
      {notice}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        {busy && (
          <p className="progress" role="status">
            <Spinner /> Sending…
          </p>
        )}
      </div>
    </form>
  );
}
