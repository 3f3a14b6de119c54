import { useEffect, useState } from "react";
import type { AttachmentView } from "../../../ipc/comments-attachments";
import { attachmentThumbnail } from "../../../ipc/comments-attachments";

const IMAGE_NAME = /\.(png|gif|jpe?g|webp|bmp)$/i;

/** Whether Rust may have a preview for it (it checks the bytes; this only saves requests). */
export function mayPreview(a: AttachmentView): boolean {
  return (a.mimeType.startsWith("image/") || IMAGE_NAME.test(a.filename)) && a.size <= 5 * 1024 * 1024;
}

/**
 * A small preview of an image attachment, as a `data:` URL Rust fetched (the webview cannot
 * reach Jira); nothing for other files or when the preview fails.
 */
export function Thumbnail({
  connection,
  attachment,
}: {
  connection: string;
  attachment: AttachmentView;
}) {
  const [src, setSrc] = useState<string | null>(null);
  const wanted = mayPreview(attachment);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    attachmentThumbnail(connection, attachment.id)
      .then((url) => live && setSrc(url))
      // A missing preview is not worth an error: the file is still listed and downloadable.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [connection, attachment.id, wanted]);
  if (!src) return <span className="thumbnail thumbnail-none" aria-hidden="true" />;
  return <img className="thumbnail" src={src} alt={`Preview of ${attachment.filename}`} />;
}
