import type { ReactNode } from "react";

/** A labelled input with an optional hint (referenced by `aria-describedby`, never in the label). */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = "text",
  hint,
  readOnly,
  autoComplete = "off",
  placeholder,
  min,
  after,
}: {
  id: string;
  label: string;
  value: string;
  onChange?: (value: string) => void;
  type?: "text" | "password" | "email" | "number" | "url";
  hint?: ReactNode;
  readOnly?: boolean;
  autoComplete?: string;
  placeholder?: string;
  min?: number;
  /** Controls next to the input (Copy buttons). */
  after?: ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="inline">
        <input
          id={id}
          type={type}
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          autoComplete={autoComplete}
          placeholder={placeholder}
          min={min}
          aria-describedby={hintId}
          onChange={(e) => onChange?.(e.target.value)}
        />
        {after}
      </div>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
