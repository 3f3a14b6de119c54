// The desktop around the app, played through X as a person would: the keyboard in the
// system's file dialogs, a drag from a file manager, a window's close button. WebDriver
// reaches only the pages; these reach the native parts (xdotool and two small Python helpers).
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Browser } from "./support";
import { getByRole } from "./support";

/** Runs xdotool (the X keyboard and mouse) and returns what it printed. */
export function xdotool(args: string[], timeout = 20_000): string {
  const run = spawnSync("xdotool", args, { encoding: "utf8", timeout });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`xdotool ${args.join(" ")}: ${run.stderr}`);
  return run.stdout.trim();
}

/**
 * In the native file dialog titled `title`: focus it, type `path` as its location, Enter.
 * WebDriver cannot reach a native GTK dialog, so the test plays the person at the keyboard.
 */
export function answerFileDialog(title: string, path: string, location: "open" | "save") {
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

/**
 * Closes the window titled `title` (its title on the screen, e.g. "DOCS-1 — Jiffy") the way
 * a person does, with the window's close button (WM_DELETE_WINDOW, close-window.py), and
 * waits until it is gone. WebDriver's own close only ends the page: the window stayed on
 * screen, blank, over the main window in every later screenshot.
 */
export async function closeWindowTitled(browser: Browser, title: string) {
  const pattern = `^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
  const id = xdotool(["search", "--onlyvisible", "--name", pattern]).split("\n")[0] ?? "";
  const script = fileURLToPath(new URL("./close-window.py", import.meta.url));
  const run = spawnSync("/usr/bin/python3", [script, id], { encoding: "utf8", timeout: 10_000 });
  if (run.status !== 0) throw new Error(`close-window.py ${id}: ${run.stderr}`);
  await browser.waitUntil(
    async () => spawnSync("xdotool", ["search", "--onlyvisible", "--name", pattern]).status !== 0,
    { timeout: 10_000, timeoutMsg: `the window "${title}" stayed on screen` },
  );
}

/**
 * Drags `file` from a file manager onto the element `target` (a labelled region) of the main
 * window and drops it there, as a person does: a small GTK window (drag-source.py) offers the
 * file as `text/uri-list`, and xdotool presses, moves and releases the real X pointer.
 */
export async function dropFileOn(browser: Browser, file: string, target: string) {
  const zone = await getByRole(browser, "region", target);
  await zone.scrollIntoView({ block: "center" });
  const box = (await browser.execute(
    (name: string) => {
      const r = document.querySelector(`[role="region"][aria-label="${name}"], section[aria-label="${name}"]`)
        ?.getBoundingClientRect();
      return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2, top: r.top } : null;
    },
    target,
  )) as { x: number; y: number; top: number } | null;
  if (!box) throw new Error(`no "${target}" to drop on`);
  // Where the page is on the screen (no window manager: no decorations to allow for).
  const main = xdotool(["search", "--onlyvisible", "--name", "^Jiffy$"]).split("\n")[0] ?? "";
  const geometry = xdotool(["getwindowgeometry", main]);
  const [, ox = "0", oy = "0"] = /Position: (\d+),(\d+)/.exec(geometry) ?? [];
  const x = Number(ox) + Math.round(box.x);
  const y = Number(oy) + Math.round(box.y);
  // The source sits above the zone when there is room, else below it, away from the target.
  const sourceY = box.top > 120 ? Math.max(0, Number(oy) + Math.round(box.top) - 110) : y + 120;
  const script = fileURLToPath(new URL("./drag-source.py", import.meta.url));
  const source = spawn("/usr/bin/python3", [script, String(Math.max(0, x - 80)), String(sourceY), file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const stdout = source.stdout;
    if (!stdout) throw new Error("the drag source has no stdout");
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: stdout }).once("line", resolve);
      source.once("exit", (code) => reject(new Error(`drag-source.py exited with ${code}`)));
    });
    const from = JSON.parse(line) as { x: number; y: number };
    xdotool(["mousemove", "--sync", String(from.x), String(from.y)]);
    xdotool(["mousedown", "1"]);
    // GTK starts a drag after the pointer moves a few pixels with the button held; then each
    // motion is an XDND position message the webview answers.
    const steps = 12;
    for (let i = 1; i <= steps; i++) {
      const px = Math.round(from.x + ((x - from.x) * i) / steps);
      const py = Math.round(from.y + ((y - from.y) * i) / steps);
      xdotool(["mousemove", String(px), String(py)]);
      await browser.pause(60);
    }
    xdotool(["mousemove", String(x + 2), String(y + 2)]);
    await browser.pause(300);
    xdotool(["mouseup", "1"]);
    await browser.pause(300);
  } finally {
    source.kill();
  }
}
