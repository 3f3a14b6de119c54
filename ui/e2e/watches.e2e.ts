// JQL watches through the window: the seeds' example (a weekly check of the documentation
// issues "On Hold" or "Ready to Publish") set up from a search, then a notification that
// really reaches the desktop's notification service (a dunst on the test display's D-Bus,
// e2e/dunst/dunstrc) and, clicked with the mouse, opens the issue in Jiffy.
import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { closeWindowTitled } from "./desktop";
import { expectAccessible, fill, press, valueOf, waitForText } from "./flows";
import {
  connectAsAlice,
  openSection,
  removeConnection,
  rest,
  search,
  waitForContent,
  xdotool,
} from "./issues-shared";

const NAME = "Watches e2e";
const WATCH = "Docs to publish";
const JQL = 'project = DOCS AND status in ("On Hold", "Ready to Publish")';

type Shown = { app_name: string; summary: string; body: string };

/** Every notification the desktop's notification service has shown in this run. */
function shown(): Shown[] {
  const file = process.env.JIFFY_E2E_NOTIFICATIONS;
  if (!file) throw new Error("JIFFY_E2E_NOTIFICATIONS is not set: run through cargo xtask e2e");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Shown);
}

/** Waits for a notification after the first `before` whose body matches `pattern`. */
async function nextShown(browser: Browser, before: number, pattern: RegExp): Promise<Shown> {
  let found: Shown | undefined;
  await browser.waitUntil(
    async () => {
      found = shown()
        .slice(before)
        .find((n) => pattern.test(n.body));
      return found !== undefined;
    },
    {
      timeout: 30_000,
      interval: 250,
      timeoutMsg: `no notification matching ${pattern}; shown: ${JSON.stringify(shown().slice(before))}`,
    },
  );
  return found as Shown;
}

/** A new DOCS issue, moved into "On Hold" through its workflow, as alice over REST. */
async function newIssueOnHold(site: string, summary: string): Promise<string> {
  const project = (await rest(site, "GET", "/rest/api/2/project/DOCS")) as {
    issueTypes: { name: string; subtask: boolean }[];
  };
  const type = project.issueTypes.find((t) => !t.subtask);
  if (!type) throw new Error("DOCS has no standard issue type");
  const created = (await rest(site, "POST", "/rest/api/2/issue", {
    fields: { project: { key: "DOCS" }, issuetype: { name: type.name }, summary },
  })) as { key: string };
  const { transitions } = (await rest(
    site,
    "GET",
    `/rest/api/2/issue/${created.key}/transitions`,
  )) as { transitions: { id: string; to: { name: string } }[] };
  const hold = transitions.find((t) => t.to.name === "On Hold");
  if (!hold) throw new Error(`no way to "On Hold" from ${created.key}: ${JSON.stringify(transitions)}`);
  await rest(site, "POST", `/rest/api/2/issue/${created.key}/transitions`, {
    transition: { id: hold.id },
  });
  return created.key;
}

/** Waits until the watch's entry in Settings → Watches (read afresh each time) matches. */
async function waitForWatch(browser: Browser, pattern: RegExp, what: string) {
  let last = "";
  await browser
    .waitUntil(
    async () => {
      last = (await browser.execute(
        (name: string) =>
          ((document.querySelector(`li[aria-label="${name}"]`) as HTMLElement | null)?.innerText ?? "")
            .replace(/\s+/g, " "),
        WATCH,
      )) as string;
      return pattern.test(last);
    },
    { timeout: 20_000, interval: 200 },
  )
    .catch(() => {
      throw new Error(`${what}: no ${pattern} in ${JSON.stringify(last)}`);
    });
}

/** When the watch was last checked, as Settings → Watches says (an ISO time). */
async function checkedAt(browser: Browser): Promise<string> {
  return (await browser.execute(
    (name: string) =>
      document.querySelector(`li[aria-label="${name}"] time`)?.getAttribute("datetime") ?? "",
    WATCH,
  )) as string;
}

