// Attachments through the window and the system's own file dialogs: WebDriver cannot reach a
// native GTK dialog, so the test plays the person at the keyboard with xdotool (type the
// path, press Enter) — the app runs exactly as it does for people, with no test-only path.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support";
import { getByRole, launchApp, screenshot } from "./support";
import { expectAccessible, press, waitForText } from "./flows";
import { connectAsAlice, removeConnection, openSection, search, waitForContent } from "./issues-shared";

const NAME = "Issues attach e2e";

function xdotool(args: string[], timeout = 20_000): string {
  const run = spawnSync("xdotool", args, { encoding: "utf8", timeout });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`xdotool ${args.join(" ")}: ${run.stderr}`);
  return run.stdout.trim();
}

/** In the native file dialog titled `title`: focus it, type `path` as its location, Enter. */
function answerFileDialog(title: string, path: string, location: "open" | "save") {
  const found = xdotool(["search", "--sync", "--onlyvisible", "--name", `^${title}$`]);
  const id = found.split("\n")[0] ?? "";
  xdotool(["windowfocus", "--sync", id]);
  // GTK's chooser: Ctrl+L opens the location entry (open); the name entry has the focus (save).
  xdotool(["key", "--clearmodifiers", location === "open" ? "ctrl+l" : "ctrl+a"]);
  xdotool(["type", "--delay", "15", path]);
  // GTK completes the typed path for a moment; Enter then chooses the file. Pressed again
  // while the dialog is still up (the first one may only have accepted a completion).
  for (let attempt = 0; attempt < 5; attempt++) {
    spawnSync("sleep", ["0.5"]);
    const still = spawnSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`]);
    if (still.status !== 0) return;
    xdotool(["windowfocus", "--sync", id]);
    xdotool(["key", "Return"]);
  }
  throw new Error(`the "${title}" dialog did not close`);
}

describe("attachments through the file dialogs", () => {
  let browser: Browser;
  let dir = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "jiffy-e2e-attach-"));
    browser = await launchApp();
    await connectAsAlice(browser, NAME);
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
  });
});
