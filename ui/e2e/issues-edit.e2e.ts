// Changing issues on the demo Data Center site through the window: create (a refused create
// keeps the form), edit two fields, assign, comments, a transition through its screen, delete.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, press, valueOf, waitForText } from "./flows";
import {
  connectAsAlice,
  removeConnection,
  openSection,
  pressIn,
  rest,
  typeInto,
  waitForContent,
  waitGone,
} from "./issues-shared";

const NAME = "Issues edit e2e";
const SUMMARY = "Write the e2e guide";

describe("changing issues", () => {
  let browser: Browser;
  let site = "";
  let key = "";

  beforeAll(async () => {
    browser = await launchApp();
    site = await connectAsAlice(browser, NAME);
    await openSection(browser, "Issues", NAME);
    await press(browser, "Documentation DOCS");
    await waitForText(browser, "status", /\d+ of \d+ issues loaded/);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-edit ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (browser) await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
  });

  it("creates an issue with a custom field after a refused create kept the form", async () => {
    await press(browser, "Create issue");
    await getByRole(browser, "dialog", "Create issue");
    const project = await getByRole(browser, "combobox", "Project");
    expect(await project.getValue()).toBe("DOCS");
    await typeInto(browser, "Summary *", SUMMARY);
    await typeInto(browser, "Story Points", "lots");
    await typeInto(browser, "Description", "The **first** draft.");
    await expectAccessible(browser, "the create dialog");
    await screenshot(browser, "issues-edit-create-form");

    // Words in a number field: Jira refuses, on that field, and everything typed stays.
    await pressIn(browser, "Create issue", "Create");
    await waitForText(browser, "alert", /Jira did not create the issue/);
    expect(await valueOf(browser, "Summary *")).toBe(SUMMARY);
    expect(await valueOf(browser, "Story Points")).toBe("lots");
    expect(await valueOf(browser, "Description")).toBe("The **first** draft.");
    const points = await getByRole(browser, "textbox", "Story Points");
    expect(await points.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(browser, "the create dialog with an error");
    await screenshot(browser, "issues-edit-create-refused");

    await typeInto(browser, "Story Points", "5");
    await pressIn(browser, "Create issue", "Create");
    await waitGone(browser, "dialog", "Create issue");
    // The created issue opens.
    const heading = await browser.$("section.issue-detail h2");
    await waitForContent(browser, heading, new RegExp(`^DOCS-\\d+: ${SUMMARY}$`), "the new issue");
    key = /^DOCS-\d+/.exec(await heading.getText())?.[0] ?? "";
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    await waitForContent(browser, panel, /Story Points\s*5/, "the custom field");
    await waitForContent(browser, panel, /\*?first\*? draft/, "the description");
    const stored = (await rest(site, "GET", `/rest/api/2/issue/${key}`)) as {
      fields: Record<string, unknown>;
    };
    expect(stored.fields.customfield_10010).toBe(5);
    await expectAccessible(browser, "the new issue");
  });

  it("edits two fields in place", async () => {
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    await press(browser, "Edit Summary");
    await typeInto(browser, "Summary *", `${SUMMARY}, v2`);
    await expectAccessible(browser, "a field being edited");
    await press(browser, "Save Summary");
    await waitForContent(browser, panel, new RegExp(`${key}: ${SUMMARY}, v2`), "the new summary");

    await press(browser, "Edit Story Points");
    await typeInto(browser, "Story Points", "8");
    await press(browser, "Save Story Points");
    await waitForContent(browser, panel, /Story Points\s*8/, "the new story points");
    const stored = (await rest(site, "GET", `/rest/api/2/issue/${key}`)) as {
      fields: Record<string, unknown>;
    };
    expect(stored.fields.summary).toBe(`${SUMMARY}, v2`);
    expect(stored.fields.customfield_10010).toBe(8);
  });

  it("assigns to me and unassigns", async () => {
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    await press(browser, "Assign to me");
    await waitForContent(browser, panel, /Assignee\s*Alice Nguyen/, "the assignee");
    await press(browser, "Unassign");
    await waitForContent(browser, panel, /Assignee\s*Unassigned/, "no assignee");
  });

  it("adds, edits and deletes a comment", async () => {
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    await typeInto(browser, "Add a comment", "Looks *good* so far.");
    await press(browser, "Add comment");
    await waitForContent(browser, panel, /Comments \(1\)[\s\S]*Looks good so far/, "the new comment");
    await expectAccessible(browser, "an issue with a comment");

    await press(browser, "Edit comment by Alice Nguyen");
    await typeInto(browser, "Edit comment by Alice Nguyen", "Looks *great* now.");
    await press(browser, "Save comment");
    await waitForContent(browser, panel, /Looks great now/, "the edited comment");

    await press(browser, "Delete comment by Alice Nguyen");
    await getByRole(browser, "dialog", "Delete comment by Alice Nguyen?");
    await expectAccessible(browser, "the delete-comment confirmation");
    await pressIn(browser, "Delete comment by Alice Nguyen?", "Delete comment");
    await waitForContent(browser, panel, /No comments yet/, "no comments");
  });

  it("moves the issue through a transition's screen", async () => {
    const panel = `Issue ${key}`;
    await getByRole(browser, "region", panel);
    // To Do → In Progress has no screen; In Progress → On Hold asks for a comment.
    await press(browser, "Move to Start writing");
    await waitForContent(browser, panel, /Status\s*In Progress/, "In Progress");
    await press(browser, "Move to Put on hold");
    await getByRole(browser, "dialog", `Put on hold: ${key}`);
    await typeInto(browser, "Comment", "Waiting for the API freeze.");
    await expectAccessible(browser, "the transition screen");
    await screenshot(browser, "issues-edit-transition-screen");
    await pressIn(browser, `Put on hold: ${key}`, "Put on hold");
    await waitGone(browser, "dialog", `Put on hold: ${key}`);
    await waitForContent(browser, panel, /Status\s*On Hold/, "On Hold");
    await waitForContent(browser, panel, /API freeze/, "the screen's comment");
  });

  it("deletes the issue after naming it", async () => {
    await press(browser, `Delete ${key}`);
    await getByRole(browser, "dialog", `Delete ${key}?`);
    await expectAccessible(browser, "the delete confirmation");
    await screenshot(browser, "issues-edit-delete-dialog");
    await pressIn(browser, `Delete ${key}?`, `Delete ${key}`);
    await waitGone(browser, "region", `Issue ${key}`);
    const answer = await fetch(`${site}/rest/api/2/issue/${key}`, {
      headers: { authorization: `Basic ${Buffer.from("alice:alice-pw").toString("base64")}` },
    });
    expect(answer.status).toBe(404);
  });
});
