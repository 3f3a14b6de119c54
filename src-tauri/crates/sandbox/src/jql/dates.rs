//! Date operands: absolute dates, relative periods (`-5d`, `4w 2d`) and the date functions
//! (`now()`, `startOfDay(-1d)`, ...), resolved against [`super::EvalContext::now`].

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// A signed calendar period: months and years move the calendar, the rest are fixed lengths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Period {
    pub months: i64,
    pub minutes: i64,
}

impl Period {
    fn apply(self, at: OffsetDateTime) -> OffsetDateTime {
        let moved = add_months(at, self.months);
        moved
            .checked_add(Duration::minutes(self.minutes))
            .unwrap_or(moved)
    }
}

/// The date functions of this subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateFn {
    Now,
    StartOfDay,
    EndOfDay,
    StartOfWeek,
    EndOfWeek,
    StartOfMonth,
    EndOfMonth,
    StartOfYear,
    EndOfYear,
}

impl DateFn {
    pub fn lookup(name: &str) -> Option<DateFn> {
        Some(match name.to_ascii_lowercase().as_str() {
            "now" => DateFn::Now,
            "startofday" => DateFn::StartOfDay,
            "endofday" => DateFn::EndOfDay,
            "startofweek" => DateFn::StartOfWeek,
            "endofweek" => DateFn::EndOfWeek,
            "startofmonth" => DateFn::StartOfMonth,
            "endofmonth" => DateFn::EndOfMonth,
            "startofyear" => DateFn::StartOfYear,
            "endofyear" => DateFn::EndOfYear,
            _ => return None,
        })
    }

    /// Jira's spelling, for messages and autocomplete.
    pub fn name(self) -> &'static str {
        match self {
            DateFn::Now => "now",
            DateFn::StartOfDay => "startOfDay",
            DateFn::EndOfDay => "endOfDay",
            DateFn::StartOfWeek => "startOfWeek",
            DateFn::EndOfWeek => "endOfWeek",
            DateFn::StartOfMonth => "startOfMonth",
            DateFn::EndOfMonth => "endOfMonth",
            DateFn::StartOfYear => "startOfYear",
            DateFn::EndOfYear => "endOfYear",
        }
    }

    pub const ALL: [DateFn; 9] = [
        DateFn::Now,
        DateFn::StartOfDay,
        DateFn::EndOfDay,
        DateFn::StartOfWeek,
        DateFn::EndOfWeek,
        DateFn::StartOfMonth,
        DateFn::EndOfMonth,
        DateFn::StartOfYear,
        DateFn::EndOfYear,
    ];

    /// The unit a bare number argument counts in (`startOfMonth(-1)` is a month back).
    fn default_unit(self) -> char {
        match self {
            DateFn::StartOfWeek | DateFn::EndOfWeek => 'w',
            DateFn::StartOfMonth | DateFn::EndOfMonth => 'M',
            DateFn::StartOfYear | DateFn::EndOfYear => 'y',
            _ => 'd',
        }
    }
}

/// A date operand, kept unresolved so "now" is the evaluation's, not the parse's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateSpec {
    /// A wall-clock time in the zone of `now`.
    Absolute(PrimitiveDateTime),
    /// Milliseconds since the epoch (Jira accepts a bare long).
    EpochMillis(i64),
    /// Now plus a period.
    Relative(Period),
    /// A function with its offset.
    Function(DateFn, Period),
}

/// Jira's message for a value that is no date; date-only fields (due) list no times.
pub(crate) fn invalid_date(value: &str, field: &str, date_only: bool) -> String {
    let formats = if date_only {
        "'YYYY/MM/DD', 'YYYY-MM-DD'"
    } else {
        "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'"
    };
    format!(
        "Date value '{value}' for field '{field}' is invalid. Valid formats include: {formats}, \
         or a period format e.g. '-5d', '4w 2d'."
    )
}

/// Parses a literal: `2024-01-31`, `2024/01/31 14:00` (not for `date_only` fields), `-5d`,
/// `4w 2d`, or epoch millis.
pub(crate) fn parse_literal(text: &str, date_only: bool) -> Option<DateSpec> {
    let text = text.trim();
    if let Some(abs) = parse_absolute(text) {
        let has_time = text.contains(' ');
        return (!has_time || !date_only).then_some(DateSpec::Absolute(abs));
    }
    if !text.is_empty() && text.len() > 4 && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().map(DateSpec::EpochMillis);
    }
    parse_period(text, None).map(DateSpec::Relative)
}

