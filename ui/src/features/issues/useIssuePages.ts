import { useCallback, useEffect, useRef, useState } from "react";
import type { IpcError } from "../../ipc";
import type { IssuesPage, IssueRow, PageCursor } from "../../ipc/issues";
import { issuesSearch } from "../../ipc/issues";
import { errorOf } from "../../components/errors";

/** Rows asked for per page; Jira caps it (50 or 100) and may answer fewer. */
export const PAGE_SIZE = 100;

/** The rows of a search loaded so far, and how to load more. */
export interface IssuePages {
  /** The rows loaded, in Jira's order. */
  rows: IssueRow[];
  /** How many issues match, when Jira said. */
  total: number | null;
  /** Whether `total` is Cloud's estimate. */
  approximate: boolean;
  /** Whether another page exists. */
  hasMore: boolean;
  /** Whether a page is being fetched. */
  loading: boolean;
  /** Jira's warnings about the query (Data Center). */
  warnings: string[];
  /** Why the last fetch failed (for the first page: usually the JQL). */
  error: IpcError | null;
  /** Fetches the next page, unless one is already on its way or there is none. */
  loadMore: () => void;
}

function cursorAfter(page: IssuesPage): PageCursor | null {
  if (page.nextPageToken !== null) {
    return { maxResults: PAGE_SIZE, nextPageToken: page.nextPageToken };
  }
  if (page.nextStartAt !== null) return { maxResults: PAGE_SIZE, startAt: page.nextStartAt };
  return null;
}

/**
 * Loads the pages of `jql` one after another as `loadMore` is called (the table calls it when
 * its last rows scroll into view). Mount it with a `key` of connection and query, so a new
 * query starts from empty state.
 */
export function useIssuePages(connection: string, jql: string): IssuePages {
  const [rows, setRows] = useState<IssueRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [approximate, setApproximate] = useState(false);
  const [next, setNext] = useState<PageCursor | null>(null);
  const [loading, setLoading] = useState(jql.trim() !== "");
  const [error, setError] = useState<IpcError | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  // Answers from before the last (re)mount are dropped (React may run effects twice).
  const generation = useRef(0);
  const inFlight = useRef(false);

  const request = useCallback(
    (cursor: PageCursor) => {
      const mine = generation.current;
      inFlight.current = true;
      return issuesSearch(connection, jql, cursor)
        .then((page) => {
          if (mine !== generation.current) return;
          setRows((old) => [...old, ...page.issues]);
          if (page.total !== null) {
            setTotal(page.total);
            setApproximate(page.totalIsApproximate);
          }
          setNext(cursorAfter(page));
          if (page.warnings.length > 0) setWarnings(page.warnings);
        })
        .catch((e: unknown) => {
          if (mine === generation.current) setError(errorOf(e));
        })
        .finally(() => {
          if (mine !== generation.current) return;
          inFlight.current = false;
          setLoading(false);
        });
    },
    [connection, jql],
  );

  useEffect(() => {
    generation.current += 1;
    if (jql.trim() !== "") void request({ maxResults: PAGE_SIZE });
    return () => {
      generation.current += 1;
      inFlight.current = false;
    };
  }, [request, jql]);

  const loadMore = useCallback(() => {
    if (next && !inFlight.current) {
      setError(null);
      setLoading(true);
      void request(next);
    }
  }, [request, next]);

  return { rows, total, approximate, hasMore: next !== null, loading, error, warnings, loadMore };
}
