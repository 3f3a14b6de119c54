// Attachments through the window, the system's own file dialogs and a drag from a file
// manager: WebDriver cannot reach a native GTK dialog or start a native drag, so the test plays
// the person at the keyboard and mouse with xdotool (type the path, press Enter; press, move,
// release) — the app runs exactly as it does for people, with no test-only path.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, nextOpenedUrl, openedUrls, press, waitForText } from "./flows";
import {
  aliceAuth,
  connectAsAlice,
  removeConnection,
  openSection,
  rest,
  search,
  waitForContent,
} from "./issues-shared";
import { answerFileDialog, dropFileOn } from "./desktop";

const NAME = "Issues attach e2e";

describe("attachments through the file dialogs", () => {
  let browser: Browser;
  let dir = "";
  let site = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "jiffy-e2e-attach-"));
    browser = await launchApp();
    site = await connectAsAlice(browser, NAME);
    await openSection(browser, "Issues", NAME);
  });

  afterEach(async (ctx) => {
    await screenshot(browser, `issues-attach ${ctx.task.name}`);
  });

  afterAll(async () => {
    if (browser) await removeConnection(browser, NAME).catch((e: unknown) => console.error(e));
    await browser?.deleteSession();
  });

  it("uploads a file and downloads it byte for byte", async () => {
    const bytes = randomBytes(150_000);
    const name = `e2e-${Date.now()}.bin`;
    const source = join(dir, name);
    writeFileSync(source, bytes);

    await search(browser, "key = DOCS-3");
    await waitForText(browser, "status", /1 of 1 issues loaded/);
    await press(browser, "DOCS-3");
    const panel = "Issue DOCS-3";
    await getByRole(browser, "region", "Drop files here to attach them to DOCS-3");
    await press(browser, "Attach files…");
    answerFileDialog("Attach files", source, "open");
    await waitForContent(browser, panel, new RegExp(`${name.replace(".", "\\.")}: attached`), "the upload");
    await getByRole(browser, "button", `Download ${name}`);
    await expectAccessible(browser, "an issue with an attachment");

    const target = join(dir, `downloaded-${name}`);
    await press(browser, `Download ${name}`);
    answerFileDialog(`Save ${name}`, target, "save");
    await waitForText(browser, "status", new RegExp(`Saved ${name.replace(".", "\\.")}`));
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target).equals(bytes)).toBe(true);

    // Open: downloaded to Jiffy's cache folder and handed to the desktop's default app (here
    // the recording xdg-open), the same bytes.
    const before = openedUrls().length;
    await press(browser, `Open ${name}`);
    const opened = await nextOpenedUrl(browser, before);
    expect(opened.endsWith(`/${name}`), opened).toBe(true);
    expect(readFileSync(opened).equals(bytes)).toBe(true);
    await waitForText(browser, "status", new RegExp(`Opened ${name.replace(".", "\\.")}`));
  });

  it("uploads a file dropped on the drop zone from a file manager", async () => {
    const bytes = randomBytes(40_000);
    const name = `dropped-${Date.now()}.bin`;
    const source = join(dir, name);
    writeFileSync(source, bytes);
    const panel = "Issue DOCS-3";
    await getByRole(browser, "region", panel);
    await dropFileOn(browser, source, "Drop files here to attach them to DOCS-3");
    await waitForContent(browser, panel, new RegExp(`${name.replace(".", "\\.")}: attached`), "the drop");
    await screenshot(browser, "issues-attach-dropped");
    // What Jira stored is the file, byte for byte.
    const issue = (await rest(site, "GET", "/rest/api/2/issue/DOCS-3?fields=attachment")) as {
      fields: { attachment: { filename: string; content: string }[] };
    };
    const stored = issue.fields.attachment.find((a) => a.filename === name);
    expect(stored).toBeDefined();
    const answer = await fetch(stored?.content ?? "", { headers: { authorization: aliceAuth() } });
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
