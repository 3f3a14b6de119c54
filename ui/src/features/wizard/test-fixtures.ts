// Shared test data and the IPC mock for the wizard, welcome and connections tests.
import { vi } from "vitest";
import type {
  Connection,
  ConnectionView,
  DemoSite,
  FlowStart,
  OAuth1Start,
  PermissionSummary,
  ProbeResult,
  SignedIn,
  User,
} from "../../ipc";

/**
 * The `vi.mock` factory body: every command wrapper (lower-case function export) becomes a
 * `vi.fn()`, while `CommandError` and the helpers stay real so errors keep their `kind`.
 */
export function mockCommands(actual: Record<string, unknown>): Record<string, unknown> {
  const mocked: Record<string, unknown> = { ...actual };
  for (const [name, value] of Object.entries(actual)) {
    if (typeof value === "function" && /^[a-z]/.test(name) && name !== "toIpcError") {
      mocked[name] = vi.fn();
    }
  }
  return mocked;
}

export const dcProbe: ProbeResult = {
  baseUrl: "http://127.0.0.1:47011",
  reportedBaseUrl: "http://127.0.0.1:47011",
  deployment: "dataCenter",
  version: "9.12.15",
  serverTitle: "Demo Jira",
  methods: ["pat", "oauth2", "oauth1", "basic"],
};

export const cloudProbe: ProbeResult = {
  baseUrl: "https://acme.atlassian.net",
  reportedBaseUrl: "https://acme.atlassian.net",
  deployment: "cloud",
  version: "1001.0.0-SNAPSHOT",
  serverTitle: "ACME",
  methods: ["apiToken", "oauth2"],
};

export const alice: User = {
  displayName: "Alice Admin",
  emailAddress: "alice@example.com",
  name: "alice",
  active: true,
};

export const signedIn: SignedIn = {
  draftId: "draft-1",
  user: alice,
  method: "apiToken",
  baseUrl: cloudProbe.baseUrl,
  suggestedName: "ACME",
};

export const summary: PermissionSummary = {
  projects: [
    { key: "WEB", name: "Website", can: ["browse", "create", "edit", "comment"] },
    { key: "OPS", name: "Operations", can: ["browse"] },
  ],
  moreProjects: 3,
};

export const oauthKey: OAuth1Start = {
  keyId: "key-1",
  publicKeyPem: "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----",
  consumerKey: "jiffy-3f2a",
  consumerName: "Jiffy",
  bits: 2048,
};

export const flowStart: FlowStart = {
  flowId: "flow-1",
  authorizeUrl: "http://127.0.0.1:47011/plugins/servlet/oauth/authorize?oauth_token=abc",
  callbackUrl: null,
};

export const dcDemo: DemoSite = {
  kind: "dataCenter",
  baseUrl: "http://127.0.0.1:47011",
  accounts: [
    {
      displayName: "Alice Admin",
      username: "alice",
      email: "alice@example.com",
      password: "alice-pass",
      apiToken: "alice-token",
    },
  ],
  oauth2ClientId: "demo-client",
  oauth2ClientSecret: "demo-secret",
};

export function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: "c1",
    name: "ACME",
    baseUrl: "https://acme.atlassian.net",
    deployment: "cloud",
    version: "1001.0.0",
    auth: { method: "apiToken", email: "alice@example.com", cloudId: null, useGateway: false },
    network: { caCertPath: null, proxy: null },
    ...overrides,
  };
}

export function view(overrides: Partial<Connection> = {}, isDefault = false): ConnectionView {
  return { connection: connection(overrides), isDefault, isDemo: false };
}
