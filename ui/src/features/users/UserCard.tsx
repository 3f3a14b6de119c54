import { useEffect, useState } from "react";
import type { IpcError } from "../../ipc";
import type { User, UserId } from "../../ipc/comments-attachments";
import { userGet } from "../../ipc/comments-attachments";
import { ErrorAlert } from "../../components/ErrorAlert";
import { errorOf } from "../../components/errors";
import { Avatar } from "./Avatar";
import "./users.css";

/** How requests name this user: account id on Cloud, username on Data Center. */
export function userIdOf(user: User): UserId | null {
  if (user.accountId) return { kind: "accountId", value: user.accountId };
  if (user.name) return { kind: "name", value: user.name };
  return null;
}

/**
 * A user's card: name, avatar, email when their privacy settings show it, and groups when
 * Jira lets this account see them. Loads the full user by `id` (what search results and
 * issue fields carry is often less). Mount with `key={id.value}`.
 */
export function UserCard({ connection, id }: { connection: string; id: UserId }) {
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  // Mount with `key` per user: the state starts empty for each.
  const { kind, value } = id;
  useEffect(() => {
    let live = true;
    userGet(connection, { kind, value } as UserId)
      .then((u) => live && setUser(u))
      .catch((e: unknown) => live && setError(errorOf(e)));
    return () => {
      live = false;
    };
  }, [connection, kind, value]);

  if (error) return <ErrorAlert error={error} title={`Could not load ${id.value}.`} />;
  if (!user) return <p role="status">Loading {id.value}…</p>;
  const name = user.displayName || user.name || id.value;
  const groups = user.groups?.items.map((g) => g.name).filter(Boolean) ?? [];
  return (
    <article className="user-card" aria-label={`User ${name}`}>
      <Avatar connection={connection} user={user} size={48} />
      <div>
        <h3>{name}</h3>
        <dl className="facts">
          {user.name && user.name !== name && (
            <>
              <dt>Username</dt>
              <dd>{user.name}</dd>
            </>
          )}
          <dt>Email</dt>
          <dd>{user.emailAddress || <span className="muted">Hidden</span>}</dd>
          <dt>Status</dt>
          <dd>{user.active ? "Active" : "Inactive"}</dd>
          {user.timeZone && (
            <>
              <dt>Time zone</dt>
              <dd>{user.timeZone}</dd>
            </>
          )}
          {user.groups && (
            <>
              <dt>Groups</dt>
              <dd>
                {groups.length > 0
                  ? groups.join(", ")
                  : `${user.groups.size} (names not shown to this account)`}
              </dd>
            </>
          )}
        </dl>
      </div>
    </article>
  );
}
