import { useCallback, useEffect, useRef, useState } from "react";
import { errorOf } from "../../components/errors";
import type { Draft, DraftTarget } from "../../ipc/create";
import { draftLoad, draftRemove, draftSave } from "../../ipc/create";

/** How long typing pauses before the draft is written (one small file write per pause). */
export const DRAFT_DELAY_MS = 400;

/**
 * The draft of one form (one fixed `target` for the hook's life): loads a saved draft to
 * offer, then saves every change after a pause. Saving waits while a saved draft is on offer,
 * so typing cannot overwrite it before the person chose to restore or discard it. A pending
 * change is written when the form goes away (closed, or another issue type chosen).
 */
export function useFormDraft(connection: string, target: DraftTarget) {
  // The target is fixed for the hook's life (the form is keyed by it): keep the first one.
  const [fixed] = useState(target);
  const [offer, setOffer] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useRef<Record<string, unknown> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<unknown>>(Promise.resolve());
  // Why nothing may be written now: the saved draft was not looked at yet, it is on offer
  // (untouched until restored or discarded), it is being discarded, the form is being sent,
  // or it was sent.
  const hold = useRef({
    loading: true,
    offered: false,
    discarding: false,
    sending: false,
    sent: false,
  });

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const values = pending.current;
    if (!values || Object.values(hold.current).some(Boolean)) return;
    pending.current = null;
    inFlight.current = draftSave(connection, fixed, values).then(
      () => setProblem(null),
      (e: unknown) => setProblem(`The draft could not be kept: ${errorOf(e).message}`),
    );
  }, [connection, fixed]);

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    if (pending.current) timer.current = window.setTimeout(flush, DRAFT_DELAY_MS);
  }, [flush]);

  useEffect(() => {
    let live = true;
    draftLoad(connection, fixed).then(
      (draft) => {
        if (!live) return;
        hold.current.loading = false;
        if (draft && Object.keys(draft.values).length > 0) {
          hold.current.offered = true;
          setOffer(draft);
        } else {
          schedule();
        }
      },
      (e: unknown) => {
        if (!live) return;
        hold.current.loading = false;
        setProblem(`Saved drafts could not be read: ${errorOf(e).message}`);
        schedule();
      },
    );
    return () => {
      live = false;
      flush();
    };
  }, [connection, fixed, flush, schedule]);

  /** Records the form's values after a change by the person; written after a pause. */
  const changed = useCallback(
    (values: Record<string, unknown>) => {
      pending.current = values;
      schedule();
    },
    [schedule],
  );

  /** The offered draft was restored (its values are the form's now): saving resumes. */
  const restored = useCallback(() => {
    hold.current.offered = false;
    setOffer(null);
    schedule();
  }, [schedule]);

  /** The offered draft is thrown away, on disk too; saving resumes once it is gone. */
  const discard = useCallback(() => {
    hold.current.offered = false;
    hold.current.discarding = true;
    setOffer(null);
    inFlight.current = draftRemove(connection, fixed)
      .catch((e: unknown) => setProblem(`The draft could not be discarded: ${errorOf(e).message}`))
      .finally(() => {
        hold.current.discarding = false;
        schedule();
      });
  }, [connection, fixed, schedule]);

  /** Stops saving while the form is being sent. */
  const pause = useCallback(() => {
    window.clearTimeout(timer.current);
    hold.current.sending = true;
  }, []);

  /** Saving resumes after a failed send: the typed values stay a draft. */
  const resume = useCallback(() => {
    hold.current.sending = false;
    schedule();
  }, [schedule]);

  /** The form was sent: forget the draft for good, after any write still under way. */
  const forget = useCallback(async () => {
    window.clearTimeout(timer.current);
    hold.current.sent = true;
    pending.current = null;
    await inFlight.current.catch(() => undefined);
    await draftRemove(connection, fixed).catch(() => undefined);
  }, [connection, fixed]);

  return { offer, problem, changed, restored, discard, pause, resume, forget };
}
