import { useState } from "react";
import type { User } from "../../ipc/comments-attachments";
import { Dialog } from "../../components/Dialog";
import { UserCard, userIdOf } from "./UserCard";

/**
 * A "Show <name>" button for a user named on an issue (assignee, reporter) that opens their
 * [`UserCard`] in a dialog. Nothing is shown for a user Jira gives no id for (anonymous,
 * deleted), since the card could not be loaded.
 */
export function ShowUser({ connection, user }: { connection: string; user: User | null }) {
  const [open, setOpen] = useState(false);
  const id = user ? userIdOf(user) : null;
  if (!user || !id) return null;
  const name = user.displayName || id.value;
  return (
    <>
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Show {name}
      </button>
      {open && (
        <Dialog title={name} onClose={() => setOpen(false)}>
          <UserCard key={id.value} connection={connection} id={id} />
          <div className="inline">
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
