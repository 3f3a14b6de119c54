import { useState } from "react";
import { WatchForm } from "./WatchForm";

/**
 * "Watch this search": turns the query on screen into a watch (the form opens with the
 * connection and JQL filled in; a weekly check on Monday at 09:00 unless changed).
 */
export function WatchThisSearch({ connection, jql }: { connection: string; jql: string }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={jql.trim() === ""}
        onClick={() => {
          setSaved(null);
          setOpen(true);
        }}
      >
        Watch this search
      </button>
      {saved && (
        <span role="status" className="muted">
          Watching “{saved}”. See Settings → Watches.
        </span>
      )}
      {open && (
        <WatchForm
          preset={{ connection, jql }}
          onClose={() => setOpen(false)}
          onSaved={(w) => {
            setOpen(false);
            setSaved(w.name);
          }}
        />
      )}
    </>
  );
}
