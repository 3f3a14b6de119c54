import { useEffect, useState } from "react";
import { copyText } from "../ipc/plugins";
import { errorOf } from "./errors";

/**
 * Copies `text` to the clipboard. The accessible name stays `label` whatever happens, so the
 * "Copied" feedback goes into a polite live region next to the button, not into its name.
 */
export function CopyButton({
  text,
  label,
  visibleText,
}: {
  /** What to copy. */
  text: string;
  /** The button's accessible name, e.g. "Copy public key". */
  label: string;
  /** Shorter visible text when the name is long (e.g. "Copy" in a table). */
  visibleText?: string;
}) {
  const [feedback, setFeedback] = useState("");

  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(""), 2500);
    return () => clearTimeout(timer);
  }, [feedback]);

  return (
    <span className="copy">
      <button
        type="button"
        className="small"
        aria-label={visibleText ? label : undefined}
        disabled={!text}
        onClick={() => {
          copyText(text)
            .then(() => setFeedback("Copied"))
            .catch((e: unknown) => setFeedback(`Could not copy: ${errorOf(e).message}`));
        }}
      >
        {visibleText ?? label}
      </button>
      <span className="copy-feedback" aria-live="polite">
        {feedback}
      </span>
    </span>
  );
}
