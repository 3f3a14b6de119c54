import { useEffect, useId, useState } from "react";
import type { ConnectionView, IpcError } from "../../ipc";
import { connectionsList } from "../../ipc";
import type { NotifyRule, Watch, WatchDraft } from "../../ipc/watches";
import { watchAdd, watchUpdate } from "../../ipc/watches";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { RadioGroup } from "../../components/RadioGroup";
import { TextField } from "../../components/TextField";
import { errorOf } from "../../components/errors";
import type { ScheduleForm } from "./schedule";
import { RULES, WEEKDAYS, scheduleForm, scheduleFrom, timeZones } from "./schedule";

/** What a new watch starts from ("Watch this search" fills in the connection and query). */
export type WatchPreset = { connection?: string; jql?: string; name?: string };

/**
 * Add or edit a watch, in a dialog: name, connection, JQL, when to check (every N minutes,
 * daily or weekly at a time in a time zone), what to tell, on or off. A refused save keeps
 * everything typed and says why.
 */
export function WatchForm({
  watch,
  preset,
  onSaved,
  onClose,
}: {
  /** The watch being edited; none for a new one. */
  watch?: Watch;
  preset?: WatchPreset;
  onSaved: (watch: Watch) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [connections, setConnections] = useState<ConnectionView[] | null>(null);
  const [name, setName] = useState(watch?.name ?? preset?.name ?? "");
  const [connection, setConnection] = useState(watch?.connection ?? preset?.connection ?? "");
  const [jql, setJql] = useState(watch?.jql ?? preset?.jql ?? "");
  const [schedule, setSchedule] = useState<ScheduleForm>(scheduleForm(watch?.schedule));
  const [notify, setNotify] = useState<NotifyRule>(watch?.notify ?? "new");
  const [enabled, setEnabled] = useState(watch?.enabled ?? true);
  const [error, setError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);
  const [zones] = useState(timeZones);

  useEffect(() => {
    let live = true;
    connectionsList()
      .then((views) => {
        if (!live) return;
        setConnections(views);
        setConnection((c) => {
          if (c !== "" && views.some((v) => v.connection.id === c)) return c;
          const preferred = views.find((v) => v.isDefault) ?? views[0];
          return preferred ? preferred.connection.id : "";
        });
      })
      .catch((e: unknown) => live && setError(errorOf(e)));
    return () => {
      live = false;
    };
  }, []);

  const set = (patch: Partial<ScheduleForm>) => setSchedule((s) => ({ ...s, ...patch }));

  const save = async () => {
    const built = scheduleFrom(schedule);
    if (typeof built === "string") {
      setError({ kind: "invalidInput", message: built });
      return;
    }
    const draft: WatchDraft = { connection, name: name.trim(), jql: jql.trim(), schedule: built, notify, enabled };
    setSaving(true);
    setError(null);
    try {
      const saved = watch ? await watchUpdate(watch.id, draft) : await watchAdd(draft);
      onSaved(saved);
    } catch (e: unknown) {
      setError(errorOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={watch ? `Edit watch “${watch.name}”` : "New watch"} onClose={onClose}>
      <form
        className="watch-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField id={`${id}-name`} label="Name" value={name} onChange={setName} />
        <div className="field">
          <label htmlFor={`${id}-connection`}>Connection</label>
          <select
            id={`${id}-connection`}
            value={connection}
            onChange={(e) => setConnection(e.target.value)}
            disabled={!connections}
          >
            {(connections ?? []).map((v) => (
              <option key={v.connection.id} value={v.connection.id}>
                {v.connection.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-jql`}>JQL query</label>
          <textarea
            id={`${id}-jql`}
            value={jql}
            rows={3}
            spellCheck={false}
            onChange={(e) => setJql(e.target.value)}
          />
        </div>
        <div className="watch-kinds">
          <RadioGroup label="When to check">
            {(
              [
                ["weekly", "Every week"],
                ["daily", "Every day"],
                ["every", "Every few minutes"],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className="choice">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={schedule.kind === kind}
                  onChange={() => set({ kind })}
                />
                {label}
              </label>
            ))}
          </RadioGroup>
        </div>
        <div className={`watch-schedule ${schedule.kind}`}>
          {schedule.kind === "every" ? (
            <TextField
              id={`${id}-minutes`}
              label="Minutes between checks"
              type="number"
              min={1}
              value={schedule.minutes}
              onChange={(minutes) => set({ minutes })}
            />
          ) : (
            <>
              {schedule.kind === "weekly" && (
                <div className="field">
                  <label htmlFor={`${id}-day`}>Day</label>
                  <select
                    id={`${id}-day`}
                    value={schedule.weekday}
                    onChange={(e) => set({ weekday: e.target.value as ScheduleForm["weekday"] })}
                  >
                    {WEEKDAYS.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor={`${id}-at`}>Time</label>
                <input
                  id={`${id}-at`}
                  type="time"
                  value={schedule.at}
                  onChange={(e) => set({ at: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-tz`}>Time zone</label>
                <select
                  id={`${id}-tz`}
                  value={schedule.timeZone}
                  onChange={(e) => set({ timeZone: e.target.value })}
                >
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
        </div>
        <RadioGroup label="Tell me about">
          {RULES.map((rule) => (
            <label key={rule.id} className="choice">
              <input
                type="radio"
                name={`${id}-rule`}
                checked={notify === rule.id}
                onChange={() => setNotify(rule.id)}
              />
              {rule.label}
            </label>
          ))}
        </RadioGroup>
        <label className="choice">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        {error && <ErrorAlert error={error} title="The watch was not saved." />}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving || connection === ""}>
            {saving ? "Saving…" : "Save watch"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
