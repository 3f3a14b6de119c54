import { useCallback, useEffect, useState } from "react";
import type { ConnectionView, IpcError } from "../../ipc";
import { connectionsList } from "../../ipc";
import type { Watch, WatchStatus } from "../../ipc/watches";
import {
  onWatchesChanged,
  watchRemove,
  watchRunNow,
  watchSetEnabled,
  watchesList,
  watchesMarkSeen,
} from "../../ipc/watches";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { WatchForm } from "./WatchForm";
import { describeRule, describeSchedule, relativeTime } from "./schedule";
import "./watches.css";

type Editing = { kind: "add" } | { kind: "edit"; watch: Watch } | { kind: "delete"; watch: Watch };

/**
 * Settings → Watches: every watch with its schedule, rule, last and next check, new matches
 * and problems; add, edit, check now, turn on/off, delete (after a confirmation naming it).
 */
export function WatchesPanel() {
  const [list, setList] = useState<WatchStatus[] | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<IpcError | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reload = useCallback(() => {
    watchesList()
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch((e: unknown) => setError(errorOf(e)));
  }, []);

  useEffect(() => {
    reload();
    connectionsList()
      .then((views: ConnectionView[]) =>
        setNames(new Map(views.map((v) => [v.connection.id, v.connection.name]))),
      )
      .catch(() => setNames(new Map()));
    let stop: (() => void) | null = null;
    let live = true;
    void onWatchesChanged(reload).then((s) => (live ? (stop = s) : s()));
    return () => {
      live = false;
      stop?.();
    };
  }, [reload]);

  const act = async (id: string, action: () => Promise<unknown>) => {
    setBusy(id);
    try {
      await action();
      reload();
    } catch (e: unknown) {
      setError(errorOf(e));
    } finally {
      setBusy(null);
    }
  };

  const unseen = (list ?? []).reduce((n, s) => n + s.unseen, 0);

  return (
    <section className="panel watches" aria-labelledby="watches-title">
      <h2 id="watches-title">Watches</h2>
      <p className="hint">
        A watch runs a JQL search on a schedule and tells you on the desktop about what it
        finds — for instance documentation issues “On Hold” every Monday morning.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => setEditing({ kind: "add" })}>
          Add watch
        </button>
        {unseen > 0 && (
          <button type="button" onClick={() => void act("all", () => watchesMarkSeen())}>
            Mark all seen
          </button>
        )}
      </div>
      {error && <ErrorAlert error={error} title="Something went wrong with the watches." />}
      {!list && !error && <p role="status">Loading watches…</p>}
      {list && list.length === 0 && (
        <p className="muted">No watches yet. Add one here, or use “Watch this search” on a search.</p>
      )}
      {list && list.length > 0 && (
        <ul className="watch-list" aria-label="Watches">
          {list.map((s) => {
            const w = s.watch;
            return (
              <li key={w.id} className={w.enabled ? "watch" : "watch disabled"} aria-label={w.name}>
                <div className="watch-head">
                  <h3>{w.name}</h3>
                  {s.unseen > 0 && <span className="badge">{s.unseen} new</span>}
                </div>
                <p className="watch-facts">
                  {names.get(w.connection) ?? "Removed connection"} · {describeSchedule(w.schedule)}{" "}
                  · {describeRule(w.notify)}
                </p>
                <code className="watch-jql">{w.jql}</code>
                <p className="watch-status">
                  {s.lastRunAt != null ? (
                    <time dateTime={new Date(s.lastRunAt).toISOString()}>
                      Checked {relativeTime(s.lastRunAt)}
                    </time>
                  ) : (
                    "Not checked yet"
                  )}
                  {s.matching != null && s.lastRunAt != null ? ` · ${s.matching} matching` : ""}
                  {w.enabled && s.nextRunAt != null ? ` · next ${relativeTime(s.nextRunAt)}` : ""}
                  {!w.enabled ? " · off" : ""}
                </p>
                {s.lastError && (
                  <p className="error" role="status">
                    {s.lastError}
                  </p>
                )}
                <div className="actions">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={w.enabled}
                      aria-label={`Enabled: ${w.name}`}
                      disabled={busy === w.id}
                      onChange={(e) =>
                        void act(w.id, () => watchSetEnabled(w.id, e.target.checked))
                      }
                    />
                    Enabled
                  </label>
                  <button
                    type="button"
                    aria-label={busy === w.id ? `Checking… ${w.name}` : `Check now: ${w.name}`}
                    disabled={busy === w.id}
                    onClick={() => void act(w.id, () => watchRunNow(w.id))}
                  >
                    {busy === w.id ? "Checking…" : "Check now"}
                  </button>
                  <button
                    type="button"
                    aria-label={`Edit ${w.name}`}
                    onClick={() => setEditing({ kind: "edit", watch: w })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${w.name}`}
                    onClick={() => setEditing({ kind: "delete", watch: w })}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {editing?.kind === "add" && (
        <WatchForm
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {editing?.kind === "edit" && (
        <WatchForm
          watch={editing.watch}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {editing?.kind === "delete" && (
        <Dialog title={`Delete watch “${editing.watch.name}”?`} onClose={() => setEditing(null)}>
          <p>Jiffy stops checking this search and forgets what it has seen.</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                const id = editing.watch.id;
                setEditing(null);
                void act(id, () => watchRemove(id));
              }}
            >
              Delete watch
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
