import type { IpcError } from "../ipc";
import { CommandError } from "../ipc";

/** The typed error of anything a command promise rejected with. */
export function errorOf(thrown: unknown): IpcError {
  if (thrown instanceof CommandError) return thrown.error;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: "internal", message };
}
