import { useEffect, useId, useState } from "react";
import type { IpcError } from "../../ipc";
import type { User, UserId } from "../../ipc/comments-attachments";
import { usersSearch } from "../../ipc/comments-attachments";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { Avatar } from "./Avatar";
import { UserCard, userIdOf } from "./UserCard";
import "./users.css";

/** Waits for a pause in typing before asking Jira. */
const DEBOUNCE_MS = 300;

/**
 * A labelled search box over Jira's user search; choosing a result shows its card (and tells
 * `onSelect`, for pickers).
 */
export function UserSearch({
  connection,
  onSelect,
}: {
  connection: string;
  onSelect?: (user: User) => void;
}) {
  const inputId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<User[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [chosen, setChosen] = useState<UserId | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      usersSearch(connection, q)
        .then((users) => {
          if (!live) return;
          setResults(users);
          setError(null);
        })
        .catch((e: unknown) => live && setError(errorOf(e)));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [connection, query]);

  const shown = query.trim() ? results : null;
  return (
    <div className="user-search">
      <div className="field">
        <label htmlFor={inputId}>Search users</label>
        <input
          id={inputId}
          type="search"
          value={query}
          autoComplete="off"
          spellCheck={false}
          placeholder="Name, username or email"
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {error && <ErrorAlert error={error} title="Could not search users." />}
      {shown && shown.length === 0 && <p className="muted">No users match “{query.trim()}”.</p>}
      {shown && shown.length > 0 && (
        <ul className="user-results" aria-label="Users found">
          {shown.map((u) => {
            const id = userIdOf(u);
            const name = u.displayName || u.name || "?";
            return (
              <li key={id?.value ?? name}>
                <button
                  type="button"
                  disabled={!id}
                  aria-pressed={!!id && chosen?.value === id.value}
                  onClick={() => {
                    setChosen(id);
                    onSelect?.(u);
                  }}
                >
                  <Avatar connection={connection} user={u} size={24} />
                  {name}
                  {u.emailAddress && <span className="muted"> {u.emailAddress}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {chosen && <UserCard key={chosen.value} connection={connection} id={chosen} />}
    </div>
  );
}
