// Browsing and searching the demo Data Center site's issues through the window: a project's
// list, valid and invalid JQL, an issue in its own window, and hostile HTML shown inert.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, press, waitForText } from "./flows";
import {
  connectAsAlice,
  removeConnection,
  expectNoSidewaysScroll,
  inertReport,
  openSection,
  rest,
  search,
  waitForContent,
} from "./issues-shared";
import { closeWindowTitled } from "./desktop";

const NAME = "Issues browse e2e";
const HOSTILE_DESCRIPTION = 'Before <img src=x onerror="window.__pwned=1"> after';
const HOSTILE_COMMENT = "Comment <script>window.__pwned=2</script> end";

/** How many body rows of the "Issues" table are in the DOM. */
function issueRowsInDom(): number {
  const table = document.querySelector('table[aria-label="Issues"]');
  return table ? table.querySelectorAll("tbody tr[aria-rowindex]").length : -1;
}

describe("browsing and searching issues", () => {
  let browser: Browser;
  let site = "";

  beforeAll(async () => {
    browser = await launchApp();
    site = await connectAsAlice(browser, NAME);
    await openSection(browser, "Issues", NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-browse ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (browser) await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
  });

  it("lists a project's issues", async () => {
    await press(browser, "Documentation DOCS");
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    const table = await getByRole(browser, "table", "Issues");
    await waitForContent(browser, table, /DOCS-\d+/, "the DOCS issues");
    expect(await (await getByRole(browser, "combobox", "JQL")).getValue()).toMatch(/DOCS/);
    expect(await browser.execute(issueRowsInDom)).toBeGreaterThan(0);
    // The table and the JQL bar take the page's width (an empty detail column once took it,
    // leaving every column one letter wide).
    const widths = (await browser.execute(() => {
      const width = (el: Element | null) => el?.getBoundingClientRect().width ?? 0;
      return {
        page: width(document.querySelector("main")),
        table: width(document.querySelector('table[aria-label="Issues"]')),
        jql: width(document.querySelector('input[role="combobox"]')),
      };
    })) as { page: number; table: number; jql: number };
    expect(widths.table).toBeGreaterThan(widths.page * 0.55);
    expect(widths.jql).toBeGreaterThan(250);
    await expectAccessible(browser, "a project's issue list");
  });

  it("searches with valid JQL", async () => {
    await search(browser, 'project = DOCS AND status = "On Hold"');
    const status = await waitForText(browser, "status", /^\d+ of \d+ issues loaded/);
    const [loaded] = /^\d+/.exec(status) ?? ["0"];
    expect(Number(loaded)).toBeGreaterThan(0);
    const table = await getByRole(browser, "table", "Issues");
    // Every row is On Hold (the status column), none another status.
    const statuses = (await browser.execute(() =>
      Array.from(document.querySelectorAll('table[aria-label="Issues"] tbody tr[aria-rowindex]'))
        .map((tr) => tr.querySelectorAll("td")[3]?.textContent ?? ""),
    )) as string[];
    expect(statuses.length).toBe(Number(loaded));
    expect(new Set(statuses)).toEqual(new Set(["On Hold"]));
    expect(await table.getText()).toMatch(/DOCS-\d+/);
    await expectAccessible(browser, "search results");
  });

  it("shows invalid JQL inline and keeps the query", async () => {
    const bad = "project = DOCS AND status = ";
    await search(browser, bad);
    const alert = await waitForText(browser, "alert", /.+/);
    expect(alert).toMatch(/Search failed/);
    expect(await (await getByRole(browser, "combobox", "JQL")).getValue()).toBe(bad);
    await waitForText(browser, "status", /The search failed/);
    await expectAccessible(browser, "a failed search");
  });

  it("opens an issue in its own window", async () => {
    await search(browser, "project = DOCS ORDER BY key ASC");
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    await press(browser, "DOCS-1");
    const panel = await getByRole(browser, "region", "Issue DOCS-1");
    await waitForContent(browser, panel, /DOCS-1: \S/, "the issue panel");
    await expectNoSidewaysScroll(browser, "the issue panel");
    // Beside the panel, the columns still shown are wide enough to read.
    const columns = (await browser.execute(() =>
      Array.from(document.querySelectorAll('table[aria-label="Issues"] thead th'))
        .map((th) => ({ name: th.textContent ?? "", width: th.getBoundingClientRect().width }))
        .filter((c) => c.width > 0),
    )) as { name: string; width: number }[];
    expect(columns.map((c) => c.name)).toEqual(["Key", "Summary", "Status", "Assignee"]);
    expect(columns.filter((c) => c.width < 60), JSON.stringify(columns)).toEqual([]);
    await expectAccessible(browser, "the issue panel");
    await screenshot(browser, "issues-browse-panel");

    const main = await browser.getWindowHandle();
    const before = await browser.getWindowHandles();
    await press(browser, "Open DOCS-1 in a new window");
    let handles: string[] = [];
    await browser.waitUntil(
      async () => {
        handles = await browser.getWindowHandles();
        return handles.length > before.length;
      },
      { timeout: 15_000, timeoutMsg: "no new window opened" },
    );
    const opened = handles.find((h) => !before.includes(h));
    expect(opened).toBeDefined();
    await browser.switchToWindow(opened as string);
    try {
      await getByRole(browser, "main", "Issue DOCS-1");
      const own = await getByRole(browser, "region", "Issue DOCS-1");
      await waitForContent(browser, own, /DOCS-1: \S/, "the issue window");
      // Its own window has no "open in a new window" of its own.
      const again = (await browser.execute(() =>
        Array.from(document.querySelectorAll("button")).some((b) =>
          (b.textContent ?? "").includes("in a new window"),
        ),
      )) as boolean;
      expect(again).toBe(false);
      await expectAccessible(browser, "the issue window");
      await screenshot(browser, "issues-browse-window");
      await closeWindowTitled(browser, "DOCS-1 — Jiffy");
    } finally {
      await browser.switchToWindow(main);
    }
    await getByRole(browser, "region", "Issue DOCS-1");
  });

  it("shows HTML in a description and a comment as inert text", async () => {
    await rest(site, "PUT", "/rest/api/2/issue/DOCS-2", {
      fields: { description: HOSTILE_DESCRIPTION },
    });
    await rest(site, "POST", "/rest/api/2/issue/DOCS-2/comment", { body: HOSTILE_COMMENT });

    await press(browser, "DOCS-2");
    const panel = await getByRole(browser, "region", "Issue DOCS-2");
    await waitForContent(browser, panel, /Before/, "the description");
    await waitForContent(browser, panel, /Comment/, "the comment");
    // Give a handler or script a moment to run, if one were going to.
    await browser.pause(500);
    const found = (await browser.execute(inertReport, "Issue DOCS-2")) as ReturnType<typeof inertReport>;
    expect(found.pwned).toBeNull();
    expect(found.img).toBe(0);
    expect(found.script).toBe(0);
    expect(found.handlers).toBe(0);
    expect(found.text).toContain("Before");
    expect(found.text).toContain("after");
    expect(found.text).toContain("end");
    await expectNoSidewaysScroll(browser, "an issue with hostile HTML");
    await expectAccessible(browser, "an issue with hostile HTML");
  });
});
