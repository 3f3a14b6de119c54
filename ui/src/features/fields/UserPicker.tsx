import { useEffect, useId, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import type { User } from "../../ipc/issue-actions";
import { usersAssignable, usersSearch } from "../../ipc/issue-actions";
import { errorOf } from "../../components/errors";
import { rememberUser, userLabel } from "./model";

/** How long typing pauses before a search is sent (Jira's own pickers wait about as long). */
const SEARCH_DELAY_MS = 250;

/** The id requests take for a user: account id on Cloud, username on Data Center. */
export function idOfUser(user: User): string {
  return user.accountId ?? user.name ?? "";
}

/**
 * A user search box (ARIA combobox with a listbox of matches). With `issueKey` it offers the
 * users who may be assigned that issue, else any user. Typed text is passed up as it is typed
 * (a username works on Data Center without choosing); choosing a match passes up its id.
 */
export function UserSearchBox({
  id,
  label,
  connection,
  issueKey,
  text,
  onText,
  onChoose,
  describedBy,
  invalid,
  required,
  disabled,
}: {
  id: string;
  /** The accessible name (the visible label's text). */
  label: string;
  connection: string;
  issueKey?: string;
  text: string;
  onText: (text: string) => void;
  onChoose: (user: User) => void;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  disabled?: boolean;
}) {
  const listId = useId();
  const [matches, setMatches] = useState<User[] | null>(null);
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useState<string | null>(null);
  const searchRun = useRef(0);

  useEffect(() => {
    if (query === null) return;
    const run = ++searchRun.current;
    const timer = window.setTimeout(() => {
      const search = issueKey
        ? usersAssignable(connection, issueKey, query)
        : usersSearch(connection, query);
      search
        .then((users) => {
          if (run !== searchRun.current) return;
          users.forEach((u) => rememberUser(idOfUser(u), u.displayName));
          setMatches(users.filter((u) => idOfUser(u) !== ""));
          setActive(0);
          setProblem(null);
        })
        .catch((e: unknown) => {
          if (run !== searchRun.current) return;
          setMatches(null);
          setProblem(`Could not search users: ${errorOf(e).message}`);
        });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [query, connection, issueKey]);

  const choose = (user: User) => {
    searchRun.current++;
    setMatches(null);
    setQuery(null);
    onChoose(user);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!matches || matches.length === 0) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter") {
      const user = matches[active];
      if (user) {
        e.preventDefault();
        choose(user);
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      setMatches(null);
    }
  };

  const open = matches !== null;
  return (
    <div className="user-picker">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches.length > 0 ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search people"
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          setQuery(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label={`${label} matches`} hidden={!open}>
        {open && matches.length === 0 && (
          <div role="option" aria-selected={false} aria-disabled="true" className="muted">
            No one matches.
          </div>
        )}
        {matches?.map((u, i) => (
          // Keys reach the options through the combobox (aria-activedescendant).
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <div
            key={idOfUser(u)}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(u)}
          >
            {u.displayName}
            {u.emailAddress && <span className="muted"> {u.emailAddress}</span>}
          </div>
        ))}
      </div>
      {problem && (
        <p role="status" className="hint">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A single-user field: the search box shows the chosen person's name. */
export function UserPicker(props: {
  id: string;
  label: string;
  connection: string;
  issueKey?: string;
  value: string;
  onChange: (id: string) => void;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  disabled?: boolean;
}) {
  const { value, onChange, ...rest } = props;
  // What the box shows: the chosen person's name, or the text being typed.
  const [text, setText] = useState(() => userLabel(value));
  return (
    <UserSearchBox
      {...rest}
      text={text}
      onText={(t) => {
        setText(t);
        onChange(t.trim());
      }}
      onChoose={(u) => {
        setText(u.displayName);
        onChange(idOfUser(u));
      }}
    />
  );
}
