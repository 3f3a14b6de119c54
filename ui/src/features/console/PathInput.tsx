import { useId, useState } from "react";
import type { KeyboardEvent } from "react";
import { completions } from "./endpoints";

/**
 * The path box: a combobox completing common REST resources (↑/↓ to move, Enter to take
 * one, Esc to close). Hand-written because WebKitGTK's `<datalist>` support is uneven.
 */
export function PathInput({
  id,
  value,
  onChange,
  onEnter,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter with no suggestion highlighted (sends the request). */
  onEnter: () => void;
}) {
  const listId = useId();
  const hintId = `${id}-hint`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const items = open ? completions(value).filter((c) => c !== value) : [];
  const shown = items.length > 0;

  const take = (item: string) => {
    onChange(item);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, completions(value).length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const item = items[active];
      if (shown && item !== undefined) take(item);
      else {
        setOpen(false);
        onEnter();
      }
    }
  };

  return (
    <div className="field path-field">
      <label htmlFor={id}>Path</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={hintId}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label="Endpoints" className="path-suggestions" hidden={!shown}>
        {items.map((item, i) => (
          <div
            key={item}
            id={`${listId}-${i}`}
            role="option"
            // Focus stays in the input (aria-activedescendant); -1 keeps options out of Tab.
            tabIndex={-1}
            aria-selected={i === active}
            // Before the input's blur, so the click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              take(item);
            }}
          >
            {item}
          </div>
        ))}
      </div>
      <p id={hintId} className="hint">
        A REST resource such as <code>myself</code> (sent to /rest/api/2 or 3) or a path from the
        site&apos;s root such as <code>/rest/agile/1.0/board</code>.
      </p>
    </div>
  );
}
