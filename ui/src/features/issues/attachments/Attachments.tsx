import { useEffect, useRef, useState } from "react";
import type { IpcError } from "../../../ipc";
import type { AttachmentView } from "../../../ipc/comments-attachments";
import {
  attachmentDelete,
  attachmentDownload,
  attachmentOpen,
  attachmentUpload,
  chooseFilesToAttach,
  chooseSavePath,
  onFileDrag,
} from "../../../ipc/comments-attachments";
import { Dialog } from "../../../components/Dialog";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { errorOf } from "../../../components/errors";
import { useCommand } from "../../../components/useCommand";
import { formatDate, formatSize } from "../format";
import { Thumbnail } from "./Thumbnail";
import "./attachments.css";

/** One file being uploaded, and how it went. */
type Upload = { id: number; name: string; state: "uploading" | "done" | "failed"; error?: string };

/** The last part of a path, on any OS. */
function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/**
 * An issue's attachments: previews of images (fetched through Rust), download to a chosen
 * path, delete after a confirmation, and upload through the file dialog or by dropping files
 * on the drop zone — one progress line per file.
 */
export function Attachments({
  connection,
  issueKey,
  attachments,
  onChanged,
}: {
  connection: string;
  issueKey: string;
  /** The attachments the issue view listed. */
  attachments: AttachmentView[];
  /** Called after an upload or delete changed the list (e.g. to refresh the issue). */
  onChanged?: (attachments: AttachmentView[]) => void;
}) {
  const [list, setList] = useState(attachments);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [deleting, setDeleting] = useState<AttachmentView | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const zone = useRef<HTMLDivElement>(null);
  const nextUpload = useRef(0);

  // Tells the owner after an upload or delete (not for the list it passed in).
  const edited = useRef(false);
  const notify = useRef(onChanged);
  useEffect(() => {
    notify.current = onChanged;
  });
  useEffect(() => {
    if (edited.current) notify.current?.(list);
  }, [list]);
  const changed = (update: (list: AttachmentView[]) => AttachmentView[]) => {
    edited.current = true;
    setList(update);
  };

  // Uploads one file after another: each line shows its own outcome.
  const upload = async (paths: string[]) => {
    for (const path of paths) {
      const id = nextUpload.current++;
      const name = baseName(path);
      setUploads((u) => [...u, { id, name, state: "uploading" }]);
      try {
        const created = await attachmentUpload(connection, issueKey, path);
        changed((l) => [...l, ...created]);
        setUploads((u) => u.map((x) => (x.id === id ? { ...x, state: "done" } : x)));
      } catch (e) {
        const message = errorOf(e).message;
        setUploads((u) => u.map((x) => (x.id === id ? { ...x, state: "failed", error: message } : x)));
      }
    }
  };
  const uploadRef = useRef(upload);
  useEffect(() => {
    uploadRef.current = upload;
  });

  // Files dropped on the window arrive as paths through Tauri; only drops on the zone count.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    const inZone = (x: number, y: number) => {
      const r = zone.current?.getBoundingClientRect();
      return !!r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
    };
    onFileDrag((drag) => {
      if (drag.type === "leave") setDragOver(false);
      else if (drag.type === "over") setDragOver(inZone(drag.x, drag.y));
      else {
        setDragOver(false);
        if (inZone(drag.x, drag.y) && drag.paths.length > 0) void uploadRef.current(drag.paths);
      }
    })
      .then((unlisten) => (live ? (stop = unlisten) : unlisten()))
      .catch(() => undefined);
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  const choose = async () => {
    setError(null);
    try {
      const paths = await chooseFilesToAttach();
      if (paths.length > 0) await upload(paths);
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const open = async (a: AttachmentView) => {
    setError(null);
    setSaved(null);
    try {
      await attachmentOpen(connection, a.id, a.filename);
      setSaved(`Opened ${a.filename}`);
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const download = async (a: AttachmentView) => {
    setError(null);
    setSaved(null);
    try {
      const path = await chooseSavePath(a.filename);
      if (!path) return;
      const bytes = await attachmentDownload(connection, a.id, path);
      setSaved(`Saved ${a.filename} (${formatSize(bytes)}) to ${path}`);
    } catch (e) {
      setError(errorOf(e));
    }
  };

  return (
    <section className="attachments-section" aria-labelledby={`attachments-${issueKey}`}>
      <h3 id={`attachments-${issueKey}`}>Attachments ({list.length})</h3>
      {list.length > 0 ? (
        <ul className="attachment-list" aria-label="Attachments">
          {list.map((a) => (
            <li key={a.id}>
              <Thumbnail connection={connection} attachment={a} />
              <span className="attachment-name">{a.filename}</span>
              <span className="muted">
                {formatSize(a.size)}, {a.mimeType}
                {a.author && `, ${a.author}`}, {formatDate(a.created)}
              </span>
              <span className="row-actions">
                <button
                  type="button"
                  className="small"
                  aria-label={`Open ${a.filename}`}
                  onClick={() => void open(a)}
                >
                  Open
                </button>
                <button
                  type="button"
                  className="small"
                  aria-label={`Download ${a.filename}`}
                  onClick={() => void download(a)}
                >
                  Download
                </button>
                <button
                  type="button"
                  className="small danger"
                  aria-label={`Delete ${a.filename}`}
                  onClick={() => setDeleting(a)}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No attachments.</p>
      )}
      {saved && (
        <p role="status" className="notice-ok">
          {saved}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
      <div
        ref={zone}
        role="region"
        aria-label={`Drop files here to attach them to ${issueKey}`}
        className={`drop-zone${dragOver ? " drop-zone-over" : ""}`}
      >
        <p>Drop files here to attach them to {issueKey}, or</p>
        <button type="button" onClick={() => void choose()}>
          Attach files…
        </button>
      </div>
      {uploads.length > 0 && (
        <ul className="upload-list" aria-label="Uploads" aria-live="polite">
          {uploads.map((u) => (
            <li key={u.id} className={u.state === "failed" ? "error" : undefined}>
              {u.name}:{" "}
              {u.state === "uploading"
                ? "uploading…"
                : u.state === "done"
                  ? "attached"
                  : `failed — ${u.error}`}
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <DeleteAttachment
          connection={connection}
          issueKey={issueKey}
          attachment={deleting}
          onDone={(deleted) => {
            if (deleted) changed((l) => l.filter((a) => a.id !== deleting.id));
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}

function DeleteAttachment({
  connection,
  issueKey,
  attachment,
  onDone,
}: {
  connection: string;
  issueKey: string;
  attachment: AttachmentView;
  onDone: (deleted: boolean) => void;
}) {
  const { busy, error, run } = useCommand();
  return (
    <Dialog title={`Delete ${attachment.filename}?`} onClose={() => onDone(false)}>
      <p>
        {attachment.filename} ({formatSize(attachment.size)}) will be removed from {issueKey} for
        everyone. This cannot be undone.
      </p>
      {error && <ErrorAlert error={error} title="Could not delete the attachment." />}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () => {
            const done = await run(async () => {
              await attachmentDelete(connection, attachment.id);
              return true;
            });
            if (done) onDone(true);
          }}
        >
          Delete attachment
        </button>
        <button type="button" onClick={() => onDone(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
