// Step 4: who Jira says you are, what you may do where, then Save with a name.
import type { FormEvent } from "react";
import { useCallback, useEffect, useState } from "react";
import type { Capability } from "../../bindings/Capability";
import type { Connection, PermissionSummary, SignedIn } from "../../ipc";
import { wizardCheck, wizardSave } from "../../ipc";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Spinner";
import { useCommand } from "../../components/useCommand";
import { useFocusOnMount } from "../../components/useFocusOnMount";
import type { Fields } from "./model";

/** Every capability, in the order sentences list them. */
const CAPABILITIES: Capability[] = [
  "browse",
  "create",
  "edit",
  "transition",
  "assign",
  "comment",
  "attach",
  "delete",
];

/** "browse, create and edit" — or "nothing" / "everything" for the ends. */
function listed(capabilities: Capability[], none: string): string {
  if (capabilities.length === 0) return none;
  if (capabilities.length === 1) return capabilities[0] ?? none;
  return `${capabilities.slice(0, -1).join(", ")} and ${capabilities[capabilities.length - 1]}`;
}

/** "Connected as Alice Admin (alice@example.com)". */
export function connectedAs(signedIn: SignedIn): string {
  const who = signedIn.user.emailAddress ?? signedIn.user.name;
  return `Connected as ${signedIn.user.displayName}${who ? ` (${who})` : ""}`;
}

/** The Check step. */
export function CheckStep({
  signedIn,
  fields,
  setField,
  reconnecting,
  onBack,
  onSaved,
}: {
  signedIn: SignedIn;
  fields: Fields;
  setField: (key: string, value: string) => void;
  /** Reconnecting: the connection's id and (kept) name. */
  reconnecting: { id: string; name: string } | null;
  onBack: () => void;
  onSaved: (connection: Connection) => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const check = useCommand();
  const save = useCommand();
  const [summary, setSummary] = useState<PermissionSummary | null>(null);
  const name = reconnecting ? reconnecting.name : (fields["save.name"] ?? signedIn.suggestedName);
  const makeDefault = fields["save.default"] === "yes";

  const checkRun = check.run;
  const runCheck = useCallback(() => {
    void checkRun(() => wizardCheck(signedIn.draftId)).then((s) => s && setSummary(s));
  }, [checkRun, signedIn.draftId]);

  useEffect(() => {
    runCheck();
    // Once per sign-in (the draft).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn.draftId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save
      .run(() =>
        wizardSave(signedIn.draftId, {
          name: name.trim(),
          makeDefault,
          replaces: reconnecting?.id ?? null,
        }),
      )
      .then((connection) => connection && onSaved(connection));
  };

  return (
    <form className="step" onSubmit={submit} aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1} ref={heading}>
        Check the connection
      </h2>
      <p role="status" className="found">
        {connectedAs(signedIn)}
      </p>
      {check.busy && (
        <p role="status" className="progress">
          <Spinner /> Checking what this account can do…
        </p>
      )}
      {check.error && (
        <ErrorAlert error={check.error} title="Could not read this account's permissions.">
          <button type="button" onClick={runCheck}>
            Check again
          </button>
        </ErrorAlert>
      )}
      {summary && <Permissions summary={summary} />}
      <div className="field">
        <label htmlFor="save-name">Connection name</label>
        <input
          id="save-name"
          type="text"
          value={name}
          readOnly={reconnecting !== null}
          aria-describedby="save-name-hint"
          onChange={(e) => setField("save.name", e.target.value)}
        />
        <p id="save-name-hint" className="hint">
          {reconnecting
            ? "Reconnecting keeps the connection's name and settings; only the sign-in changes."
            : "How Jiffy lists this connection."}
        </p>
      </div>
      <div className="check">
        <input
          id="save-default"
          type="checkbox"
          checked={makeDefault}
          onChange={(e) => setField("save.default", e.target.checked ? "yes" : "no")}
        />
        <label htmlFor="save-default">Make this the default connection</label>
      </div>
      {save.error && <ErrorAlert error={save.error} title="The connection was not saved." />}
      <div className="actions">
        <button type="button" onClick={onBack} disabled={save.busy}>
          Back
        </button>
        <button type="submit" className="primary" disabled={save.busy || name.trim() === ""}>
          Save connection
        </button>
        {save.busy && (
          <p role="status" className="progress">
            <Spinner /> Saving…
          </p>
        )}
      </div>
    </form>
  );
}

/** The permission summary as a table in plain words. */
function Permissions({ summary }: { summary: PermissionSummary }) {
  if (summary.projects.length === 0) {
    return (
      <p className="notice">
        This account sees no projects — ask a Jira admin for Browse permission.
      </p>
    );
  }
  return (
    <>
      <table aria-label="Permissions by project" className="table">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">What you can do</th>
            <th scope="col">What you cannot do</th>
          </tr>
        </thead>
        <tbody>
          {summary.projects.map((p) => (
            <tr key={p.key}>
              <th scope="row">
                {p.name} <span className="muted">({p.key})</span>
              </th>
              <td>
                {listed(
                  CAPABILITIES.filter((c) => p.can.includes(c)),
                  "nothing",
                )}
              </td>
              <td>
                {listed(
                  CAPABILITIES.filter((c) => !p.can.includes(c)),
                  "—",
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.moreProjects > 0 && (
        <p className="muted">
          and {summary.moreProjects} more {summary.moreProjects === 1 ? "project" : "projects"}
        </p>
      )}
    </>
  );
}
