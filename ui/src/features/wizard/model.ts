// Words and small pure helpers the wizard and the Connections page share.
import type { Connection, DemoSite, ProbeResult, Site } from "../../ipc";
import type { AuthMethod } from "../../bindings/AuthMethod";
import type { Deployment } from "../../bindings/Deployment";

/** The label of each sign-in method, exactly as the radio buttons and tables show it. */
export const METHOD_LABELS: Record<AuthMethod, string> = {
  apiToken: "API token",
  oauth2: "OAuth 2.0",
  pat: "Personal access token",
  oauth1: "OAuth 1.0a (Application Link)",
  basic: "Username and password",
};

/** One line on when to choose each method. */
export const METHOD_HINTS: Record<AuthMethod, string> = {
  apiToken:
    "The simplest way on Jira Cloud: your email and a token you create in your Atlassian account.",
  oauth2:
    "Sign in in your browser with an OAuth app your admin (or you) registered; no secret to paste.",
  pat: "A token from your Jira profile, revocable at any time; best for Data Center and Server.",
  oauth1:
    "An Application Link an admin sets up once; for sites that allow neither tokens nor OAuth 2.0.",
  basic:
    "Your Jira username and password. Works everywhere it is allowed, but the password is stored.",
};

/** How a deployment is named in sentences. */
export const DEPLOYMENT_LABELS: Record<Deployment, string> = {
  cloud: "Jira Cloud",
  dataCenter: "Jira Data Center",
  // Jira Data Center reports `deploymentType: "Server"` even under a Data Center licence.
  server: "Jira Data Center/Server",
};

/** Where the wizard was opened from. */
export type WizardLaunch =
  | { kind: "new" }
  | { kind: "demo"; demo: DemoSite }
  | { kind: "reconnect"; connection: Connection; isDemo: boolean };

/** Everything typed into the wizard, by field key, so Back and errors never lose it. */
export type Fields = Record<string, string>;

/** The wizard's "Found …" sentence for a probe. */
export function foundText(probe: ProbeResult): string {
  // Cloud's version ("1001.0.0-SNAPSHOT") means nothing to people; Data Center's does.
  const version = probe.deployment === "cloud" ? "" : ` ${probe.version}`;
  const title = probe.serverTitle ? ` — ${probe.serverTitle}` : "";
  return `Found ${DEPLOYMENT_LABELS[probe.deployment]}${version}${title} (${probe.baseUrl})`;
}

/** The `Site` the sign-in commands take, from a probe and the network settings used. */
export function siteOf(probe: ProbeResult, network: Site["network"]): Site {
  return {
    baseUrl: probe.baseUrl,
    deployment: probe.deployment,
    version: probe.version,
    network,
    title: probe.serverTitle,
  };
}

/** The `Site` of a saved connection (reconnecting). */
export function siteOfConnection(connection: Connection): Site {
  return {
    baseUrl: connection.baseUrl,
    deployment: connection.deployment,
    version: connection.version,
    network: connection.network,
    title: null,
  };
}

/** The user a connection signs in as, as far as its settings know (no secrets). */
export function connectionUser(connection: Connection): string {
  const auth = connection.auth;
  switch (auth.method) {
    case "apiToken":
      return auth.email;
    case "basic":
      return auth.username;
    case "pat":
      return auth.username ?? "—";
    case "oauth1":
    case "oauth2":
      return "—";
  }
}

/** Trims a text field; empty becomes `null` (optional settings). */
export function optional(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}
