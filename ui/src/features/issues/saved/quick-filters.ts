/** The quick filters above the issue table, Jira's everyday searches. */
export const QUICK_FILTERS = [
  { label: "Assigned to me", jql: "assignee = currentUser() AND resolution = Unresolved" },
  { label: "Reported by me", jql: "reporter = currentUser()" },
  { label: "Recently updated", jql: "updated >= -7d" },
  { label: "Open", jql: "resolution = Unresolved" },
] as const;

/**
 * A quick filter's JQL, limited to `project` (its key) when one is chosen, newest changes
 * first. The key is quoted so any key parses.
 */
export function quickFilterJql(filter: string, project: string | null): string {
  const scope = project ? `project = "${project.replace(/["\\]/g, "\\$&")}" AND ` : "";
  return `${scope}${filter} ORDER BY updated DESC`;
}
