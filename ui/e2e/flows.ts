// What the wizard tests share: typing into labelled fields, reading status and alerts, the
// fake system browser, sandboxes of our own, and the accessibility check.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import type { Browser } from "./support";
import { getByRole } from "./support";

/** Types `value` into the field labelled `label` (replacing what was there). */
export async function fill(browser: Browser, label: string, value: string, role = "textbox") {
  const field = await getByRole(browser, role, label);
  // A form may still be filling in a default (the Check step's suggested name) when the test
  // starts typing: check what the field holds and type again until it is exactly `value`.
  await browser.waitUntil(
    async () => {
      await field.clearValue();
      if (value !== "") await field.addValue(value);
      return (await field.getValue()) === value;
    },
    { timeout: 10_000, interval: 200, timeoutMsg: `the field "${label}" would not hold "${value}"` },
  );
}

/** Clicks the button with this accessible name. */
export async function press(browser: Browser, name: string) {
  const button = await getByRole(browser, "button", name);
  await button.waitForEnabled({ timeout: 15_000 });
  await button.click();
}

/** The value of a field (for read-only fields like the public key or callback URL). */
export async function valueOf(browser: Browser, label: string, role = "textbox"): Promise<string> {
  const field = await getByRole(browser, role, label);
  return (await field.getValue()) as string;
}

// Runs in the page: the text of every element with this role (explicit, or <output>).
function textsOfRole(role: string): string[] {
  return Array.from(document.querySelectorAll(`[role="${role}"]${role === "status" ? ", output" : ""}`))
    .map((el) => (el.textContent ?? "").replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** Waits until some element of `role` (status, alert) says something matching `pattern`. */
export async function waitForText(
  browser: Browser,
  role: "status" | "alert",
  pattern: RegExp,
  timeout = 20_000,
): Promise<string> {
  let seen: string[] = [];
  let match = "";
  // The message names what was on screen at the end (a timeoutMsg is fixed before waiting).
  await browser
    .waitUntil(
      async () => {
        seen = (await browser.execute(textsOfRole, role)) as string[];
        match = seen.find((t) => pattern.test(t)) ?? "";
        return match !== "";
      },
      { timeout, interval: 150 },
    )
    .catch(() => {
      throw new Error(`no ${role} matching ${pattern}; saw: ${JSON.stringify(seen)}`);
    });
  return match;
}

/** The URLs the app asked the system browser to open (our fake xdg-open records them). */
export function openedUrls(): string[] {
  const file = process.env.JIFFY_E2E_OPENED;
  if (!file) throw new Error("JIFFY_E2E_OPENED is not set: run through `cargo xtask e2e`");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter(Boolean);
}

/** Waits for the app to open a new URL in the browser (after `before` were opened). */
export async function nextOpenedUrl(browser: Browser, before: number): Promise<string> {
  let urls: string[] = [];
  await browser.waitUntil(
    async () => {
      urls = openedUrls();
      return urls.length > before;
    },
    { timeout: 20_000, timeoutMsg: "the app did not open the browser" },
  );
  return urls[urls.length - 1] as string;
}

/**
 * Plays the user in the browser on a sandbox authorize page: posts the login + consent form
 * (the page's query carried over) and returns where Jira redirected, or the page.
 */
export async function approveInBrowser(
  authorizeUrl: string,
  form: Record<string, string>,
): Promise<{ location: string | null; body: string; status: number }> {
  const url = new URL(authorizeUrl);
  const body = new URLSearchParams();
  url.searchParams.forEach((v, k) => body.set(k, v));
  for (const [k, v] of Object.entries(form)) body.set(k, v);
  const target = `${url.origin}${url.pathname}`;
  const answer = await fetch(target, { method: "POST", body, redirect: "manual" });
  return {
    location: answer.headers.get("location"),
    body: await answer.text(),
    status: answer.status,
  };
}

/** A sandbox of our own (for failures the demo site should not be put through). */
export interface OwnSandbox {
  baseUrl: string;
  stop: () => void;
  process: ChildProcess;
}

export async function startSandbox(args: string[]): Promise<OwnSandbox> {
  const bin = process.env.JIFFY_SANDBOX_BIN;
  if (!bin) throw new Error("JIFFY_SANDBOX_BIN is not set: run through `cargo xtask e2e`");
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"] });
  const stdout = child.stdout;
  if (!stdout) throw new Error("jiffy-sandbox has no stdout");
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: stdout });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`jiffy-sandbox exited with ${code}`)));
  });
  const info = JSON.parse(line) as { baseUrl: string };
  return { baseUrl: info.baseUrl, process: child, stop: () => child.kill() };
}

/** Calls one of a sandbox's test controls (`/rest/sandbox/...`). */
export async function sandboxControl(baseUrl: string, method: string, path: string, body: unknown) {
  const answer = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
  return answer.json() as Promise<unknown>;
}

const require = createRequire(import.meta.url);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations, naming
 * each rule and where it failed.
 */
export async function expectAccessible(browser: Browser, where: string) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Injected as a WebDriver script of its own: the page's CSP (rightly) forbids eval.
  await browser.execute(`${source}\nreturn true;`);
  const violations = (await browser.executeAsync(
    (done: (v: unknown) => void) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      axe
        .run(document, { resultTypes: ["violations"] })
        .then((r) => done(r.violations))
        .catch((e: unknown) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));
    },
  )) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length > 0) {
    const lines = serious.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    throw new Error(`accessibility problems on ${where}:\n${lines.join("\n")}`);
  }
}

/** The demo site's URL, from the wizard's "Found Jira … (URL)" line. */
export async function foundSiteUrl(browser: Browser): Promise<string> {
  const found = await waitForText(browser, "status", /Found Jira/);
  const url = /\((https?:\/\/[^)\s]+)\)/.exec(found)?.[1];
  if (!url) throw new Error(`no URL in "${found}"`);
  return url;
}
