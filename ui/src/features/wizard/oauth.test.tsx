import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import type { FlowOutcome } from "../../ipc";
import * as plugins from "../../ipc/plugins";
import { Wizard } from "./Wizard";
import type { WizardLaunch } from "./model";
import { dcDemo, dcProbe, flowStart, oauthKey, signedIn, summary } from "./test-fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const { mockCommands } = await import("./test-fixtures");
  return mockCommands(await importOriginal());
});
vi.mock("../../ipc/plugins");

const dcSite = {
  baseUrl: dcProbe.baseUrl,
  deployment: "dataCenter",
  version: dcProbe.version,
  network: { caCertPath: null, proxy: null },
  title: dcProbe.serverTitle,
};

async function openMethod(label: string, launch: WizardLaunch = { kind: "new" }) {
  render(<Wizard launch={launch} onSaved={vi.fn()} onLeave={vi.fn()} />);
  if (launch.kind !== "demo") {
    await userEvent.type(screen.getByRole("textbox", { name: "Jira URL" }), dcProbe.baseUrl);
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
  }
  await userEvent.click(await screen.findByRole("radio", { name: label }));
  await userEvent.click(screen.getByRole("button", { name: "Continue" }));
}

/** A promise the test settles by hand (the browser approving, later). */
function later<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.wizardProbe).mockResolvedValue(dcProbe);
  vi.mocked(ipc.wizardOAuthCancel).mockResolvedValue(undefined);
  vi.mocked(ipc.wizardDiscard).mockResolvedValue(undefined);
  vi.mocked(ipc.wizardCheck).mockResolvedValue(summary);
  vi.mocked(plugins.copyText).mockResolvedValue(undefined);
  vi.mocked(ipc.openInBrowser).mockResolvedValue(undefined);
});

