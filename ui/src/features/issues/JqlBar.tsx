import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { KeyboardEvent, RefObject } from "react";
import type { JqlAutocompleteData } from "../../ipc/issues";
import { jqlAutocomplete, jqlSuggest } from "../../ipc/issues";
import type { Suggestion } from "./jql-complete";
import { applySuggestion, completionAt, localSuggestions, plainLabel } from "./jql-complete";

/** Wait this long after the last key before asking Jira for values. */
const SUGGEST_DELAY_MS = 150;

/**
 * The JQL search bar: a combobox that completes field names and operators (from the server's
 * autocomplete data) and values (from Jira's suggestions), and a Search button. Arrow keys
 * choose a suggestion, Enter or Tab takes it, Escape closes the list; Enter without a chosen
 * suggestion searches.
 */
export function JqlBar({
  connection,
  value,
  onChange,
  onSearch,
  inputRef,
}: {
  connection: string;
  value: string;
  onChange: (jql: string) => void;
  onSearch: (jql: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const listId = useId();
  const [data, setData] = useState<JqlAutocompleteData | null>(null);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Values Jira suggested, for the field and prefix they were asked for.
  const [remote, setRemote] = useState<{ key: string; items: Suggestion[] } | null>(null);
  const requested = useRef(false);
  const pendingCaret = useRef<number | null>(null);

  const completion = open ? completionAt(value, caret) : null;
  const valueKey =
    completion?.kind === "value"
      ? `${completion.field}\n${completion.prefix.replace(/^"/, "")}`
      : null;
  const local = completion && data ? localSuggestions(completion, data) : [];
  const fromJira = remote && remote.key === valueKey ? remote.items : [];
  const suggestions = completion?.kind === "value" ? [...fromJira, ...local] : local;
  const expanded = open && suggestions.length > 0;

  useEffect(() => {
    if (valueKey === null) return;
    const [field = "", prefix = ""] = valueKey.split("\n");
    let current = true;
    const timer = setTimeout(() => {
      jqlSuggest(connection, field, prefix)
        .then((found) => {
          if (!current) return;
          const items = found.map((s) => ({ label: plainLabel(s.displayName), insert: s.value }));
          setRemote({ key: valueKey, items });
        })
        // Suggestions are a convenience: without them the bar still searches.
        .catch(() => undefined);
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [connection, valueKey]);

  // Puts the caret after an accepted suggestion once React has rendered the new text.
  useLayoutEffect(() => {
    if (pendingCaret.current !== null && inputRef.current) {
      inputRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const loadData = () => {
    if (requested.current) return;
    requested.current = true;
    jqlAutocomplete(connection)
      .then(setData)
      .catch(() => {
        requested.current = false;
      });
  };

  const accept = (s: Suggestion) => {
    if (!completion) return;
    const next = applySuggestion(value, caret, completion, s.insert);
    onChange(next.text);
    setCaret(next.caret);
    pendingCaret.current = next.caret;
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => Math.min(Math.max(a + step, 0), Math.max(suggestions.length - 1, 0)));
    } else if ((e.key === "Enter" || e.key === "Tab") && expanded && active >= 0) {
      const chosen = suggestions[active];
      if (chosen) {
        e.preventDefault();
        accept(chosen);
      }
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (e.key === "Enter") {
      setOpen(false);
    }
  };

  return (
    <form
      role="search"
      className="jql-bar"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(value.trim());
      }}
    >
      <label>
        JQL{" "}
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={value}
          spellCheck={false}
          autoComplete="off"
          placeholder="project = ABC ORDER BY updated DESC"
          onFocus={loadData}
          onBlur={() => setOpen(false)}
          onChange={(e) => {
            onChange(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
            setOpen(true);
            setActive(-1);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
        />
      </label>
      <div
        id={listId}
        role="listbox"
        aria-label="JQL suggestions"
        className="jql-suggestions"
        hidden={!expanded}
      >
        {expanded &&
          suggestions.map((s, i) => (
            // Keyboard use goes through the combobox (aria-activedescendant); the mouse
            // down is cancelled so the text box keeps the focus.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <div
              key={`${s.insert}\n${i}`}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => accept(s)}
            >
              {s.label}
            </div>
          ))}
      </div>
      <button type="submit" className="primary">
        Search
      </button>
    </form>
  );
}
