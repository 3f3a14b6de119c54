import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ipc from "../../ipc";
import { CommandError } from "../../ipc";
import { Wizard } from "./Wizard";
import { alice, cloudProbe, dcProbe, signedIn, summary } from "./test-fixtures";

vi.mock("../../ipc", async (importOriginal) => {
  const { mockCommands } = await import("./test-fixtures");
  return mockCommands(await importOriginal());
});
vi.mock("../../ipc/plugins");

const noNetwork = { caCertPath: null, proxy: null };

function renderWizard() {
  const onSaved = vi.fn();
  render(<Wizard launch={{ kind: "new" }} onSaved={onSaved} onLeave={vi.fn()} />);
  return { onSaved };
}

async function probeWith(url: string) {
  await userEvent.type(screen.getByRole("textbox", { name: "Jira URL" }), url);
  await userEvent.click(screen.getByRole("button", { name: "Continue" }));
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(ipc.wizardDiscard).mockResolvedValue(undefined);
  vi.mocked(ipc.wizardOAuthCancel).mockResolvedValue(undefined);
});

describe("step 1, where is your Jira", () => {
  it("probes the pasted URL and shows what it found on the next step", async () => {
    vi.mocked(ipc.wizardProbe).mockResolvedValue(dcProbe);
    renderWizard();
    expect(screen.getByRole("heading", { level: 2, name: "Where is your Jira?" })).toHaveFocus();
    const steps = screen.getByRole("list", { name: "Wizard steps" });
    expect(within(steps).getByText("Site").closest("li")).toHaveAttribute("aria-current", "step");

    await probeWith("http://127.0.0.1:47011/browse/WEB-1");

    expect(ipc.wizardProbe).toHaveBeenCalledWith("http://127.0.0.1:47011/browse/WEB-1", noNetwork);
    expect(
      await screen.findByRole("heading", { level: 2, name: "How do you want to sign in?" }),
    ).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Found Jira Data Center 9.12.15 — Demo Jira (http://127.0.0.1:47011)",
    );
    expect(within(steps).getByText("Sign-in method").closest("li")).toHaveAttribute(
      "aria-current",
      "step",
    );
  });

  it("on a TLS error shows the CA certificate controls in the alert and retries with them", async () => {
    vi.mocked(ipc.wizardProbe)
      .mockRejectedValueOnce(
        new CommandError({ kind: "tls", message: "The certificate of jira.corp is not trusted." }),
      )
      .mockResolvedValueOnce(dcProbe);
    renderWizard();
    await probeWith("https://jira.corp");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The certificate of jira.corp is not trusted.");
    expect(alert).toHaveTextContent("certificate is not trusted");
    const ca = within(alert).getByRole("textbox", { name: "CA certificate file" });
    expect(within(alert).getByRole("button", { name: "Choose CA certificate…" })).toBeVisible();
    // Only one CA field on the page, and the network settings are open (proxy visible).
    expect(screen.getAllByRole("textbox", { name: "CA certificate file" })).toHaveLength(1);
    expect(screen.getByRole("textbox", { name: "Proxy URL" })).toBeVisible();

    await userEvent.type(ca, "/etc/ssl/corp-ca.pem");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(ipc.wizardProbe).toHaveBeenLastCalledWith("https://jira.corp", {
      caCertPath: "/etc/ssl/corp-ca.pem",
      proxy: null,
    });
    expect(
      await screen.findByRole("heading", { name: "How do you want to sign in?" }),
    ).toBeVisible();
  });

  it("keeps the URL when the address is not a Jira, and says what to do", async () => {
    vi.mocked(ipc.wizardProbe).mockRejectedValue(
      new CommandError({
        kind: "invalidInput",
        message: "https://example.com is not a Jira site.",
      }),
    );
    renderWizard();
    await probeWith("https://example.com");
    expect(await screen.findByRole("alert")).toHaveTextContent("is not a Jira site.");
    expect(screen.getByRole("textbox", { name: "Jira URL" })).toHaveValue("https://example.com");
    expect(screen.getByRole("button", { name: "Continue" })).toBeEnabled();
  });

  it("explains a network failure with the next step", async () => {
    vi.mocked(ipc.wizardProbe).mockRejectedValue(
      new CommandError({ kind: "network", message: "jira.nowhere could not be found (DNS)." }),
    );
    renderWizard();
    await probeWith("jira.nowhere");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Check the address and your connection/proxy",
    );
  });
});

