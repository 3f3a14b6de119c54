// Typed wrappers for comments, attachments, users and the REST console
// (src-tauri/src/commands/{comments,attachments,users,console}.rs), plus the file dialogs and
// the window's file drops these features use. Errors arrive as `CommandError` like everywhere.
import { invoke } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open, save } from "@tauri-apps/plugin-dialog";
import type { AttachmentView } from "../bindings/AttachmentView";
import type { CommentItem } from "../bindings/CommentItem";
import type { ConsoleResponse } from "../bindings/ConsoleResponse";
import type { QueryParam } from "../bindings/QueryParam";
import type { User } from "../bindings/User";
import type { UserId } from "../bindings/UserId";
import type { Visibility } from "../bindings/Visibility";
import type { VisibilityOptions } from "../bindings/VisibilityOptions";
import { CommandError, toIpcError } from "./index";

export type {
  AttachmentView,
  CommentItem,
  ConsoleResponse,
  QueryParam,
  User,
  UserId,
  Visibility,
  VisibilityOptions,
};

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

// ---- Comments ----------------------------------------------------------------------------

/** Every comment of the issue (all pages), oldest first, bodies sanitized by Rust. */
export function commentsList(connection: string, key: string): Promise<CommentItem[]> {
  return call("comments_list", { connection, key });
}

/** Adds a comment written in Markdown or plain text; `null` visibility: everyone. */
export function commentAdd(
  connection: string,
  key: string,
  markdown: string,
  visibility: Visibility | null,
): Promise<CommentItem> {
  return call("comment_add", { connection, key, markdown, visibility });
}

/** Replaces a comment's body and visibility. */
export function commentUpdate(
  connection: string,
  key: string,
  id: string,
  markdown: string,
  visibility: Visibility | null,
): Promise<CommentItem> {
  return call("comment_update", { connection, key, id, markdown, visibility });
}

export function commentDelete(connection: string, key: string, id: string): Promise<void> {
  return call("comment_delete", { connection, key, id });
}

/** The project's roles and the user's groups a comment may be restricted to. */
export function commentVisibilityOptions(
  connection: string,
  key: string,
): Promise<VisibilityOptions> {
  return call("comment_visibility_options", { connection, key });
}

// ---- Attachments -------------------------------------------------------------------------

/** Uploads one local file to the issue. */
export function attachmentUpload(
  connection: string,
  key: string,
  path: string,
): Promise<AttachmentView[]> {
  return call("attachment_upload", { connection, key, path });
}

/** Streams an attachment to `path`; resolves to the number of bytes written. */
export function attachmentDownload(connection: string, id: string, path: string): Promise<number> {
  return call("attachment_download", { connection, id, path });
}

/**
 * Downloads an attachment into Jiffy's cache folder and opens it with the system's default
 * app; resolves to where it was saved. Files the desktop would run are refused.
 */
export function attachmentOpen(connection: string, id: string, filename: string): Promise<string> {
  return call("attachment_open", { connection, id, filename });
}

export function attachmentDelete(connection: string, id: string): Promise<void> {
  return call("attachment_delete", { connection, id });
}

/** A small image preview as a `data:` URL, or `null` when there is none. */
export function attachmentThumbnail(connection: string, id: string): Promise<string | null> {
  return call("attachment_thumbnail", { connection, id });
}

/** Asks for files to attach; resolves to their paths (empty when cancelled). */
export async function chooseFilesToAttach(): Promise<string[]> {
  try {
    const picked = await open({ title: "Attach files", multiple: true, directory: false });
    if (picked === null) return [];
    return Array.isArray(picked) ? picked : [picked];
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** Asks where to save a file; resolves to the path, or `null` when cancelled. */
export async function chooseSavePath(filename: string): Promise<string | null> {
  try {
    return await save({ title: `Save ${filename}`, defaultPath: filename });
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

/** A file drag over the window: where it is (CSS pixels), and on drop the files' paths. */
export type FileDrag =
  | { type: "over"; x: number; y: number }
  | { type: "drop"; x: number; y: number; paths: string[] }
  | { type: "leave" };

/**
 * Listens to files dragged onto the window (the webview gets paths only through Tauri's
 * drag-drop event, not through HTML drop events). Resolves to the function that stops it.
 */
export async function onFileDrag(handler: (drag: FileDrag) => void): Promise<() => void> {
  try {
    return await getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      // Tauri reports physical pixels; the page lays out in CSS pixels.
      const scale = window.devicePixelRatio || 1;
      if (p.type === "leave") handler({ type: "leave" });
      else if (p.type === "drop")
        handler({ type: "drop", x: p.position.x / scale, y: p.position.y / scale, paths: p.paths });
      else handler({ type: "over", x: p.position.x / scale, y: p.position.y / scale });
    });
  } catch (thrown) {
    throw new CommandError(toIpcError(thrown));
  }
}

// ---- Users -------------------------------------------------------------------------------

/** Users matching a name, username or email. */
export function usersSearch(connection: string, query: string): Promise<User[]> {
  return call("users_search", { connection, query });
}

/** One user, with groups when Jira shows them. */
export function userGet(connection: string, id: UserId): Promise<User> {
  return call("user_get", { connection, id });
}

/** An avatar on the connection's site as a `data:` URL. */
export function userAvatar(connection: string, url: string): Promise<string> {
  return call("user_avatar", { connection, url });
}

// ---- REST console ------------------------------------------------------------------------

/** Sends a request with the connection's auth; `body` is JSON text (empty: none). */
export function consoleSend(
  connection: string,
  method: string,
  path: string,
  query: QueryParam[],
  body: string | null,
): Promise<ConsoleResponse> {
  return call("console_send", { connection, method, path, query, body });
}
