//! Schedules in real time zones, across DST changes.

use super::*;

fn ms(utc: &str) -> u64 {
    let t: Timestamp = utc.parse().unwrap_or_else(|e| panic!("{utc}: {e}"));
    u64::try_from(t.as_millisecond()).unwrap_or_else(|e| panic!("{utc}: {e}"))
}

fn daily(at: &str, tz: &str) -> Schedule {
    Schedule::Daily {
        at: at.into(),
        time_zone: Some(tz.into()),
    }
}

fn weekly(weekday: Weekday, at: &str, tz: &str) -> Schedule {
    Schedule::Weekly {
        weekday,
        at: at.into(),
        time_zone: Some(tz.into()),
    }
}

fn next(schedule: &Schedule, after: &str) -> u64 {
    next_run_at(schedule, ms(after)).unwrap_or_else(|e| panic!("{schedule:?}: {e}"))
}

#[test]
fn every_n_minutes_counts_from_the_last_run_within_bounds() {
    let t = ms("2026-11-26T04:00:00Z");
    assert_eq!(
        next_run_at(&Schedule::Every { minutes: 15 }, t).ok(),
        Some(t + 15 * 60_000)
    );
    assert_eq!(
        next_run_at(&Schedule::Every { minutes: 10080 }, t).ok(),
        Some(t + 7 * 24 * 3_600_000)
    );
    for minutes in [0, 10081] {
        let err = next_run_at(&Schedule::Every { minutes }, t).expect_err("out of range");
        assert!(err.to_string().contains("1 to 10080"), "{err}");
    }
}

#[test]
fn daily_is_local_time_on_both_sides_of_the_paris_dst_changes() {
    let nine = daily("09:00", "Europe/Paris");
    // Saturday 28 March 2026, 10:00 CET: past nine, so Sunday 09:00 CEST (UTC+2).
    assert_eq!(
        next(&nine, "2026-03-28T09:00:00Z"),
        ms("2026-03-29T07:00:00Z")
    );
    // Before nine the same day: today.
    assert_eq!(
        next(&nine, "2026-03-28T07:59:00Z"),
        ms("2026-03-28T08:00:00Z")
    );
    // Exactly at the firing time: strictly after, so tomorrow.
    assert_eq!(
        next(&nine, "2026-03-28T08:00:00Z"),
        ms("2026-03-29T07:00:00Z")
    );
    // Autumn: Sunday 25 October 2026 is back to CET (UTC+1).
    assert_eq!(
        next(&nine, "2026-10-24T12:00:00Z"),
        ms("2026-10-25T08:00:00Z")
    );
}

#[test]
fn weekly_monday_morning_in_paris_and_new_york_across_dst() {
    let paris = weekly(Weekday::Mon, "09:00", "Europe/Paris");
    // Wednesday 14 October (CEST) → Monday 19 October 09:00 CEST.
    assert_eq!(
        next(&paris, "2026-10-14T12:00:00Z"),
        ms("2026-10-19T07:00:00Z")
    );
    // Wednesday 21 October → Monday 26 October, after the change: 09:00 CET.
    assert_eq!(
        next(&paris, "2026-10-21T12:00:00Z"),
        ms("2026-10-26T08:00:00Z")
    );
    // On Monday after nine: next week.
    assert_eq!(
        next(&paris, "2026-10-26T08:00:01Z"),
        ms("2026-11-02T08:00:00Z")
    );
    let new_york = weekly(Weekday::Mon, "09:00", "America/New_York");
    // 8 March 2026 is New York's spring-forward Sunday: EST (UTC-5) before, EDT (UTC-4) after.
    assert_eq!(
        next(&new_york, "2026-03-03T12:00:00Z"),
        ms("2026-03-09T13:00:00Z")
    );
    assert_eq!(
        next(&new_york, "2026-02-24T12:00:00Z"),
        ms("2026-03-02T14:00:00Z")
    );
}

#[test]
fn a_time_skipped_by_spring_forward_fires_just_after_the_gap() {
    // 02:30 does not exist on 29 March 2026 in Paris (02:00 → 03:00): 03:30 CEST.
    assert_eq!(
        next(&daily("02:30", "Europe/Paris"), "2026-03-28T12:00:00Z"),
        ms("2026-03-29T01:30:00Z")
    );
    // Same in New York on Sunday 8 March 2026: 03:30 EDT.
    assert_eq!(
        next(
            &weekly(Weekday::Sun, "02:30", "America/New_York"),
            "2026-03-07T12:00:00Z"
        ),
        ms("2026-03-08T07:30:00Z")
    );
    // 01:30 happens twice on 1 November 2026 in New York: the first one (EDT) fires, once.
    let twice = daily("01:30", "America/New_York");
    let first = next(&twice, "2026-10-31T12:00:00Z");
    assert_eq!(first, ms("2026-11-01T05:30:00Z"));
    assert_eq!(
        next_run_at(&twice, first).ok(),
        Some(ms("2026-11-02T06:30:00Z"))
    );
}

#[test]
fn times_zones_and_weekdays_are_checked() {
    assert!(parse_at("9:05").is_ok());
    assert!(parse_at("23:59").is_ok());
    for bad in [
        "24:00", "12:60", "1200", "ab:cd", "12:5", "", "-1:00", "12:00:00",
    ] {
        let err = parse_at(bad).expect_err(bad);
        assert!(err.to_string().contains("HH:MM"), "{bad}: {err}");
    }
    let err = next_run_at(&daily("09:00", "Mars/Olympus"), 0).expect_err("unknown zone");
    assert!(err.to_string().contains("Mars/Olympus"), "{err}");
    // No zone: the system's, still a valid time.
    let local = Schedule::Daily {
        at: "09:00".into(),
        time_zone: None,
    };
    let after = ms("2026-06-01T00:00:00Z");
    let at = next_run_at(&local, after).unwrap_or_default();
    assert!(at > after && at <= after + 86_400_000, "{at}");
    assert_eq!(parse_weekday("Monday").ok(), Some(Weekday::Mon));
    assert_eq!(parse_weekday("sun").ok(), Some(Weekday::Sun));
    assert!(parse_weekday("mo").is_err());
}
