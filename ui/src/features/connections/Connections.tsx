import { useCallback, useEffect, useState } from "react";
import type { ConnectionView, IpcError } from "../../ipc";
import { connectionRemove, connectionsList } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { ConnectionRow } from "./ConnectionRow";

/** The Connections page: every saved connection, tested, with its actions. */
export function Connections({
  notice,
  onAdd,
  onReconnect,
}: {
  /** A sentence to show on arrival, e.g. "Saved “ACME Jira”." */
  notice: string | null;
  onAdd: () => void;
  onReconnect: (view: ConnectionView) => void;
}) {
  const [views, setViews] = useState<ConnectionView[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [message, setMessage] = useState<string | null>(notice);
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const [removeError, setRemoveError] = useState<IpcError | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);

  const load = useCallback(() => {
    connectionsList()
      .then((list) => {
        setViews(list);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(errorOf(e)));
  }, []);

  useEffect(load, [load]);

  const changed = (text: string) => {
    setMessage(text);
    load();
  };

  const remove = () => {
    if (!removing) return;
    const { id, name } = removing.connection;
    setRemoveBusy(true);
    setRemoveError(null);
    connectionRemove(id)
      .then(() => {
        setRemoving(null);
        changed(`Removed “${name}”.`);
      })
      .catch((e: unknown) => setRemoveError(errorOf(e)))
      .finally(() => setRemoveBusy(false));
  };

  return (
    <section className="connections">
      <div className="page-head">
        <h1 id="page-title">Connections</h1>
        <button type="button" className="primary" onClick={onAdd}>
          Add connection
        </button>
      </div>
      {message && (
        <p role="status" className="notice-ok">
          {message}
        </p>
      )}
      {loadError && <ErrorAlert error={loadError} title="Could not read the saved connections." />}
      {views === null && !loadError && <p className="muted">Reading the saved connections…</p>}
      {views?.length === 0 && (
        <p className="muted">No connections yet. Add one to start working with Jira.</p>
      )}
      {views && views.length > 0 && (
        <table aria-label="Connections" className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Site</th>
              <th scope="col">Method</th>
              <th scope="col">User</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {views.map((view) => (
              <ConnectionRow
                key={view.connection.id}
                view={view}
                onReconnect={onReconnect}
                onRemove={(v) => {
                  setRemoveError(null);
                  setRemoving(v);
                }}
                onChanged={changed}
              />
            ))}
          </tbody>
        </table>
      )}
      {removing && (
        <Dialog title={`Remove ${removing.connection.name}?`} onClose={() => setRemoving(null)}>
          <p>
            Jiffy forgets this connection to {removing.connection.baseUrl}. Its sign-in secrets
            (tokens, passwords, keys) are deleted from the system keyring too. Nothing changes in
            Jira.
          </p>
          {removeError && (
            <ErrorAlert error={removeError} title="The connection was not removed." />
          )}
          <div className="actions">
            <button type="button" className="danger" disabled={removeBusy} onClick={remove}>
              Remove connection
            </button>
            <button type="button" onClick={() => setRemoving(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
