// Step 3 for the methods whose secret is typed in: API token, username and password, PAT.
import type { FormEvent, ReactNode } from "react";
import { useState } from "react";
import type { SignIn, SignedIn, Site } from "../../ipc";
import { openInBrowser, wizardSignIn } from "../../ipc";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { Spinner } from "../../components/Spinner";
import { TextField } from "../../components/TextField";
import { useCommand } from "../../components/useCommand";
import type { Fields } from "./model";
import { RadioGroup } from "../../components/RadioGroup";

/** What every step-3 form gets from the wizard. */
export type SignInProps = {
  site: Site;
  fields: Fields;
  setField: (key: string, value: string) => void;
  onSignedIn: (signedIn: SignedIn) => void;
  onBack: () => void;
};

/** Atlassian's page where people create API tokens. */
export const API_TOKEN_PAGE = "https://id.atlassian.com/manage-profile/security/api-tokens";

/** The profile tab of Jira Data Center where personal access tokens are created. */
export function patPage(baseUrl: string): string {
  return `${baseUrl}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens`;
}

/** The submit row shared by the forms: Back, the main button, and a progress line. */
export function FormActions({
  busy,
  submitLabel,
  busyText,
  onBack,
  submitDisabled,
}: {
  busy: boolean;
  /** Not ready to submit yet (e.g. no key), without showing progress. */
  submitDisabled?: boolean;
  submitLabel: string;
  busyText: string;
  onBack: () => void;
}) {
  return (
    <div className="actions">
      <button type="button" onClick={onBack} disabled={busy}>
        Back
      </button>
      <button type="submit" className="primary" disabled={busy || submitDisabled}>
        {submitLabel}
      </button>
      {busy && (
        <p role="status" className="progress">
          <Spinner /> {busyText}
        </p>
      )}
    </div>
  );
}

/** Opens a page in the system browser; when that fails, says so and shows the address. */
export function BrowserButton({ url, children }: { url: string; children: ReactNode }) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setFailed(null);
          openInBrowser(url).catch((e: unknown) =>
            setFailed(`${errorOf(e).message} Open ${url} yourself.`),
          );
        }}
      >
        {children}
      </button>
      {failed && <span className="error"> {failed}</span>}
    </>
  );
}

/** Signs in with typed secrets and hands the result on; errors keep every field. */
function useTypedSignIn(props: SignInProps) {
  const command = useCommand();
  const signIn = (event: FormEvent, request: SignIn) => {
    event.preventDefault();
    void command
      .run(() => wizardSignIn(props.site, request))
      .then((signedIn) => {
        if (signedIn) props.onSignedIn(signedIn);
      });
  };
  return { ...command, signIn };
}

/** Jira Cloud: email + API token. */
export function ApiTokenForm(props: SignInProps) {
  const { fields, setField } = props;
  const { busy, error, signIn } = useTypedSignIn(props);
  const email = fields["apiToken.email"] ?? "";
  const token = fields["apiToken.token"] ?? "";
  return (
    <form
      className="step-form"
      aria-label="API token sign-in"
      onSubmit={(e) => signIn(e, { method: "apiToken", email: email.trim(), token: token.trim() })}
    >
      <ol className="instructions">
        <li>
          Open Atlassian&apos;s API token page (you may need to log in):{" "}
          <BrowserButton url={API_TOKEN_PAGE}>Open Atlassian&apos;s API token page</BrowserButton>
        </li>
        <li>Choose &quot;Create API token&quot;, name it &quot;Jiffy&quot;, and copy the token.</li>
        <li>Paste it below with the email of your Atlassian account.</li>
      </ol>
      <TextField
        id="apitoken-email"
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(v) => setField("apiToken.email", v)}
      />
      <TextField
        id="apitoken-token"
        label="API token"
        type="password"
        value={token}
        onChange={(v) => setField("apiToken.token", v)}
      />
      {error && (
        <ErrorAlert error={error} title="Could not sign in." credentials="email and API token" />
      )}
      <FormActions busy={busy} submitLabel="Sign in" busyText="Signing in…" onBack={props.onBack} />
    </form>
  );
}

