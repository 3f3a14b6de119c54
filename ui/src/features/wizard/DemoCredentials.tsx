import type { DemoSite } from "../../ipc";
import { CopyButton } from "../../components/CopyButton";

/** One value of the demo panel with its Copy button ("Copy password for Alice Admin"). */
function Value({ what, owner, value }: { what: string; owner: string; value: string }) {
  return (
    <>
      <dt>{(what[0] ?? "").toUpperCase() + what.slice(1)}</dt>
      <dd>
        <code>{value}</code>{" "}
        <CopyButton text={value} label={`Copy ${what} for ${owner}`} visibleText="Copy" />
      </dd>
    </>
  );
}

/**
 * What to type into the wizard for a demo site: the accounts and the OAuth 2.0 app. Shown
 * beside every step, since the demo exists to be tried with each sign-in method.
 */
export function DemoCredentials({ demo }: { demo: DemoSite }) {
  const cloud = demo.kind === "cloud";
  const appName = cloud ? "the demo OAuth app" : "the demo incoming link";
  return (
    <section aria-label="Demo site credentials" className="demo-panel">
      <h2>Demo site credentials</h2>
      <p className="hint">
        The demo {cloud ? "Cloud" : "Data Center"} site runs on this computer at{" "}
        <code>{demo.baseUrl}</code>. Use any of these; the first account is an administrator.
      </p>
      {demo.accounts.map((account) => (
        <div key={account.username || account.email} className="demo-account">
          <h3>{account.displayName}</h3>
          <dl className="facts">
            {cloud ? (
              <>
                <Value what="email" owner={account.displayName} value={account.email} />
                <Value what="API token" owner={account.displayName} value={account.apiToken} />
              </>
            ) : (
              <>
                <Value what="username" owner={account.displayName} value={account.username} />
                <Value what="password" owner={account.displayName} value={account.password} />
              </>
            )}
          </dl>
        </div>
      ))}
      {demo.oauth2ClientId && (
        <div className="demo-account">
          <h3>OAuth 2.0 app</h3>
          <dl className="facts">
            <Value what="client ID" owner={appName} value={demo.oauth2ClientId} />
            {demo.oauth2ClientSecret && (
              <Value what="client secret" owner={appName} value={demo.oauth2ClientSecret} />
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
