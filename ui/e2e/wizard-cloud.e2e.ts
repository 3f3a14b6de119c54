// The wizard against the app's own demo Cloud site: an API token, then OAuth 2.0 (3LO) whose
// answer comes back through a `jiffy://` deep link handed to the running app by a second
// launch, as the desktop does when the browser opens such a link.
import { execFile } from "node:child_process";
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
  valueOf,
  waitForText,
} from "./flows";

const ALICE = { email: "alice@example.com", token: "ATATT-sandbox-alice", password: "alice-pw" };

describe("connecting to the demo Cloud site", () => {
  let browser: Browser;
  let demoUrl = "";

  beforeAll(async () => {
    browser = await launchApp();
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `wizard-cloud ${ctx.task.name}`);
  });

  afterAll(async () => {
    await browser?.deleteSession();
  });

  it("signs in with an API token", async () => {
    await (await getByRole(browser, "button", "Jiffy home")).click();
    await press(browser, "Try a demo Cloud site");
    await waitForText(browser, "status", /Found Jira Cloud/);
    demoUrl = await foundSiteUrl(browser);
    await getByRole(browser, "heading", "How do you want to sign in?");
    // Cloud never offers a password.
    const methods = await getByRole(browser, "radiogroup", "Sign-in method");
    expect(await methods.getText()).not.toContain("Username and password");
    await (await getByRole(browser, "radio", "API token")).click();
    await press(browser, "Continue");
    await fill(browser, "Email", ALICE.email);
    await fill(browser, "API token", ALICE.token);
    await expectAccessible(browser, "the API token step");
    await screenshot(browser, "wizard-3-api-token");
    await press(browser, "Sign in");
    await waitForText(browser, "status", /Connected as Alice/);
    await fill(browser, "Connection name", "Cloud token");
    await press(browser, "Save connection");
    await waitForText(browser, "status", /Saved .Cloud token./);
  });

  it("signs in with OAuth 2.0 (3LO) through a jiffy:// deep link", async () => {
    await (await getByRole(browser, "button", "Jiffy home")).click();
    await press(browser, "Try a demo Cloud site");
    expect(await foundSiteUrl(browser)).toBe(demoUrl);
    await (await getByRole(browser, "radio", "OAuth 2.0")).click();
    await press(browser, "Continue");
    await (await getByRole(browser, "radio", "jiffy:// link")).click();
    expect(await valueOf(browser, "Callback URL")).toBe("jiffy://oauth/callback");
    expect(await valueOf(browser, "Client ID")).not.toBe("");
    await expectAccessible(browser, "the OAuth 2.0 step");
    await screenshot(browser, "wizard-3-oauth2");
    const before = openedUrls().length;
    await press(browser, "Authorize in browser");
    const authorize = await nextOpenedUrl(browser, before);
    expect(authorize).toContain("audience=api.atlassian.com");
    expect(authorize).toContain("prompt=consent");
    // The consent page lists the sites to grant; the user picks the demo site.
    const consent = await (await fetch(authorize)).text();
    const site = /<select name="site">\s*<option value="([^"]+)"/.exec(consent)?.[1];
    expect(site, consent).toBeTruthy();
    await waitForText(browser, "status", /Waiting for you to approve/);
    await screenshot(browser, "wizard-3-oauth2-waiting");
    const page = await approveInBrowser(authorize, {
      os_username: ALICE.email,
      os_password: ALICE.password,
      decision: "accept",
      site: site as string,
    });
    expect(page.location).toMatch(/^jiffy:\/\/oauth\/callback\?/);
    // What the desktop does with a jiffy:// link: start Jiffy with it; the single-instance
    // plugin hands it to the running window and the second launch exits.
    await new Promise<void>((resolve, reject) => {
      execFile(process.env.JIFFY_APP_BIN as string, [page.location as string], { timeout: 30_000 }, (err) =>
        err ? reject(err) : resolve(),
      );
    });
    await waitForText(browser, "status", /Connected as Alice/);
    await fill(browser, "Connection name", "Cloud OAuth");
    await press(browser, "Save connection");
    await waitForText(browser, "status", /Saved .Cloud OAuth./);
  });
});
