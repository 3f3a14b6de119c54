import type { ReactNode } from "react";
import type { IssueView } from "../../ipc/issues";
import type { FormField } from "../../ipc/issue-actions";
import type { FieldValue } from "../fields";
import { fromJiraValue, userLabel } from "../fields";
import { ShowUser } from "../users/ShowUser";
import { Assignee } from "./actions/Assign";
import { EditInPlace } from "./actions/EditInPlace";
import { useIssueEditing } from "./actions/context";
import { formatDate } from "./format";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Fields the body shows in their own places; the edit form's others go under "More fields". */
const PLACED = new Set([
  "summary", "description", "status", "issuetype", "priority", "assignee", "reporter",
  "created", "updated", "labels", "components", "fixVersions", "parent",
  // Not edited as fields: they have their own sections and commands.
  "comment", "attachment", "issuelinks", "subtasks",
]);

/** A form value as text, for fields the view does not already show. */
function shown(field: FormField, value: FieldValue): string {
  const items = Array.isArray(value) ? value : value === "" ? [] : [value];
  const label = (v: string) =>
    field.kind === "user" || field.kind === "users"
      ? userLabel(v)
      : (field.options.find((o) => o.id === v)?.label ?? v);
  return items.map(label).join(", ");
}

/**
 * The issue's fields, description, subtasks and links (attachments and comments follow it).
 * With `connection`, the assignee and reporter can be shown as user cards.
 */
export function IssueBody({ view, connection }: { view: IssueView; connection?: string }) {
  const editing = useIssueEditing();
  const none = <span className="muted">None</span>;
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : none);
  const inView = new Set(view.fields.map((f) => f.id));
  const extra = (editing?.form?.fields ?? []).filter(
    (f) => f.editable && f.kind !== "unknown" && !PLACED.has(f.id) && !inView.has(f.id),
  );
  return (
    <>
      <dl className="issue-fields">
        <Field label="Status">
          <span className={`status status-${view.status?.statusCategory?.key ?? "unknown"}`}>
            {view.status?.name ?? ""}
          </span>
        </Field>
        <Field label="Type">{view.issueType?.name ?? none}</Field>
        <Field label="Priority">
          <EditInPlace fieldId="priority">{view.priority?.name ?? none}</EditInPlace>
        </Field>
        <Field label="Assignee">
          <Assignee assignee={view.assignee} />
          {connection && <ShowUser connection={connection} user={view.assignee} />}
        </Field>
        <Field label="Reporter">
          <EditInPlace fieldId="reporter">{view.reporter?.displayName ?? none}</EditInPlace>
          {connection && <ShowUser connection={connection} user={view.reporter} />}
        </Field>
        <Field label="Created">{formatDate(view.created)}</Field>
        <Field label="Updated">{formatDate(view.updated)}</Field>
        <Field label="Labels">
          <EditInPlace fieldId="labels">{list(view.labels)}</EditInPlace>
        </Field>
        <Field label="Components">
          <EditInPlace fieldId="components">{list(view.components)}</EditInPlace>
        </Field>
        <Field label="Fix versions">
          <EditInPlace fieldId="fixVersions">{list(view.fixVersions)}</EditInPlace>
        </Field>
        {view.parent && (
          <Field label="Parent">
            {view.parent.key} {view.parent.fields.summary ?? ""}
          </Field>
        )}
      </dl>

      <h3>Description</h3>
      <EditInPlace fieldId="description">
        {view.descriptionHtml ? (
          // Sanitized by Rust (ammonia): no scripts, handlers, styles or remote images.
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
        ) : (
          <span className="muted">No description.</span>
        )}
      </EditInPlace>

      {view.subtasks.length > 0 && (
        <>
          <h3>Subtasks</h3>
          <ul>
            {view.subtasks.map((s) => (
              <li key={s.key}>
                {s.key} {s.fields.summary ?? ""}
                {s.fields.status && ` (${s.fields.status.name})`}
              </li>
            ))}
          </ul>
        </>
      )}

      {view.links.length > 0 && (
        <>
          <h3>Links</h3>
          <ul>
            {view.links.map((l) => (
              <li key={l.id}>
                {l.relation} {l.issue.key} {l.issue.fields.summary ?? ""}
              </li>
            ))}
          </ul>
        </>
      )}

      {(view.fields.length > 0 || extra.length > 0) && (
        <>
          <h3>More fields</h3>
          <dl className="issue-fields">
            {view.fields.map((f) => (
              <Field key={f.id} label={f.name}>
                <EditInPlace fieldId={f.id}>{f.text}</EditInPlace>
              </Field>
            ))}
            {extra.map((f) => {
              const text = shown(f, fromJiraValue(f, editing?.form?.values[f.id]));
              return (
                <Field key={f.id} label={f.name}>
                  <EditInPlace fieldId={f.id}>{text || none}</EditInPlace>
                </Field>
              );
            })}
          </dl>
        </>
      )}
    </>
  );
}
