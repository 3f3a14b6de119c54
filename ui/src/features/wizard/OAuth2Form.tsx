// Step 3 for OAuth 2.0: register the app (Cloud console or DC incoming link), then the browser.
import type { FormEvent } from "react";
import type { OAuth2Redirect } from "../../bindings/OAuth2Redirect";
import { wizardOAuth2Begin } from "../../ipc";
import { CopyButton } from "../../components/CopyButton";
import { TextField } from "../../components/TextField";
import type { SignInProps } from "./SignInForms";
import { BrowserButton, FormActions } from "./SignInForms";
import { appLinksPage } from "./OAuth1Form";
import { optional } from "./model";
import { ChooseSite, FlowAlerts, WaitingPanel, useOAuthFlow } from "./oauth-flow";
import { RadioGroup } from "../../components/RadioGroup";

/** Atlassian's developer console, where Cloud OAuth 2.0 apps are created. */
export const DEVELOPER_CONSOLE = "https://developer.atlassian.com/console/myapps/";

/** The default scopes per deployment (the wizard pre-fills the Scopes field with them). */
export const DEFAULT_SCOPES = {
  cloud: "read:jira-work write:jira-work read:jira-user offline_access",
  dataCenter: "WRITE",
} as const;

/** The loopback port registered by default. */
export const DEFAULT_PORT = "8765";

/** OAuth 2.0 (Cloud 3LO or a Data Center incoming link). */
export function OAuth2Form(props: SignInProps) {
  const { site, fields, setField, onSignedIn } = props;
  const flow = useOAuthFlow(onSignedIn);
  const cloud = site.deployment === "cloud";
  const deepLink = fields["oauth2.redirect"] === "deepLink";
  const port = fields["oauth2.port"] ?? DEFAULT_PORT;
  const callbackUrl = deepLink ? "jiffy://oauth/callback" : `http://127.0.0.1:${port}/callback`;
  const scopes = fields["oauth2.scopes"] ?? "";

  const authorize = (event: FormEvent) => {
    event.preventDefault();
    const portNumber = Number.parseInt(port, 10);
    const redirect: OAuth2Redirect = deepLink
      ? { kind: "deepLink" }
      : { kind: "loopback", port: Number.isFinite(portNumber) ? portNumber : 0 };
    void flow.start(() =>
      wizardOAuth2Begin(site, {
        clientId: (fields["oauth2.clientId"] ?? "").trim(),
        clientSecret: (fields["oauth2.clientSecret"] ?? "").trim(),
        scopes: scopes.split(/\s+/).filter((s) => s !== ""),
        redirect,
        authHost: cloud ? optional(fields["oauth2.authHost"]) : null,
        apiHost: cloud ? optional(fields["oauth2.apiHost"]) : null,
      }),
    );
  };

  if (flow.phase.kind === "waiting") {
    return <WaitingPanel flow={flow.phase.flow} onCancel={flow.cancel} />;
  }
  if (flow.phase.kind === "chooseSite") {
    return (
      <ChooseSite
        flow={flow.phase.flow}
        sites={flow.phase.sites}
        onSignedIn={onSignedIn}
        onCancel={flow.cancel}
      />
    );
  }

  return (
    <form className="step-form" aria-label="OAuth 2.0 sign-in" onSubmit={authorize}>
      {cloud ? (
        <ol className="instructions">
          <li>
            Open the Atlassian developer console → Create → OAuth 2.0 integration.{" "}
            <BrowserButton url={DEVELOPER_CONSOLE}>
              Open the Atlassian developer console
            </BrowserButton>
          </li>
          <li>Permissions: add the Jira API and its scopes (the Scopes below).</li>
          <li>Authorization: add the Callback URL below.</li>
          <li>Settings: copy the Client ID and the Secret into the fields below.</li>
        </ol>
      ) : (
        <ol className="instructions">
          <li>
            As a Jira administrator: ⚙ → Applications → Application links → Create link → External
            application, direction Incoming.{" "}
            <BrowserButton url={appLinksPage(site.baseUrl)}>
              Open Application Links in Jira
            </BrowserButton>
          </li>
          <li>Redirect URL: the Callback URL below. Permission: Write.</li>
          <li>Copy the Client ID and the Client secret into the fields below.</li>
        </ol>
      )}
      <RadioGroup label="How the browser returns to Jiffy">
        <div className="choice">
          <input
            id="oauth2-loopback"
            type="radio"
            name="oauth2-redirect"
            checked={!deepLink}
            onChange={() => setField("oauth2.redirect", "loopback")}
            aria-describedby="oauth2-loopback-hint"
          />
          <label htmlFor="oauth2-loopback">Loopback address</label>
          <p id="oauth2-loopback-hint" className="hint">
            A fixed port on this computer; works with every browser.
          </p>
        </div>
        <div className="choice">
          <input
            id="oauth2-deeplink"
            type="radio"
            name="oauth2-redirect"
            checked={deepLink}
            onChange={() => setField("oauth2.redirect", "deepLink")}
            aria-describedby="oauth2-deeplink-hint"
          />
          <label htmlFor="oauth2-deeplink">jiffy:// link</label>
          <p id="oauth2-deeplink-hint" className="hint">
            The browser hands the answer to Jiffy through its registered link.
          </p>
        </div>
      </RadioGroup>
      {!deepLink && (
        <TextField
          id="oauth2-port"
          label="Port"
          type="number"
          min={1}
          value={port}
          onChange={(v) => setField("oauth2.port", v)}
          hint="Atlassian matches the callback exactly: keep the port you registered."
        />
      )}
      <TextField
        id="oauth2-callback"
        label="Callback URL"
        value={callbackUrl}
        readOnly
        after={<CopyButton text={callbackUrl} label="Copy callback URL" />}
      />
      <TextField
        id="oauth2-scopes"
        label="Scopes"
        value={scopes}
        onChange={(v) => setField("oauth2.scopes", v)}
        hint="Separated by spaces."
        after={<CopyButton text={scopes} label="Copy scopes" />}
      />
      <TextField
        id="oauth2-client-id"
        label="Client ID"
        value={fields["oauth2.clientId"] ?? ""}
        onChange={(v) => setField("oauth2.clientId", v)}
      />
      <TextField
        id="oauth2-client-secret"
        label="Client secret"
        type="password"
        value={fields["oauth2.clientSecret"] ?? ""}
        onChange={(v) => setField("oauth2.clientSecret", v)}
      />
      {cloud && (
        <details open={Boolean(fields["oauth2.authHost"] || fields["oauth2.apiHost"])}>
          <summary>Advanced</summary>
          <TextField
            id="oauth2-auth-host"
            label="Authorization server"
            value={fields["oauth2.authHost"] ?? ""}
            onChange={(v) => setField("oauth2.authHost", v)}
            hint="Empty: Atlassian's (https://auth.atlassian.com)."
          />
          <TextField
            id="oauth2-api-host"
            label="API gateway"
            value={fields["oauth2.apiHost"] ?? ""}
            onChange={(v) => setField("oauth2.apiHost", v)}
            hint="Empty: Atlassian's (https://api.atlassian.com)."
          />
        </details>
      )}
      <FlowAlerts error={flow.error} cancelled={flow.cancelled} />
      <FormActions
        busy={flow.phase.kind === "starting"}
        submitLabel="Authorize in browser"
        busyText="Opening the sign-in page…"
        onBack={props.onBack}
      />
    </form>
  );
}
