import { useEffect, useState } from "react";
import type { RecentIssue } from "../../../ipc/saved-searches";
import { recentIssuesAdd, recentIssuesList } from "../../../ipc/saved-searches";

/**
 * The connection's last ten opened issues, newest first; `opened` (the issue open now) is
 * added to them. A failure only hides the list: it is a convenience, not the page's purpose.
 */
export function RecentIssues({
  connection,
  opened,
  onOpen,
}: {
  connection: string;
  opened: string | null;
  onOpen: (key: string) => void;
}) {
  const [recent, setRecent] = useState<RecentIssue[]>([]);

  useEffect(() => {
    let current = true;
    const answer = opened
      ? recentIssuesAdd(connection, opened, "")
      : recentIssuesList(connection);
    Promise.resolve(answer)
      .then((list) => current && setRecent(list ?? []))
      .catch(() => current && setRecent([]));
    return () => {
      current = false;
    };
  }, [connection, opened]);

  if (recent.length === 0) return null;
  return (
    <nav aria-label="Recent issues" className="recent-issues">
      <h2>Recent issues</h2>
      <ul>
        {recent.map((r) => (
          <li key={r.key}>
            <button type="button" aria-pressed={r.key === opened} onClick={() => onOpen(r.key)}>
              {r.key}
              {r.summary && <span className="muted"> {r.summary}</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
