// The sidebar's conveniences and an issue's history on the demo Data Center site, through the
// window: quick filters (their JQL and rows checked against the server), saved searches that
// survive an app restart, recent issues, the History section, and a user card.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, fill, press, waitForText } from "./flows";
import {
  connectAsAlice,
  openSection,
  pressIn,
  removeConnection,
  rest,
  search,
  typeInto,
  waitForContent,
  waitGone,
} from "./issues-shared";

const NAME = "Issues saved e2e";
const DAY = 86_400_000;

interface Found {
  total: number;
  issues: {
    key: string;
    fields: {
      assignee: { name: string } | null;
      reporter: { name: string } | null;
      resolution: unknown;
      updated: string;
    };
  }[];
}

/** The issue keys in the table's rows now in the DOM (the table is virtualized). */
function keysInTable(): string[] {
  const rows = document.querySelectorAll('table[aria-label="Issues"] tbody tr[aria-rowindex]');
  return Array.from(rows).flatMap((tr) =>
    Array.from(tr.querySelectorAll("button"))
      .map((b) => (b.textContent ?? "").trim())
      .filter((t) => /^[A-Z][A-Z0-9]*-\d+$/.test(t)),
  );
}

/** The buttons' texts in the sidebar list named `name` (a labelled <nav>). */
function namesIn(name: string): string[] {
  const nav = document.querySelector(`nav[aria-label="${name}"]`);
  return Array.from(nav?.querySelectorAll("li button:first-child") ?? []).map((b) =>
    (b.textContent ?? "").trim(),
  );
}

