// What the issue tests share: connecting to a demo site through the wizard (Data Center as
// alice, Cloud as the admin), opening the Issues section on that connection, calling the demo
// site's REST API, and reading the issue panel.
import type { Browser } from "./support";
import { getByRole } from "./support";
import { fill, foundSiteUrl, press, waitForText } from "./flows";

// The desktop helpers lived here first; other test files still import them from here.
export { answerFileDialog, closeWindowTitled, dropFileOn, xdotool } from "./desktop";

export const ALICE = { username: "alice", password: "alice-pw" };

/** Basic auth for alice, for setting up data over the demo site's REST API. */
export function aliceAuth(): string {
  return `Basic ${Buffer.from(`${ALICE.username}:${ALICE.password}`).toString("base64")}`;
}

/** The demo Cloud site's administrator, who signs in with an API token. */
export const CLOUD_ADMIN = {
  email: "admin@example.com",
  token: "ATATT-sandbox-admin",
  displayName: "Ada Admin",
};

/** Basic auth (email + API token) for the Cloud admin. */
export function cloudAdminAuth(): string {
  return `Basic ${Buffer.from(`${CLOUD_ADMIN.email}:${CLOUD_ADMIN.token}`).toString("base64")}`;
}

/**
 * Calls the site's REST API (as alice unless `auth` says otherwise) and returns the parsed
 * JSON (or null for no body).
 */
