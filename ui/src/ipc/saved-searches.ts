// Typed wrappers for the saved-search and recent-issue commands
// (src-tauri/src/commands/saved_searches.rs). Errors arrive as `CommandError`.
import { invoke } from "@tauri-apps/api/core";
import type { RecentIssue } from "../bindings/RecentIssue";
import type { SavedSearch } from "../bindings/SavedSearch";
import { CommandError, toIpcError } from "./index";

export type { RecentIssue, SavedSearch };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** The connection's saved searches, by name. */
export function savedSearchesList(connection: string): Promise<SavedSearch[]> {
  return call("saved_searches_list", { connection });
}

/** Saves `jql` as `name`, replacing the query of a search of that name. */
export function savedSearchesSave(
  connection: string,
  name: string,
  jql: string,
): Promise<SavedSearch> {
  return call("saved_searches_save", { connection, name, jql });
}

/** Renames the saved search `from` to `to` (`invalidInput` when `to` is taken). */
export function savedSearchesRename(
  connection: string,
  from: string,
  to: string,
): Promise<SavedSearch> {
  return call("saved_searches_rename", { connection, from, to });
}

/** Deletes the saved search `name`; whether there was one. */
export function savedSearchesDelete(connection: string, name: string): Promise<boolean> {
  return call("saved_searches_delete", { connection, name });
}

/** The connection's last ten opened issues, newest first. */
export function recentIssuesList(connection: string): Promise<RecentIssue[]> {
  return call("recent_issues_list", { connection });
}

/** Remembers that `key` was opened; the updated list, newest first. */
export function recentIssuesAdd(
  connection: string,
  key: string,
  summary: string,
): Promise<RecentIssue[]> {
  return call("recent_issues_add", { connection, key, summary });
}
