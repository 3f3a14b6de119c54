// Issue 6 on the demo Cloud site, through the window: the same person's day as on Data Center
// (browse, JQL, an issue window, create/edit/assign/comment/transition/attach/delete, hostile
// text inert), but signed in with an API token and with descriptions and comments in ADF.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, press, valueOf, waitForText } from "./flows";
import {
  CLOUD_ADMIN,
  cloudAdminAuth,
  connectToCloudAsAdmin,
  expectNoSidewaysScroll,
  inertReport,
  openSection,
  pressIn,
  removeConnection,
  rest,
  search,
  typeInto,
  waitForContent,
  waitGone,
} from "./issues-shared";
import { answerFileDialog, closeWindowTitled } from "./desktop";

const NAME = "Issues Cloud e2e";
const SUMMARY = "Write the Cloud guide";
const WHO = CLOUD_ADMIN.displayName;
// Cloud's search gives an estimate of the total ("50 of about 50 issues loaded").
const LOADED = /^\d+ of (about )?\d+ issues loaded/;

/** An ADF document of one paragraph per string (what Cloud's REST API v3 takes and gives). */
function adf(...paragraphs: string[]) {
  return {
    type: "doc",
    version: 1,
    content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  };
}

describe("issues on the demo Cloud site", () => {
  let browser: Browser;
  let site = "";
  let key = "";
  let dir = "";
  const api = (method: string, path: string, body?: unknown) =>
    rest(site, method, `/rest/api/3${path}`, body, cloudAdminAuth());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "jiffy-e2e-cloud-"));
    browser = await launchApp();
    site = await connectToCloudAsAdmin(browser, NAME);
    await openSection(browser, "Issues", NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-cloud ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (browser) await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
  });

  it("lists a project's issues", async () => {
    await press(browser, "Documentation DOCS");
    await waitForText(browser, "status", LOADED);
    const table = await getByRole(browser, "table", "Issues");
    await waitForContent(browser, table, /DOCS-\d+/, "the DOCS issues");
    expect(await (await getByRole(browser, "combobox", "JQL")).getValue()).toMatch(/DOCS/);
    await expectAccessible(browser, "a Cloud project's issue list");
  });

  it("searches with valid JQL and shows invalid JQL inline", async () => {
    await search(browser, 'project = DOCS AND status = "On Hold"');
    const status = await waitForText(browser, "status", LOADED);
    const loaded = Number(/^\d+/.exec(status)?.[0] ?? "0");
    expect(loaded).toBeGreaterThan(0);
    const statuses = (await browser.execute(() =>
      Array.from(document.querySelectorAll('table[aria-label="Issues"] tbody tr[aria-rowindex]'))
        .map((tr) => tr.querySelectorAll("td")[3]?.textContent ?? ""),
    )) as string[];
    expect(statuses.length).toBe(loaded);
    expect(new Set(statuses)).toEqual(new Set(["On Hold"]));

    const bad = "project = DOCS AND status = ";
    await search(browser, bad);
    expect(await waitForText(browser, "alert", /.+/)).toMatch(/Search failed/);
    expect(await (await getByRole(browser, "combobox", "JQL")).getValue()).toBe(bad);
    await waitForText(browser, "status", /The search failed/);
    await expectAccessible(browser, "a failed Cloud search");
  });

  it("renders an ADF description and opens the issue in its own window", async () => {
    await api("PUT", "/issue/DOCS-1", {
      fields: { description: adf("First paragraph from ADF.", "Second paragraph.") },
    });
    await search(browser, "project = DOCS ORDER BY key ASC");
    await waitForText(browser, "status", LOADED);
    await press(browser, "DOCS-1");
    const panel = await getByRole(browser, "region", "Issue DOCS-1");
    await waitForContent(browser, panel, /First paragraph from ADF\./, "the ADF description");
    // Two ADF paragraphs are two paragraphs on screen, not one run of text.
    const paragraphs = (await browser.execute(() =>
      Array.from(
        document.querySelectorAll('section[aria-label="Issue DOCS-1"] .rich-text p'),
      ).map((p) => p.textContent ?? ""),
    )) as string[];
    expect(paragraphs).toEqual(["First paragraph from ADF.", "Second paragraph."]);
    await expectNoSidewaysScroll(browser, "a Cloud issue panel");
    await expectAccessible(browser, "a Cloud issue panel");

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
      await waitForContent(browser, own, /DOCS-1: \S[\s\S]*Second paragraph/, "the issue window");
      await expectAccessible(browser, "a Cloud issue window");
      await screenshot(browser, "issues-cloud-window");
      await closeWindowTitled(browser, "DOCS-1 — Jiffy");
    } finally {
      await browser.switchToWindow(main);
    }
    await getByRole(browser, "region", "Issue DOCS-1");
  });

  it("shows HTML in an ADF description and comment as inert text", async () => {
    await api("PUT", "/issue/DOCS-2", {
      fields: { description: adf('Before <img src=x onerror="window.__pwned=1"> after') },
    });
    await api("POST", "/issue/DOCS-2/comment", {
      body: adf("Comment <script>window.__pwned=2</script> end"),
    });
    await search(browser, "key = DOCS-2");
    await waitForText(browser, "status", /^1 of (about )?1 issues loaded/);
    await press(browser, "DOCS-2");
    const panel = await getByRole(browser, "region", "Issue DOCS-2");
    await waitForContent(browser, panel, /Before <img src=x/, "the description, as text");
    await waitForContent(browser, panel, /Comment <script>/, "the comment, as text");
    await browser.pause(500);
    const found = (await browser.execute(inertReport, "Issue DOCS-2")) as ReturnType<typeof inertReport>;
    expect(found.pwned).toBeNull();
    expect(found.img).toBe(0);
    expect(found.script).toBe(0);
    expect(found.handlers).toBe(0);
    expect(found.text).toContain("after");
    expect(found.text).toContain("end");
    await expectAccessible(browser, "a Cloud issue with hostile text");
  });

  it("creates an issue with a custom field after a refused create kept the form", async () => {
    await press(browser, "Documentation DOCS");
    await waitForText(browser, "status", LOADED);
    await press(browser, "Create issue");
    await getByRole(browser, "dialog", "Create issue");
    expect(await (await getByRole(browser, "combobox", "Project")).getValue()).toBe("DOCS");
    await typeInto(browser, "Summary *", SUMMARY);
    await typeInto(browser, "Story Points", "lots");
    await typeInto(browser, "Description", "The **first** draft.");
    await pressIn(browser, "Create issue", "Create");
    await waitForText(browser, "alert", /Jira did not create the issue/);
    expect(await valueOf(browser, "Summary *")).toBe(SUMMARY);
    expect(await valueOf(browser, "Story Points")).toBe("lots");
    expect(await valueOf(browser, "Description")).toBe("The **first** draft.");
    const points = await getByRole(browser, "textbox", "Story Points");
    expect(await points.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(browser, "the Cloud create dialog with an error");
    await screenshot(browser, "issues-cloud-create-refused");

    await typeInto(browser, "Story Points", "5");
    await pressIn(browser, "Create issue", "Create");
    await waitGone(browser, "dialog", "Create issue");
    const heading = await browser.$("section.issue-detail h2");
    await waitForContent(browser, heading, new RegExp(`^DOCS-\\d+: ${SUMMARY}$`), "the new issue");
    key = /^DOCS-\d+/.exec(await heading.getText())?.[0] ?? "";
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    await waitForContent(browser, panel, /Story Points\s*5(?![.\d])/, "the custom field");
    await waitForContent(browser, panel, /first\s*draft/, "the description");
    const stored = (await api("GET", `/issue/${key}`)) as { fields: Record<string, unknown> };
    expect(stored.fields.customfield_10010).toBe(5);
    // Cloud keeps the description as an ADF document.
    expect((stored.fields.description as { type?: string } | null)?.type).toBe("doc");
  });

  it("edits two fields in place", async () => {
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    await press(browser, "Edit Summary");
    await typeInto(browser, "Summary *", `${SUMMARY}, v2`);
    await press(browser, "Save Summary");
    await waitForContent(browser, panel, new RegExp(`${key}: ${SUMMARY}, v2`), "the new summary");
    await press(browser, "Edit Story Points");
    await typeInto(browser, "Story Points", "8");
    await press(browser, "Save Story Points");
    await waitForContent(browser, panel, /Story Points\s*8(?![.\d])/, "the new story points");
    const stored = (await api("GET", `/issue/${key}`)) as { fields: Record<string, unknown> };
    expect(stored.fields.summary).toBe(`${SUMMARY}, v2`);
    expect(stored.fields.customfield_10010).toBe(8);
  });

  it("assigns to me and unassigns", async () => {
    const panel = `Issue ${key}`;
    await press(browser, "Assign to me");
    await waitForContent(browser, panel, new RegExp(`Assignee\\s*${WHO}`), "the assignee");
    const stored = (await api("GET", `/issue/${key}`)) as {
      fields: { assignee: { accountId?: string } | null };
    };
    expect(stored.fields.assignee?.accountId).toMatch(/^[0-9a-f]+$/);
    await press(browser, "Unassign");
    await waitForContent(browser, panel, /Assignee\s*Unassigned/, "no assignee");
  });

  it("adds, edits and deletes a comment", async () => {
    const panel = `Issue ${key}`;
    await typeInto(browser, "Add a comment", "Looks *good* so far.");
    await press(browser, "Add comment");
    await waitForContent(browser, panel, /Comments \(1\)[\s\S]*Looks good so far/, "the new comment");
    const comments = (await api("GET", `/issue/${key}/comment`)) as {
      comments: { body: { type?: string } }[];
    };
    expect(comments.comments[0]?.body.type).toBe("doc");
    await press(browser, `Edit comment by ${WHO}`);
    await typeInto(browser, `Edit comment by ${WHO}`, "Looks *great* now.");
    await press(browser, "Save comment");
    await waitForContent(browser, panel, /Looks great now/, "the edited comment");
    await press(browser, `Delete comment by ${WHO}`);
    await getByRole(browser, "dialog", `Delete comment by ${WHO}?`);
    await pressIn(browser, `Delete comment by ${WHO}?`, "Delete comment");
    await waitForContent(browser, panel, /No comments yet/, "no comments");
  });

  it("moves the issue through a transition's screen", async () => {
    const panel = `Issue ${key}`;
    await press(browser, "Move to Start writing");
    await waitForContent(browser, panel, /Status\s*In Progress/, "In Progress");
    await press(browser, "Move to Put on hold");
    await getByRole(browser, "dialog", `Put on hold: ${key}`);
    await typeInto(browser, "Comment", "Waiting for the API freeze.");
    await expectAccessible(browser, "a Cloud transition screen");
    await pressIn(browser, `Put on hold: ${key}`, "Put on hold");
    await waitGone(browser, "dialog", `Put on hold: ${key}`);
    await waitForContent(browser, panel, /Status\s*On Hold/, "On Hold");
    await waitForContent(browser, panel, /API freeze/, "the screen's comment");
  });

  it("uploads an attachment and downloads it byte for byte", async () => {
    const bytes = randomBytes(120_000);
    const name = `cloud-${Date.now()}.bin`;
    const source = join(dir, name);
    writeFileSync(source, bytes);
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", `Drop files here to attach them to ${key}`);
    await press(browser, "Attach files…");
    answerFileDialog("Attach files", source, "open");
    const escaped = name.replace(".", "\\.");
    await waitForContent(browser, panel, new RegExp(`${escaped}: attached`), "the upload");
    await expectAccessible(browser, "a Cloud issue with an attachment");
    const target = join(dir, `downloaded-${name}`);
    await press(browser, `Download ${name}`);
    answerFileDialog(`Save ${name}`, target, "save");
    await waitForText(browser, "status", new RegExp(`Saved ${escaped}`));
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  it("deletes the issue after naming it", async () => {
    await press(browser, `Delete ${key}`);
    await getByRole(browser, "dialog", `Delete ${key}?`);
    await expectAccessible(browser, "the Cloud delete confirmation");
    await pressIn(browser, `Delete ${key}?`, `Delete ${key}`);
    await waitGone(browser, "region", `Issue ${key}`);
    const answer = await fetch(`${site}/rest/api/3/issue/${key}`, {
      headers: { authorization: cloudAdminAuth() },
    });
    expect(answer.status).toBe(404);
  });
});
