// What the edit-in-place controls of one issue share: where to send edits, the edit form
// (editmeta with current values), and what to do after a change.
import { createContext, useContext } from "react";
import type { FormField, IssueEditForm } from "../../../ipc/issue-actions";

export interface IssueEditing {
  connection: string;
  issueKey: string;
  /** The edit form, `null` while it loads or when it could not be loaded. */
  form: IssueEditForm | null;
  /** Called after a successful change, to reload the issue. */
  onChanged: () => void;
}

export const IssueEditContext = createContext<IssueEditing | null>(null);

/** The editing context of the issue being shown (`null` outside an IssueDetail). */
export function useIssueEditing(): IssueEditing | null {
  return useContext(IssueEditContext);
}

/** The field `id` when the edit form offers it as editable. */
export function editableField(editing: IssueEditing | null, id: string): FormField | null {
  const field = editing?.form?.fields.find((f) => f.id === id);
  return field && field.editable ? field : null;
}
