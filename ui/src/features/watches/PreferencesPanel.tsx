import { useEffect, useId, useState } from "react";
import type { IpcError } from "../../ipc";
import type { Preferences } from "../../ipc/watches";
import { preferencesGet, preferencesSet } from "../../ipc/watches";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";

/** Settings → Background: whether closing the window keeps Jiffy watching from the tray. */
export function PreferencesPanel() {
  const id = useId();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    preferencesGet()
      .then(setPrefs)
      .catch((e: unknown) => setError(errorOf(e)));
  }, []);

  const change = (next: Preferences) => {
    setPrefs(next);
    preferencesSet(next)
      .then((saved) => {
        setPrefs(saved);
        setError(null);
      })
      .catch((e: unknown) => setError(errorOf(e)));
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>In the background</h2>
      {prefs && (
        <label className="choice">
          <input
            type="checkbox"
            checked={prefs.keepRunningInTray}
            onChange={(e) => change({ ...prefs, keepRunningInTray: e.target.checked })}
          />
          Keep Jiffy running in the tray when its window is closed, so watches go on
        </label>
      )}
      <p className="hint">
        Otherwise closing the window quits Jiffy, and watches wait until you start it again.
      </p>
      {error && <ErrorAlert error={error} title="The preference was not saved." />}
    </section>
  );
}
