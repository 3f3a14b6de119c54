// Typed wrappers for the issue-action commands (src-tauri/src/commands/issue_actions.rs):
// edit in place, transitions, assign, delete, issue windows and the user picker's searches.
import { invoke } from "@tauri-apps/api/core";
import type { FormField } from "../bindings/FormField";
import type { IssueEditForm } from "../bindings/IssueEditForm";
import type { Status } from "../bindings/Status";
import type { TransitionForm } from "../bindings/TransitionForm";
import type { User } from "../bindings/User";
import { CommandError, toIpcError } from "./index";

export type { FormField, IssueEditForm, Status, TransitionForm, User };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/**
 * The issue's edit form (editmeta): its fields, and their current values as Jira sent them
 * (rich text already turned into Markdown by Rust).
 */
export function issueEditFields(connection: string, key: string): Promise<IssueEditForm> {
  return call("issue_edit_fields", { connection, key });
}

/**
 * Saves fields, each given as the text `toSubmitValue` makes (Rust converts it with core's
 * value helpers). Validation errors come back per field id in `fieldErrors`.
 */
export function issueEdit(
  connection: string,
  key: string,
  fields: Record<string, string>,
): Promise<void> {
  return call("issue_edit", { connection, key, fields });
}

/** The transitions available now, each with its screen's fields (empty: no screen). */
export function issueTransitions(connection: string, key: string): Promise<TransitionForm[]> {
  return call("issue_transitions", { connection, key });
}

/** Performs a transition with its screen's values (text per field id, like `issueEdit`). */
export function issueTransition(
  connection: string,
  key: string,
  transitionId: string,
  fields: Record<string, string>,
): Promise<void> {
  return call("issue_transition", { connection, key, transitionId, fields });
}

/** Assigns to a user (username on Data Center, account id on Cloud), `"me"`, or `null` to unassign. */
export function issueAssign(connection: string, key: string, user: string | null): Promise<void> {
  return call("issue_assign", { connection, key, user });
}

/** Deletes an issue; `deleteSubtasks` must be true when it has subtasks. */
export function issueDelete(
  connection: string,
  key: string,
  deleteSubtasks: boolean,
): Promise<void> {
  return call("issue_delete", { connection, key, deleteSubtasks });
}

/** Opens (or focuses) a window showing only this issue. */
export function issueOpenWindow(connection: string, key: string): Promise<void> {
  return call("issue_open_window", { connection, key });
}

/** Users who may be assigned `key`, matching `query`. */
export function usersAssignable(connection: string, key: string, query: string): Promise<User[]> {
  return call("users_assignable", { connection, key, query });
}

/**
 * Users matching `query`, for user pickers outside an issue (the create form). The command
 * lives with the users feature (`users_search`).
 */
export function usersSearch(connection: string, query: string): Promise<User[]> {
  return call("users_search", { connection, query });
}