/** Username and password (Data Center and Server). */
export function BasicForm(props: SignInProps) {
  const { fields, setField } = props;
  const { busy, error, signIn } = useTypedSignIn(props);
  const username = fields["basic.username"] ?? "";
  const password = fields["basic.password"] ?? "";
  return (
    <form
      className="step-form"
      aria-label="Username and password sign-in"
      onSubmit={(e) => signIn(e, { method: "basic", username: username.trim(), password })}
    >
      <p>
        Your Jira username and password. Jiffy keeps the password in your system keyring; a personal
        access token or OAuth is safer where your site allows it.
      </p>
      <TextField
        id="basic-username"
        label="Username"
        autoComplete="username"
        value={username}
        onChange={(v) => setField("basic.username", v)}
      />
      <TextField
        id="basic-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(v) => setField("basic.password", v)}
      />
      {error && (
        <ErrorAlert error={error} title="Could not sign in." credentials="username and password" />
      )}
      <FormActions busy={busy} submitLabel="Sign in" busyText="Signing in…" onBack={props.onBack} />
    </form>
  );
}

/** Personal access token: paste one, or let Jiffy create one with the password (used once). */
export function PatForm(props: SignInProps) {
  const { fields, setField, site } = props;
  const { busy, error, signIn } = useTypedSignIn(props);
  const mode = fields["pat.mode"] === "create" ? "create" : "paste";
  const token = fields["pat.token"] ?? "";
  const username = fields["pat.username"] ?? "";
  const password = fields["pat.password"] ?? "";
  const tokenName = fields["pat.tokenName"] ?? "";
  const expiry = fields["pat.expiryDays"] ?? "90";

  const submit = (event: FormEvent) => {
    if (mode === "paste") {
      signIn(event, { method: "pat", token: token.trim() });
      return;
    }
    const days = Number.parseInt(expiry, 10);
    signIn(event, {
      method: "patCreate",
      username: username.trim(),
      password,
      tokenName: tokenName.trim(),
      expiryDays: Number.isFinite(days) && days >= 0 ? days : 90,
    });
  };

  return (
    <form className="step-form" aria-label="Personal access token sign-in" onSubmit={submit}>
      <RadioGroup label="How to get the token">
        <div className="choice">
          <input
            id="pat-paste"
            type="radio"
            name="pat-mode"
            checked={mode === "paste"}
            onChange={() => setField("pat.mode", "paste")}
          />
          <label htmlFor="pat-paste">Paste a token</label>
        </div>
        <div className="choice">
          <input
            id="pat-create"
            type="radio"
            name="pat-mode"
            checked={mode === "create"}
            onChange={() => setField("pat.mode", "create")}
          />
          <label htmlFor="pat-create">Create one for me</label>
        </div>
      </RadioGroup>
      {mode === "paste" ? (
        <>
          <ol className="instructions">
            <li>
              In Jira, click your avatar → Profile → Personal Access Tokens → Create token.{" "}
              <BrowserButton url={patPage(site.baseUrl)}>Open your Jira profile</BrowserButton>
            </li>
            <li>Name it &quot;Jiffy&quot;, pick an expiry, and copy the token Jira shows once.</li>
            <li>Paste it below.</li>
          </ol>
          <TextField
            id="pat-token"
            label="Personal access token"
            type="password"
            value={token}
            onChange={(v) => setField("pat.token", v)}
          />
        </>
      ) : (
        <>
          <p id="pat-password-note" className="hint">
            Your password is used once to create the token and is not stored.
          </p>
          <TextField
            id="pat-username"
            label="Username"
            autoComplete="username"
            value={username}
            onChange={(v) => setField("pat.username", v)}
          />
          <TextField
            id="pat-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(v) => setField("pat.password", v)}
          />
          <TextField
            id="pat-token-name"
            label="Token name"
            value={tokenName}
            onChange={(v) => setField("pat.tokenName", v)}
            hint="How the token is listed in your Jira profile."
          />
          <TextField
            id="pat-expiry"
            label="Expires in (days)"
            type="number"
            min={0}
            value={expiry}
            onChange={(v) => setField("pat.expiryDays", v)}
            hint="0 means never, where your admin allows it."
          />
        </>
      )}
      {error && (
        <ErrorAlert
          error={error}
          title="Could not sign in."
          credentials={mode === "paste" ? "token" : "username and password"}
        />
      )}
      <FormActions
        busy={busy}
        submitLabel={mode === "paste" ? "Sign in" : "Create token and sign in"}
        busyText={mode === "paste" ? "Signing in…" : "Creating the token…"}
        onBack={props.onBack}
      />
    </form>
  );
}
