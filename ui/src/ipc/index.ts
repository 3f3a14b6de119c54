// The only module that talks to Tauri. Features call these typed wrappers; errors arrive as
// `CommandError` carrying the Rust side's `IpcError`, so the UI switches on `kind`.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { IpcError } from "../bindings/IpcError";

export type { AppInfo, IpcError };

/** A failed command, with the typed error the Rust side sent. */
export class CommandError extends Error {
  readonly error: IpcError;

  constructor(error: IpcError) {
    super(error.message);
    this.name = "CommandError";
    this.error = error;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns whatever `invoke` threw into an `IpcError` (Tauri itself throws plain strings). */
export function toIpcError(thrown: unknown): IpcError {
  if (isIpcError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: "internal", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** Version, platform and the folders Jiffy uses. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}
