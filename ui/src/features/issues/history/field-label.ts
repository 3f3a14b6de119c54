// The name a history entry shows for a changed field.
import type { ChangeItem } from "../../../ipc/history";

/**
 * Jira's changelog names system fields by their lower-case ids (`status`, `duedate`) and
 * custom fields by their names ("Story Points"); the panel shows the labels people see on
 * the issue.
 */
const SYSTEM: Record<string, string> = {
  summary: "Summary",
  description: "Description",
  status: "Status",
  assignee: "Assignee",
  reporter: "Reporter",
  priority: "Priority",
  resolution: "Resolution",
  issuetype: "Issue type",
  duedate: "Due date",
  labels: "Labels",
  component: "Components",
  components: "Components",
  "fix version": "Fix versions",
  fixversions: "Fix versions",
  version: "Affects versions",
  versions: "Affects versions",
  environment: "Environment",
  attachment: "Attachment",
  link: "Link",
  parent: "Parent",
  project: "Project",
  key: "Key",
  timeestimate: "Remaining estimate",
  timeoriginalestimate: "Original estimate",
  timespent: "Time spent",
  worklogid: "Work log",
};

/** The field's label: a system field's usual name, else the name Jira gave, else its id. */
export function fieldLabel(item: Pick<ChangeItem, "field" | "fieldId" | "fieldtype">): string {
  const field = item.field.trim();
  if (item.fieldtype !== "custom") {
    const known = SYSTEM[field.toLowerCase()] ?? SYSTEM[(item.fieldId ?? "").toLowerCase()];
    if (known) return known;
  }
  return field || item.fieldId || "A field";
}
