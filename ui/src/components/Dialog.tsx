import type { ReactNode } from "react";
import { useEffect, useId, useRef } from "react";

/**
 * A modal dialog: labelled by its heading, focus moves in (to the least harmful button, the
 * last one) and stays inside while it is open, Esc closes it, and focus goes back to where
 * it was. Hand-written because the native `<dialog>` modal is missing in the test DOM and
 * the app needs only this much.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  /** The heading, also the dialog's accessible name. */
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  // Keeps the latest onClose for the key listener without re-subscribing on every render.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const buttons = box.current?.querySelectorAll<HTMLElement>("button");
    buttons?.[buttons.length - 1]?.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close.current();
        return;
      }
      if (event.key !== "Tab" || !box.current) return;
      const focusable = Array.from(
        box.current.querySelectorAll<HTMLElement>("button, input, textarea, select, a[href]"),
      ).filter((el) => !el.hasAttribute("disabled"));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const inside = box.current.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      before?.focus();
    };
  }, []);

  return (
    <div className="backdrop">
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
