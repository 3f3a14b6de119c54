//! Stricter than the documents: the system fields inside an issue's `fields`.
//!
//! Both documents leave `IssueBean.fields` free-form, so an operation schema says nothing
//! about `status`, `assignee` or `comment` inside an issue — the part of a response Jiffy
//! reads most. Jira gives each system field a fixed shape, which the same documents describe
//! as components (the ones the field's own endpoints return); this module checks each field
//! present against that component. Unset fields are `null`, as Jira sends them. Custom fields
//! and rich-text fields (`description`, `environment`: a string in v2, ADF in v3) are not
//! checked here.

use serde_json::{json, Value};

use super::openapi::{Spec, Which};

/// How one system field's value is shaped.
#[derive(Clone, Copy)]
enum Shape {
    /// One component.
    One(&'static str),
    /// An array of a component.
    Many(&'static str),
    /// An array of strings (`labels`).
    Strings,
    /// A string.
    Text,
    /// A `date-time` string (Jira's form, see exceptions.rs).
    DateTime,
    /// A `date` string.
    Date,
}

use Shape::*;

const CLOUD: &[(&str, Shape)] = &[
    ("summary", Text),
    ("status", One("StatusDetails")),
    ("priority", One("Priority")),
    ("issuetype", One("IssueTypeDetails")),
    ("project", One("ProjectDetails")),
    ("assignee", One("UserDetails")),
    ("reporter", One("UserDetails")),
    ("creator", One("UserDetails")),
    ("resolution", One("Resolution")),
    ("parent", One("LinkedIssue")),
    ("subtasks", Many("LinkedIssue")),
    ("comment", One("PageOfComments")),
    ("attachment", Many("Attachment")),
    ("issuelinks", Many("IssueLink")),
    ("fixVersions", Many("Version")),
    ("versions", Many("Version")),
    ("components", Many("ProjectComponent")),
    ("watches", One("Watchers")),
    ("votes", One("Votes")),
    ("timetracking", One("TimeTrackingDetails")),
    ("worklog", One("PageOfWorklogs")),
    ("labels", Strings),
    ("created", DateTime),
    ("updated", DateTime),
    ("resolutiondate", DateTime),
    ("lastViewed", DateTime),
    ("duedate", Date),
];

const DATA_CENTER: &[(&str, Shape)] = &[
    ("summary", Text),
    ("status", One("StatusJsonBean")),
    ("priority", One("PriorityJsonBean")),
    ("issuetype", One("IssueTypeJsonBean")),
    ("project", One("ProjectJsonBean")),
    ("assignee", One("UserJsonBean")),
    ("reporter", One("UserJsonBean")),
    ("creator", One("UserJsonBean")),
    ("resolution", One("ResolutionJsonBean")),
    ("comment", One("CommentsWithPaginationJsonBean")),
    ("attachment", Many("AttachmentJsonBean")),
    ("fixVersions", Many("VersionBean")),
    ("versions", Many("VersionBean")),
    ("components", Many("ComponentBean")),
    ("worklog", One("WorklogWithPaginationBean")),
    ("labels", Strings),
    ("created", DateTime),
    ("updated", DateTime),
    ("resolutiondate", DateTime),
    ("lastViewed", DateTime),
    ("duedate", Date),
];

/// Checks the system fields of the issue(s) in a response body: the body itself when it is
/// an issue (`key` + `fields`), and each element of its `issues` array (search, bulk fetch).
pub fn check(spec: &Spec, body: &Value) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    let issues = body.get("issues").and_then(Value::as_array);
    for issue in std::iter::once(body).chain(issues.into_iter().flatten()) {
        if let (Some(key), Some(fields)) = (
            issue.get("key").and_then(Value::as_str),
            issue.get("fields").and_then(Value::as_object),
        ) {
            for (name, value) in fields {
                let Some(schema) = schema_for(spec.which(), name) else {
                    continue;
                };
                let what = format!("issue {key} field {name}");
                if let Err(found) = spec.validate_schema(&what, &schema, value) {
                    errors.extend(found);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The schema (OpenAPI dialect, nullable) of a system field, if it is one we know.
fn schema_for(which: Which, field: &str) -> Option<Value> {
    let table = match which {
        Which::CloudV3 => CLOUD,
        Which::DataCenter => DATA_CENTER,
    };
    let shape = table.iter().find(|(name, _)| *name == field)?.1;
    let component = |name: &str| json!({ "$ref": format!("#/components/schemas/{name}") });
    Some(match shape {
        One(name) => json!({ "nullable": true, "allOf": [component(name)] }),
        Many(name) => json!({ "nullable": true, "type": "array", "items": component(name) }),
        Strings => json!({ "type": "array", "items": { "type": "string" } }),
        Text => json!({ "type": "string" }),
        DateTime => json!({ "nullable": true, "type": "string", "format": "date-time" }),
        Date => json!({ "nullable": true, "type": "string", "format": "date" }),
    })
}