export async function rest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  auth: string = aliceAuth(),
) {
  const answer = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * From the welcome page, connects to the demo Data Center site (or, with `siteUrl`, any site)
 * with alice's password and saves it as `name`. Returns the site's URL.
 */
export async function connectAsAlice(browser: Browser, name: string, siteUrl?: string) {
  await (await getByRole(browser, "button", "Jiffy home")).click();
  let url: string;
  if (siteUrl) {
    await press(browser, "Connect to Jira");
    await fill(browser, "Jira URL", siteUrl);
    await press(browser, "Continue");
    url = siteUrl;
  } else {
    await press(browser, "Try a demo Data Center site");
    url = await foundSiteUrl(browser);
  }
  await getByRole(browser, "heading", "How do you want to sign in?");
  await (await getByRole(browser, "radio", "Username and password")).click();
  await press(browser, "Continue");
  await fill(browser, "Username", ALICE.username);
  await fill(browser, "Password", ALICE.password);
  await press(browser, "Sign in");
  await waitForText(browser, "status", /Connected as Alice/, 30_000);
  // The Check step finishes loading before the name is typed, as a person would wait.
  await getByRole(browser, "table", "Permissions by project");
  await fill(browser, "Connection name", name);
  await press(browser, "Save connection");
  await waitForText(browser, "status", new RegExp(`Saved .${name}.`));
  return url;
}

/**
 * From the welcome page, connects to the demo Cloud site with the admin's API token and saves
 * it as `name`. Returns the site's URL.
 */
export async function connectToCloudAsAdmin(browser: Browser, name: string) {
  await (await getByRole(browser, "button", "Jiffy home")).click();
  await press(browser, "Try a demo Cloud site");
  await waitForText(browser, "status", /Found Jira Cloud/);
  const url = await foundSiteUrl(browser);
  await getByRole(browser, "heading", "How do you want to sign in?");
  await (await getByRole(browser, "radio", "API token")).click();
  await press(browser, "Continue");
  await fill(browser, "Email", CLOUD_ADMIN.email);
  await fill(browser, "API token", CLOUD_ADMIN.token);
  await press(browser, "Sign in");
  await waitForText(browser, "status", new RegExp(`Connected as ${CLOUD_ADMIN.displayName}`), 30_000);
  await getByRole(browser, "table", "Permissions by project");
  await fill(browser, "Connection name", name);
  await press(browser, "Save connection");
  await waitForText(browser, "status", new RegExp(`Saved .${name}.`));
  return url;
}

/** Opens a section from the sidebar and, when there are several connections, picks `name`. */
export async function openSection(browser: Browser, section: string, name: string) {
  await (await getByRole(browser, "button", section)).click();
  await getByRole(browser, "navigation", "Projects").catch(() => undefined);
  const hasPicker = (await browser.execute(() =>
    Array.from(document.querySelectorAll("label")).some((l) => l.textContent === "Connection"),
  )) as boolean;
  if (!hasPicker) return;
  const picker = await getByRole(browser, "combobox", "Connection");
  const options = (await browser.execute(
    (el: HTMLSelectElement) => Array.from(el.options).map((o) => [o.value, o.text]),
    picker as unknown as HTMLSelectElement,
  )) as [string, string][];
  const wanted = options.find(([, text]) => text === name || text === `${name} (default)`);
  if (!wanted) throw new Error(`no connection "${name}" in ${JSON.stringify(options)}`);
  await picker.selectByAttribute("value", wanted[0]);
}

/**
 * Waits until the text of `el` matches `pattern`. `el` is an element, or the accessible name
 * of a labelled region (read afresh each time, as the panel re-renders after every change).
 */
export async function waitForContent(
  browser: Browser,
  el: { getText(): Promise<string> } | string,
  pattern: RegExp,
  what: string,
  timeout = 15_000,
) {
  let last = "";
  const read = async () =>
    typeof el === "string"
      ? ((await browser.execute(
          (name: string) =>
            (document.querySelector(`section[aria-label="${name}"]`)?.textContent ?? "")
              .replace(/\s+/g, " "),
          el,
        )) as string)
      : el.getText();
  await browser.waitUntil(
    async () => {
      last = await read();
      return pattern.test(last);
    },
    { timeout, timeoutMsg: `${what}: no ${pattern} in ${JSON.stringify(last.slice(0, 500))}` },
  );
}

/** Runs the JQL in the bar: "Search" inside the search form (the sidebar has a "Search" too). */
export async function search(browser: Browser, jql: string) {
  await typeInto(browser, "JQL", jql, "combobox");
  const form = await getByRole(browser, "search");
  const button = await form.$("button=Search");
  await button.waitForEnabled({ timeout: 15_000 });
  await button.click();
}

/**
 * Replaces a controlled field's text the way a person does: select all, delete, type.
 * (WebDriver's element clear sets the DOM value without an input event, so React keeps its
 * old state and the typed text would be appended to it.)
 */
export async function typeInto(browser: Browser, label: string, text: string, role = "textbox") {
  const field = await getByRole(browser, role, label);
  await field.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (text !== "") await field.addValue(text);
  const now = (await field.getValue()) as string;
  if (now !== text) throw new Error(`"${label}" holds ${JSON.stringify(now)}, not ${JSON.stringify(text)}`);
}

/** Fails when the window scrolls sideways: something is wider than the window. */
export async function expectNoSidewaysScroll(browser: Browser, where: string) {
  const found = (await browser.execute(() => {
    const width = window.innerWidth;
    const wide = Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
    return {
      width,
      scroll: document.documentElement.scrollWidth,
      scrollX: window.scrollX,
      wide,
    };
  })) as { width: number; scroll: number; scrollX: number; wide: string[] };
  if (found.scroll > found.width + 1 || found.scrollX !== 0) {
    throw new Error(`${where} is wider than the window: ${JSON.stringify(found)}`);
  }
}

/**
 * Removes the connection `name` on the Connections page, as a person would. Every issue test
 * file ends with this: the shell and theme tests that run after them expect a first start.
 */
export async function removeConnection(browser: Browser, name: string) {
  await (await getByRole(browser, "button", "Connections")).click();
  await press(browser, `Remove ${name}`);
  await getByRole(browser, "dialog", `Remove ${name}?`);
  await press(browser, "Remove connection");
  await browser.waitUntil(
    async () =>
      !((await browser.execute(
        (n: string) =>
          Array.from(document.querySelectorAll("main button")).some(
            (b) => b.getAttribute("aria-label") === `Remove ${n}`,
          ),
        name,
      )) as boolean),
    { timeout: 15_000, timeoutMsg: `the connection "${name}" was not removed` },
  );
}

/** Clicks the button named `name` inside the dialog named `dialog`. */
export async function pressIn(browser: Browser, dialog: string, name: string) {
  const box = await getByRole(browser, "dialog", dialog);
  const button = await box.$(`button=${name}`);
  await button.waitForEnabled({ timeout: 15_000 });
  await button.click();
}

/** Waits until no dialog or region of this name is left (they are named by label or title). */
export async function waitGone(browser: Browser, role: "dialog" | "region", name: string) {
  await browser.waitUntil(
    async () =>
      !((await browser.execute(
        (r: string, n: string) =>
          r === "dialog"
            ? Array.from(document.querySelectorAll('[role="dialog"] h2')).some((h) => h.textContent === n)
            : document.querySelector(`section[aria-label="${n}"]`) !== null,
        role,
        name,
      )) as boolean),
    { timeout: 30_000, timeoutMsg: `the ${role} "${name}" stayed` },
  );
}

/**
 * Runs in the page: what in the region `name` could run code — a flag a hostile handler or
 * script would set, `<img src=x>`/`onerror` images, scripts, `on*` attributes — and its text.
 */
export function inertReport(name: string) {
  const detail = document.querySelector(`section[aria-label="${name}"]`);
  return {
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    img: detail?.querySelectorAll('img[src="x"], img[onerror]').length ?? -1,
    script: detail?.querySelectorAll("script").length ?? -1,
    handlers: detail
      ? Array.from(detail.querySelectorAll("*")).filter((el) =>
          Array.from(el.attributes).some((a) => a.name.startsWith("on")),
        ).length
      : -1,
    text: detail?.textContent ?? "",
  };
}
