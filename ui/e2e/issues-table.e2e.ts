// The issue table through the window on the demo Data Center site: columns chosen and resized
// from the keyboard, sorting by a header (the server's ORDER BY, shown in the JQL bar), project
// avatars fetched through Rust, and the list beside an open issue at 1200 and 1600 px.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, press, waitForText } from "./flows";
import {
  connectAsAlice,
  expectNoSidewaysScroll,
  openSection,
  removeConnection,
  rest,
  waitForContent,
} from "./issues-shared";

const NAME = "Issues table e2e";

/** Runs in the page: the issue table's header names and drawn widths. */
function headerCells(): { name: string; width: number; sort: string | null }[] {
  return Array.from(document.querySelectorAll('table[aria-label="Issues"] thead th')).map((th) => ({
    name: (th.textContent ?? "").trim(),
    width: Math.round(th.getBoundingClientRect().width),
    sort: th.getAttribute("aria-sort"),
  }));
}

/** Runs in the page: the keys of the first `n` rows. */
function firstKeys(n: number): string[] {
  return Array.from(document.querySelectorAll('table[aria-label="Issues"] tbody tr[aria-rowindex]'))
    .slice(0, n)
    .map((tr) => (tr.querySelector("td")?.textContent ?? "").trim());
}

async function headers(browser: Browser) {
  return (await browser.execute(headerCells)) as { name: string; width: number; sort: string | null }[];
}

async function jqlBar(browser: Browser): Promise<string> {
  return (await (await getByRole(browser, "combobox", "JQL")).getValue()) as string;
}

/** Waits until the table shows the query's first rows (a sort reloads the list). */
async function waitForRows(browser: Browser, keys: string[]) {
  let seen: string[] = [];
  await browser.waitUntil(
    async () => {
      seen = (await browser.execute(firstKeys, keys.length)) as string[];
      return JSON.stringify(seen) === JSON.stringify(keys);
    },
    { timeout: 15_000, timeoutMsg: `rows ${JSON.stringify(seen)} are not ${JSON.stringify(keys)}` },
  );
}

/** The first `n` keys the site itself answers for `jql`. */
async function siteKeys(site: string, jql: string, n: number): Promise<string[]> {
  const found = (await rest(
    site,
    "GET",
    `/rest/api/2/search?jql=${encodeURIComponent(jql)}&fields=key&maxResults=${n}`,
  )) as { issues: { key: string }[] };
  return found.issues.map((i) => i.key);
}

