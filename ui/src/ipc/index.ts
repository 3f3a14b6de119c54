// The only module that talks to Tauri. Features call these typed wrappers; errors arrive as
// `CommandError` carrying the Rust side's `IpcError`, so the UI switches on `kind`.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { IpcError } from "../bindings/IpcError";
import type { Connection } from "../bindings/Connection";
import type { ConnectionView } from "../bindings/ConnectionView";
import type { DemoKind } from "../bindings/DemoKind";
import type { DemoSite } from "../bindings/DemoSite";
import type { FlowOutcome } from "../bindings/FlowOutcome";
import type { FlowStart } from "../bindings/FlowStart";
import type { NetworkSettings } from "../bindings/NetworkSettings";
import type { OAuth1CallbackChoice } from "../bindings/OAuth1CallbackChoice";
import type { OAuth1Start } from "../bindings/OAuth1Start";
import type { OAuth2Start } from "../bindings/OAuth2Start";
import type { PermissionSummary } from "../bindings/PermissionSummary";
import type { ProbeResult } from "../bindings/ProbeResult";
import type { SaveAs } from "../bindings/SaveAs";
import type { SignIn } from "../bindings/SignIn";
import type { SignedIn } from "../bindings/SignedIn";
import type { Site } from "../bindings/Site";
import type { User } from "../bindings/User";

export type {
  AppInfo,
  IpcError,
  Connection,
  ConnectionView,
  DemoKind,
  DemoSite,
  FlowOutcome,
  FlowStart,
  NetworkSettings,
  OAuth1CallbackChoice,
  OAuth1Start,
  OAuth2Start,
  PermissionSummary,
  ProbeResult,
  SaveAs,
  SignIn,
  SignedIn,
  Site,
  User,
};

/** A failed command, with the typed error the Rust side sent. */
export class CommandError extends Error {
  readonly error: IpcError;

  constructor(error: IpcError) {
    super(error.message);
    this.name = "CommandError";
    this.error = error;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns whatever `invoke` threw into an `IpcError` (Tauri itself throws plain strings). */
export function toIpcError(thrown: unknown): IpcError {
  if (isIpcError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: "internal", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** Version, platform and the folders Jiffy uses. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

// ---- Connections -------------------------------------------------------------------------

/** Every saved connection. */
export function connectionsList(): Promise<ConnectionView[]> {
  return call("connections_list");
}

/** Signs in with the saved secrets; resolves to the user, or rejects (e.g. `tokenExpired`). */
export function connectionTest(id: string): Promise<User> {
  return call("connection_test", { id });
}

export function connectionRename(id: string, name: string): Promise<Connection> {
  return call("connection_rename", { id, name });
}

export function connectionSetDefault(id: string): Promise<void> {
  return call("connection_set_default", { id });
}

/** Removes the connection and its keyring entries. */
export function connectionRemove(id: string): Promise<Connection> {
  return call("connection_remove", { id });
}

// ---- Demo mode ---------------------------------------------------------------------------

/** Starts the embedded demo site of that kind (or returns the running one). */
export function demoStart(kind: DemoKind): Promise<DemoSite> {
  return call("demo_start", { kind });
}

/** Opens an http(s) page in the system browser. */
export function openInBrowser(url: string): Promise<void> {
  return call("open_in_browser", { url });
}

// ---- The wizard --------------------------------------------------------------------------

export function wizardProbe(url: string, network?: NetworkSettings): Promise<ProbeResult> {
  return call("wizard_probe", { url, network: network ?? null });
}

export function wizardSignIn(site: Site, signIn: SignIn): Promise<SignedIn> {
  return call("wizard_sign_in", { site, signIn });
}

export function wizardOAuth1GenerateKey(): Promise<OAuth1Start> {
  return call("wizard_oauth1_generate_key");
}

/** Imports a private key: pasted PEM text, or a file path (from the file picker). */
export function wizardOAuth1ImportKey(source: { pem?: string; path?: string }): Promise<OAuth1Start> {
  return call("wizard_oauth1_import_key", { pem: source.pem ?? null, path: source.path ?? null });
}

/** Reconnect: the key already linked in Jira for this connection. */
export function wizardOAuth1ReuseKey(connectionId: string): Promise<OAuth1Start> {
  return call("wizard_oauth1_reuse_key", { connectionId });
}

/** Gets a request token and opens the approval page in the browser. */
export function wizardOAuth1Begin(
  site: Site,
  keyId: string,
  consumerKey: string,
  callback: OAuth1CallbackChoice,
): Promise<FlowStart> {
  return call("wizard_oauth1_begin", { site, keyId, consumerKey, callback });
}

/** Out-of-band: the code Jira showed. Then `wizardOAuthWait` resolves. */
export function wizardOAuth1Verifier(flowId: string, code: string): Promise<void> {
  return call("wizard_oauth1_verifier", { flowId, code });
}

/** Opens the OAuth 2.0 authorization page in the browser. */
export function wizardOAuth2Begin(site: Site, start: OAuth2Start): Promise<FlowStart> {
  return call("wizard_oauth2_begin", { site, start });
}

/** Waits (up to 5 minutes) for the browser sign-in to come back. */
export function wizardOAuthWait(flowId: string): Promise<FlowOutcome> {
  return call("wizard_oauth_wait", { flowId });
}

export function wizardOAuthCancel(flowId: string): Promise<void> {
  return call("wizard_oauth_cancel", { flowId });
}

export function wizardOAuth2ChooseSite(
  flowId: string,
  cloudId: string,
  siteUrl: string,
): Promise<SignedIn> {
  return call("wizard_oauth2_choose_site", { flowId, cloudId, siteUrl });
}

/** The Check step: projects and what the new connection may do in each. */
export function wizardCheck(draftId: string): Promise<PermissionSummary> {
  return call("wizard_check", { draftId });
}

/** Saves the draft (or puts it on an existing connection with `saveAs.replaces`). */
export function wizardSave(draftId: string, saveAs: SaveAs): Promise<Connection> {
  return call("wizard_save", { draftId, saveAs });
}

export function wizardDiscard(draftId: string): Promise<void> {
  return call("wizard_discard", { draftId });
}
