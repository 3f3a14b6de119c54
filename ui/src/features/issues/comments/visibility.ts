import type { Visibility, VisibilityOptions } from "../../../ipc/comments-attachments";

/** The select's value for "everyone". */
export const EVERYONE = "";

/** One choice of the "Visible to" select. */
export type VisibilityChoice = { value: string; label: string };

/** The select's value for a restriction: `role:Developers`, `group:jira-users`. */
export function visibilityValue(visibility: Visibility | null): string {
  return visibility ? `${visibility.type}:${visibility.value}` : EVERYONE;
}

/** The restriction a select value stands for (`null`: everyone). */
export function visibilityOf(value: string): Visibility | null {
  const colon = value.indexOf(":");
  if (colon < 0) return null;
  const type = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if ((type !== "role" && type !== "group") || !name) return null;
  return { type, value: name };
}

/** Words for a restriction, e.g. "Developers (role)". */
export function visibilityLabel(visibility: Visibility): string {
  return `${visibility.value} (${visibility.type})`;
}

/**
 * The select's choices: everyone, the project's roles, the user's groups — and the comment's
 * current restriction even when the lists do not name it, so editing never drops it silently.
 */
export function visibilityChoices(
  options: VisibilityOptions,
  current: Visibility | null,
): VisibilityChoice[] {
  const choices: VisibilityChoice[] = [{ value: EVERYONE, label: "Everyone" }];
  const add = (visibility: Visibility) => {
    const value = visibilityValue(visibility);
    if (!choices.some((c) => c.value === value))
      choices.push({ value, label: visibilityLabel(visibility) });
  };
  options.roles.forEach((value) => add({ type: "role", value }));
  options.groups.forEach((value) => add({ type: "group", value }));
  if (current) add(current);
  return choices;
}
