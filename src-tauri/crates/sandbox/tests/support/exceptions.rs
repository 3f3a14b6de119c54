//! Every place where the validator departs from the letter of Atlassian's documents, and why.
//!
//! Rule: a departure is only made where the document is wrong or too loose for what a real
//! Jira sends (with the evidence named); never to make a sandbox response pass.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
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
    path.strip_prefix("/rest/api/2/")
        .map(|rest| format!("/rest/api/3/{rest}"))
}

/// Data Center `/rest/api/latest/...` paths are validated as `/rest/api/2/...`.
///
/// Why: Jira DC resolves `latest` to the current REST version, 2 (JIRA-API-NOTES §6:
/// "`latest` also resolves"); the document only lists `/api/2`.
pub fn dc_latest_as_2(path: &str) -> Option<String> {
    path.strip_prefix("/rest/api/latest/")
        .map(|rest| format!("/rest/api/2/{rest}"))
}

/// Statuses accepted where the document omits them; the body must still be an
/// `ErrorCollection`.
///
/// Why: 401 comes from Jira's authentication filter in front of every REST resource, so it
/// can answer any operation; both documents list it for most operations but not all.
/// Cloud's `/rest/api/{2,3}/search` was retired (CHANGE-2046) and has answered **410 Gone**
/// with an ErrorCollection since August 2025, while the document still lists 200/400/401.
pub fn undocumented_status_allowed(which: Which, template: &str, status: u16) -> bool {
    status == 401 || (which == Which::CloudV3 && template == "/rest/api/3/search" && status == 410)
}

