// Typed wrappers for the create-issue and drafts commands (src-tauri/src/commands/create.rs).
// The only place the create feature talks to Tauri; errors arrive as `CommandError`.
import { invoke } from "@tauri-apps/api/core";
import type { CreatedIssue } from "../bindings/CreatedIssue";
import type { Draft } from "../bindings/Draft";
import type { DraftTarget } from "../bindings/DraftTarget";
import type { FormField } from "../bindings/FormField";
import type { IssueType } from "../bindings/IssueType";
import type { Project } from "../bindings/Project";
import { CommandError, toIpcError } from "./index";

export type { CreatedIssue, Draft, DraftTarget, FormField, IssueType, Project };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** The projects the create form offers (every visible, unarchived project). */
export function createMetaProjects(connection: string): Promise<Project[]> {
  return call("create_meta_projects", { connection });
}

/** The issue types the user may create in `project` (createmeta). */
export function createIssueTypes(connection: string, project: string): Promise<IssueType[]> {
  return call("create_issue_types", { connection, project });
}

/** The create form of an issue type in a project: required fields first. */
export function createFields(
  connection: string,
  project: string,
  issueType: string,
): Promise<FormField[]> {
  return call("create_fields", { connection, project, issueType });
}

/**
 * Creates the issue from the form's text values (`toSubmitValue` per field). Sent once, never
 * retried; validation errors come back per field id in `fieldErrors`. Success forgets the
 * form's draft.
 */
export function issueCreate(
  connection: string,
  project: string,
  issueType: string,
  fields: Record<string, string>,
): Promise<CreatedIssue> {
  return call("issue_create", { connection, project, issueType, fields });
}

/** Saves (replaces) the draft of an unsent form. Form values only, never secrets. */
export function draftSave(
  connection: string,
  target: DraftTarget,
  values: Record<string, unknown>,
): Promise<Draft> {
  return call("draft_save", { connection, target, values });
}

/** The saved draft of a form, or `null`. */
export function draftLoad(connection: string, target: DraftTarget): Promise<Draft | null> {
  return call("draft_load", { connection, target });
}

/** Forgets a draft; whether there was one. */
export function draftRemove(connection: string, target: DraftTarget): Promise<boolean> {
  return call("draft_remove", { connection, target });
}

/** Every saved draft, newest first; only the connection's when given. */
export function draftsList(connection?: string): Promise<Draft[]> {
  return call("drafts_list", { connection: connection ?? null });
}
