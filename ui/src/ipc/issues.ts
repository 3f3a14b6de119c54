// Typed wrappers for the issue-browsing commands (src-tauri/src/commands/issues.rs). The only
// place the issues feature talks to Tauri; errors arrive as `CommandError` like everywhere.
import { invoke } from "@tauri-apps/api/core";
import type { IssueRow } from "../bindings/IssueRow";
import type { IssuesPage } from "../bindings/IssuesPage";
import type { IssueView } from "../bindings/IssueView";
import type { JqlAutocompleteData } from "../bindings/JqlAutocompleteData";
import type { JqlSuggestion } from "../bindings/JqlSuggestion";
import type { PageCursor } from "../bindings/PageCursor";
import type { Project } from "../bindings/Project";
import { CommandError, toIpcError } from "./index";

export type {
  IssueRow,
  IssuesPage,
  IssueView,
  JqlAutocompleteData,
  JqlSuggestion,
  PageCursor,
  Project,
};

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** Every project the connection's user can see. */
export function projectsList(connection: string): Promise<Project[]> {
  return call("projects_list", { connection });
}

/** One page of issues matching `jql`; pass the previous page's cursor for the next one. */
export function issuesSearch(
  connection: string,
  jql: string,
  page: PageCursor,
): Promise<IssuesPage> {
  return call("issues_search", { connection, jql, page });
}

/** One issue for the detail panel (description and comments already sanitized by Rust). */
export function issueView(connection: string, key: string): Promise<IssueView> {
  return call("issue_view", { connection, key });
}

/** Fields, functions and reserved words for JQL completion. */
export function jqlAutocomplete(connection: string): Promise<JqlAutocompleteData> {
  return call("jql_autocomplete", { connection });
}

/** Values of `field` that start with `value`. */
export function jqlSuggest(
  connection: string,
  field: string,
  value: string,
): Promise<JqlSuggestion[]> {
  return call("jql_suggest", { connection, field, value });
}
