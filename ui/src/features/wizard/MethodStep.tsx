import type { FormEvent } from "react";
import type { AuthMethod } from "../../bindings/AuthMethod";
import type { ProbeResult } from "../../ipc";
import { useFocusOnMount } from "../../components/useFocusOnMount";
import { METHOD_HINTS, METHOD_LABELS, foundText } from "./model";
import { RadioGroup } from "../../components/RadioGroup";

/** Step 2: only the methods the probe says fit this site, best first. */
export function MethodStep({
  probe,
  method,
  onChoose,
  onBack,
  onContinue,
}: {
  probe: ProbeResult;
  method: AuthMethod;
  onChoose: (method: AuthMethod) => void;
  onBack: () => void;
  onContinue: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onContinue();
  };
  return (
    <form className="step" onSubmit={submit} aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1} ref={heading}>
        How do you want to sign in?
      </h2>
      <p role="status" className="found">
        {foundText(probe)}
      </p>
      <RadioGroup label="Sign-in method">
        {probe.methods.map((m, index) => {
          const badge = index === 0 ? "Recommended" : m === "basic" ? "Less secure" : null;
          return (
            <div className="choice" key={m}>
              <input
                id={`method-${m}`}
                type="radio"
                name="method"
                value={m}
                checked={method === m}
                onChange={() => onChoose(m)}
                aria-describedby={`method-${m}-hint${badge ? ` method-${m}-badge` : ""}`}
              />
              <label htmlFor={`method-${m}`}>{METHOD_LABELS[m]}</label>
              {badge && (
                <span id={`method-${m}-badge`} className={index === 0 ? "badge" : "badge warn"}>
                  {badge}
                </span>
              )}
              <p id={`method-${m}-hint`} className="hint">
                {METHOD_HINTS[m]}
              </p>
            </div>
          );
        })}
      </RadioGroup>
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="primary">
          Continue
        </button>
      </div>
    </form>
  );
}
