import { useEffect, useState } from "react";
import type { Project } from "../../ipc/issues";
import { avatarGet } from "../../ipc/avatars";
import { avatarUrl } from "../users/Avatar";

/** The letter shown while a project's avatar loads, or instead of one that cannot be had. */
export function projectLetter(project: Pick<Project, "name" | "key">): string {
  const first = Array.from(project.name.trim() || project.key.trim())[0];
  return first ? first.toLocaleUpperCase() : "?";
}

/**
 * A project's avatar, fetched by Rust as a `data:` URL (the webview has no credentials and
 * its CSP allows no remote images). Its first letter while loading and when there is no
 * image (an avatar off the site, an SVG, an error). Decorative: the project's name is next
 * to it, so the image has `alt=""` and the letter is hidden from screen readers.
 */
export function ProjectAvatar({
  connection,
  project,
  size = 20,
}: {
  connection: string;
  project: Project;
  size?: number;
}) {
  const url = avatarUrl(project, size);
  const [src, setSrc] = useState<{ url: string; data: string } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    avatarGet(connection, url)
      .then((data) => live && setSrc({ url, data }))
      // The letter is the fallback; a missing avatar is not an error worth showing.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [connection, url]);
  const style = { width: size, height: size };
  if (src && src.url === url) {
    return (
      <img
        className="project-avatar"
        src={src.data}
        alt=""
        width={size}
        height={size}
        onError={() => setSrc(null)}
      />
    );
  }
  return (
    <span
      className="project-avatar project-avatar-letter"
      aria-hidden="true"
      style={{ ...style, fontSize: Math.round(size * 0.6) }}
    >
      {projectLetter(project)}
    </span>
  );
}
