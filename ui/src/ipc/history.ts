// Typed wrapper for the issue history command (src-tauri/src/commands/history.rs). Errors
// arrive as `CommandError` like everywhere.
import { invoke } from "@tauri-apps/api/core";
import type { ChangeHistory } from "../bindings/ChangeHistory";
import type { ChangeItem } from "../bindings/ChangeItem";
import { CommandError, toIpcError } from "./index";

export type { ChangeHistory, ChangeItem };

/** Every change of the issue (all pages), oldest first. */
export async function issueHistory(connection: string, key: string): Promise<ChangeHistory[]> {
  try {
    return await invoke<ChangeHistory[]>("issue_history", { connection, key });
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}
