import { useEffect, useState } from "react";
import type { AvatarUrls } from "../../bindings/AvatarUrls";
import { userAvatar } from "../../ipc/comments-attachments";

/** What has avatars: a `User`, a `Project` (whose `name` is what the initials come from). */
export type Avatared = { avatarUrls?: AvatarUrls; displayName?: string; name?: string };

/** The avatar URL closest to `size` pixels (Jira's keys are "16x16" … "48x48"). */
export function avatarUrl(user: Avatared, size: number): string | null {
  const urls = user.avatarUrls;
  if (!urls) return null;
  const all = [urls["16x16"], urls["24x24"], urls["32x32"], urls["48x48"]];
  const sizes = [16, 24, 32, 48];
  const fit = sizes.findIndex((s, i) => s >= size && all[i]);
  if (fit >= 0) return all[fit] ?? null;
  return [...all].reverse().find(Boolean) ?? null;
}

/** Up to two initials of a name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");
}

/**
 * A user's avatar, fetched by Rust as a `data:` URL (the webview cannot reach Jira); their
 * initials while it loads or when there is none (e.g. Cloud's avatar CDN, which Rust does not
 * send credentials to).
 */
export function Avatar({
  connection,
  user,
  size,
}: {
  connection: string;
  user: Avatared;
  size: number;
}) {
  const url = avatarUrl(user, size);
  const [src, setSrc] = useState<{ url: string; data: string } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    userAvatar(connection, url)
      .then((data) => live && setSrc({ url, data }))
      // Initials are the fallback; a missing avatar is not an error worth showing.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [connection, url]);
  const style = { width: size, height: size };
  if (src && src.url === url)
    return <img className="avatar" src={src.data} alt="" style={style} />;
  return (
    <span className="avatar avatar-initials" aria-hidden="true" style={style}>
      {initials(user.displayName || user.name || "?")}
    </span>
  );
}
