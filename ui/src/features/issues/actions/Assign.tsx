import type { User } from "../../../ipc";
import type { FormField } from "../../../ipc/issue-actions";
import { issueAssign } from "../../../ipc/issue-actions";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useCommand } from "../../../components/useCommand";
import { rememberUser } from "../../fields";
import { EditInPlace } from "./EditInPlace";
import { useIssueEditing } from "./context";

/** The assignee field as the user picker sees it (assigning has its own command). */
const ASSIGNEE: FormField = {
  id: "assignee",
  name: "Assignee",
  required: false,
  editable: true,
  kind: "user",
  options: [],
  custom: false,
};

/**
 * The assignee with "Assign to me", "Unassign" and "Edit Assignee" (a picker of the users
 * who may be assigned the issue). All three go through `issue_assign`.
 */
export function Assignee({ assignee }: { assignee: User | null }) {
  const editing = useIssueEditing();
  const { busy, error, run } = useCommand();
  const current = assignee ? (assignee.accountId ?? assignee.name ?? "") : "";
  if (assignee && current) rememberUser(current, assignee.displayName);
  const name = assignee?.displayName ?? "Unassigned";
  if (!editing) return <>{name}</>;

  const assign = async (user: string | null) => {
    const done = await run(async () => {
      await issueAssign(editing.connection, editing.issueKey, user);
      return true;
    });
    if (done) editing.onChanged();
  };
  return (
    <>
      <EditInPlace
        fieldId="assignee"
        field={ASSIGNEE}
        initial={current}
        save={(v) => {
          const user = (Array.isArray(v) ? (v[0] ?? "") : v).trim();
          return issueAssign(editing.connection, editing.issueKey, user === "" ? null : user);
        }}
      >
        {name}
      </EditInPlace>{" "}
      <span className="inline wrap">
        <button type="button" className="small" disabled={busy} onClick={() => void assign("me")}>
          Assign to me
        </button>
        {assignee && (
          <button type="button" className="small" disabled={busy} onClick={() => void assign(null)}>
            Unassign
          </button>
        )}
        {busy && <span role="status">Assigning…</span>}
      </span>
      {error && <ErrorAlert error={error} title={`Could not assign ${editing.issueKey}.`} />}
    </>
  );
}
