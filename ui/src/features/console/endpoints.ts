/**
 * Common REST resources the path box completes. A bare resource goes under the deployment's
 * REST API (`myself` → `/rest/api/2/myself` on Data Center, `/rest/api/3/myself` on Cloud);
 * a path starting with `/` is taken from the site's root.
 */
export const COMMON_ENDPOINTS: readonly string[] = [
  "myself",
  "serverInfo",
  "project",
  "project/search",
  "project/{key}",
  "project/{key}/statuses",
  "search",
  "search/jql",
  "issue/{key}",
  "issue/{key}/comment",
  "issue/{key}/transitions",
  "issue/{key}/editmeta",
  "issue/{key}/changelog",
  "issue/createmeta",
  "issue",
  "field",
  "priority",
  "status",
  "issuetype",
  "resolution",
  "user/search",
  "user/assignable/search",
  "mypermissions",
  "jql/autocompletedata",
  "attachment/meta",
  "/rest/agile/1.0/board",
];

/** Endpoints that start with (or contain) what was typed, best matches first. */
export function completions(typed: string, limit = 10): string[] {
  const t = typed.trim().toLowerCase();
  if (!t) return COMMON_ENDPOINTS.slice(0, limit);
  const starts = COMMON_ENDPOINTS.filter((e) => e.toLowerCase().startsWith(t));
  const contains = COMMON_ENDPOINTS.filter(
    (e) => !e.toLowerCase().startsWith(t) && e.toLowerCase().includes(t),
  );
  return [...starts, ...contains].slice(0, limit);
}
