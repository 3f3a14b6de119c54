// The connection wizard: Site → Sign-in method → Sign in → Check, as one page of the main area.
import { useCallback, useEffect, useRef, useState } from "react";
import type { AuthMethod } from "../../bindings/AuthMethod";
import type {
  Connection,
  NetworkSettings,
  OAuth1Start,
  ProbeResult,
  SignedIn,
  Site,
} from "../../ipc";
import { wizardDiscard } from "../../ipc";
import { useFocusOnMount } from "../../components/useFocusOnMount";
import { CheckStep } from "./CheckStep";
import { DemoCredentials } from "./DemoCredentials";
import { MethodStep } from "./MethodStep";
import { OAuth1Form } from "./OAuth1Form";
import { OAuth2Form } from "./OAuth2Form";
import { ProbeStep } from "./ProbeStep";
import type { SignInProps } from "./SignInForms";
import { ApiTokenForm, BasicForm, PatForm } from "./SignInForms";
import { defaultsFor } from "./defaults";
import type { Fields, WizardLaunch } from "./model";
import { METHOD_LABELS, siteOf, siteOfConnection } from "./model";

type Step = "site" | "method" | "signIn" | "check";

const STEPS: { id: Step; label: string }[] = [
  { id: "site", label: "Site" },
  { id: "method", label: "Sign-in method" },
  { id: "signIn", label: "Sign in" },
  { id: "check", label: "Check" },
];

/** Everything the wizard has learned so far; kept whole so Back never loses anything. */
type State = {
  step: Step;
  fields: Fields;
  probe: ProbeResult | null;
  network: NetworkSettings;
  method: AuthMethod | null;
  oauthKey: OAuth1Start | null;
  signedIn: SignedIn | null;
};

function initialState(launch: WizardLaunch): State {
  const base: State = {
    step: "site",
    fields: {},
    probe: null,
    network: { caCertPath: null, proxy: null },
    method: null,
    oauthKey: null,
    signedIn: null,
  };
  if (launch.kind === "demo") return { ...base, fields: { "site.url": launch.demo.baseUrl } };
  if (launch.kind === "reconnect") {
    const { connection } = launch;
    const method = connection.auth.method;
    return {
      ...base,
      step: "signIn",
      method,
      network: connection.network,
      fields: defaultsFor(method, siteOfConnection(connection), launch),
    };
  }
  return base;
}

