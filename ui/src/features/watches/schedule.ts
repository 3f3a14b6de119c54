// Plain-language text for watch schedules and rules, and the form's model of a schedule.
import type { NotifyRule, Schedule, Weekday } from "../../ipc/watches";

export const WEEKDAYS: { id: Weekday; label: string; plural: string }[] = [
  { id: "mon", label: "Monday", plural: "Mondays" },
  { id: "tue", label: "Tuesday", plural: "Tuesdays" },
  { id: "wed", label: "Wednesday", plural: "Wednesdays" },
  { id: "thu", label: "Thursday", plural: "Thursdays" },
  { id: "fri", label: "Friday", plural: "Fridays" },
  { id: "sat", label: "Saturday", plural: "Saturdays" },
  { id: "sun", label: "Sunday", plural: "Sundays" },
];

export const RULES: { id: NotifyRule; label: string; short: string }[] = [
  { id: "new", label: "Only issues that newly match", short: "New matches" },
  {
    id: "changed",
    label: "New matches, and matches updated since the last check",
    short: "New or changed",
  },
  { id: "all", label: "Every match, at every check", short: "Every match" },
];

/** The system's time zone (what a schedule without one follows). */
export function systemTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every IANA time zone the webview knows, the system's first; a short list when it knows none. */
export function timeZones(): string[] {
  const system = systemTimeZone();
  let all: string[] = [];
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    all = intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    all = [];
  }
  if (all.length === 0) all = ["UTC", "Europe/London", "Europe/Paris", "America/New_York"];
  return [system, ...all.filter((z) => z !== system)];
}

/** "Every 15 minutes", "Daily at 09:00 (Europe/Paris)", "Mondays at 09:00 (UTC)". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "every":
      return schedule.minutes === 1 ? "Every minute" : `Every ${schedule.minutes} minutes`;
    case "daily":
      return `Daily at ${schedule.at} (${schedule.timeZone ?? systemTimeZone()})`;
    case "weekly": {
      const day = WEEKDAYS.find((d) => d.id === schedule.weekday)?.plural ?? schedule.weekday;
      return `${day} at ${schedule.at} (${schedule.timeZone ?? systemTimeZone()})`;
    }
  }
}

/** A rule's short name. */
export function describeRule(rule: NotifyRule): string {
  return RULES.find((r) => r.id === rule)?.short ?? rule;
}

/** What the schedule fields of the form hold (all kept, so switching kinds loses nothing). */
export type ScheduleForm = {
  kind: Schedule["kind"];
  minutes: string;
  at: string;
  weekday: Weekday;
  timeZone: string;
};

/** The form's fields for `schedule` (or the defaults: Mondays at 09:00, system zone). */
export function scheduleForm(schedule?: Schedule): ScheduleForm {
  const base: ScheduleForm = {
    kind: "weekly",
    minutes: "15",
    at: "09:00",
    weekday: "mon",
    timeZone: systemTimeZone(),
  };
  if (!schedule) return base;
  switch (schedule.kind) {
    case "every":
      return { ...base, kind: "every", minutes: String(schedule.minutes) };
    case "daily":
      return { ...base, kind: "daily", at: schedule.at, timeZone: schedule.timeZone ?? base.timeZone };
    case "weekly":
      return {
        ...base,
        kind: "weekly",
        at: schedule.at,
        weekday: schedule.weekday,
        timeZone: schedule.timeZone ?? base.timeZone,
      };
  }
}

/** The schedule the form describes, or a sentence saying what to fix. */
export function scheduleFrom(form: ScheduleForm): Schedule | string {
  switch (form.kind) {
    case "every": {
      const minutes = Number(form.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10080)
        return "Minutes between checks must be a whole number from 1 to 10080 (a week).";
      return { kind: "every", minutes };
    }
    case "daily":
    case "weekly": {
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(form.at)) return "Give the time as HH:MM, e.g. 09:00.";
      return form.kind === "daily"
        ? { kind: "daily", at: form.at, timeZone: form.timeZone }
        : { kind: "weekly", weekday: form.weekday, at: form.at, timeZone: form.timeZone };
    }
  }
}

/** "in 5 min", "3 h ago", or a date, for a time in ms since 1970 relative to `now`. */
export function relativeTime(ms: number, now: number = Date.now()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  const minute = 60_000;
  let text: string;
  if (abs < minute) return diff >= 0 ? "in under a minute" : "just now";
  if (abs < 60 * minute) text = `${Math.round(abs / minute)} min`;
  else if (abs < 24 * 60 * minute) text = `${Math.round(abs / (60 * minute))} h`;
  else return new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
