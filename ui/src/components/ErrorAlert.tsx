import type { ReactNode } from "react";
import { useState } from "react";
import type { IpcError } from "../ipc";
import { openInBrowser } from "../ipc";
import { errorOf } from "./errors";

/** What the person can do next, per kind of error (the UI never parses message text). */
function nextStep(error: IpcError, credentials: string | undefined): string {
  switch (error.kind) {
    case "network":
      return "Check the address and your connection/proxy, then try again.";
    case "tls":
      return "The site's certificate is not trusted. If your company uses its own certificate authority, add its CA certificate file, then try again.";
    case "unauthorized":
      return `Check the ${credentials ?? "sign-in details"} and try again.`;
    case "forbidden":
      return "This account is not allowed to do that. Ask a Jira administrator for access.";
    case "notFound":
      return "It may have been removed or expired. Go back a step and try again.";
    case "rateLimited":
      return `Jira asks to slow down: wait ${error.retryAfterSecs} seconds, then try again.`;
    case "validation":
      return "Correct what Jira pointed out and try again.";
    case "captchaRequired":
      return "Jira wants a CAPTCHA after failed attempts. Log in once in your browser, then retry.";
    case "tokenExpired":
      return "The saved sign-in has expired or was revoked. Reconnect to sign in again; the connection's settings are kept.";
    case "keyringUnavailable":
      return "Jiffy keeps passwords and tokens only in your system keyring (GNOME Keyring or KWallet, macOS Keychain, Windows Credential Manager). Unlock or start it, then try again.";
    case "invalidInput":
      return "Correct it and try again.";
    case "internal":
      return "Try again; if it keeps happening, please report it.";
  }
}

/**
 * A failed command as `role="alert"`: Jira's or Jiffy's sentence, then the next step for that
 * kind of error, with the buttons that step needs (CAPTCHA login page, Reconnect).
 */
export function ErrorAlert({
  error,
  title,
  credentials,
  onReconnect,
  children,
}: {
  /** The failure. */
  error: IpcError;
  /** A lead-in such as "Could not sign in." */
  title?: string;
  /** For `unauthorized`: what to check, e.g. "email and API token". */
  credentials?: string;
  /** For `tokenExpired`: offers a Reconnect button. */
  onReconnect?: () => void;
  /** Extra controls shown inside the alert (e.g. the CA certificate picker). */
  children?: ReactNode;
}) {
  const [openFailed, setOpenFailed] = useState<string | null>(null);
  const fieldErrors = error.kind === "validation" ? Object.entries(error.fieldErrors) : [];
  return (
    <div role="alert" className="alert">
      <p className="alert-message">
        {title && <strong>{title} </strong>}
        {error.message}
      </p>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map(([field, problem]) => (
            <li key={field}>
              {field}: {problem}
            </li>
          ))}
        </ul>
      )}
      <p className="alert-next">{nextStep(error, credentials)}</p>
      {error.kind === "captchaRequired" && (
        <button
          type="button"
          onClick={() => {
            openInBrowser(error.loginUrl).catch((e: unknown) =>
              setOpenFailed(`${errorOf(e).message} The login page is ${error.loginUrl}`),
            );
          }}
        >
          Open the login page
        </button>
      )}
      {error.kind === "tokenExpired" && onReconnect && (
        <button type="button" className="primary" onClick={onReconnect}>
          Reconnect
        </button>
      )}
      {openFailed && <p>{openFailed}</p>}
      {children}
    </div>
  );
}
