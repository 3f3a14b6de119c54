import { describe, expect, it } from "vitest";
import { describeSchedule, relativeTime, scheduleForm, scheduleFrom } from "./schedule";

describe("schedules in plain words", () => {
  it("describes each kind", () => {
    expect(describeSchedule({ kind: "every", minutes: 1 })).toBe("Every minute");
    expect(describeSchedule({ kind: "every", minutes: 15 })).toBe("Every 15 minutes");
    expect(describeSchedule({ kind: "daily", at: "08:30", timeZone: "Europe/Paris" })).toBe(
      "Daily at 08:30 (Europe/Paris)",
    );
    expect(
      describeSchedule({ kind: "weekly", weekday: "mon", at: "09:00", timeZone: "UTC" }),
    ).toBe("Mondays at 09:00 (UTC)");
  });

  it("round-trips through the form and refuses what cannot run", () => {
    const weekly = { kind: "weekly", weekday: "fri", at: "17:45", timeZone: "America/New_York" } as const;
    expect(scheduleFrom(scheduleForm(weekly))).toEqual(weekly);
    expect(scheduleFrom(scheduleForm({ kind: "every", minutes: 30 }))).toEqual({
      kind: "every",
      minutes: 30,
    });
    const form = scheduleForm();
    expect(form.kind).toBe("weekly");
    expect(form.weekday).toBe("mon");
    expect(form.at).toBe("09:00");
    expect(scheduleFrom({ ...form, kind: "every", minutes: "0" })).toMatch(/whole number from 1/);
    expect(scheduleFrom({ ...form, kind: "every", minutes: "2.5" })).toMatch(/whole number/);
    expect(scheduleFrom({ ...form, at: "25:00" })).toMatch(/HH:MM/);
  });

  it("says when, relative to now", () => {
    const now = 1_000_000_000_000;
    expect(relativeTime(now + 5 * 60_000, now)).toBe("in 5 min");
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe("3 h ago");
    expect(relativeTime(now - 10_000, now)).toBe("just now");
  });
});
