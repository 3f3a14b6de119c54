import { useState } from "react";
import type { DemoKind, DemoSite, IpcError } from "../../ipc";
import { demoStart } from "../../ipc";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { Spinner } from "../../components/Spinner";

/** The first-start screen: what Jiffy is and the two ways to begin. */
export function Welcome({
  onConnect,
  onDemo,
}: {
  /** Opens the connection wizard. */
  onConnect: () => void;
  /** Opens the wizard against a demo site that just started. */
  onDemo: (demo: DemoSite) => void;
}) {
  const [starting, setStarting] = useState<DemoKind | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const startDemo = (kind: DemoKind) => {
    setStarting(kind);
    setError(null);
    demoStart(kind)
      .then(onDemo)
      .catch((e: unknown) => {
        setError(errorOf(e));
        setStarting(null);
      });
  };

  return (
    <section className="welcome">
      <img className="welcome-logo" src="/icon.png" alt="" width={88} height={88} />
      <h1 id="page-title">Welcome to Jiffy</h1>
      <p className="lead">
        A fast, native desktop client for Jira Cloud and Jira Data Center. Connect your site once
        and work with issues in real windows.
      </p>
      <div className="welcome-actions">
        <div className="action-card">
          <h2>Connect to your Jira</h2>
          <p>
            A guided wizard finds your site, picks the right way to sign in (API token, OAuth,
            personal access token…) and tells you exactly what to click in Jira.
          </p>
          <button type="button" className="primary" onClick={onConnect}>
            Connect to Jira
          </button>
        </div>
        <div className="action-card">
          <h2>Try Jiffy with a demo site</h2>
          <p>
            A Jira-like site with realistic projects and issues starts inside Jiffy, and the real
            wizard connects to it. No account needed; nothing leaves your computer.
          </p>
          <div className="actions">
            <button
              type="button"
              disabled={starting !== null}
              onClick={() => startDemo("dataCenter")}
            >
              Try a demo Data Center site
            </button>
            <button type="button" disabled={starting !== null} onClick={() => startDemo("cloud")}>
              Try a demo Cloud site
            </button>
          </div>
          {starting && (
            <p role="status" className="progress">
              <Spinner /> Starting the demo {starting === "cloud" ? "Cloud" : "Data Center"} site…
            </p>
          )}
          {error && <ErrorAlert error={error} title="The demo site did not start." />}
        </div>
      </div>
    </section>
  );
}
