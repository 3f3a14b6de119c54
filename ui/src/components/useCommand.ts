import { useCallback, useState } from "react";
import type { IpcError } from "../ipc";
import { errorOf } from "./errors";

/**
 * Runs one command at a time for a form: `busy` while it runs (buttons disable, a status line
 * shows), `error` when it failed. The form's fields live elsewhere, so a failure keeps them.
 */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const run = useCallback(async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await command();
    } catch (e) {
      setError(errorOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
