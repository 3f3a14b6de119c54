import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";

// session.sh runs this file under the default GTK theme and again under Adwaita:dark.
const theme = process.env.JIFFY_E2E_THEME === "dark" ? "dark" : "light";

describe(`the ${theme} theme`, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchApp();
  });

  afterAll(async () => {
    await browser?.deleteSession();
  });

  it(`follows the system's ${theme} theme`, async () => {
    await getByRole(browser, "heading", "Welcome to Jiffy");
    const { prefersDark, background } = await browser.execute(() => ({
      prefersDark: window.matchMedia("(prefers-color-scheme: dark)").matches,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
    expect(prefersDark).toBe(theme === "dark");
    // The page really is painted in the theme's colours (see --bg in styles.css).
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    const luminance = ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
    if (theme === "dark") expect(luminance).toBeLessThan(60);
    else expect(luminance).toBeGreaterThan(200);
    await screenshot(browser, `welcome-${theme}-theme`);
  });
});