/** The wizard page. `onSaved` gets the saved connection; `onLeave` goes back (reconnect). */
export function Wizard({
  launch,
  onSaved,
  onLeave,
}: {
  launch: WizardLaunch;
  onSaved: (connection: Connection) => void;
  onLeave: () => void;
}) {
  const [state, setState] = useState<State>(() => initialState(launch));
  const reconnect = launch.kind === "reconnect" ? launch.connection : null;

  const setField = useCallback((key: string, value: string) => {
    setState((s) => ({ ...s, fields: { ...s.fields, [key]: value } }));
  }, []);

  // An unsaved sign-in is forgotten when the wizard goes away.
  const draft = useRef<string | null>(null);
  useEffect(() => {
    draft.current = state.signedIn?.draftId ?? null;
  }, [state.signedIn]);
  const saved = useRef(false);
  useEffect(
    () => () => {
      if (draft.current && !saved.current) wizardDiscard(draft.current).catch(() => undefined);
    },
    [],
  );

  const site: Site | null = reconnect
    ? siteOfConnection(reconnect)
    : state.probe && siteOf(state.probe, state.network);

  const found = (probe: ProbeResult, network: NetworkSettings) =>
    setState((s) => {
      const sameSite = s.probe?.baseUrl === probe.baseUrl;
      // Another site: its OAuth app and sign-in are different; what was typed for step 1 stays.
      const fields = sameSite
        ? s.fields
        : Object.fromEntries(Object.entries(s.fields).filter(([k]) => !k.startsWith("oauth2.")));
      const method =
        s.method && probe.methods.includes(s.method) ? s.method : (probe.methods[0] ?? null);
      return { ...s, step: "method", probe, network, fields, method };
    });

  const toSignIn = () =>
    setState((s) => {
      if (!s.method || !s.probe) return s;
      const defaults = defaultsFor(s.method, siteOf(s.probe, s.network), launch);
      return { ...s, step: "signIn", fields: { ...defaults, ...s.fields } };
    });

  const signedIn = useCallback(
    (result: SignedIn) => setState((s) => ({ ...s, step: "check", signedIn: result })),
    [],
  );

  const backFromCheck = () => {
    // Signing in again makes a new draft; this one would only linger.
    if (state.signedIn) wizardDiscard(state.signedIn.draftId).catch(() => undefined);
    setState((s) => ({ ...s, step: "signIn", signedIn: null }));
  };

  const current = STEPS.findIndex((s) => s.id === state.step);
  return (
    <div className={launch.kind === "demo" ? "wizard with-demo" : "wizard"}>
      <div className="wizard-main">
        {/* Focus goes to the step's heading (h2), which says where the person is. */}
        <h1 id="page-title" tabIndex={-1}>
          {reconnect ? `Reconnect ${reconnect.name}` : "Connect to Jira"}
        </h1>
        <ol aria-label="Wizard steps" className="steps">
          {STEPS.map((s, index) => (
            <li
              key={s.id}
              aria-current={index === current ? "step" : undefined}
              className={index < current ? "done" : undefined}
            >
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              {s.label}
            </li>
          ))}
        </ol>
        {state.step === "site" && (
          <ProbeStep
            fields={state.fields}
            setField={setField}
            autoProbe={launch.kind === "demo" && state.probe === null}
            onFound={found}
          />
        )}
        {state.step === "method" && state.probe && state.method && (
          <MethodStep
            probe={state.probe}
            method={state.method}
            onChoose={(method) => setState((s) => ({ ...s, method }))}
            onBack={() => setState((s) => ({ ...s, step: "site" }))}
            onContinue={toSignIn}
          />
        )}
        {state.step === "method" && state.probe && !state.method && (
          <p role="alert" className="alert">
            Jiffy knows no sign-in method for this site. Go back and check the address.
          </p>
        )}
        {state.step === "signIn" && site && state.method && (
          <SignInStep
            method={state.method}
            props={{
              site,
              fields: state.fields,
              setField,
              onSignedIn: signedIn,
              onBack: reconnect ? onLeave : () => setState((s) => ({ ...s, step: "method" })),
            }}
            oauthKey={state.oauthKey}
            setOAuthKey={(oauthKey) => setState((s) => ({ ...s, oauthKey }))}
            reuseKeyOf={reconnect?.auth.method === "oauth1" ? reconnect.id : null}
          />
        )}
        {state.step === "check" && state.signedIn && (
          <CheckStep
            signedIn={state.signedIn}
            fields={state.fields}
            setField={setField}
            reconnecting={reconnect && { id: reconnect.id, name: reconnect.name }}
            onBack={backFromCheck}
            onSaved={(connection) => {
              saved.current = true;
              onSaved(connection);
            }}
          />
        )}
      </div>
      {launch.kind === "demo" && <DemoCredentials demo={launch.demo} />}
    </div>
  );
}

/** Step 3: "Sign in with <method>" and that method's form. */
function SignInStep({
  method,
  props,
  oauthKey,
  setOAuthKey,
  reuseKeyOf,
}: {
  method: AuthMethod;
  props: SignInProps;
  oauthKey: OAuth1Start | null;
  setOAuthKey: (key: OAuth1Start) => void;
  reuseKeyOf: string | null;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="step" aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1} ref={heading}>
        Sign in with {METHOD_LABELS[method]}
      </h2>
      {method === "apiToken" && <ApiTokenForm {...props} />}
      {method === "basic" && <BasicForm {...props} />}
      {method === "pat" && <PatForm {...props} />}
      {method === "oauth1" && (
        <OAuth1Form
          {...props}
          oauthKey={oauthKey}
          setOAuthKey={setOAuthKey}
          reuseKeyOf={reuseKeyOf}
        />
      )}
      {method === "oauth2" && <OAuth2Form {...props} />}
    </section>
  );
}