describe("step 2, the sign-in method", () => {
  it("lists only the probe's methods, best first, and Back keeps the URL", async () => {
    vi.mocked(ipc.wizardProbe).mockResolvedValue(dcProbe);
    renderWizard();
    await probeWith("http://127.0.0.1:47011");
    const group = await screen.findByRole("radiogroup", { name: "Sign-in method" });
    const radios = within(group).getAllByRole("radio");
    expect(radios.map((r) => r.getAttribute("value"))).toEqual([
      "pat",
      "oauth2",
      "oauth1",
      "basic",
    ]);
    expect(within(group).queryByRole("radio", { name: "API token" })).toBeNull();
    const pat = within(group).getByRole("radio", { name: "Personal access token" });
    expect(pat).toBeChecked();
    expect(pat).toHaveAccessibleDescription(expect.stringContaining("Recommended"));
    expect(
      within(group).getByRole("radio", { name: "Username and password" }),
    ).toHaveAccessibleDescription(expect.stringContaining("Less secure"));

    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("textbox", { name: "Jira URL" })).toHaveValue("http://127.0.0.1:47011");
  });
});

describe("API token sign-in, check and save", () => {
  async function toApiTokenForm() {
    vi.mocked(ipc.wizardProbe).mockResolvedValue(cloudProbe);
    const rendered = renderWizard();
    await probeWith("acme.atlassian.net");
    await screen.findByRole("radio", { name: "API token" });
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { level: 2, name: "Sign in with API token" })).toHaveFocus();
    await userEvent.type(screen.getByRole("textbox", { name: "Email" }), "alice@example.com");
    await userEvent.type(screen.getByLabelText("API token"), "tok-123");
    return rendered;
  }

  it("signs in, shows the permissions and saves with the given name", async () => {
    vi.mocked(ipc.wizardSignIn).mockResolvedValue(signedIn);
    vi.mocked(ipc.wizardCheck).mockResolvedValue(summary);
    const saved = { ...signedIn, id: "c9" };
    vi.mocked(ipc.wizardSave).mockResolvedValue({
      id: saved.id,
      name: "Work",
      baseUrl: cloudProbe.baseUrl,
      deployment: "cloud",
      version: null,
      auth: {
        method: "apiToken",
        email: alice.emailAddress ?? "",
        cloudId: null,
        useGateway: false,
      },
      network: noNetwork,
    });
    const { onSaved } = await toApiTokenForm();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(ipc.wizardSignIn).toHaveBeenCalledWith(
      {
        baseUrl: cloudProbe.baseUrl,
        deployment: "cloud",
        version: cloudProbe.version,
        network: noNetwork,
        title: cloudProbe.serverTitle,
      },
      { method: "apiToken", email: "alice@example.com", token: "tok-123" },
    );
    expect(
      await screen.findByRole("heading", { level: 2, name: "Check the connection" }),
    ).toHaveFocus();
    expect(screen.getByText("Connected as Alice Admin (alice@example.com)")).toBeVisible();
    const table = await screen.findByRole("table", { name: "Permissions by project" });
    const website = within(table).getByRole("row", { name: /Website/ });
    expect(website).toHaveTextContent("browse, create, edit and comment");
    expect(website).toHaveTextContent("transition, assign, attach and delete");
    expect(screen.getByText("and 3 more projects")).toBeVisible();
    expect(ipc.wizardCheck).toHaveBeenCalledWith("draft-1");

    const name = screen.getByRole("textbox", { name: "Connection name" });
    expect(name).toHaveValue("ACME");
    await userEvent.clear(name);
    await userEvent.type(name, "Work");
    await userEvent.click(
      screen.getByRole("checkbox", { name: "Make this the default connection" }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Save connection" }));
    expect(ipc.wizardSave).toHaveBeenCalledWith("draft-1", {
      name: "Work",
      makeDefault: true,
      replaces: null,
    });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: "c9", name: "Work" }));
  });

  it("keeps every field when Jira refuses the sign-in", async () => {
    vi.mocked(ipc.wizardSignIn).mockRejectedValue(
      new CommandError({
        kind: "unauthorized",
        message: "Jira did not accept the email or token.",
      }),
    );
    await toApiTokenForm();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Jira did not accept the email or token.");
    expect(alert).toHaveTextContent("Check the email and API token and try again");
    expect(screen.getByRole("textbox", { name: "Email" })).toHaveValue("alice@example.com");
    expect(screen.getByLabelText("API token")).toHaveValue("tok-123");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  it("shows the empty-project hint and keeps the form when saving fails", async () => {
    vi.mocked(ipc.wizardSignIn).mockResolvedValue(signedIn);
    vi.mocked(ipc.wizardCheck).mockResolvedValue({ projects: [], moreProjects: 0 });
    vi.mocked(ipc.wizardSave).mockRejectedValue(
      new CommandError({
        kind: "keyringUnavailable",
        message: "The Secret Service is not running.",
      }),
    );
    const { onSaved } = await toApiTokenForm();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(
      await screen.findByText(
        "This account sees no projects — ask a Jira admin for Browse permission.",
      ),
    ).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Save connection" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The Secret Service is not running.");
    expect(alert).toHaveTextContent("system keyring");
    expect(screen.getByRole("textbox", { name: "Connection name" })).toHaveValue("ACME");
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe("username and password", () => {
  it("offers the login page on a CAPTCHA and keeps the fields for the retry", async () => {
    vi.mocked(ipc.wizardProbe).mockResolvedValue({ ...dcProbe, methods: ["basic"] });
    vi.mocked(ipc.openInBrowser).mockResolvedValue(undefined);
    vi.mocked(ipc.wizardSignIn).mockRejectedValue(
      new CommandError({
        kind: "captchaRequired",
        message: "Jira wants a CAPTCHA.",
        loginUrl: "http://127.0.0.1:47011/login.jsp",
      }),
    );
    renderWizard();
    await probeWith("http://127.0.0.1:47011");
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await userEvent.type(screen.getByLabelText("Password"), "wrong{Enter}");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Log in once in your browser, then retry");
    await userEvent.click(within(alert).getByRole("button", { name: "Open the login page" }));
    expect(ipc.openInBrowser).toHaveBeenCalledWith("http://127.0.0.1:47011/login.jsp");
    expect(screen.getByRole("textbox", { name: "Username" })).toHaveValue("alice");
    expect(screen.getByLabelText("Password")).toHaveValue("wrong");
  });
});

describe("personal access token", () => {
  it("signs in with a pasted token, or creates one with the password used once", async () => {
    vi.mocked(ipc.wizardProbe).mockResolvedValue(dcProbe);
    vi.mocked(ipc.openInBrowser).mockResolvedValue(undefined);
    vi.mocked(ipc.wizardSignIn).mockRejectedValue(
      new CommandError({ kind: "unauthorized", message: "The token was not accepted." }),
    );
    renderWizard();
    await probeWith("http://127.0.0.1:47011");
    await userEvent.click(await screen.findByRole("button", { name: "Continue" }));
    expect(
      screen.getByRole("heading", { name: "Sign in with Personal access token" }),
    ).toBeVisible();
    expect(screen.getByRole("radio", { name: "Paste a token" })).toBeChecked();
    await userEvent.click(screen.getByRole("button", { name: "Open your Jira profile" }));
    expect(ipc.openInBrowser).toHaveBeenCalledWith(
      "http://127.0.0.1:47011/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens",
    );
    await userEvent.type(screen.getByLabelText("Personal access token"), "pat-xyz{Enter}");
    const site = {
      baseUrl: dcProbe.baseUrl,
      deployment: "dataCenter",
      version: dcProbe.version,
      network: noNetwork,
      title: dcProbe.serverTitle,
    };
    expect(ipc.wizardSignIn).toHaveBeenLastCalledWith(site, { method: "pat", token: "pat-xyz" });
    expect(await screen.findByRole("alert")).toHaveTextContent("Check the token and try again.");

    await userEvent.click(screen.getByRole("radio", { name: "Create one for me" }));
    expect(
      screen.getByText("Your password is used once to create the token and is not stored."),
    ).toBeVisible();
    expect(screen.getByRole("textbox", { name: "Token name" })).toHaveValue(
      "Jiffy on this computer",
    );
    const expiry = screen.getByRole("spinbutton", { name: "Expires in (days)" });
    expect(expiry).toHaveValue(90);
    await userEvent.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await userEvent.type(screen.getByLabelText("Password"), "alice-pw");
    await userEvent.clear(expiry);
    await userEvent.type(expiry, "30");
    await userEvent.click(screen.getByRole("button", { name: "Create token and sign in" }));
    expect(ipc.wizardSignIn).toHaveBeenLastCalledWith(site, {
      method: "patCreate",
      username: "alice",
      password: "alice-pw",
      tokenName: "Jiffy on this computer",
      expiryDays: 30,
    });
    // Switching back keeps the pasted token.
    await userEvent.click(screen.getByRole("radio", { name: "Paste a token" }));
    expect(screen.getByLabelText("Personal access token")).toHaveValue("pat-xyz");
  });
});
