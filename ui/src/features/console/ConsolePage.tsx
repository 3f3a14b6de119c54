import { useState } from "react";
import type { FormEvent } from "react";
import type { ConsoleResponse, QueryParam } from "../../ipc/comments-attachments";
import { consoleSend } from "../../ipc/comments-attachments";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Spinner } from "../../components/Spinner";
import { useCommand } from "../../components/useCommand";
import type { ConsoleRequest } from "./history";
import { clearHistory, loadHistory, remember } from "./history";
import { PathInput } from "./PathInput";
import "./console.css";

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;

/** Why the body text is not JSON, or `null` when it is (or is empty: no body). */
export function jsonProblem(text: string): string | null {
  if (!text.trim()) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** A response body for reading: JSON indented, text as it came. */
function pretty(body: unknown): string {
  if (body === null) return "(empty)";
  if (typeof body === "string") return body;
  return JSON.stringify(body, null, 2);
}

/**
 * The REST console: any request to the connection's site with its sign-in applied (Rust adds
 * the credentials; the page never sees them). Shows status, headers, the body as indented
 * JSON and the time taken; keeps the last 50 requests (never responses) in local storage.
 */
export function ConsolePage({ connection }: { connection: string }) {
  const [method, setMethod] = useState<string>("GET");
  const [path, setPath] = useState("myself");
  const [query, setQuery] = useState<QueryParam[]>([]);
  const [body, setBody] = useState("");
  const [response, setResponse] = useState<ConsoleResponse | null>(null);
  const [history, setHistory] = useState<ConsoleRequest[]>(() => loadHistory());
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useCommand();
  const problem = jsonProblem(body);

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (problem || !path.trim()) return;
    const request: ConsoleRequest = { method, path: path.trim(), query, body };
    setResponse(null);
    setHistory(remember(request));
    const answer = await run(() =>
      consoleSend(connection, method, request.path, query, body.trim() ? body : null),
    );
    if (answer) setResponse(answer);
  };

  const load = (r: ConsoleRequest) => {
    setMethod(r.method);
    setPath(r.path);
    setQuery(r.query);
    setBody(r.body);
  };
  const setRow = (i: number, row: QueryParam) =>
    setQuery((q) => q.map((old, j) => (j === i ? row : old)));

  return (
    <div className="console">
      <h1 id="page-title">REST console</h1>
      <form className="console-request" onSubmit={send} aria-label="Request">
        <div className="field">
          <label htmlFor="console-method">Method</label>
          <select id="console-method" value={method} onChange={(e) => setMethod(e.target.value)}>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <PathInput id="console-path" value={path} onChange={setPath} onEnter={() => void send()} />
        <fieldset className="wide">
          <legend>Query</legend>
          {query.map((row, i) => (
            <div className="query-row" key={i}>
              <input
                type="text"
                aria-label={`Query parameter ${i + 1} name`}
                placeholder="name"
                value={row.name}
                onChange={(e) => setRow(i, { ...row, name: e.target.value })}
              />
              <input
                type="text"
                aria-label={`Query parameter ${i + 1} value`}
                placeholder="value"
                value={row.value}
                onChange={(e) => setRow(i, { ...row, value: e.target.value })}
              />
              <button
                type="button"
                className="small"
                aria-label={`Remove query parameter ${i + 1}`}
                onClick={() => setQuery((q) => q.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="small"
            onClick={() => setQuery((q) => [...q, { name: "", value: "" }])}
          >
            Add query parameter
          </button>
        </fieldset>
        <div className="field wide">
          <label htmlFor="console-body">JSON body</label>
          <textarea
            id="console-body"
            className="json"
            rows={8}
            spellCheck={false}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "console-body-error" : "console-body-hint"}
          />
          {problem ? (
            <p id="console-body-error" className="error" role={touched ? "alert" : undefined}>
              {problem}
            </p>
          ) : (
            <p id="console-body-hint" className="hint">
              Leave empty to send no body.
            </p>
          )}
        </div>
        <div className="actions wide">
          <button type="submit" className="primary" disabled={busy}>
            Send
          </button>
          {busy && (
            <p className="progress" role="status">
              <Spinner /> Waiting for Jira…
            </p>
          )}
        </div>
      </form>

      {error && <ErrorAlert error={error} title={`${method} ${path.trim()} failed.`} />}
      {response && (
        <section className="console-response" aria-label="Response">
          <h2>
            Status {response.status} <span className="muted">· {response.elapsedMs} ms</span>
          </h2>
          <details>
            <summary>Headers ({Object.keys(response.headers).length})</summary>
            <dl className="facts">
              {Object.entries(response.headers).map(([name, value]) => (
                <div key={name} style={{ display: "contents" }}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </details>
          <label htmlFor="console-response-body">Response body</label>
          {/* A read-only text box: focusable, scrollable, selectable for copying. */}
          <textarea
            id="console-response-body"
            className="json"
            readOnly
            rows={Math.min(24, pretty(response.body).split("\n").length + 1)}
            value={pretty(response.body)}
          />
        </section>
      )}

      <section className="console-history" aria-labelledby="console-history-title">
        <h2 id="console-history-title">History</h2>
        {history.length === 0 ? (
          <p className="muted">Requests you send are listed here.</p>
        ) : (
          <>
            <ol aria-label="Earlier requests">
              {history.map((r, i) => (
                <li key={i}>
                  <button type="button" className="small" onClick={() => load(r)}>
                    {r.method} {r.path}
                    {r.query.length > 0 && `?${r.query.map((q) => `${q.name}=${q.value}`).join("&")}`}
                  </button>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="small"
              onClick={() => {
                clearHistory();
                setHistory([]);
              }}
            >
              Clear history
            </button>
          </>
        )}
      </section>
    </div>
  );
}
