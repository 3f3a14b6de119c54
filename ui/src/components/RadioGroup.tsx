import type { ReactNode } from "react";
import { useId } from "react";

/**
 * A labelled `role="radiogroup"` around native radio inputs (which keep their own keyboard
 * handling). A div, not a fieldset: the linter rightly refuses to turn a fieldset's group
 * role into a widget role.
 */
export function RadioGroup({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="radiogroup" aria-labelledby={id} className="choices">
      <p id={id} className="choices-label">
        {label}
      </p>
      {children}
    </div>
  );
}
