import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";

describe("the app window", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchApp();
  });

  afterEach(async (ctx) => {
    await screenshot(browser, ctx.task.name);
  });

  afterAll(async () => {
    await browser?.deleteSession();
  });

  it("opens on the welcome screen", async () => {
    const heading = await getByRole(browser, "heading", "Welcome to Jiffy");
    expect(await heading.isDisplayed()).toBe(true);
    expect(await browser.getTitle()).toBe("Jiffy");
    // A first start offers the wizard and the demo sites.
    for (const name of ["Connect to Jira", "Try a demo Data Center site", "Try a demo Cloud site"]) {
      expect(await (await getByRole(browser, "button", name)).isEnabled()).toBe(true);
    }
  });

  it("navigates with the sidebar", async () => {
    for (const section of ["Connections", "Issues", "Search", "Console"]) {
      await (await getByRole(browser, "button", section)).click();
      const heading = await getByRole(browser, "heading", section);
      expect(await heading.isDisplayed()).toBe(true);
      const current = await getByRole(browser, "button", section);
      expect(await current.getAttribute("aria-current")).toBe("page");
    }
    await (await getByRole(browser, "button", "Jiffy home")).click();
    expect(await (await getByRole(browser, "heading", "Welcome to Jiffy")).isDisplayed()).toBe(true);
  });

  it("shows what the app_info command reports in settings", async () => {
    await (await getByRole(browser, "button", "Settings")).click();
    await getByRole(browser, "heading", "About Jiffy");
    // WebdriverIO's aria/ selector finds by accessible name, as a person reads the page.
    const about = await browser.$("aria/About this installation");
    await about.waitForDisplayed();
    const text = await about.getText();
    expect(text).toMatch(/Jiffy \d+\.\d+\.\d+/);
    expect(text).toContain("linux");
    // The folders come from Rust (the temp HOME of this run), not from the page.
    expect(text).toContain(process.env.XDG_CONFIG_HOME ?? "missing XDG_CONFIG_HOME");
    expect(text).toContain("dev.jiffy.desktop");
  });
});
