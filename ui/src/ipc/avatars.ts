// Typed wrapper for the avatar command (src-tauri/src/commands/avatars.rs). Errors arrive as
// `CommandError` like everywhere.
import { invoke } from "@tauri-apps/api/core";
import { CommandError, toIpcError } from "./index";

/**
 * An avatar on the connection's site (a project's, a user's…) as a `data:` URL, fetched by
 * Rust with the connection's credentials and kept in memory there.
 */
export async function avatarGet(connection: string, url: string): Promise<string> {
  try {
    return await invoke<string>("avatar_get", { connection, url });
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}