fn parse_absolute(text: &str) -> Option<PrimitiveDateTime> {
    let (date_part, time_part) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let sep = if date_part.contains('-') { '-' } else { '/' };
    let mut parts = date_part.split(sep);
    let year: i32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: u8 = small_number(parts.next()?)?;
    let day: u8 = small_number(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    let time = match time_part {
        None => Time::MIDNIGHT,
        Some(t) => {
            let (h, m) = t.split_once(':')?;
            Time::from_hms(small_number(h)?, small_number(m)?, 0).ok()?
        }
    };
    Some(PrimitiveDateTime::new(date, time))
}

fn small_number(text: &str) -> Option<u8> {
    if text.is_empty() || text.len() > 2 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Parses `-4w 2d`, `1h`, `+3M`; a leading sign applies to the whole period. With
/// `default_unit`, a bare number (`-1`) counts in that unit.
pub(crate) fn parse_period(text: &str, default_unit: Option<char>) -> Option<Period> {
    let text = text.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut period = Period::default();
    let mut any = false;
    for part in rest.split_whitespace() {
        let (digits, unit) = match part.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some((i, _)) => (&part[..i], part[i..].chars().collect::<Vec<_>>()),
            None => (part, default_unit.into_iter().collect()),
        };
        let [unit] = unit.as_slice() else { return None };
        let n: i64 = digits.parse().ok().filter(|n| *n <= 1_000_000)?;
        let (months, minutes) = match unit {
            'y' | 'Y' => (12 * n, 0),
            'M' => (n, 0),
            'w' | 'W' => (0, 7 * 24 * 60 * n),
            'd' | 'D' => (0, 24 * 60 * n),
            'h' | 'H' => (0, 60 * n),
            'm' => (0, n),
            _ => return None,
        };
        // Bounded so no sum of parts can overflow a time::Duration.
        period.months = period
            .months
            .checked_add(months)
            .filter(|m| m.abs() < 1 << 32)?;
        period.minutes = period
            .minutes
            .checked_add(minutes)
            .filter(|m| m.abs() < 1 << 40)?;
        any = true;
    }
    any.then_some(Period {
        months: sign * period.months,
        minutes: sign * period.minutes,
    })
}

/// Parses a function's optional offset argument (`"-1d"`, `"1"`).
pub(crate) fn parse_offset(function: DateFn, argument: &str) -> Option<Period> {
    parse_period(argument, Some(function.default_unit()))
}

/// Jira's message for a bad offset argument.
pub(crate) fn invalid_offset(function: DateFn) -> String {
    format!(
        "Duration for function '{}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month \
         earlier.",
        function.name()
    )
}

/// Resolves a date operand at `now` (absolute dates are read in `now`'s zone).
pub(crate) fn resolve(spec: DateSpec, now: OffsetDateTime) -> OffsetDateTime {
    match spec {
        DateSpec::Absolute(at) => at.assume_offset(now.offset()),
        DateSpec::EpochMillis(ms) => {
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
                .map(|t| t.to_offset(now.offset()))
                .unwrap_or(now)
        }
        DateSpec::Relative(period) => period.apply(now),
        // "End of last month" is the last day of that month, not today's day number.
        DateSpec::Function(DateFn::EndOfMonth, offset) => {
            let first = add_months(function_value(DateFn::StartOfMonth, now), offset.months);
            let last = first.month().length(first.year());
            let end = end_of(first.date().replace_day(last).unwrap_or(first.date()), now);
            Period {
                months: 0,
                minutes: offset.minutes,
            }
            .apply(end)
        }
        DateSpec::Function(function, offset) => offset.apply(function_value(function, now)),
    }
}

fn end_of(day: Date, at: OffsetDateTime) -> OffsetDateTime {
    let end = Time::from_hms_milli(23, 59, 59, 999).unwrap_or(Time::MIDNIGHT);
    at.replace_date(day).replace_time(end)
}

fn function_value(function: DateFn, now: OffsetDateTime) -> OffsetDateTime {
    let today = now.date();
    let start = |day: Date| now.replace_date(day).replace_time(Time::MIDNIGHT);
    // Jira's default (English) locale starts the week on Sunday.
    let sunday = today - Duration::days(i64::from(today.weekday().number_days_from_sunday()));
    let first_of_month = today.replace_day(1).unwrap_or(today);
    let last_of_month = first_of_month
        .replace_day(today.month().length(today.year()))
        .unwrap_or(today);
    let jan_first = first_of_month
        .replace_month(Month::January)
        .unwrap_or(first_of_month);
    let dec_last = Date::from_calendar_date(today.year(), Month::December, 31).unwrap_or(today);
    match function {
        DateFn::Now => now,
        DateFn::StartOfDay => start(today),
        DateFn::EndOfDay => end_of(today, now),
        DateFn::StartOfWeek => start(sunday),
        DateFn::EndOfWeek => end_of(sunday + Duration::days(6), now),
        DateFn::StartOfMonth => start(first_of_month),
        DateFn::EndOfMonth => end_of(last_of_month, now),
        DateFn::StartOfYear => start(jan_first),
        DateFn::EndOfYear => end_of(dec_last, now),
    }
}

/// Moves by whole months, clamping the day (Jan 31 + 1 month = Feb 28/29).
fn add_months(at: OffsetDateTime, months: i64) -> OffsetDateTime {
    if months == 0 {
        return at;
    }
    let index = i64::from(at.year()) * 12 + i64::from(u8::from(at.month())) - 1 + months;
    let (Ok(year), Ok(month)) = (
        i32::try_from(index.div_euclid(12)),
        u8::try_from(index.rem_euclid(12) + 1),
    ) else {
        return at;
    };
    let Ok(month) = Month::try_from(month) else {
        return at;
    };
    let day = at.day().min(month.length(year));
    match Date::from_calendar_date(year, month, day) {
        Ok(date) => at.replace_date(date),
        Err(_) => at,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::{parse_literal, parse_offset, resolve, DateFn, DateSpec};

    /// A Thursday afternoon.
    const NOW: time::OffsetDateTime = datetime!(2026-09-24 15:30 UTC);

    fn function(f: DateFn, offset: &str) -> time::OffsetDateTime {
        let period = if offset.is_empty() {
            super::Period::default()
        } else {
            parse_offset(f, offset).unwrap_or_else(|| panic!("offset {offset}"))
        };
        resolve(DateSpec::Function(f, period), NOW)
    }

    #[test]
    fn functions_at_a_fixed_now() {
        let cases = [
            (DateFn::Now, "", datetime!(2026-09-24 15:30 UTC)),
            (DateFn::StartOfDay, "", datetime!(2026-09-24 0:00 UTC)),
            (DateFn::StartOfDay, "-1d", datetime!(2026-09-23 0:00 UTC)),
            (DateFn::StartOfDay, "1", datetime!(2026-09-25 0:00 UTC)),
            (DateFn::EndOfDay, "", datetime!(2026-09-24 23:59:59.999 UTC)),
            (DateFn::StartOfWeek, "", datetime!(2026-09-20 0:00 UTC)),
            (DateFn::StartOfWeek, "-1", datetime!(2026-09-13 0:00 UTC)),
            (
                DateFn::EndOfWeek,
                "",
                datetime!(2026-09-26 23:59:59.999 UTC),
            ),
            (DateFn::StartOfMonth, "", datetime!(2026-09-01 0:00 UTC)),
            (DateFn::StartOfMonth, "-1M", datetime!(2026-08-01 0:00 UTC)),
            (DateFn::StartOfMonth, "+14d", datetime!(2026-09-15 0:00 UTC)),
            (
                DateFn::EndOfMonth,
                "",
                datetime!(2026-09-30 23:59:59.999 UTC),
            ),
            (
                DateFn::EndOfMonth,
                "-1",
                datetime!(2026-08-31 23:59:59.999 UTC),
            ),
            (
                DateFn::EndOfMonth,
                "-7M",
                datetime!(2026-02-28 23:59:59.999 UTC),
            ),
            (DateFn::StartOfYear, "", datetime!(2026-01-01 0:00 UTC)),
            (DateFn::StartOfYear, "1", datetime!(2027-01-01 0:00 UTC)),
            (
                DateFn::EndOfYear,
                "-1y",
                datetime!(2025-12-31 23:59:59.999 UTC),
            ),
        ];
        for (f, offset, expected) in cases {
            assert_eq!(function(f, offset), expected, "{}({offset})", f.name());
        }
    }

    #[test]
    fn literals_absolute_relative_and_epoch() {
        let at = |text: &str| parse_literal(text, false).map(|spec| resolve(spec, NOW));
        assert_eq!(at("2024-01-31"), Some(datetime!(2024-01-31 0:00 UTC)));
        assert_eq!(at("2024/1/5 14:07"), Some(datetime!(2024-01-05 14:07 UTC)));
        assert_eq!(at("-1d 2h"), Some(datetime!(2026-09-23 13:30 UTC)));
        assert_eq!(at("-5m"), Some(datetime!(2026-09-24 15:25 UTC)));
        assert_eq!(at("1w"), Some(datetime!(2026-10-01 15:30 UTC)));
        assert_eq!(at("+2M"), Some(datetime!(2026-11-24 15:30 UTC)));
        assert_eq!(
            at("1242604510000"),
            Some(datetime!(2009-05-17 23:55:10 UTC))
        );
        for bad in [
            "",
            "dd",
            "14/May/09",
            "09/1/1",
            "2010/02/35",
            "2009/05/14 bad",
            "5x",
            "-",
        ] {
            assert_eq!(at(bad), None, "{bad:?}");
        }
        assert!(
            parse_literal("2024-01-31 10:00", true).is_none(),
            "due dates take no time"
        );
        assert!(parse_literal("2024-01-31", true).is_some());
        // Absurd periods are refused rather than overflowing.
        assert_eq!(at(&"1000000w ".repeat(2000)), None);
    }
}
