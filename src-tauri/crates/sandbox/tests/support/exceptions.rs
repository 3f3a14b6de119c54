//! Every place where the validator departs from the letter of Atlassian's documents, and why.
//!
//! Rule: a departure is only made where the document is wrong or too loose for what a real
//! Jira sends (with the evidence named); never to make a sandbox response pass.

use jsonschema::ValidationError;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::openapi::Which;

/// Cloud REST v2 paths are validated against the v3 operation of the same path.
///
/// Why: the Cloud document we have describes only `/rest/api/3`; Atlassian publishes v2 as a
/// separate document with the same operations and schemas, differing only where v3 takes
/// Atlassian Document Format (description, environment, comment bodies, text areas), and
/// those are free-form (`{}` or `fields: additionalProperties`) in the v3 schemas anyway.
pub fn cloud_v2_as_v3(path: &str) -> Option<String> {
    path.strip_prefix("/rest/api/2/").map(|rest| format!("/rest/api/3/{rest}"))
}

/// Statuses accepted on any operation even where the document omits them; their body must
/// still be an `ErrorCollection`.
///
/// Why: 401 comes from Jira's authentication filter in front of every REST resource, so it
/// can answer any operation; both documents list it for most operations but not all.
pub fn undocumented_status_allowed(status: u16) -> bool {
    status == 401
}

/// `format: date-time`, as Jira writes it.
///
/// Why: both documents say `date-time` (RFC 3339), but Jira serialises timestamps as
/// `2021-01-17T12:34:00.000+0000` — no colon in the offset — which RFC 3339 rejects (the
/// documents' own examples use that form; the DC example of `lastLoginTime` also omits the
/// milliseconds). We accept exactly that form and RFC 3339; anything else still fails.
pub fn jira_date_time(text: &str) -> bool {
    let jira = format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond digits:3]]][offset_hour sign:mandatory][offset_minute]"
    );
    OffsetDateTime::parse(text, &Rfc3339).is_ok() || OffsetDateTime::parse(text, jira).is_ok()
}

/// `format: date` (`2024-05-31`). Draft 4 does not know it, so it is registered explicitly
/// (this makes validation stricter, not looser).
pub fn full_date(text: &str) -> bool {
    Date::parse(text, format_description!("[year]-[month]-[day]")).is_ok()
}

/// One validation error that the document gets wrong.
struct Known {
    which: Which,
    /// Suffix of the failing keyword's location in the document, e.g.
    /// `/components/schemas/Foo/properties/bar/type`.
    keyword_location: &'static str,
    /// Why the document is wrong here, with the evidence.
    why: &'static str,
}

/// The documents' known errors. Empty until one is proven against a real Jira's behaviour.
const KNOWN: &[Known] = &[];

/// Whether `error` is one of the [`KNOWN`] errors of the `which` document.
pub fn ignored(which: Which, error: &ValidationError<'_>) -> bool {
    let Some(location) = error.absolute_keyword_location() else {
        return false;
    };
    let fragment = location.fragment().map(|f| f.as_str()).unwrap_or_default();
    KNOWN
        .iter()
        .any(|known| known.which == which && fragment.ends_with(known.keyword_location))
}
