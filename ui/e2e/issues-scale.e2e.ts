// A project of 10,000 issues (a sandbox of our own, seeded for benchmarks) through the window:
// the list scrolls far down with at most 200 rows in the DOM, pages loading as it scrolls.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import type { OwnSandbox } from "./flows";
import { expectAccessible, press, startSandbox, waitForText } from "./flows";
import { connectAsAlice, removeConnection, openSection } from "./issues-shared";

const NAME = "Issues scale e2e";
const TOTAL = 10_000;

/** The table's rows in the DOM, the highest row index among them, and the loaded count. */
function tableState(): { rows: number; highest: number; loaded: number } {
  const table = document.querySelector('table[aria-label="Issues"]');
  const rows = table ? Array.from(table.querySelectorAll("tbody tr[aria-rowindex]")) : [];
  const highest = Math.max(0, ...rows.map((r) => Number(r.getAttribute("aria-rowindex"))));
  const status = Array.from(document.querySelectorAll('[role="status"]'))
    .map((s) => s.textContent ?? "")
    .find((t) => /issues loaded/.test(t));
  const loaded = Number(/^(\d+) of/.exec(status ?? "")?.[1] ?? "0");
  return { rows: rows.length, highest, loaded };
}

/** Scrolls the table's scroll box to its current end. */
function scrollToEnd() {
  const box = document.querySelector('table[aria-label="Issues"]')?.parentElement;
  if (box) box.scrollTop = box.scrollHeight;
}

describe("a 10,000-issue project", () => {
  let browser: Browser;
  let sandbox: OwnSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox(["--mode", "datacenter", "--seed", `bench:${TOTAL}`]);
    browser = await launchApp();
    await connectAsAlice(browser, NAME, sandbox.baseUrl);
    await openSection(browser, "Issues", NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-scale ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (browser) await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
    sandbox?.stop();
  });

  it("scrolls far down with at most 200 rows in the DOM, loading pages as it goes", async () => {
    await press(browser, "Benchmark BENCH");
    await waitForText(browser, "status", new RegExp(`^\\d+ of ${TOTAL} issues loaded`), 30_000);
    await getByRole(browser, "table", "Issues");
    const first = (await browser.execute(tableState)) as ReturnType<typeof tableState>;
    expect(first.loaded).toBeGreaterThan(0);
    expect(first.loaded).toBeLessThan(TOTAL);
    expect(first.rows).toBeLessThanOrEqual(200);
    await expectAccessible(browser, "a 10,000-issue list");

    // Each scroll to the end asks for the next page; ten pages down, the DOM stays small.
    let state = first;
    for (let page = 0; page < 10; page++) {
      const before = state.loaded;
      await browser.execute(scrollToEnd);
      await browser.waitUntil(
        async () => {
          state = (await browser.execute(tableState)) as ReturnType<typeof tableState>;
          return state.loaded > before;
        },
        { timeout: 20_000, timeoutMsg: `no page loaded after ${before} rows` },
      );
      expect(state.rows).toBeLessThanOrEqual(200);
    }
    await browser.execute(scrollToEnd);
    await browser.waitUntil(
      async () => {
        state = (await browser.execute(tableState)) as ReturnType<typeof tableState>;
        return state.highest > state.loaded - 50;
      },
      { timeout: 10_000, timeoutMsg: "the rows at the end were not rendered" },
    );
    expect(state.loaded).toBeGreaterThanOrEqual(first.loaded * 10);
    expect(state.rows).toBeLessThanOrEqual(200);
    await waitForText(browser, "status", new RegExp(`^${state.loaded} of ${TOTAL} issues loaded`));
    // Keys as long as BENCH-10000 fit their column; the summary has the widest one.
    const fit = (await browser.execute(() => {
      const table = document.querySelector('table[aria-label="Issues"]');
      const keys = Array.from(table?.querySelectorAll("tbody button") ?? []);
      const heads = Array.from(table?.querySelectorAll("thead th") ?? []).map(
        (th) => th.getBoundingClientRect().width,
      );
      return {
        clipped: keys
          .filter((b) => {
            const cell = b.closest("td");
            return !cell || b.getBoundingClientRect().right > cell.getBoundingClientRect().right;
          })
          .map((b) => b.textContent),
        summaryIsWidest: heads[2] === Math.max(...heads),
      };
    })) as { clipped: string[]; summaryIsWidest: boolean };
    expect(fit.clipped).toEqual([]);
    expect(fit.summaryIsWidest).toBe(true);
    await screenshot(browser, "issues-scale-far-down");
  });
});
