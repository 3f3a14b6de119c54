// The wizard against the app's own demo Data Center site, every Data Center sign-in method
// through the window: password (after a wrong one), a personal access token Jiffy creates
// (then expired → Reconnect), OAuth 1.0a through an Application Link, OAuth 2.0 with PKCE;
// then removing a connection deletes its keyring entries.
import { spawnSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import {
  approveInBrowser,
  expectAccessible,
  fill,
  foundSiteUrl,
  nextOpenedUrl,
  openedUrls,
  press,
  sandboxControl,
  valueOf,
  waitForText,
} from "./flows";

const ALICE = { username: "alice", password: "alice-pw" };

/** The keyring entries Jiffy has made ("{connectionId}:{kind}" user names). */
function keyringEntries(): string[] {
  // secret-tool prints each item's secret on stdout and its attributes on stderr.
  const found = spawnSync("secret-tool", ["search", "--all", "service", "dev.jiffy.desktop"], {
    encoding: "utf8",
  });
  if (found.error) throw found.error;
  return found.stderr
    .split("\n")
    .filter((l) => l.startsWith("attribute.username = "))
    .map((l) => l.slice("attribute.username = ".length).trim());
}

async function chooseMethod(browser: Browser, label: string) {
  await getByRole(browser, "heading", "How do you want to sign in?");
  await (await getByRole(browser, "radio", label)).click();
  await press(browser, "Continue");
}

/** From the welcome page (the "Jiffy home" button), as a newcomer starts: the demo site. */
async function startDemo(browser: Browser): Promise<string> {
  await (await getByRole(browser, "button", "Jiffy home")).click();
  await press(browser, "Try a demo Data Center site");
  return foundSiteUrl(browser);
}

async function saveAs(browser: Browser, name: string) {
  await getByRole(browser, "heading", "Check the connection");
  await getByRole(browser, "table", "Permissions by project");
  await fill(browser, "Connection name", name);
  await press(browser, "Save connection");
  await waitForText(browser, "status", new RegExp(`Saved .${name}.`));
}

describe("connecting to the demo Data Center site", () => {
  let browser: Browser;
  let demoUrl = "";

  beforeAll(async () => {
    browser = await launchApp();
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `wizard-dc ${ctx.task.name}`);
  });

  afterAll(async () => {
    await browser?.deleteSession();
  });

  it("signs in with a username and password, after a wrong one kept the form", async () => {
    demoUrl = await startDemo(browser);
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await getByRole(browser, "region", "Demo site credentials");
    await screenshot(browser, "wizard-1-site");
    await getByRole(browser, "heading", "How do you want to sign in?");
    await expectAccessible(browser, "the sign-in method step");
    await screenshot(browser, "wizard-2-method");
    await chooseMethod(browser, "Username and password");

    await fill(browser, "Username", ALICE.username);
    await fill(browser, "Password", "not-her-password");
    await press(browser, "Sign in");
    await waitForText(browser, "alert", /.+/);
    // Nothing typed is lost.
    expect(await valueOf(browser, "Username")).toBe(ALICE.username);
    await expectAccessible(browser, "the password step with an error");

    await fill(browser, "Password", ALICE.password);
    await press(browser, "Sign in");
    await waitForText(browser, "status", /Connected as Alice/);
    await getByRole(browser, "table", "Permissions by project");
    await expectAccessible(browser, "the check step");
    await screenshot(browser, "wizard-4-check");
    await saveAs(browser, "Demo password");
    await getByRole(browser, "heading", "Connections");
  });

  it("creates a personal access token, and reconnects when it has expired", async () => {
    expect(await startDemo(browser)).toBe(demoUrl);
    await chooseMethod(browser, "Personal access token");
    await (await getByRole(browser, "radio", "Create one for me")).click();
    await fill(browser, "Username", ALICE.username);
    await fill(browser, "Password", ALICE.password);
    await fill(browser, "Token name", "Jiffy e2e");
    await fill(browser, "Expires in (days)", "1", "spinbutton");
    await expectAccessible(browser, "the PAT step");
    await press(browser, "Create token and sign in");
    await waitForText(browser, "status", /Connected as Alice/);
    await saveAs(browser, "Demo PAT");

    // Two days later the token has expired: the Connections page says so and offers Reconnect.
    await sandboxControl(demoUrl, "PUT", "/rest/sandbox/clock", { advanceSecs: 2 * 86_400 });
    const table = await getByRole(browser, "table", "Connections");
    try {
      await press(browser, "Test Demo PAT");
      await browser.waitUntil(async () => (await table.getText()).includes("Sign-in expired"), {
        timeout: 15_000,
        timeoutMsg: "the expired token was not reported",
      });
      await screenshot(browser, "connections-expired");
      await press(browser, "Reconnect Demo PAT");
      await getByRole(browser, "heading", "Reconnect Demo PAT");
      await (await getByRole(browser, "radio", "Create one for me")).click();
      await fill(browser, "Username", ALICE.username);
      await fill(browser, "Password", ALICE.password);
      await fill(browser, "Token name", "Jiffy e2e again");
      await screenshot(browser, "wizard-reconnect");
      await press(browser, "Create token and sign in");
      await waitForText(browser, "status", /Connected as Alice/);
      await press(browser, "Save connection");
    } finally {
      await sandboxControl(demoUrl, "PUT", "/rest/sandbox/clock", { offsetMs: 0 });
    }
    await getByRole(browser, "heading", "Connections");
    await press(browser, "Test Demo PAT");
    const rows = await getByRole(browser, "table", "Connections");
    await browser.waitUntil(async () => !(await rows.getText()).includes("Sign-in expired"), {
      timeout: 15_000,
      timeoutMsg: "the reconnected connection still reports an expired sign-in",
    });
  });

  it("links Jiffy through an Application Link and signs in with OAuth 1.0a", async () => {
    expect(await startDemo(browser)).toBe(demoUrl);
    await chooseMethod(browser, "OAuth 1.0a (Application Link)");
    let publicKey = "";
    await browser.waitUntil(
      async () => {
        publicKey = await valueOf(browser, "Public key");
        return publicKey.includes("BEGIN PUBLIC KEY");
      },
      { timeout: 30_000, timeoutMsg: "no public key was shown" },
    );
    const consumerKey = await valueOf(browser, "Consumer key");
    const consumerName = await valueOf(browser, "Consumer name");
    await expectAccessible(browser, "the OAuth 1.0a step");
    await screenshot(browser, "wizard-3-oauth1");

    // The administrator pastes the three values into the demo site's Application Links page.
    const form = new URLSearchParams({
      action: "create",
      consumerKey,
      name: consumerName,
      publicKey,
    });
    // The demo site's administrator is "admin" (Ada Admin), as the credentials panel shows.
    const admin = Buffer.from("admin:admin-pw").toString("base64");
    const created = await fetch(`${demoUrl}/plugins/servlet/applinks/listApplicationLinks`, {
      method: "POST",
      body: form,
      headers: { authorization: `Basic ${admin}` },
      redirect: "manual",
    });
    expect(created.status).toBeLessThan(400);

    const before = openedUrls().length;
    await press(browser, "Authorize in browser");
    await waitForText(browser, "status", /Waiting for you to approve/);
    const authorize = await nextOpenedUrl(browser, before);
    expect(authorize).toContain("/plugins/servlet/oauth/authorize?oauth_token=");
    const page = await approveInBrowser(authorize, {
      os_username: ALICE.username,
      os_password: ALICE.password,
      approve: "Allow",
    });
    expect(page.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    // The browser follows Jira's redirect back to Jiffy's loopback listener.
    const back = await fetch(page.location as string);
    expect(back.status).toBe(200);
    await waitForText(browser, "status", /Connected as Alice/);
    await saveAs(browser, "Demo OAuth 1.0a");
  });

  it("signs in with OAuth 2.0 (PKCE) through the loopback address", async () => {
    expect(await startDemo(browser)).toBe(demoUrl);
    await chooseMethod(browser, "OAuth 2.0");
    // The demo site's incoming link is filled in; a free port is chosen for the callback.
    expect(await valueOf(browser, "Client ID")).not.toBe("");
    await fill(browser, "Port", "48765", "spinbutton");
    expect(await valueOf(browser, "Callback URL")).toBe("http://127.0.0.1:48765/callback");
    await expectAccessible(browser, "the OAuth 2.0 step");
    const before = openedUrls().length;
    await press(browser, "Authorize in browser");
    const authorize = await nextOpenedUrl(browser, before);
    expect(authorize).toContain("code_challenge_method=S256");
    const page = await approveInBrowser(authorize, {
      os_username: ALICE.username,
      os_password: ALICE.password,
      decision: "accept",
    });
    expect(page.location).toMatch(/^http:\/\/127\.0\.0\.1:48765\/callback\?/);
    expect((await fetch(page.location as string)).status).toBe(200);
    await waitForText(browser, "status", /Connected as Alice/);
    await saveAs(browser, "Demo OAuth 2.0");
  });

  it("removes a connection together with its keyring entries", async () => {
    const before = keyringEntries();
    expect(before.length).toBeGreaterThan(0);
    await (await getByRole(browser, "button", "Connections")).click();
    await getByRole(browser, "table", "Connections");
    await expectAccessible(browser, "the Connections page");
    await screenshot(browser, "connections");
    await press(browser, "Remove Demo password");
    await getByRole(browser, "dialog", "Remove Demo password?");
    await screenshot(browser, "connections-remove-dialog");
    await press(browser, "Remove connection");
    await browser.waitUntil(async () => keyringEntries().length < before.length, {
      timeout: 10_000,
      timeoutMsg: "the keyring entries stayed",
    });
    const after = keyringEntries();
    const gone = before.filter((u) => !after.includes(u));
    const removedId = gone[0]?.split(":")[0] ?? "";
    expect(removedId).not.toBe("");
    expect(after.some((u) => u.startsWith(`${removedId}:`))).toBe(false);
    const table = await getByRole(browser, "table", "Connections");
    await browser.waitUntil(async () => !(await table.getText()).includes("Demo password"), {
      timeout: 5_000,
      timeoutMsg: "the removed connection is still listed",
    });
  });
});
