import { useEffect, useId, useState } from "react";
import type { ReactNode } from "react";
import type { ConnectionView, IpcError } from "../ipc";
import { connectionsList } from "../ipc";
import { ErrorAlert } from "../components/ErrorAlert";
import { errorOf } from "../components/errors";

/**
 * A section that works on one connection (Issues, Search, Console): it starts on the default
 * connection, offers a "Connection" picker when there are several, and a way to add one when
 * there are none. `children` renders the page for the chosen connection id.
 */
export function ConnectionSection({
  title,
  ownHeading = false,
  onAddConnection,
  initialConnection,
  children,
}: {
  /** The section's name: its heading. */
  title: string;
  /** The page has its own `h1`: show `title` only while there is no page. */
  ownHeading?: boolean;
  onAddConnection: () => void;
  /** Start on this connection (when it exists) instead of the default. */
  initialConnection?: string;
  children: (connection: string) => ReactNode;
}) {
  const pickerId = useId();
  const [list, setList] = useState<ConnectionView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    connectionsList()
      .then((views) => {
        if (!live) return;
        setList(views);
        const preferred =
          views.find((v) => v.connection.id === initialConnection) ??
          views.find((v) => v.isDefault) ??
          views[0];
        setChosen(preferred ? preferred.connection.id : null);
      })
      .catch((e: unknown) => live && setError(errorOf(e)));
    return () => {
      live = false;
    };
  }, [initialConnection]);

  const heading = !ownHeading || !chosen;
  return (
    <section className="issues-section">
      <div className="issues-section-head">
        {heading && <h1 id="page-title">{title}</h1>}
        {list && list.length > 1 && chosen && (
          <div className="field inline-field">
            <label htmlFor={pickerId}>Connection</label>
            <select id={pickerId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {list.map((v) => (
                <option key={v.connection.id} value={v.connection.id}>
                  {v.connection.name}
                  {v.isDefault ? " (default)" : ""}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {!list && !error && <p role="status">Loading connections…</p>}
      {error && <ErrorAlert error={error} title="Could not read your connections." />}
      {list && list.length === 0 && (
        <div className="empty-state">
          <p>
            There is no Jira connection yet. Add one to work with its issues, or try the demo
            site from the welcome screen.
          </p>
          <button type="button" className="primary" onClick={onAddConnection}>
            Add connection
          </button>
        </div>
      )}
      {chosen && <div key={chosen} className="section-page">{children(chosen)}</div>}
    </section>
  );
}
