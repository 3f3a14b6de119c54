import type { FormEvent } from "react";
import { useCallback, useEffect, useState } from "react";
import type { ConnectionView, IpcError } from "../../ipc";
import { connectionRename, connectionSetDefault, connectionTest } from "../../ipc";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { METHOD_LABELS, connectionUser } from "../wizard/model";

/** What the last test of a connection said. */
type Status =
  | { kind: "testing" }
  | { kind: "ok"; displayName: string }
  | { kind: "expired" }
  | { kind: "failed"; message: string };

function statusText(status: Status): string {
  switch (status.kind) {
    case "testing":
      return "Testing…";
    case "ok":
      return `Connected as ${status.displayName}`;
    case "expired":
      return "Sign-in expired";
    case "failed":
      return status.message;
  }
}

/** One connection: its facts, its tested status, and what can be done with it. */
export function ConnectionRow({
  view,
  onReconnect,
  onRemove,
  onChanged,
}: {
  view: ConnectionView;
  onReconnect: (view: ConnectionView) => void;
  onRemove: (view: ConnectionView) => void;
  /** Something changed (renamed, new default): reload, and say it. */
  onChanged: (message: string) => void;
}) {
  const { connection, isDefault } = view;
  const { id, name } = connection;
  const [status, setStatus] = useState<Status>({ kind: "testing" });
  const [renaming, setRenaming] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  // Resolves into the status; the caller shows "Testing…" first (the initial state on load).
  const runTest = useCallback(() => {
    connectionTest(id)
      .then((user) => setStatus({ kind: "ok", displayName: user.displayName }))
      .catch((e: unknown) => {
        const failure = errorOf(e);
        setStatus(
          failure.kind === "tokenExpired" || failure.kind === "unauthorized"
            ? { kind: "expired" }
            : { kind: "failed", message: failure.message },
        );
      });
  }, [id]);

  useEffect(runTest, [runTest]);

  const test = () => {
    setStatus({ kind: "testing" });
    runTest();
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null) return;
    setBusy(true);
    setError(null);
    connectionRename(id, renaming.trim())
      .then((renamed) => {
        setRenaming(null);
        onChanged(`Renamed “${name}” to “${renamed.name}”.`);
      })
      .catch((e: unknown) => setError(errorOf(e)))
      .finally(() => setBusy(false));
  };

  const makeDefault = () => {
    setError(null);
    connectionSetDefault(id)
      .then(() => onChanged(`“${name}” is now the default connection.`))
      .catch((e: unknown) => setError(errorOf(e)));
  };

  const expired = status.kind === "expired";
  return (
    <tr>
      <th scope="row">
        {renaming === null ? (
          <>
            {name} {isDefault && <span className="badge">Default</span>}
          </>
        ) : (
          <form onSubmit={rename} className="inline">
            <label htmlFor={`rename-${id}`} className="visually-hidden">
              New name for {name}
            </label>
            <input
              id={`rename-${id}`}
              type="text"
              value={renaming}
              onChange={(e) => setRenaming(e.target.value)}
              // The field appears because the person asked to rename: typing starts here.
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
            />
            <button
              type="submit"
              className="small primary"
              disabled={busy || renaming.trim() === ""}
            >
              Save name
            </button>
            <button type="button" className="small" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        {error && <ErrorAlert error={error} title={`“${name}” was not changed.`} />}
      </th>
      <td className="url">{connection.baseUrl}</td>
      <td>{METHOD_LABELS[connection.auth.method]}</td>
      <td>{connectionUser(connection)}</td>
      <td className={expired || status.kind === "failed" ? "error" : undefined}>
        {statusText(status)}
      </td>
      <td>
        <div className="row-actions">
          <button type="button" className="small" aria-label={`Test ${name}`} onClick={test}>
            Test
          </button>
          <button
            type="button"
            className="small"
            aria-label={`Rename ${name}`}
            onClick={() => setRenaming(name)}
          >
            Rename
          </button>
          <button
            type="button"
            className={expired ? "small primary" : "small"}
            aria-label={`Reconnect ${name}`}
            onClick={() => onReconnect(view)}
          >
            Reconnect
          </button>
          {!isDefault && (
            <button
              type="button"
              className="small"
              aria-label={`Make default: ${name}`}
              onClick={makeDefault}
            >
              Make default
            </button>
          )}
          <button
            type="button"
            className="small danger"
            aria-label={`Remove ${name}`}
            onClick={() => onRemove(view)}
          >
            Remove
          </button>
        </div>
      </td>
    </tr>
  );
}
