import { useEffect, useState } from "react";
import type { AppInfo, IpcError } from "../../ipc";
import { CommandError, appInfo } from "../../ipc";
import { PreferencesPanel, WatchesPanel } from "../watches";

type Load = { state: "loading" } | { state: "ok"; info: AppInfo } | { state: "error"; error: IpcError };

/** Settings: watches, what happens in the background, the About panel and the theme rule. */
export function Settings() {
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    let live = true;
    appInfo()
      .then((info) => live && setLoad({ state: "ok", info }))
      .catch((e: unknown) => {
        const error: IpcError =
          e instanceof CommandError ? e.error : { kind: "internal", message: String(e) };
        if (live) setLoad({ state: "error", error });
      });
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="settings">
      <h1 id="page-title">Settings</h1>
      <WatchesPanel />
      <PreferencesPanel />
      <section className="panel" aria-labelledby="about-title">
        <h2 id="about-title">About Jiffy</h2>
        {load.state === "loading" && <p role="status">Reading version information…</p>}
        {load.state === "error" && (
          <p role="alert" className="error">
            Could not read version information: {load.error.message}
          </p>
        )}
        {load.state === "ok" && (
          <dl className="facts" aria-label="About this installation">
            <dt>Version</dt>
            <dd>
              {load.info.name} {load.info.version}
            </dd>
            <dt>Platform</dt>
            <dd>
              {load.info.os} ({load.info.arch})
            </dd>
            <dt>Settings folder</dt>
            <dd>
              <code>{load.info.configDir}</code>
            </dd>
            <dt>Data folder</dt>
            <dd>
              <code>{load.info.dataDir}</code>
            </dd>
          </dl>
        )}
      </section>
      <section className="panel" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <p>Jiffy follows your system&apos;s light or dark theme.</p>
      </section>
    </section>
  );
}