describe("OAuth 1.0a (Application Link)", () => {
  it("generates a key, shows the public key and copies it", async () => {
    vi.mocked(ipc.wizardOAuth1GenerateKey).mockResolvedValue(oauthKey);
    await openMethod("OAuth 1.0a (Application Link)");
    expect(
      screen.getByRole("heading", { name: "Sign in with OAuth 1.0a (Application Link)" }),
    ).toHaveFocus();
    const publicKey = await screen.findByRole("textbox", { name: "Public key" });
    expect(publicKey).toHaveValue(oauthKey.publicKeyPem);
    expect(publicKey).toHaveAttribute("readonly");
    expect(screen.getByRole("textbox", { name: "Consumer key" })).toHaveValue("jiffy-3f2a");
    expect(screen.getByRole("textbox", { name: "Consumer name" })).toHaveValue("Jiffy");
    expect(ipc.wizardOAuth1GenerateKey).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole("button", { name: "Copy public key" }));
    expect(plugins.copyText).toHaveBeenCalledWith(oauthKey.publicKeyPem);
    expect(await screen.findByText("Copied")).toBeVisible();

    // The admin page opens at this site's Application Links.
    await userEvent.click(screen.getByRole("button", { name: "Open Application Links in Jira" }));
    expect(ipc.openInBrowser).toHaveBeenCalledWith(
      "http://127.0.0.1:47011/plugins/servlet/applinks/listApplicationLinks",
    );

    // Back and forth keeps the key (it may already be pasted into Jira).
    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("textbox", { name: "Public key" })).toHaveValue(
      oauthKey.publicKeyPem,
    );
    expect(ipc.wizardOAuth1GenerateKey).toHaveBeenCalledTimes(1);
  });

  it("submits the code Jira shows (oob) and goes on to the check", async () => {
    vi.mocked(ipc.wizardOAuth1GenerateKey).mockResolvedValue(oauthKey);
    vi.mocked(ipc.wizardOAuth1Begin).mockResolvedValue(flowStart);
    const outcome = later<FlowOutcome>();
    vi.mocked(ipc.wizardOAuthWait).mockReturnValue(outcome.promise);
    vi.mocked(ipc.wizardOAuth1Verifier).mockImplementation(async () => {
      outcome.resolve({ kind: "signedIn", ...signedIn, method: "oauth1" });
    });
    await openMethod("OAuth 1.0a (Application Link)");
    const consumerKey = await screen.findByRole("textbox", { name: "Consumer key" });
    await userEvent.clear(consumerKey);
    await userEvent.type(consumerKey, "my-jiffy");
    await userEvent.click(screen.getByRole("radio", { name: "Jira shows me a code" }));
    await userEvent.click(screen.getByRole("button", { name: "Authorize in browser" }));

    expect(ipc.wizardOAuth1Begin).toHaveBeenCalledWith(dcSite, "key-1", "my-jiffy", "oob");
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Waiting for you to approve Jiffy in your browser…",
    );
    expect(screen.getByRole("textbox", { name: "Sign-in link" })).toHaveValue(
      flowStart.authorizeUrl,
    );
    await userEvent.type(screen.getByRole("textbox", { name: "Verification code" }), " 4bX9 ");
    await userEvent.click(screen.getByRole("button", { name: "Submit code" }));
    expect(ipc.wizardOAuth1Verifier).toHaveBeenCalledWith("flow-1", "4bX9");
    expect(await screen.findByRole("heading", { name: "Check the connection" })).toBeVisible();
    expect(ipc.wizardOAuthWait).toHaveBeenCalledWith("flow-1");
  });

  it("brings the form back with everything kept when the wait times out or is cancelled", async () => {
    vi.mocked(ipc.wizardOAuth1GenerateKey).mockResolvedValue(oauthKey);
    vi.mocked(ipc.wizardOAuth1Begin).mockResolvedValue(flowStart);
    vi.mocked(ipc.wizardOAuthWait)
      .mockRejectedValueOnce(
        new CommandError({ kind: "network", message: "Nobody approved Jiffy within 5 minutes." }),
      )
      .mockReturnValueOnce(new Promise(() => undefined));
    await openMethod("OAuth 1.0a (Application Link)");
    const consumerKey = await screen.findByRole("textbox", { name: "Consumer key" });
    await userEvent.clear(consumerKey);
    await userEvent.type(consumerKey, "kept-key");
    await userEvent.click(screen.getByRole("button", { name: "Authorize in browser" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("within 5 minutes");
    expect(screen.getByRole("textbox", { name: "Consumer key" })).toHaveValue("kept-key");

    await userEvent.click(screen.getByRole("button", { name: "Authorize in browser" }));
    await userEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(ipc.wizardOAuthCancel).toHaveBeenCalledWith("flow-1");
    expect(await screen.findByRole("alert")).toHaveTextContent("Sign-in cancelled");
    expect(screen.getByRole("textbox", { name: "Consumer key" })).toHaveValue("kept-key");
  });
});

describe("OAuth 2.0", () => {
  it("pre-fills the demo site's app and picks a site when the account has several", async () => {
    vi.mocked(ipc.wizardOAuth2Begin).mockResolvedValue({
      ...flowStart,
      callbackUrl: "http://127.0.0.1:8765/callback",
    });
    vi.mocked(ipc.wizardOAuthWait).mockResolvedValue({
      kind: "chooseSite",
      sites: [
        {
          id: "a1",
          name: "Alpha",
          url: "https://alpha.atlassian.net",
          scopes: [],
          avatarUrl: null,
        },
        { id: "b2", name: "Beta", url: "https://beta.atlassian.net", scopes: [], avatarUrl: null },
      ],
    });
    vi.mocked(ipc.wizardOAuth2ChooseSite).mockResolvedValue({ ...signedIn, method: "oauth2" });
    await openMethod("OAuth 2.0", { kind: "demo", demo: dcDemo });

    const panel = screen.getByRole("region", { name: "Demo site credentials" });
    expect(
      within(panel).getByRole("button", { name: "Copy password for Alice Admin" }),
    ).toBeVisible();
    expect(screen.getByRole("textbox", { name: "Client ID" })).toHaveValue("demo-client");
    expect(screen.getByLabelText("Client secret")).toHaveValue("demo-secret");
    expect(screen.getByRole("textbox", { name: "Scopes" })).toHaveValue("WRITE");
    const port = screen.getByRole("spinbutton", { name: "Port" });
    await userEvent.clear(port);
    await userEvent.type(port, "9000");
    expect(screen.getByRole("textbox", { name: "Callback URL" })).toHaveValue(
      "http://127.0.0.1:9000/callback",
    );
    await userEvent.click(screen.getByRole("button", { name: "Authorize in browser" }));
    expect(ipc.wizardOAuth2Begin).toHaveBeenCalledWith(dcSite, {
      clientId: "demo-client",
      clientSecret: "demo-secret",
      scopes: ["WRITE"],
      redirect: { kind: "loopback", port: 9000 },
      authHost: null,
      apiHost: null,
    });

    const sites = await screen.findByRole("radiogroup", { name: "Jira site" });
    await userEvent.click(
      within(sites).getByRole("radio", { name: "Beta (https://beta.atlassian.net)" }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Use this site" }));
    expect(ipc.wizardOAuth2ChooseSite).toHaveBeenCalledWith(
      "flow-1",
      "b2",
      "https://beta.atlassian.net",
    );
    expect(await screen.findByRole("heading", { name: "Check the connection" })).toBeVisible();
    // The demo panel stays through every step.
    expect(screen.getByRole("region", { name: "Demo site credentials" })).toBeVisible();
  });
});

describe("OAuth 2.0 on the demo Cloud site", () => {
  it("points the authorization server and API gateway at the demo site", async () => {
    const cloudDemo = {
      ...dcDemo,
      kind: "cloud" as const,
      baseUrl: "http://127.0.0.1:47012",
      oauth2ClientId: "cloud-client",
      oauth2ClientSecret: "cloud-secret",
    };
    vi.mocked(ipc.wizardProbe).mockResolvedValue({
      ...dcProbe,
      baseUrl: "http://127.0.0.1:47012",
      deployment: "cloud",
      methods: ["apiToken", "oauth2"],
    });
    vi.mocked(ipc.wizardOAuth2Begin).mockResolvedValue(flowStart);
    vi.mocked(ipc.wizardOAuthWait).mockReturnValue(new Promise(() => undefined));
    await openMethod("OAuth 2.0", { kind: "demo", demo: cloudDemo });
    expect(screen.getByRole("textbox", { name: "Scopes" })).toHaveValue(
      "read:jira-work write:jira-work read:jira-user offline_access",
    );
    expect(screen.getByRole("textbox", { name: "Authorization server" })).toHaveValue(
      "http://127.0.0.1:47012",
    );
    expect(screen.getByRole("textbox", { name: "API gateway" })).toHaveValue(
      "http://127.0.0.1:47012",
    );
    await userEvent.click(screen.getByRole("radio", { name: "jiffy:// link" }));
    expect(screen.queryByRole("spinbutton", { name: "Port" })).toBeNull();
    expect(screen.getByRole("textbox", { name: "Callback URL" })).toHaveValue(
      "jiffy://oauth/callback",
    );
    await userEvent.click(screen.getByRole("button", { name: "Authorize in browser" }));
    expect(ipc.wizardOAuth2Begin).toHaveBeenCalledWith(
      expect.objectContaining({ deployment: "cloud" }),
      {
        clientId: "cloud-client",
        clientSecret: "cloud-secret",
        scopes: ["read:jira-work", "write:jira-work", "read:jira-user", "offline_access"],
        redirect: { kind: "deepLink" },
        authHost: "http://127.0.0.1:47012",
        apiHost: "http://127.0.0.1:47012",
      },
    );
    expect(await screen.findByRole("status")).toHaveTextContent("Waiting for you to approve Jiffy");
    await userEvent.click(screen.getByRole("button", { name: "Open the browser again" }));
    expect(ipc.openInBrowser).toHaveBeenCalledWith(flowStart.authorizeUrl);
  });
});

describe("reconnecting", () => {
  it("starts at the sign-in step, reuses the linked key and saves onto the connection", async () => {
    vi.mocked(ipc.wizardOAuth1ReuseKey).mockResolvedValue(oauthKey);
    vi.mocked(ipc.wizardOAuth1Begin).mockResolvedValue(flowStart);
    vi.mocked(ipc.wizardOAuthWait).mockResolvedValue({ kind: "signedIn", ...signedIn });
    vi.mocked(ipc.wizardSave).mockRejectedValue(
      new CommandError({ kind: "internal", message: "disk full" }),
    );
    render(
      <Wizard
        launch={{
          kind: "reconnect",
          isDemo: false,
          connection: {
            id: "c7",
            name: "Corp Jira",
            baseUrl: dcProbe.baseUrl,
            deployment: "dataCenter",
            version: "9.12.15",
            auth: {
              method: "oauth1",
              consumerKey: "jiffy-3f2a",
              callback: { mode: "loopback", port: 8766 },
            },
            network: { caCertPath: null, proxy: null },
          },
        }}
        onSaved={vi.fn()}
        onLeave={vi.fn()}
      />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Reconnect Corp Jira" })).toBeVisible();
    await screen.findByRole("textbox", { name: "Public key" });
    expect(ipc.wizardOAuth1ReuseKey).toHaveBeenCalledWith("c7");
    expect(ipc.wizardOAuth1GenerateKey).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Authorize in browser" }));
    const name = await screen.findByRole("textbox", { name: "Connection name" });
    expect(name).toHaveValue("Corp Jira");
    expect(name).toHaveAttribute("readonly");
    await userEvent.click(screen.getByRole("button", { name: "Save connection" }));
    expect(ipc.wizardSave).toHaveBeenCalledWith("draft-1", {
      name: "Corp Jira",
      makeDefault: false,
      replaces: "c7",
    });
  });
});
