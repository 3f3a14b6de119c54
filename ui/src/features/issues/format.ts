/** A Jira timestamp (ISO 8601, e.g. `2024-01-03T10:00:00.000+0000`) as a short local date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  // Jira writes `+0000`; `Date` wants `+00:00`.
  const date = new Date(iso.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Bytes as B, KB or MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The JQL of a project's issue list. Keys are quoted so any key parses. */
export function projectJql(projectKey: string): string {
  return `project = "${projectKey.replace(/["\\]/g, "\\$&")}" ORDER BY key`;
}