describe("the issue table", () => {
  let browser: Browser;
  let site = "";

  beforeAll(async () => {
    browser = await launchApp();
    site = await connectAsAlice(browser, NAME);
    await openSection(browser, "Issues", NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-table ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (browser) {
      // Later files start from the default columns and split.
      await browser
        .execute(() => {
          document.documentElement.style.removeProperty("zoom");
          localStorage.removeItem("jiffy.issueTable.columns");
          localStorage.removeItem("jiffy.issuePanel.width");
        })
        .catch((e: unknown) => console.error(e));
      await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    }
    await browser?.deleteSession();
  });

  it("shows project avatars fetched through Rust", async () => {
    const nav = await getByRole(browser, "navigation", "Projects");
    await waitForContent(browser, nav, /Documentation/, "the project list");
    let avatars: { loaded: number; buttons: number } = { loaded: 0, buttons: 0 };
    await browser.waitUntil(
      async () => {
        avatars = (await browser.execute(() => {
          const list = document.querySelector('nav[aria-label="Projects"]');
          const images = Array.from(list?.querySelectorAll("img") ?? []);
          return {
            loaded: images.filter((i) => i.complete && i.naturalWidth > 0 && i.src.startsWith("data:image/png")).length,
            buttons: list?.querySelectorAll("li button").length ?? 0,
          };
        })) as { loaded: number; buttons: number };
        return avatars.buttons > 0 && avatars.loaded === avatars.buttons;
      },
      { timeout: 15_000, timeoutMsg: `avatars: ${JSON.stringify(avatars)}` },
    );
    // The image is decorative: each button is still named by project and key.
    await getByRole(browser, "button", "Documentation DOCS");
    await expectAccessible(browser, "the project list with avatars");
  });

  it("chooses columns from the Columns menu", async () => {
    await press(browser, "Documentation DOCS");
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    const table = await getByRole(browser, "table", "Issues");
    await waitForContent(browser, table, /DOCS-\d+/, "the DOCS issues");
    await press(browser, "Columns");
    // At 1200 px there is room for six: Type and Priority make way for Created.
    await (await getByRole(browser, "checkbox", "Type")).click();
    await (await getByRole(browser, "checkbox", "Priority")).click();
    await (await getByRole(browser, "checkbox", "Created")).click();
    expect(await (await getByRole(browser, "checkbox", "Key")).isEnabled()).toBe(false);
    await expectAccessible(browser, "the Columns menu");
    await screenshot(browser, "issues-table-columns-menu");
    await browser.keys(["Escape"]);
    const names = (await headers(browser)).map((h) => h.name);
    expect(names).toContain("Created");
    expect(names).not.toContain("Type");
    expect(names).not.toContain("Priority");
    expect(names.slice(0, 2)).toEqual(["Key", "Summary"]);
    // The created dates are in their column.
    const created = (await browser.execute(() => {
      const ths = Array.from(document.querySelectorAll('table[aria-label="Issues"] thead th'));
      const at = ths.findIndex((th) => (th.textContent ?? "").trim() === "Created");
      const row = document.querySelector('table[aria-label="Issues"] tbody tr[aria-rowindex]');
      return row?.querySelectorAll("td")[at]?.textContent ?? "";
    })) as string;
    expect(created).toMatch(/\d{4}/);
  });

  it("resizes a column from the keyboard", async () => {
    const handle = await getByRole(browser, "separator", "Resize Key column");
    const before = Number(await handle.getAttribute("aria-valuenow"));
    const drawn = (await headers(browser)).find((h) => h.name === "Key")?.width ?? 0;
    await handle.click();
    for (let n = 0; n < 3; n++) await browser.keys("ArrowRight");
    await browser.waitUntil(
      async () => Number(await handle.getAttribute("aria-valuenow")) > before,
      { timeout: 5_000, timeoutMsg: "the Key column kept its width" },
    );
    const after = (await headers(browser)).find((h) => h.name === "Key")?.width ?? 0;
    expect(after).toBeGreaterThan(drawn);
    // Remembered: another search draws it as wide.
    const saved = (await browser.execute(() => localStorage.getItem("jiffy.issueTable.columns"))) as string;
    expect(JSON.parse(saved)).toMatchObject({ widths: { key: expect.any(Number) as number } });
  });

  it("sorts by the server's ORDER BY when a header is clicked", async () => {
    const table = await getByRole(browser, "table", "Issues");
    await (await table.$("button=Updated")).click();
    await browser.waitUntil(async () => /ORDER BY updated ASC$/.test(await jqlBar(browser)), {
      timeout: 10_000,
      timeoutMsg: "the JQL bar does not sort by updated",
    });
    expect(await jqlBar(browser)).toBe('project = "DOCS" ORDER BY updated ASC');
    await waitForRows(browser, await siteKeys(site, 'project = "DOCS" ORDER BY updated ASC', 3));
    expect((await headers(browser)).find((h) => h.name === "Updated")?.sort).toBe("ascending");

    // Key: ascending, then descending on the second click.
    await (await (await getByRole(browser, "table", "Issues")).$("button=Key")).click();
    await browser.waitUntil(async () => /ORDER BY key ASC$/.test(await jqlBar(browser)), {
      timeout: 10_000,
      timeoutMsg: "the JQL bar does not sort by key",
    });
    await waitForRows(browser, await siteKeys(site, 'project = "DOCS" ORDER BY key ASC', 3));
    await (await (await getByRole(browser, "table", "Issues")).$("button=Key")).click();
    await browser.waitUntil(async () => /ORDER BY key DESC$/.test(await jqlBar(browser)), {
      timeout: 10_000,
      timeoutMsg: "the JQL bar does not sort by key descending",
    });
    const newest = await siteKeys(site, 'project = "DOCS" ORDER BY key DESC', 3);
    expect(newest[0]).not.toBe("DOCS-1");
    await waitForRows(browser, newest);
    expect((await headers(browser)).find((h) => h.name === "Key")?.sort).toBe("descending");
    await expectAccessible(browser, "a sorted issue table");
  });

  it("keeps the list readable beside an open issue at 1200 px", async () => {
    const [first = "DOCS-1"] = await siteKeys(site, 'project = "DOCS" ORDER BY key ASC', 1);
    await (await (await getByRole(browser, "table", "Issues")).$("button=Key")).click();
    await waitForRows(browser, [first]);
    await press(browser, first);
    const panel = await getByRole(browser, "region", `Issue ${first}`);
    await waitForContent(browser, panel, new RegExp(`${first}: \\S`), "the issue panel");
    expect((await browser.execute(() => window.innerWidth)) as number).toBe(1200);
    await expectNoSidewaysScroll(browser, "the list beside the issue");
    const cols = await headers(browser);
    expect(cols.map((c) => c.name).slice(0, 2)).toEqual(["Key", "Summary"]);
    expect(cols.filter((c) => c.width < 60), JSON.stringify(cols)).toEqual([]);
    expect(cols.find((c) => c.name === "Summary")?.width ?? 0).toBeGreaterThanOrEqual(120);
    await screenshot(browser, "issues-table-1200-with-issue");

    // The split moves from the keyboard: the panel widens, the list narrows; and back.
    const tableWidth = async () =>
      (await browser.execute(
        () => document.querySelector('table[aria-label="Issues"]')?.getBoundingClientRect().width ?? 0,
      )) as number;
    const panelWidth = async () =>
      (await browser.execute(
        (name: string) =>
          document.querySelector(`section[aria-label="${name}"]`)?.getBoundingClientRect().width ?? 0,
        `Issue ${first}`,
      )) as number;
    const [list, issue] = [await tableWidth(), await panelWidth()];
    const split = await getByRole(browser, "separator", "Resize issue panel");
    await split.click();
    // One key per call: the same key listed twice in one call arrived here as one press.
    for (let n = 0; n < 3; n++) await browser.keys("ArrowLeft");
    const why = async () =>
      JSON.stringify(
        await browser.execute(() => {
          const page = document.querySelector(".issues-page");
          const handle = document.querySelector('[aria-label="Resize issue panel"]');
          return {
            focused: document.activeElement?.getAttribute("aria-label"),
            value: handle?.getAttribute("aria-valuenow"),
            variable: page ? getComputedStyle(page).getPropertyValue("--detail-width") : null,
            tracks: page ? getComputedStyle(page).gridTemplateColumns : null,
          };
        }),
      );
    await browser
      .waitUntil(async () => (await panelWidth()) > issue + 40, { timeout: 5_000 })
      .catch(async () => {
        throw new Error(`the panel (${issue}px) did not widen: ${await why()}`);
      });
    expect(await tableWidth()).toBeLessThan(list);
    await screenshot(browser, "issues-table-1200-panel-wider");
    for (let n = 0; n < 3; n++) await browser.keys("ArrowRight");
    await browser.waitUntil(async () => Math.abs((await tableWidth()) - list) < 2, {
      timeout: 5_000,
      timeoutMsg: "the list did not come back",
    });
    await expectNoSidewaysScroll(browser, "the list after moving the split");
    await expectAccessible(browser, "the list beside an issue");
    await screenshot(browser, "issues-table-1200-split-moved");
  });

  it("shows more columns beside an open issue at 1600 px", async () => {
    const narrow = (await headers(browser)).length;
    // The display is 1200 px wide: a 75% page zoom lays the page out 1600 CSS px wide and
    // still fits it on screen for the screenshot.
    await browser.execute(() => {
      localStorage.removeItem("jiffy.issuePanel.width");
      document.documentElement.style.setProperty("zoom", "0.75");
    });
    await browser.waitUntil(
      async () =>
        (await browser.execute(
          () => Math.round(document.documentElement.getBoundingClientRect().width / 0.75),
        )) as number >= 1590 || (await headers(browser)).length > narrow,
      { timeout: 5_000, timeoutMsg: "the page did not lay out wider" },
    );
    await browser.waitUntil(async () => (await headers(browser)).length > narrow, {
      timeout: 5_000,
      timeoutMsg: `still ${narrow} columns at 1600 px`,
    });
    const cols = await headers(browser);
    expect(cols.filter((c) => c.width < 45), JSON.stringify(cols)).toEqual([]);
    await screenshot(browser, "issues-table-1600-with-issue");
    await browser.execute(() => document.documentElement.style.removeProperty("zoom"));
  });
});