/** Clicks the notification on screen with the mouse, as a person would. */
function clickNotification() {
  const id = xdotool(["search", "--sync", "--onlyvisible", "--class", "Dunst"]).trim().split("\n")[0];
  if (!id) throw new Error("no notification is on the screen");
  const geometry = xdotool(["getwindowgeometry", "--shell", id]);
  const value = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(geometry)?.[1] ?? NaN);
  const [x, y, w, h] = [value("X"), value("Y"), value("WIDTH"), value("HEIGHT")];
  xdotool(["mousemove", String(x + Math.round(w / 2)), String(y + Math.round(h / 2))]);
  xdotool(["click", "1"]);
}

describe("JQL watches", () => {
  let browser: Browser;
  let site = "";
  let removed = false;

  beforeAll(async () => {
    browser = await launchApp();
    site = await connectAsAlice(browser, NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `watches ${ctx.task.name}`);
  });

  afterAll(async () => {
    // Notifications stay until dismissed: clear them, or later screenshots would show them.
    spawnSync("dunstctl", ["close-all"], { timeout: 5_000 });
    // Removing the connection removes its watches too.
    if (browser && !removed)
      await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
  });

  it("sets up the weekly docs check from a search", async () => {
    const started = Date.now();
    await openSection(browser, "Issues", NAME);
    await search(browser, JQL);
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    await press(browser, "Watch this search");
    await getByRole(browser, "dialog", "New watch");
    expect(await valueOf(browser, "JQL query")).toBe(JQL);
    // The defaults are the seeds' example: every week, on Monday at 09:00, new matches.
    expect(await valueOf(browser, "Day", "combobox")).toBe("mon");
    expect(await (await getByRole(browser, "radio", "Every week")).isSelected()).toBe(true);
    expect(await (await getByRole(browser, "radio", "Only issues that newly match")).isSelected()).toBe(
      true,
    );
    await fill(browser, "Name", WATCH);
    await expectAccessible(browser, "the new watch form");
    await screenshot(browser, "watches-form");
    await press(browser, "Save watch");
    await waitForText(browser, "status", /Watching “Docs to publish”/);
    console.log(`e2e: the docs watch was set up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    await (await getByRole(browser, "button", "Settings")).click();
    await getByRole(browser, "listitem", WATCH);
    await waitForWatch(browser, /Mondays at 09:00 .* New matches/, "the watch in Settings");
    await waitForWatch(browser, /project = DOCS AND status in/, "the watch's query");
    await expectAccessible(browser, "Settings → Watches");
  });

  it("notifies on the desktop, and a click opens the issue", async () => {
    // A new watch is checked at once, and the first check tells about everything that matches
    // now: one notification for the lot.
    await waitForWatch(browser, /Checked .* \d+ matching/, "the first check");
    const all = await nextShown(browser, 0, /^\d+ issues (Ready to Publish|On Hold)/);
    expect(all.summary).toBe(WATCH);
    // Clicking a notification about several issues shows exactly those in Search.
    clickNotification();
    await browser.waitUntil(
      async () => /^key in \(DOCS-\d+, DOCS-\d+/.test(await valueOf(browser, "JQL", "combobox")),
      { timeout: 15_000, timeoutMsg: "the click did not open a search of the notified issues" },
    );
    const loaded = await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    expect(loaded).toMatch(new RegExp(`of ${/^(\d+)/.exec(all.body)?.[1]} issues`));
    await screenshot(browser, "watches-clicked-search");
    // The click counted the watch's matches as seen.
    await (await getByRole(browser, "button", "Settings")).click();
    await getByRole(browser, "listitem", WATCH);
    await waitForWatch(browser, /^(?![\s\S]*\d+ new)/, "the watch after the click");

    const key = await newIssueOnHold(site, "Watch e2e: a page waiting for review");
    let before = shown().length;
    await press(browser, `Check now: ${WATCH}`);
    const note = await nextShown(browser, before, new RegExp(`\\b${key}\\b`));
    expect(note.app_name).toBe("Jiffy");
    expect(note.summary).toBe(WATCH);
    expect(note.body).toBe(`1 issue On Hold: ${key}`);
    await waitForWatch(browser, /\b1 new\b/, "the unseen count");
    await screenshot(browser, "watches-settings");

    // Checking again finds nothing new: no second notification about the same issue.
    before = shown().length;
    const lastCheck = await checkedAt(browser);
    await press(browser, `Check now: ${WATCH}`);
    await browser.waitUntil(async () => (await checkedAt(browser)) !== lastCheck, {
      timeout: 20_000,
      timeoutMsg: "the second check did not finish",
    });
    // Give a notification from it, if one were coming, time to reach the desktop.
    await browser.pause(1500);
    expect(shown().slice(before).filter((n) => n.body.includes(key))).toEqual([]);

    const main = await browser.getWindowHandle();
    const handles = await browser.getWindowHandles();
    clickNotification();
    let opened: string | undefined;
    await browser.waitUntil(
      async () => {
        opened = (await browser.getWindowHandles()).find((h) => !handles.includes(h));
        return opened !== undefined;
      },
      { timeout: 15_000, timeoutMsg: `clicking the notification opened no window for ${key}` },
    );
    await browser.switchToWindow(opened as string);
    try {
      await getByRole(browser, "main", `Issue ${key}`);
      await waitForContent(browser, `Issue ${key}`, /a page waiting for review/, "the issue window");
      await screenshot(browser, "watches-clicked-issue");
      await closeWindowTitled(browser, `${key} — Jiffy`);
    } finally {
      await browser.switchToWindow(main);
    }
    // Clicking counted the watch's matches as seen.
    await waitForWatch(browser, /^(?![\s\S]*\d+ new)/, "the unseen count after the click");
  });
  it("keeps running in the tray when the window is closed, and comes back", async () => {
    // The connection (and its watch) goes first: the window is not driven after it returns.
    await removeConnection(browser, NAME);
    removed = true;
    const before = shown().length;
    // The window manager's close button (the e2e display has none: the same X message).
    await closeWindowTitled(browser, "Jiffy");
    const note = await nextShown(browser, before, /Your watches go on/);
    expect(note.summary).toBe("Jiffy is still running");
    // Gone from the screen, but still running: the second start below hands over to it.
    expect(spawnSync("xdotool", ["search", "--onlyvisible", "--name", "^Jiffy$"]).status).not.toBe(0);
    // Starting Jiffy again brings the same window back (the second start hands over and ends).
    await new Promise<void>((resolve, reject) =>
      execFile(process.env.JIFFY_APP_BIN as string, [], { timeout: 30_000 }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
    await browser.waitUntil(
      async () => spawnSync("xdotool", ["search", "--onlyvisible", "--name", "^Jiffy$"]).status === 0,
      { timeout: 15_000, timeoutMsg: "the window did not come back" },
    );
    // And it works for a person: a real click on the sidebar's Settings (at its place on
    // screen) opens Settings.
    const place = (await browser.execute(() => {
      const button = Array.from(document.querySelectorAll("nav .nav-item")).find((b) =>
        (b.textContent ?? "").includes("Settings"),
      );
      const r = button?.getBoundingClientRect();
      return r ? [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] : null;
    })) as [number, number] | null;
    expect(place).not.toBeNull();
    const id = xdotool(["search", "--onlyvisible", "--name", "^Jiffy$"]).split("\n")[0] ?? "";
    xdotool(["mousemove", "--window", id, String(place?.[0]), String(place?.[1])]);
    xdotool(["click", "1"]);
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelector("h1")?.textContent ?? "")) ===
        "Settings",
      { timeout: 10_000, timeoutMsg: "a click in the window that came back did nothing" },
    );
  });
});
