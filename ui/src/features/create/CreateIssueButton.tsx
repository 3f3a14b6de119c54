import { useEffect, useState } from "react";
import { CreateIssueDialog } from "./CreateIssueDialog";

/** Whether a key press is typing into a control (where `c` is a letter, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The "Create issue" button and Jira's `c` shortcut, both opening `CreateIssueDialog` in
 * `project` (the one being browsed, if any). `onCreated` gets the new key (to open it).
 */
export function CreateIssueButton({
  connection,
  project,
  onCreated,
}: {
  connection: string;
  project?: string | null;
  onCreated: (key: string) => void;
}) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "c" || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      // Another dialog owns the keyboard while it is open.
      if (document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button type="button" className="primary" aria-keyshortcuts="c" onClick={() => setOpen(true)}>
        Create issue
      </button>
      {open && (
        <CreateIssueDialog
          connection={connection}
          project={project}
          onClose={() => setOpen(false)}
          onCreated={(key) => {
            setOpen(false);
            onCreated(key);
          }}
        />
      )}
    </>
  );
}
