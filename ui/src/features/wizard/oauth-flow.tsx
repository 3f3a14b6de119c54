// The browser half of both OAuth flows: start, wait for the callback, cancel, pick a site.
import type { FormEvent } from "react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AccessibleResource } from "../../bindings/AccessibleResource";
import type { FlowStart, IpcError, SignedIn } from "../../ipc";
import {
  openInBrowser,
  wizardOAuth2ChooseSite,
  wizardOAuthCancel,
  wizardOAuthWait,
} from "../../ipc";
import { CopyButton } from "../../components/CopyButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { Spinner } from "../../components/Spinner";
import { RadioGroup } from "../../components/RadioGroup";

/** Where a browser sign-in stands. */
export type FlowPhase =
  | { kind: "form" }
  | { kind: "starting" }
  | { kind: "waiting"; flow: FlowStart }
  | { kind: "chooseSite"; flow: FlowStart; sites: AccessibleResource[] };

/**
 * Runs one browser sign-in: `start(begin)` opens it and waits for the outcome. A refusal, a
 * time-out or Cancel bring the form back with an alert; leaving the step cancels the flow.
 */
export function useOAuthFlow(onSignedIn: (signedIn: SignedIn) => void) {
  const [phase, setPhase] = useState<FlowPhase>({ kind: "form" });
  const [error, setError] = useState<IpcError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // The flow whose outcome still matters; a cancelled or replaced flow's answer is ignored.
  const active = useRef<string | null>(null);

  useEffect(
    () => () => {
      const id = active.current;
      active.current = null;
      if (id) wizardOAuthCancel(id).catch(() => undefined);
    },
    [],
  );

  const start = useCallback(
    async (begin: () => Promise<FlowStart>) => {
      setError(null);
      setCancelled(false);
      setPhase({ kind: "starting" });
      let flow: FlowStart;
      try {
        flow = await begin();
      } catch (e) {
        setError(errorOf(e));
        setPhase({ kind: "form" });
        return;
      }
      active.current = flow.flowId;
      setPhase({ kind: "waiting", flow });
      try {
        const outcome = await wizardOAuthWait(flow.flowId);
        if (active.current !== flow.flowId) return;
        if (outcome.kind === "signedIn") {
          active.current = null;
          const { draftId, user, method, baseUrl, suggestedName } = outcome;
          onSignedIn({ draftId, user, method, baseUrl, suggestedName });
        } else {
          setPhase({ kind: "chooseSite", flow, sites: outcome.sites });
        }
      } catch (e) {
        if (active.current !== flow.flowId) return;
        active.current = null;
        setError(errorOf(e));
        setPhase({ kind: "form" });
      }
    },
    [onSignedIn],
  );

  const cancel = useCallback(() => {
    const id = active.current;
    active.current = null;
    setPhase({ kind: "form" });
    setCancelled(true);
    if (id) wizardOAuthCancel(id).catch(() => undefined);
  }, []);

  return { phase, error, cancelled, start, cancel };
}

/** The alerts shown with the form after a browser sign-in did not finish. */
export function FlowAlerts({ error, cancelled }: { error: IpcError | null; cancelled: boolean }) {
  if (error) return <ErrorAlert error={error} title="The browser sign-in did not finish." />;
  if (cancelled)
    return (
      <p role="alert" className="alert">
        Sign-in cancelled. Everything you entered is still here; authorize again when ready.
      </p>
    );
  return null;
}

/**
 * "Waiting for you to approve Jiffy": the sign-in link to copy or open again, Cancel, and for
 * out-of-band OAuth 1.0a the field for the code Jira shows.
 */
export function WaitingPanel({
  flow,
  onCancel,
  oob,
}: {
  flow: FlowStart;
  onCancel: () => void;
  oob?: {
    code: string;
    setCode: (code: string) => void;
    submit: () => void;
    busy: boolean;
    error: IpcError | null;
  };
}) {
  const [openFailed, setOpenFailed] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    oob?.submit();
  };
  return (
    <section className="waiting" aria-label="Browser sign-in">
      <p role="status" className="progress">
        <Spinner /> Waiting for you to approve Jiffy in your browser…
      </p>
      <div className="field">
        <label htmlFor="flow-link">Sign-in link</label>
        <div className="inline">
          <input
            id="flow-link"
            type="text"
            readOnly
            value={flow.authorizeUrl}
            aria-describedby="flow-link-hint"
          />
          <CopyButton text={flow.authorizeUrl} label="Copy link" />
        </div>
        <p id="flow-link-hint" className="hint">
          If no browser opened, open this link in the browser where you are logged in to Jira.
        </p>
      </div>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setOpenFailed(null);
            openInBrowser(flow.authorizeUrl).catch((e: unknown) =>
              setOpenFailed(errorOf(e).message),
            );
          }}
        >
          Open the browser again
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {openFailed && <p className="error">{openFailed}</p>}
      {oob && (
        <form onSubmit={submit} aria-label="Verification code" className="oob">
          <p>After you allow access, Jira shows a verification code. Type it here.</p>
          <div className="field">
            <label htmlFor="oob-code">Verification code</label>
            <div className="inline">
              <input
                id="oob-code"
                type="text"
                autoComplete="one-time-code"
                spellCheck={false}
                value={oob.code}
                onChange={(e) => oob.setCode(e.target.value)}
              />
              <button type="submit" className="primary" disabled={oob.busy}>
                Submit code
              </button>
            </div>
          </div>
          {oob.error && <ErrorAlert error={oob.error} title="Jira did not take the code." />}
        </form>
      )}
    </section>
  );
}

/** Cloud OAuth 2.0 reaching several sites: pick the one this connection is for. */
export function ChooseSite({
  flow,
  sites,
  onSignedIn,
  onCancel,
}: {
  flow: FlowStart;
  sites: AccessibleResource[];
  onSignedIn: (signedIn: SignedIn) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState(sites[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const site = sites.find((s) => s.id === chosen);
    if (!site) return;
    setBusy(true);
    setError(null);
    wizardOAuth2ChooseSite(flow.flowId, site.id, site.url)
      .then(onSignedIn)
      .catch((e: unknown) => {
        setError(errorOf(e));
        setBusy(false);
      });
  };
  return (
    <form onSubmit={submit} className="step-form" aria-label="Choose the Jira site">
      <p>Your Atlassian account reaches several Jira sites. Which one is this connection for?</p>
      <RadioGroup label="Jira site">
        {sites.map((s) => (
          <div className="choice" key={s.id}>
            <input
              id={`site-${s.id}`}
              type="radio"
              name="jira-site"
              checked={chosen === s.id}
              onChange={() => setChosen(s.id)}
            />
            <label htmlFor={`site-${s.id}`}>{`${s.name} (${s.url})`}</label>
          </div>
        ))}
      </RadioGroup>
      {error && <ErrorAlert error={error} title="Could not use that site." />}
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || !chosen}>
          Use this site
        </button>
        {busy && (
          <p role="status" className="progress">
            <Spinner /> Signing in to that site…
          </p>
        )}
      </div>
    </form>
  );
}