/// `format: date-time`, as Jira writes it.
///
/// Why: both documents say `date-time` (RFC 3339), but Jira serialises timestamps as
/// `2021-01-17T12:34:00.000+0000` — no colon in the offset — which RFC 3339 rejects (the
/// documents' own examples use that form; the DC example of `lastLoginTime` also omits the
/// milliseconds). We accept exactly that form and RFC 3339; anything else still fails.
pub fn jira_date_time(text: &str) -> bool {
    const DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]T");
    const TIME: &[BorrowedFormatItem<'static>] =
        format_description!("[hour]:[minute]:[second][optional [.[subsecond digits:3]]]");
    const OFFSET: &[BorrowedFormatItem<'static>] =
        format_description!("[offset_hour sign:mandatory][offset_minute]");
    let jira = [
        BorrowedFormatItem::Compound(DATE),
        BorrowedFormatItem::Compound(TIME),
        BorrowedFormatItem::Compound(OFFSET),
    ];
    OffsetDateTime::parse(text, &Rfc3339).is_ok() || OffsetDateTime::parse(text, &jira[..]).is_ok()
}

/// `format: date` (`2024-05-31`). Draft 4 does not know it, so it is registered explicitly
/// (this makes validation stricter, not looser).
pub fn full_date(text: &str) -> bool {
    Date::parse(text, format_description!("[year]-[month]-[day]")).is_ok()
}

/// Data Center list operations that the document types with the *element* schema, while Jira
/// answers with a JSON array of it. Known defect of the DC document (JIRA-API-NOTES §8, from
/// zackbunch/jira-dc-mock-server `contracts/COMPATIBILITY.md`, names project, field,
/// issuetype, priority, status). The operations' own descriptions say so: "Returns a list of
/// all fields / issue types / priorities / statuses / resolutions / status categories",
/// "Returns a list of users that match" (assignable search; user search is the same
/// resource), "Get all issue types with statuses" (an array of IssueTypeWithStatusJsonBean),
/// and "Add one or more attachments" answers the list added (JIRA-API-NOTES §6.6: "200
/// array of attachment metadata").
const DC_ARRAYS: &[(&str, &str)] = &[
    ("get", "/api/2/project"),
    ("get", "/api/2/field"),
    ("get", "/api/2/issuetype"),
    ("get", "/api/2/priority"),
    ("get", "/api/2/status"),
    ("get", "/api/2/resolution"),
    ("get", "/api/2/statuscategory"),
    ("get", "/api/2/user/search"),
    ("get", "/api/2/user/assignable/search"),
    ("get", "/api/2/project/{projectIdOrKey}/statuses"),
    ("post", "/api/2/issue/{issueIdOrKey}/attachments"),
];

/// Data Center operations that answer a page `{startAt, maxResults, total, isLast, values}` of
/// the documented schema: the per-project createmeta endpoints of Jira 8.4+ (same source;
/// jira.js's server types model the page).
const DC_PAGES: &[(&str, &str)] = &[
    ("get", "/api/2/issue/createmeta/{projectIdOrKey}/issuetypes"),
    (
        "get",
        "/api/2/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}",
    ),
];

/// The schema a successful answer really has, given the documented one (see [`DC_ARRAYS`],
/// [`DC_PAGES`]). The documented schema is kept whole inside the correction: every element
/// is still validated against it.
pub fn actual_schema(
    which: Which,
    method: &str,
    template: &str,
    status: u16,
    documented: &Value,
) -> Value {
    let operation = (method.to_lowercase(), template);
    let listed = |list: &[(&str, &str)]| {
        which == Which::DataCenter
            && (200..300).contains(&status)
            && list
                .iter()
                .any(|(m, t)| operation.0 == *m && operation.1 == *t)
    };
    if listed(DC_ARRAYS) {
        json!({ "type": "array", "items": documented })
    } else if listed(DC_PAGES) {
        json!({
            "type": "object",
            "required": ["startAt", "maxResults", "total", "isLast", "values"],
            "properties": {
                "startAt": { "type": "integer" },
                "maxResults": { "type": "integer" },
                "total": { "type": "integer" },
                "isLast": { "type": "boolean" },
                "values": { "type": "array", "items": documented }
            }
        })
    } else {
        documented.clone()
    }
}

/// One correction of a document: the schema at `pointer` is replaced by `schema`.
struct Patch {
    which: Which,
    pointer: &'static str,
    schema: fn() -> Value,
    /// Why the document is wrong here, with the evidence.
    why: &'static str,
}

/// A field of a Jira issue, in whatever shape that field has (see `issue_fields.rs`, which
/// checks the system fields against their components).
fn any_field() -> Value {
    json!({})
}

/// One entry of DC's `visibleFieldNames`, as the DC document's own example shows it (the
/// same shape as Cloud's `FieldReferenceData`, whose booleans are the strings "true"/"false").
fn dc_jql_field() -> Value {
    let flag = json!({ "type": "string", "enum": ["true", "false"] });
    json!({ "type": "object", "required": ["value", "displayName"], "properties": {
        "value": { "type": "string" },
        "displayName": { "type": "string" },
        "auto": flag, "orderable": flag, "searchable": flag,
        "cfid": { "type": "string" },
        "operators": { "type": "array", "items": { "type": "string" } },
        "types": { "type": "array", "items": { "type": "string" } }
    } })
}

/// One entry of DC's `visibleFunctionNames` (Cloud's `FunctionReferenceData`).
fn dc_jql_function() -> Value {
    json!({ "type": "object", "required": ["value", "displayName"], "properties": {
        "value": { "type": "string" },
        "displayName": { "type": "string" },
        "isList": { "type": "string", "enum": ["true", "false"] },
        "types": { "type": "array", "items": { "type": "string" } }
    } })
}

/// The documents' known errors, each proven by what Jira itself documents or sends.
const PATCHES: &[Patch] = &[
    Patch {
        which: Which::DataCenter,
        pointer: "/components/schemas/IssueBean/properties/fields/additionalProperties",
        schema: any_field,
        why: "The DC document types every value of an issue's `fields` as an object; Jira \
              sends each field in its own shape (`summary` a string, `labels` an array of \
              strings, unset fields null), as the document's own IssueBean example shows. \
              Known defect (JIRA-API-NOTES §8).",
    },
    Patch {
        which: Which::DataCenter,
        pointer: "/components/schemas/IssueBean/properties/renderedFields/additionalProperties",
        schema: any_field,
        why: "Same defect for `renderedFields`: rendered values are HTML strings (or null, or \
              the rendered comment page); Cloud's document leaves them unconstrained.",
    },
    Patch {
        which: Which::DataCenter,
        pointer: "/components/schemas/IssueUpdateBean/properties/fields/additionalProperties",
        schema: any_field,
        why: "Same defect on the request side: create/edit take `\"summary\": \"text\"`, \
              `\"labels\": [..]` (Atlassian's DC REST examples for POST /issue); the Cloud \
              document has no such constraint.",
    },
    Patch {
        which: Which::DataCenter,
        pointer: "/components/schemas/AutoCompleteResponseBean/properties/visibleFieldNames/items",
        schema: dc_jql_field,
        why: "Typed as strings, but the document's own example (and Jira) has objects \
              {value, displayName, auto, orderable, searchable, operators, types}.",
    },
    Patch {
        which: Which::DataCenter,
        pointer:
            "/components/schemas/AutoCompleteResponseBean/properties/visibleFunctionNames/items",
        schema: dc_jql_function,
        why: "Typed as strings, but Jira sends objects {value, displayName, isList, types}, \
              as Cloud's document describes the same resource (FunctionReferenceData).",
    },
];

/// Applies the [`PATCHES`] of `which` to the document. Fails when a patched location no
/// longer exists, so that a newer document is looked at again rather than patched blindly.
pub fn patch(which: Which, doc: &mut Value) -> Result<(), String> {
    for patch in PATCHES.iter().filter(|p| p.which == which) {
        let Some(target) = doc.pointer_mut(patch.pointer) else {
            return Err(format!(
                "{} is gone from the document; review this patch: {}",
                patch.pointer, patch.why
            ));
        };
        *target = (patch.schema)();
    }
    Ok(())
}
