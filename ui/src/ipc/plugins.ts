// Tauri plugins the features use (file picker, clipboard), behind typed wrappers so that only
// src/ipc imports `@tauri-apps/*`.
import { open } from "@tauri-apps/plugin-dialog";
import { writeText } from "@tauri-apps/plugin-clipboard-manager";
import { CommandError, toIpcError } from "./index";

/** What the file picker should offer. */
export type FilePick = {
  /** The dialog's title, e.g. "Choose a CA certificate". */
  title: string;
  /** A name for the filter, e.g. "Certificates". */
  filterName: string;
  /** Extensions without the dot, e.g. `["pem", "crt"]`. */
  extensions: string[];
};

/** Asks for one file; resolves to its path, or `null` when the person cancels. */
export async function chooseFile(pick: FilePick): Promise<string | null> {
  try {
    const picked = await open({
      title: pick.title,
      multiple: false,
      directory: false,
      filters: [{ name: pick.filterName, extensions: pick.extensions }],
    });
    return typeof picked === "string" ? picked : null;
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** Puts text on the system clipboard. */
export async function copyText(text: string): Promise<void> {
  try {
    await writeText(text);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}
