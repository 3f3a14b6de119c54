import { useEffect, useState } from "react";
import type { IpcError } from "../../../ipc";
import type { SavedSearch } from "../../../ipc/saved-searches";
import {
  savedSearchesDelete,
  savedSearchesList,
  savedSearchesRename,
  savedSearchesSave,
} from "../../../ipc/saved-searches";
import { Dialog } from "../../../components/Dialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { TextField } from "../../../components/TextField";
import { errorOf } from "../../../components/errors";

type Editing =
  | { kind: "save" }
  | { kind: "rename"; search: SavedSearch }
  | { kind: "delete"; search: SavedSearch };

/**
 * The connection's saved searches: run one, rename it, delete it (after a confirmation that
 * names it), and save the current query under a name.
 */
export function SavedSearches({
  connection,
  currentJql,
  onRun,
}: {
  connection: string;
  /** The query the JQL box holds, what "Save search" saves. */
  currentJql: string;
  onRun: (jql: string) => void;
}) {
  const [searches, setSearches] = useState<SavedSearch[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    savedSearchesList(connection)
      .then((s) => {
        if (!current) return;
        setSearches(s);
        setError(null);
      })
      .catch((e: unknown) => current && setError(errorOf(e)));
    return () => {
      current = false;
    };
  }, [connection, reload]);

  const done = () => {
    setEditing(null);
    setReload((n) => n + 1);
  };

  return (
    <nav aria-label="Saved searches" className="saved-searches">
      <h2>Saved searches</h2>
      <button
        type="button"
        disabled={currentJql.trim() === ""}
        onClick={() => setEditing({ kind: "save" })}
      >
        Save search
      </button>
      {error && <ErrorAlert error={error} title="Could not list the saved searches." />}
      {searches && searches.length === 0 && <p className="muted">No saved searches yet.</p>}
      {searches && searches.length > 0 && (
        <ul>
          {searches.map((s) => (
            <li key={s.name}>
              <button type="button" title={s.jql} onClick={() => onRun(s.jql)}>
                {s.name}
              </button>
              <button
                type="button"
                aria-label={`Rename ${s.name}`}
                onClick={() => setEditing({ kind: "rename", search: s })}
              >
                Rename
              </button>
              <button
                type="button"
                aria-label={`Delete ${s.name}`}
                onClick={() => setEditing({ kind: "delete", search: s })}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing?.kind === "save" && (
        <NameDialog
          title="Save search"
          label="Name"
          initial=""
          submit="Save"
          detail={currentJql}
          errorTitle="Could not save the search."
          onSubmit={(name) => savedSearchesSave(connection, name, currentJql)}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {editing?.kind === "rename" && (
        <NameDialog
          title={`Rename ${editing.search.name}`}
          label="New name"
          initial={editing.search.name}
          submit="Rename"
          errorTitle="Could not rename the search."
          onSubmit={(name) => savedSearchesRename(connection, editing.search.name, name)}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
      {editing?.kind === "delete" && (
        <DeleteDialog
          search={editing.search}
          onDelete={() => savedSearchesDelete(connection, editing.search.name)}
          onClose={() => setEditing(null)}
          onDone={done}
        />
      )}
    </nav>
  );
}

/** Asks for a name; a refused name stays typed with the error shown. */
function NameDialog({
  title,
  label,
  initial,
  submit,
  detail,
  errorTitle,
  onSubmit,
  onClose,
  onDone,
}: {
  title: string;
  label: string;
  initial: string;
  submit: string;
  detail?: string;
  errorTitle: string;
  onSubmit: (name: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            await onSubmit(name);
            onDone();
          } catch (thrown) {
            setError(errorOf(thrown));
            setBusy(false);
          }
        }}
      >
        {detail && <p className="muted">{detail}</p>}
        <TextField id="saved-search-name" label={label} value={name} onChange={setName} />
        {error && <ErrorAlert error={error} title={errorTitle} />}
        <div className="actions">
          <button type="submit" disabled={busy || name.trim() === ""}>
            {submit}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Confirms deleting a saved search, naming it. */
function DeleteDialog({
  search,
  onDelete,
  onClose,
  onDone,
}: {
  search: SavedSearch;
  onDelete: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={`Delete saved search ${search.name}?`} onClose={onClose}>
      <p>
        The saved search “{search.name}” ({search.jql}) will be deleted. Its issues are not
        touched.
      </p>
      {error && <ErrorAlert error={error} title="Could not delete the search." />}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onDelete();
              onDone();
            } catch (thrown) {
              setError(errorOf(thrown));
              setBusy(false);
            }
          }}
        >
          Delete
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
