import type { FormEvent } from "react";
import { useEffect, useRef, useState } from "react";
import type { IpcError, NetworkSettings, ProbeResult } from "../../ipc";
import { wizardProbe } from "../../ipc";
import { chooseFile } from "../../ipc/plugins";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { Spinner } from "../../components/Spinner";
import { useFocusOnMount } from "../../components/useFocusOnMount";
import type { Fields } from "./model";
import { optional } from "./model";

/** Step 1: the URL people paste, probed; network settings for proxies and private CAs. */
export function ProbeStep({
  fields,
  setField,
  autoProbe,
  onFound,
}: {
  fields: Fields;
  setField: (key: string, value: string) => void;
  /** Probe what is in the URL field right away (demo sites). */
  autoProbe: boolean;
  onFound: (probe: ProbeResult, network: NetworkSettings) => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [networkOpen, setNetworkOpen] = useState(
    Boolean(fields["network.proxy"] || fields["network.ca"]),
  );
  const url = fields["site.url"] ?? "";

  const probe = async () => {
    const network: NetworkSettings = {
      caCertPath: optional(fields["network.ca"]),
      proxy: optional(fields["network.proxy"]),
    };
    setBusy(true);
    setError(null);
    try {
      const found = await wizardProbe(url.trim(), network);
      onFound(found, network);
    } catch (e) {
      const failure = errorOf(e);
      if (failure.kind === "tls") setNetworkOpen(true);
      setError(failure);
      setBusy(false);
    }
  };

  // The demo launch probes once by itself; the ref keeps React's dev double-effect from
  // probing twice.
  const autoStarted = useRef(false);
  useEffect(() => {
    if (autoProbe && !autoStarted.current) {
      autoStarted.current = true;
      void probe();
    }
    // Only on entering the step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void probe();
  };

  const tlsError = error?.kind === "tls";
  const caControls = (
    <CaCertificate value={fields["network.ca"] ?? ""} onChange={(v) => setField("network.ca", v)} />
  );

  return (
    <form className="step" onSubmit={submit} aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1} ref={heading}>
        Where is your Jira?
      </h2>
      <div className="field">
        <label htmlFor="site-url">Jira URL</label>
        <input
          id="site-url"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://your-site.atlassian.net"
          aria-describedby="site-url-hint"
          value={url}
          onChange={(e) => setField("site.url", e.target.value)}
        />
        <p id="site-url-hint" className="hint">
          Paste any page of your Jira: a board, an issue, the dashboard…
        </p>
      </div>
      {error && (
        <ErrorAlert error={error} title="Jiffy could not connect to that address.">
          {tlsError && caControls}
        </ErrorAlert>
      )}
      <details
        open={networkOpen}
        onToggle={(e) => setNetworkOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>Network settings</summary>
        <div className="field">
          <label htmlFor="network-proxy">Proxy URL</label>
          <input
            id="network-proxy"
            type="text"
            spellCheck={false}
            placeholder="http://proxy.example.com:8080"
            aria-describedby="network-proxy-hint"
            value={fields["network.proxy"] ?? ""}
            onChange={(e) => setField("network.proxy", e.target.value)}
          />
          <p id="network-proxy-hint" className="hint">
            Empty: the system&apos;s proxy settings (HTTPS_PROXY and friends).
          </p>
        </div>
        {/* One CA field only: while a TLS error shows, it lives in the alert. */}
        {!tlsError && caControls}
      </details>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Continue
        </button>
        {busy && (
          <p role="status" className="progress">
            <Spinner /> Looking for Jira at that address…
          </p>
        )}
      </div>
    </form>
  );
}

/** The CA certificate file: typed, or picked with the system file dialog. */
function CaCertificate({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [pickError, setPickError] = useState<string | null>(null);
  const pick = () => {
    setPickError(null);
    chooseFile({
      title: "Choose a CA certificate",
      filterName: "Certificates",
      extensions: ["pem", "crt", "cer"],
    })
      .then((path) => path && onChange(path))
      .catch((e: unknown) => setPickError(errorOf(e).message));
  };
  return (
    <div className="field">
      <label htmlFor="network-ca">CA certificate file</label>
      <div className="inline">
        <input
          id="network-ca"
          type="text"
          spellCheck={false}
          aria-describedby="network-ca-hint"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <button type="button" onClick={pick}>
          Choose CA certificate…
        </button>
      </div>
      <p id="network-ca-hint" className="hint">
        A PEM file with your company&apos;s certificate authority, trusted in addition to the usual
        ones.
      </p>
      {pickError && <p className="error">{pickError}</p>}
    </div>
  );
}
