import { useId, useState } from "react";
import { issueDelete } from "../../../ipc/issue-actions";
import { Dialog } from "../../../components/Dialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useCommand } from "../../../components/useCommand";

/**
 * "Delete <KEY>": a confirmation naming the issue; when it has subtasks, Jira deletes it only
 * with them, so the person ticks "Also delete its N subtasks" first.
 */
export function DeleteIssue({
  connection,
  issueKey,
  summary,
  subtasks,
  onDeleted,
}: {
  connection: string;
  issueKey: string;
  summary: string;
  subtasks: number;
  onDeleted: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small danger" aria-label={`Delete ${issueKey}`} onClick={() => setOpen(true)}>
        Delete
      </button>
      {open && (
        <ConfirmDelete
          {...{ connection, issueKey, summary, subtasks, onDeleted }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function ConfirmDelete({
  connection,
  issueKey,
  summary,
  subtasks,
  onDeleted,
  onClose,
}: {
  connection: string;
  issueKey: string;
  summary: string;
  subtasks: number;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const checkId = useId();
  const [withSubtasks, setWithSubtasks] = useState(false);
  const { busy, error, run } = useCommand();
  const blocked = subtasks > 0 && !withSubtasks;

  const confirm = async () => {
    const done = await run(async () => {
      await issueDelete(connection, issueKey, subtasks > 0 && withSubtasks);
      return true;
    });
    if (done) {
      onClose();
      onDeleted();
    }
  };
  return (
    <Dialog title={`Delete ${issueKey}?`} onClose={onClose}>
      <p>
        “{summary}” will be deleted for everyone, with its comments and attachments. Jira
        cannot undo this.
      </p>
      {subtasks > 0 && (
        <p className="check">
          <input
            id={checkId}
            type="checkbox"
            checked={withSubtasks}
            onChange={(e) => setWithSubtasks(e.target.checked)}
          />
          <label htmlFor={checkId}>
            Also delete its {subtasks} {subtasks === 1 ? "subtask" : "subtasks"}
          </label>
        </p>
      )}
      {error && <ErrorAlert error={error} title={`Could not delete ${issueKey}.`} />}
      <div className="actions">
        <button type="button" className="danger" disabled={busy || blocked} onClick={() => void confirm()}>
          Delete {issueKey}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        {busy && <span role="status">Deleting {issueKey}…</span>}
      </div>
    </Dialog>
  );
}
