//! Jira's date formats.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::OffsetDateTime;

const JIRA: &[FormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3][offset_hour sign:mandatory][offset_minute]"
);

/// Unix ms -> `2024-01-15T10:30:00.000+0000` (Jira's timestamp format).
pub fn jira(ms: i64) -> String {
    to_odt(ms).format(JIRA).unwrap_or_default()
}

pub fn to_odt(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `yyyy-MM-ddTHH:mmZ`, the format of Cloud's `X-RateLimit-Reset`.
pub fn rate_limit_reset(t: OffsetDateTime) -> String {
    let f = format_description!("[year]-[month]-[day]T[hour]:[minute]Z");
    t.format(f).unwrap_or_default()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}
