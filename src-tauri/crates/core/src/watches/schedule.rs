//! When a watch runs next: every N minutes, or daily/weekly at a local time in a time zone.
//! Time-zone arithmetic is jiff's (IANA database, DST-correct).

use super::{Schedule, Weekday};
use crate::error::{Error, Result};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The longest "every N minutes": a week.
pub const MAX_EVERY_MINUTES: u32 = 7 * 24 * 60;

/// The first time strictly after `after_ms` (ms since 1970) at which `schedule` fires.
///
/// A daily or weekly time that does not exist that day (skipped by a spring-forward DST
/// change, e.g. 02:30 in Europe/Paris on the last Sunday of March) fires at the same offset
/// after the gap (03:30); a time that happens twice (autumn) fires the first time.
///
/// Errors: [`Error::InvalidInput`] for a malformed time, an unknown time zone or minutes out
/// of 1..=10080.
pub fn next_run_at(schedule: &Schedule, after_ms: u64) -> Result<u64> {
    match schedule {
        Schedule::Every { minutes } => {
            check_minutes(*minutes)?;
            Ok(after_ms.saturating_add(u64::from(*minutes) * 60_000))
        }
        Schedule::Daily { at, time_zone } => {
            next_at(after_ms, parse_at(at)?, &zone(time_zone.as_deref())?, None)
        }
        Schedule::Weekly {
            weekday,
            at,
            time_zone,
        } => next_at(
            after_ms,
            parse_at(at)?,
            &zone(time_zone.as_deref())?,
            Some(*weekday),
        ),
    }
}

/// Checks a schedule without computing anything else.
///
/// Errors: as [`next_run_at`].
pub(super) fn validate(schedule: &Schedule) -> Result<()> {
    next_run_at(schedule, 0).map(|_| ())
}

fn check_minutes(minutes: u32) -> Result<()> {
    if (1..=MAX_EVERY_MINUTES).contains(&minutes) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "A watch runs every 1 to {MAX_EVERY_MINUTES} minutes (a week), not {minutes}."
        )))
    }
}

/// "HH:MM" (24 h; "9:05" accepted) as a time of day.
///
/// Errors: [`Error::InvalidInput`] naming the expected form.
pub(super) fn parse_at(at: &str) -> Result<Time> {
    let bad = || {
        Error::InvalidInput(format!(
            "\"{at}\" is not a time of day: use HH:MM, e.g. 09:00 or 17:30."
        ))
    };
    let (h, m) = at.trim().split_once(':').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(bad());
    }
    let hour: i8 = h.parse().map_err(|_| bad())?;
    let minute: i8 = m.parse().map_err(|_| bad())?;
    Time::new(hour, minute, 0, 0).map_err(|_| bad())
}

/// The named IANA zone, or the system's zone for `None`.
///
/// Errors: [`Error::InvalidInput`] for a name the time zone database does not know.
pub(super) fn zone(name: Option<&str>) -> Result<TimeZone> {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => Ok(TimeZone::system()),
        Some(name) => TimeZone::get(name).map_err(|_| {
            Error::InvalidInput(format!(
                "\"{name}\" is not a known time zone: use an IANA name such as Europe/Paris."
            ))
        }),
    }
}

/// The first `at` (on `weekday`, when given) strictly after `after_ms` in `tz`.
fn next_at(after_ms: u64, at: Time, tz: &TimeZone, weekday: Option<Weekday>) -> Result<u64> {
    let out_of_range = || Error::InvalidInput("the time is out of range".into());
    let after = Timestamp::from_millisecond(i64::try_from(after_ms).map_err(|_| out_of_range())?)
        .map_err(|_| out_of_range())?;
    let mut day: Date = after.to_zoned_datetime(tz.clone()).date();
    // Eight days always reach the next matching weekday after today's time has passed.
    for _ in 0..=8 {
        if weekday.is_none_or(|w| day.weekday() == jiff_weekday(w)) {
            // `to_zoned_datetime` resolves gaps and folds "compatibly" (see the doc above).
            let when = DateTime::from_parts(day, at)
                .to_zoned_datetime(tz.clone())
                .map_err(|_| out_of_range())?
                .timestamp();
            if when > after {
                return u64::try_from(when.as_millisecond()).map_err(|_| out_of_range());
            }
        }
        day = day.tomorrow().map_err(|_| out_of_range())?;
    }
    Err(out_of_range())
}

fn jiff_weekday(w: Weekday) -> jiff::civil::Weekday {
    use jiff::civil::Weekday as J;
    match w {
        Weekday::Mon => J::Monday,
        Weekday::Tue => J::Tuesday,
        Weekday::Wed => J::Wednesday,
        Weekday::Thu => J::Thursday,
        Weekday::Fri => J::Friday,
        Weekday::Sat => J::Saturday,
        Weekday::Sun => J::Sunday,
    }
}

/// `"mon"`..`"sun"` (any case, full names too) as a weekday.
///
/// Errors: [`Error::InvalidInput`].
pub fn parse_weekday(text: &str) -> Result<Weekday> {
    let lower = text.trim().to_lowercase();
    let day = match lower.get(..3).unwrap_or("") {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => {
            return Err(Error::InvalidInput(format!(
                "\"{text}\" is not a day of the week: use mon, tue, wed, thu, fri, sat or sun."
            )))
        }
    };
    Ok(day)
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
