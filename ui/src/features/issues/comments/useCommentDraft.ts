import { useCallback, useEffect, useRef, useState } from "react";
import type { Visibility } from "../../../ipc/comments-attachments";
import type { Draft, DraftTarget } from "../../../ipc/create";
import { draftLoad, draftRemove, draftSave } from "../../../ipc/create";

/** An unsent comment as its draft keeps it. */
export type CommentDraft = { text: string; visibility: Visibility | null; savedAt: number };

/** Waits for a pause in typing before writing the draft. */
const SAVE_DELAY_MS = 500;

/** The comment in a saved draft, if it holds one (anything else is ignored). */
export function commentOf(draft: Draft | null): CommentDraft | null {
  const text = draft?.values.text;
  if (!draft || typeof text !== "string" || !text.trim()) return null;
  const v = draft.values.visibility as Partial<Visibility> | null | undefined;
  const visibility =
    v && (v.type === "role" || v.type === "group") && typeof v.value === "string"
      ? { type: v.type, value: v.value }
      : null;
  return { text, visibility, savedAt: draft.savedAt };
}

/**
 * The draft of the issue's unsent comment, kept by Rust in the app's data folder so it
 * survives a restart: `draft` is `undefined` while loading, then the saved comment or `null`.
 * `save` writes after a pause in typing (and at once when the form goes away); `discard`
 * forgets it. Drafts are a convenience: their failures never stop a comment.
 */
export function useCommentDraft(connection: string, issueKey: string) {
  const [draft, setDraft] = useState<CommentDraft | null | undefined>(undefined);
  const pending = useRef<{ text: string; visibility: Visibility | null } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const write = useCallback(() => {
    const values = pending.current;
    pending.current = null;
    if (!values) return;
    const target: DraftTarget = { kind: "comment", issueKey };
    const done = values.text.trim()
      ? draftSave(connection, target, { text: values.text, visibility: values.visibility })
      : draftRemove(connection, target);
    done.catch(() => undefined);
  }, [connection, issueKey]);

  useEffect(() => {
    let live = true;
    draftLoad(connection, { kind: "comment", issueKey })
      .then((d) => live && setDraft(commentOf(d)))
      .catch(() => live && setDraft(null));
    return () => {
      live = false;
      clearTimeout(timer.current);
      write();
    };
  }, [connection, issueKey, write]);

  const save = useCallback(
    (text: string, visibility: Visibility | null) => {
      pending.current = { text, visibility };
      clearTimeout(timer.current);
      timer.current = setTimeout(write, SAVE_DELAY_MS);
    },
    [write],
  );

  const discard = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    setDraft(null);
    draftRemove(connection, { kind: "comment", issueKey }).catch(() => undefined);
  }, [connection, issueKey]);

  return { draft, save, discard };
}
