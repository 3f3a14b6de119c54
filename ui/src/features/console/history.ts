import type { QueryParam } from "../../ipc/comments-attachments";

/** A request as the console keeps it: never a response, never credentials. */
export type ConsoleRequest = {
  method: string;
  path: string;
  query: QueryParam[];
  body: string;
};

export const HISTORY_KEY = "jiffy.console.history";
export const HISTORY_LIMIT = 50;

/** Query parameters that may carry a secret are not written to disk. */
const SECRET_NAME = /token|password|passwd|secret|api[-_]?key|auth|signature/i;

function isRequest(value: unknown): value is ConsoleRequest {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.method === "string" &&
    typeof r.path === "string" &&
    typeof r.body === "string" &&
    Array.isArray(r.query) &&
    r.query.every(
      (q: unknown) =>
        typeof q === "object" &&
        q !== null &&
        typeof (q as QueryParam).name === "string" &&
        typeof (q as QueryParam).value === "string",
    )
  );
}

/** The saved history, newest first; anything unreadable counts as empty. */
export function loadHistory(storage: Storage = localStorage): ConsoleRequest[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isRequest).slice(0, HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** Puts `request` first (dropping an identical older entry), keeps the last 50, saves. */
export function remember(
  request: ConsoleRequest,
  storage: Storage = localStorage,
): ConsoleRequest[] {
  const clean: ConsoleRequest = {
    ...request,
    query: request.query.filter((q) => q.name.trim() && !SECRET_NAME.test(q.name)),
  };
  const same = (r: ConsoleRequest) => JSON.stringify(r) === JSON.stringify(clean);
  const next = [clean, ...loadHistory(storage).filter((r) => !same(r))].slice(0, HISTORY_LIMIT);
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(next));
  } catch {
    // A full or disabled storage loses the history, not the request.
  }
  return next;
}

export function clearHistory(storage: Storage = localStorage): void {
  storage.removeItem(HISTORY_KEY);
}
