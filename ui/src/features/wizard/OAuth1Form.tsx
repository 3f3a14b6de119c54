// Step 3 for OAuth 1.0a: the key pair, the Application Link clicks in Jira, then the browser.
import type { FormEvent } from "react";
import { useEffect, useRef, useState } from "react";
import type { OAuth1Start } from "../../ipc";
import {
  wizardOAuth1Begin,
  wizardOAuth1GenerateKey,
  wizardOAuth1ImportKey,
  wizardOAuth1ReuseKey,
  wizardOAuth1Verifier,
} from "../../ipc";
import { chooseFile } from "../../ipc/plugins";
import { CopyButton } from "../../components/CopyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Spinner";
import { TextField } from "../../components/TextField";
import { useCommand } from "../../components/useCommand";
import type { SignInProps } from "./SignInForms";
import { BrowserButton, FormActions } from "./SignInForms";
import { FlowAlerts, WaitingPanel, useOAuthFlow } from "./oauth-flow";
import { RadioGroup } from "../../components/RadioGroup";

/** Jira's Application Links admin page. */
export function appLinksPage(baseUrl: string): string {
  return `${baseUrl}/plugins/servlet/applinks/listApplicationLinks`;
}

/** OAuth 1.0a (Application Link). */
export function OAuth1Form(
  props: SignInProps & {
    /** The key made or imported earlier in this wizard (kept across Back). */
    oauthKey: OAuth1Start | null;
    setOAuthKey: (key: OAuth1Start) => void;
    /** Reconnecting an OAuth 1.0a connection: reuse the key already linked in Jira. */
    reuseKeyOf: string | null;
  },
) {
  const { site, fields, setField, oauthKey, setOAuthKey, reuseKeyOf, onSignedIn } = props;
  const keyCommand = useCommand();
  const flow = useOAuthFlow(onSignedIn);
  const verifier = useCommand();
  const callback = fields["oauth1.callback"] === "oob" ? "oob" : "loopback";
  const consumerKey = fields["oauth1.consumerKey"] ?? "";

  const useKey = (key: OAuth1Start | undefined) => {
    if (!key) return;
    setOAuthKey(key);
    // A new key has a new suggested consumer key; the person may still edit it.
    setField("oauth1.consumerKey", key.consumerKey);
  };

  // On entering: make a key (or fetch the linked one) once; Back and forth keeps it.
  const started = useRef(false);
  useEffect(() => {
    if (oauthKey || started.current) return;
    started.current = true;
    void keyCommand
      .run(() => (reuseKeyOf ? wizardOAuth1ReuseKey(reuseKeyOf) : wizardOAuth1GenerateKey()))
      .then(useKey);
    // Only on entering the step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const importPem = () => {
    void keyCommand
      .run(() => wizardOAuth1ImportKey({ pem: fields["oauth1.privateKey"] ?? "" }))
      .then(useKey);
  };
  const importFile = () => {
    void keyCommand
      .run(async () => {
        const path = await chooseFile({
          title: "Choose the private key",
          filterName: "Private keys",
          extensions: ["pem", "key"],
        });
        return path ? wizardOAuth1ImportKey({ path }) : undefined;
      })
      .then(useKey);
  };

  const authorize = (event: FormEvent) => {
    event.preventDefault();
    if (!oauthKey) return;
    void flow.start(() => wizardOAuth1Begin(site, oauthKey.keyId, consumerKey.trim(), callback));
  };

  const [code, setCode] = useState("");
  if (flow.phase.kind === "waiting" || flow.phase.kind === "chooseSite") {
    const flowId = flow.phase.flow.flowId;
    return (
      <WaitingPanel
        flow={flow.phase.flow}
        onCancel={flow.cancel}
        oob={
          callback === "oob"
            ? {
                code,
                setCode,
                busy: verifier.busy,
                error: verifier.error,
                submit: () => void verifier.run(() => wizardOAuth1Verifier(flowId, code.trim())),
              }
            : undefined
        }
      />
    );
  }

  const keyBusyText = reuseKeyOf
    ? "Reading the key already linked in Jira…"
    : "Generating a key pair…";
  return (
    <form className="step-form" aria-label="OAuth 1.0a sign-in" onSubmit={authorize}>
      <section className="part" aria-labelledby="oauth1-key-title">
        <h3 id="oauth1-key-title">1. Create the key</h3>
        {keyCommand.busy && (
          <p role="status" className="progress">
            <Spinner /> {oauthKey ? "Importing the key…" : keyBusyText}
          </p>
        )}
        {keyCommand.error && <ErrorAlert error={keyCommand.error} title="No key yet." />}
        <details>
          <summary>Use an existing private key</summary>
          <div className="field">
            <label htmlFor="oauth1-private-key">Private key (PEM)</label>
            <textarea
              id="oauth1-private-key"
              rows={5}
              spellCheck={false}
              aria-describedby="oauth1-private-key-hint"
              value={fields["oauth1.privateKey"] ?? ""}
              onChange={(e) => setField("oauth1.privateKey", e.target.value)}
            />
            <p id="oauth1-private-key-hint" className="hint">
              The RSA private key of an Application Link you already set up. It stays on this
              computer, in your system keyring.
            </p>
          </div>
          <div className="actions">
            <button type="button" onClick={importFile} disabled={keyCommand.busy}>
              Choose key file…
            </button>
            <button type="button" onClick={importPem} disabled={keyCommand.busy}>
              Import key
            </button>
          </div>
        </details>
        {oauthKey && (
          <>
            <div className="field">
              <label htmlFor="oauth1-public-key">Public key</label>
              <textarea
                id="oauth1-public-key"
                className="pem"
                rows={8}
                readOnly
                value={oauthKey.publicKeyPem}
                aria-describedby="oauth1-public-key-hint"
              />
              <p id="oauth1-public-key-hint" className="hint">
                RSA {oauthKey.bits} bits. Paste all of it, including the BEGIN and END lines.
              </p>
              <CopyButton text={oauthKey.publicKeyPem} label="Copy public key" />
            </div>
            <TextField
              id="oauth1-consumer-key"
              label="Consumer key"
              value={consumerKey}
              onChange={(v) => setField("oauth1.consumerKey", v)}
              after={<CopyButton text={consumerKey} label="Copy consumer key" />}
            />
            <TextField
              id="oauth1-consumer-name"
              label="Consumer name"
              value={oauthKey.consumerName}
              readOnly
              after={<CopyButton text={oauthKey.consumerName} label="Copy consumer name" />}
            />
          </>
        )}
      </section>
      <section className="part" aria-labelledby="oauth1-link-title">
        <h3 id="oauth1-link-title">2. Link Jiffy in Jira</h3>
        <p>As a Jira administrator:</p>
        <h4>Jira 9 and later</h4>
        <ol className="instructions">
          <li>⚙ Administration → Applications → Application links → &quot;Create link&quot;.</li>
          <li>
            Application type &quot;Atlassian product&quot;, Application URL any address (for example
            http://jiffy.invalid) → Continue. Ignore &quot;No response was received&quot; and
            Continue.
          </li>
          <li>
            Application name &quot;Jiffy&quot;, Application type &quot;Generic Application&quot;,
            tick &quot;Create incoming link&quot; → Continue.
          </li>
          <li>Paste the Consumer key, Consumer name and Public key from above → Continue.</li>
        </ol>
        <h4>Jira 7 and 8</h4>
        <ol className="instructions">
          <li>⚙ → Applications → Application links.</li>
          <li>
            Type any URL in &quot;Enter the URL of the application you want to link&quot; →
            &quot;Create new link&quot;.
          </li>
          <li>Continue as for Jira 9 from &quot;Application name&quot;.</li>
        </ol>
        <BrowserButton url={appLinksPage(site.baseUrl)}>
          Open Application Links in Jira
        </BrowserButton>
      </section>
      <section className="part" aria-labelledby="oauth1-authorize-title">
        <h3 id="oauth1-authorize-title">3. Authorize</h3>
        <RadioGroup label="After you approve in the browser">
          <div className="choice">
            <input
              id="oauth1-loopback"
              type="radio"
              name="oauth1-callback"
              checked={callback === "loopback"}
              onChange={() => setField("oauth1.callback", "loopback")}
              aria-describedby="oauth1-loopback-hint"
            />
            <label htmlFor="oauth1-loopback">Return to Jiffy automatically</label>
            <p id="oauth1-loopback-hint" className="hint">
              Jira sends your browser back to Jiffy on this computer.
            </p>
          </div>
          <div className="choice">
            <input
              id="oauth1-oob"
              type="radio"
              name="oauth1-callback"
              checked={callback === "oob"}
              onChange={() => setField("oauth1.callback", "oob")}
              aria-describedby="oauth1-oob-hint"
            />
            <label htmlFor="oauth1-oob">Jira shows me a code</label>
            <p id="oauth1-oob-hint" className="hint">
              When the browser cannot reach Jiffy: you type the code Jira shows.
            </p>
          </div>
        </RadioGroup>
        <FlowAlerts error={flow.error} cancelled={flow.cancelled} />
        <FormActions
          busy={flow.phase.kind === "starting"}
          submitDisabled={!oauthKey}
          submitLabel="Authorize in browser"
          busyText="Asking Jira for a request token…"
          onBack={props.onBack}
        />
      </section>
    </form>
  );
}
