// Typed wrappers for the watch and preference commands (src-tauri/src/commands/watches.rs),
// and the events the watch runner sends. Errors arrive as `CommandError`.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { NotifyRule } from "../bindings/NotifyRule";
import type { Preferences } from "../bindings/Preferences";
import type { Schedule } from "../bindings/Schedule";
import type { Watch } from "../bindings/Watch";
import type { WatchDraft } from "../bindings/WatchDraft";
import type { WatchStatus } from "../bindings/WatchStatus";
import type { Weekday } from "../bindings/Weekday";
import { CommandError, toIpcError } from "./index";

export type { NotifyRule, Preferences, Schedule, Watch, WatchDraft, WatchStatus, Weekday };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** Every watch with its last run, next run and unseen count. */
export function watchesList(): Promise<WatchStatus[]> {
  return call("watches_list");
}

/** Adds a watch (checked at once). Validation errors name the field in their sentence. */
export function watchAdd(draft: WatchDraft): Promise<Watch> {
  return call("watch_add", { draft });
}

/** Replaces a watch's definition. */
export function watchUpdate(id: string, draft: WatchDraft): Promise<Watch> {
  return call("watch_update", { id, draft });
}

/** Turns a watch on or off. */
export function watchSetEnabled(id: string, enabled: boolean): Promise<Watch> {
  return call("watch_set_enabled", { id, enabled });
}

/** Deletes a watch and what it remembered. */
export function watchRemove(id: string): Promise<void> {
  return call("watch_remove", { id });
}

/** Checks a watch now; the watches afresh. */
export function watchRunNow(id: string): Promise<WatchStatus[]> {
  return call("watch_run_now", { id });
}

/** Counts a watch's matches (or every watch's, with no id) as seen. */
export function watchesMarkSeen(id?: string): Promise<void> {
  return call("watches_mark_seen", { id: id ?? null });
}

/** The app's preferences. */
export function preferencesGet(): Promise<Preferences> {
  return call("preferences_get");
}

/** Saves the app's preferences. */
export function preferencesSet(preferences: Preferences): Promise<Preferences> {
  return call("preferences_set", { preferences });
}

/** Where a notification click asks the main window to go. */
export type Navigate =
  | { kind: "search"; connection: string; jql: string }
  | { kind: "connections" }
  | { kind: "watches" }
  | { kind: "stay" };

/** Calls `handler` after every watch run; resolves to the function that stops listening. */
export async function onWatchesChanged(handler: () => void): Promise<() => void> {
  try {
    return await listen("watches-changed", () => handler());
  } catch {
    // Outside the app (unit tests without a mocked event system) there is nothing to hear.
    return () => {};
  }
}

/** Calls `handler` when a notification (or the tray) sends the main window somewhere. */
export async function onNavigate(handler: (to: Navigate) => void): Promise<() => void> {
  try {
    return await listen<Navigate>("app-navigate", (event) => handler(event.payload));
  } catch {
    return () => {};
  }
}