describe("quick filters, saved searches, recent issues, history and user cards", () => {
  let browser: Browser;
  let site = "";
  let created = "";

  beforeAll(async () => {
    browser = await launchApp();
    site = await connectAsAlice(browser, NAME);
    await openSection(browser, "Issues", NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-saved ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (created) await rest(site, "DELETE", `/rest/api/2/issue/${created}`).catch(() => undefined);
    if (browser) await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
  });

  /** Runs the quick filter `label`, then checks the JQL bar and the rows against the server. */
  async function quickFilter(label: string, jql: string, holds: (i: Found["issues"][0]) => boolean) {
    const group = await getByRole(browser, "group", "Quick filters");
    await (await group.$(`button=${label}`)).click();
    await browser.waitUntil(
      async () => (await (await getByRole(browser, "combobox", "JQL")).getValue()) === jql,
      { timeout: 10_000, timeoutMsg: `"${label}" did not put ${jql} in the JQL bar` },
    );
    const found = (await rest(
      site,
      "GET",
      `/rest/api/2/search?maxResults=1000&fields=assignee,reporter,resolution,updated&jql=${encodeURIComponent(jql)}`,
    )) as Found;
    expect(found.issues.length).toBe(found.total);
    expect(found.issues.filter((i) => !holds(i)).map((i) => i.key), label).toEqual([]);
    await waitForText(browser, "status", new RegExp(`^\\d+ of ${found.total} issues loaded`));
    const shown = (await browser.execute(keysInTable)) as string[];
    if (found.total > 0) expect(shown.length).toBeGreaterThan(0);
    const wanted = new Set(found.issues.map((i) => i.key));
    expect(shown.filter((k) => !wanted.has(k)), `rows "${label}" should not show`).toEqual([]);
    return found.total;
  }

  it("runs the quick filters within the chosen project", async () => {
    await press(browser, "Documentation DOCS");
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    const scope = 'project = "DOCS" AND ';
    const order = " ORDER BY updated DESC";
    const docs = (i: Found["issues"][0]) => i.key.startsWith("DOCS-");
    const mine = await quickFilter(
      "Assigned to me",
      `${scope}assignee = currentUser() AND resolution = Unresolved${order}`,
      (i) => docs(i) && i.fields.assignee?.name === "alice" && i.fields.resolution === null,
    );
    expect(mine).toBeGreaterThan(0);
    // The table's Assignee column agrees.
    const assignees = (await browser.execute(() => {
      const table = document.querySelector('table[aria-label="Issues"]');
      const heads = Array.from(table?.querySelectorAll("thead th") ?? []).map((th) => th.textContent);
      const at = heads.indexOf("Assignee");
      return Array.from(table?.querySelectorAll("tbody tr[aria-rowindex]") ?? []).map(
        (tr) => tr.querySelectorAll("td")[at]?.textContent ?? "",
      );
    })) as string[];
    expect(new Set(assignees)).toEqual(new Set(["Alice Nguyen"]));
    await expectAccessible(browser, "the quick filters");

    await quickFilter(
      "Reported by me",
      `${scope}reporter = currentUser()${order}`,
      (i) => docs(i) && i.fields.reporter?.name === "alice",
    );
    await quickFilter(
      "Recently updated",
      `${scope}updated >= -7d${order}`,
      (i) => docs(i) && Date.parse(i.fields.updated) >= Date.now() - 7 * DAY - 60_000,
    );
    const open = await quickFilter(
      "Open",
      `${scope}resolution = Unresolved${order}`,
      (i) => docs(i) && i.fields.resolution === null,
    );
    expect(open).toBeGreaterThan(mine);
  });

  it("saves, renames and deletes a search, which survives a restart", async () => {
    const jql = 'project = DOCS AND status = "On Hold"';
    await search(browser, jql);
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
    await press(browser, "Save search");
    await getByRole(browser, "dialog", "Save search");
    await fill(browser, "Name", "Docs on hold");
    await expectAccessible(browser, "the save-search dialog");
    await pressIn(browser, "Save search", "Save");
    await waitGone(browser, "dialog", "Save search");
    await browser.waitUntil(
      async () => ((await browser.execute(namesIn, "Saved searches")) as string[]).includes("Docs on hold"),
      { timeout: 10_000, timeoutMsg: "the saved search is not in the sidebar" },
    );

    await press(browser, "Rename Docs on hold");
    await getByRole(browser, "dialog", "Rename Docs on hold");
    await typeInto(browser, "New name", "Held docs");
    await pressIn(browser, "Rename Docs on hold", "Rename");
    await waitGone(browser, "dialog", "Rename Docs on hold");
    await browser.waitUntil(
      async () => {
        const names = (await browser.execute(namesIn, "Saved searches")) as string[];
        return names.includes("Held docs") && !names.includes("Docs on hold");
      },
      { timeout: 10_000, timeoutMsg: "the renamed search is not in the sidebar" },
    );
    // The name is readable beside its Rename and Delete buttons (it was once a letter wide).
    const nameWidth = (await browser.execute(() => {
      const nav = document.querySelector('nav[aria-label="Saved searches"]');
      const name = Array.from(nav?.querySelectorAll("li button") ?? []).find(
        (b) => b.textContent === "Held docs",
      );
      return name?.getBoundingClientRect().width ?? 0;
    })) as number;
    expect(nameWidth).toBeGreaterThan(120);
    await screenshot(browser, "issues-saved-sidebar");

    // A second start of the app finds it where it was left.
    await browser.deleteSession();
    browser = await launchApp();
    await openSection(browser, "Issues", NAME);
    await browser.waitUntil(
      async () => ((await browser.execute(namesIn, "Saved searches")) as string[]).includes("Held docs"),
      { timeout: 15_000, timeoutMsg: "the saved search did not survive the restart" },
    );
    const saved = await getByRole(browser, "navigation", "Saved searches");
    await (await saved.$("button=Held docs")).click();
    await browser.waitUntil(
      async () => (await (await getByRole(browser, "combobox", "JQL")).getValue()) === jql,
      { timeout: 10_000, timeoutMsg: "the saved search did not run its JQL" },
    );
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);

    await press(browser, "Delete Held docs");
    await getByRole(browser, "dialog", "Delete saved search Held docs?");
    await expectAccessible(browser, "the delete-search confirmation");
    await pressIn(browser, "Delete saved search Held docs?", "Delete");
    await waitGone(browser, "dialog", "Delete saved search Held docs?");
    await waitForContent(browser, saved, /No saved searches yet/, "no saved searches");
  });

  it("lists the issues opened last in the sidebar, newest first", async () => {
    await search(browser, "key in (DOCS-5, DOCS-6) ORDER BY key ASC");
    await waitForText(browser, "status", /2 of 2 issues loaded/);
    await press(browser, "DOCS-5");
    await getByRole(browser, "region", "Issue DOCS-5");
    await press(browser, "DOCS-6");
    await getByRole(browser, "region", "Issue DOCS-6");
    let recent: string[] = [];
    await browser.waitUntil(
      async () => {
        recent = (await browser.execute(namesIn, "Recent issues")) as string[];
        return recent[0]?.startsWith("DOCS-6") === true && recent[1]?.startsWith("DOCS-5") === true;
      },
      { timeout: 10_000, timeoutMsg: `recent issues: ${JSON.stringify(recent)}` },
    );
    // Choosing one from the sidebar opens it.
    const nav = await getByRole(browser, "navigation", "Recent issues");
    const buttons = await nav.$$("li button");
    await buttons[1]?.click();
    await getByRole(browser, "region", "Issue DOCS-5");
    await expectAccessible(browser, "the recent issues");
  });

  it("shows a summary change in the issue's history and the assignee's user card", async () => {
    const made = (await rest(site, "POST", "/rest/api/2/issue", {
      fields: {
        project: { key: "DOCS" },
        issuetype: { id: "10001" },
        summary: "History before",
        assignee: { name: "bob" },
      },
    })) as { key: string };
    created = made.key;
    await search(browser, `key = ${created}`);
    await waitForText(browser, "status", /1 of 1 issues loaded/);
    await press(browser, created);
    const panel = `Issue ${created}`;
    await getByRole(browser, "region", panel);
    await press(browser, "Edit Summary");
    await typeInto(browser, "Summary *", "History after");
    await press(browser, "Save Summary");
    await waitForContent(browser, panel, new RegExp(`${created}: History after`), "the new summary");

    await press(browser, "History");
    const history = await getByRole(browser, "list", `History of ${created}`);
    await history.scrollIntoView({ block: "center" });
    // Read as text content: the panel scrolls, and WebDriver's text is only what is in view.
    // Jira names a system field by its id ("summary"), a custom one by its name.
    const change = /Alice Nguyen.*summary: History before → History after/i;
    let changes = "";
    await browser
      .waitUntil(
        async () => {
          changes = (await browser.execute(
            (name: string) =>
              (document.querySelector(`[aria-label="${name}"]`)?.textContent ?? "").replace(/\s+/g, " "),
            `History of ${created}`,
          )) as string;
          return change.test(changes);
        },
        { timeout: 15_000 },
      )
      .catch(() => {
        throw new Error(`no ${change} in the history: ${JSON.stringify(changes)}`);
      });
    await expectAccessible(browser, "an issue's history");
    await screenshot(browser, "issues-saved-history");

    // The assignee's card, from the Assignee field.
    await waitForContent(browser, panel, /Assignee\s*Bob Okafor/, "the assignee");
    await press(browser, "Show Bob Okafor");
    await getByRole(browser, "dialog", "Bob Okafor");
    const card = await getByRole(browser, "article", "User Bob Okafor");
    await waitForContent(browser, card, /bob@example\.com/, "the email");
    const text = await card.getText();
    expect(text).toMatch(/Username\s*bob/);
    expect(text).toMatch(/Status\s*Active/);
    await expectAccessible(browser, "a user card");
    await screenshot(browser, "issues-saved-user-card");
    await pressIn(browser, "Bob Okafor", "Close");
    await waitGone(browser, "dialog", "Bob Okafor");
  });
});
