// Helpers for driving the real Jiffy window through tauri-driver with WebdriverIO.
// Elements are found as a person finds them: by role and accessible name, never by CSS path.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";

export type Browser = WebdriverIO.Browser;

/** Starts the app (tauri-driver launches the binary) and returns the WebDriver session. */
export async function launchApp(): Promise<Browser> {
  const application = process.env.JIFFY_APP_BIN;
  if (!application) throw new Error("JIFFY_APP_BIN is not set: run through `cargo xtask e2e`");
  return remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: {
      // WebKitWebDriver speaks classic WebDriver; WebdriverIO 9 would otherwise ask for BiDi.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application },
    } as WebdriverIO.Capabilities,
  });
}

// Runs in the page: finds elements by ARIA role (explicit or implicit) and accessible name.
// A small subset of the accessible-name algorithm: aria-label, aria-labelledby, <label>, text.
function findByRoleInPage(role: string, name: string | null): Element[] {
  const implicit: Record<string, string> = {
    // A <details> summary is exposed as a button (it toggles its disclosure).
    button: "button, input[type=button], input[type=submit], summary",
    link: "a[href]",
    heading: "h1, h2, h3, h4, h5, h6",
    navigation: "nav",
    main: "main",
    textbox: "input:not([type]), input[type=text], input[type=url], input[type=email], input[type=password], textarea",
    checkbox: "input[type=checkbox]",
    combobox: "select",
    status: "output",
    alert: "",
    radio: "input[type=radio]",
    spinbutton: "input[type=number]",
    table: "table",
    dialog: "dialog",
    group: "fieldset",
    row: "tr",
    definition: "dd",
    term: "dt",
    region: "section[aria-label], section[aria-labelledby]",
    list: "ul, ol",
    listitem: "li",
    article: "article",
  };
  const selector = [`[role="${role}"]`, implicit[role] ?? ""].filter(Boolean).join(", ");
  const accessibleName = (el: Element): string => {
    const label = el.getAttribute("aria-label");
    if (label) return label.trim();
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      return by
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
    }
    if (el.id) {
      const forLabel = document.querySelector(`label[for="${el.id}"]`);
      if (forLabel) return (forLabel.textContent ?? "").replace(/\s+/g, " ").trim();
    }
    const wrap = el.closest("label");
    if (wrap) return (wrap.textContent ?? "").replace(/\s+/g, " ").trim();
    const clone = el.cloneNode(true) as Element;
    clone.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return (clone.textContent ?? "").replace(/\s+/g, " ").trim();
  };
  return Array.from(document.querySelectorAll(selector)).filter(
    (el) => name === null || accessibleName(el) === name,
  );
}

/** The single element with this role and accessible name; fails clearly if 0 or 2+. */
export async function getByRole(browser: Browser, role: string, name?: string) {
  let found: WebdriverIO.Element[] = [];
  await browser.waitUntil(
    async () => {
      found = (await browser.execute(findByRoleInPage, role, name ?? null)) as unknown as WebdriverIO.Element[];
      return found.length > 0;
    },
    { timeout: 10_000, timeoutMsg: `no ${role} named "${name ?? "(any)"}" appeared` },
  );
  if (found.length > 1) throw new Error(`${found.length} elements are ${role} "${name}"`);
  const first = found[0];
  if (!first) throw new Error(`no ${role} named "${name}"`);
  return browser.$(first);
}

/**
 * Saves a screenshot named after the test under target/e2e-screenshots/: the whole X display,
 * as a person would see it. (WebKitWebDriver's own screenshot command can stall for minutes
 * under Xvfb, so the display is captured with ImageMagick's `import` instead.)
 */
export async function screenshot(browser: Browser, testName: string): Promise<string> {
  const dir = process.env.JIFFY_E2E_SCREENSHOTS ?? "e2e-screenshots";
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${testName.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`);
  // Let the last click's repaint land before capturing.
  await browser.execute(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  const importBin = existsSync("/usr/bin/import") ? "/usr/bin/import" : "import";
  execFileSync(importBin, ["-window", "root", file], { timeout: 20_000 });
  return file;
}
