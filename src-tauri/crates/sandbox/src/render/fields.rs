//! The field catalogue (`GET /field`, `names`, `schema`, create/edit meta) and custom values.

use serde_json::{json, Value};

use super::Ctx;
use crate::model::{CustomField, CustomKind};
use crate::store::Store;

/// (id, name, schema type, items, navigable/orderable)
const SYSTEM: &[(&str, &str, &str, Option<&str>, bool)] = &[
    ("summary", "Summary", "string", None, true),
    ("description", "Description", "string", None, true),
    ("issuetype", "Issue Type", "issuetype", None, true),
    ("project", "Project", "project", None, true),
    ("status", "Status", "status", None, true),
    ("priority", "Priority", "priority", None, true),
    ("assignee", "Assignee", "user", None, true),
    ("reporter", "Reporter", "user", None, true),
    ("creator", "Creator", "user", None, true),
    ("labels", "Labels", "array", Some("string"), true),
    ("resolution", "Resolution", "resolution", None, true),
    ("resolutiondate", "Resolved", "datetime", None, true),
    ("created", "Created", "datetime", None, true),
    ("updated", "Updated", "datetime", None, true),
    ("duedate", "Due date", "date", None, true),
    ("parent", "Parent", "issuelink", None, true),
    ("subtasks", "Sub-tasks", "array", Some("issuelinks"), true),
    (
        "issuelinks",
        "Linked Issues",
        "array",
        Some("issuelinks"),
        true,
    ),
    ("comment", "Comment", "comments-page", None, false),
    (
        "attachment",
        "Attachment",
        "array",
        Some("attachment"),
        false,
    ),
];

/// Every system field id (what `*all` expands to, before custom fields).
pub fn system_ids() -> impl Iterator<Item = &'static str> {
    SYSTEM.iter().map(|f| f.0)
}

/// Fields that `*navigable` leaves out.
pub fn is_navigable(id: &str) -> bool {
    SYSTEM
        .iter()
        .find(|f| f.0 == id)
        .map(|f| f.4)
        .unwrap_or(true)
}

pub fn custom_plugin(kind: CustomKind) -> (&'static str, &'static str, Option<&'static str>) {
    match kind {
        CustomKind::Number => (
            "com.atlassian.jira.plugin.system.customfieldtypes:float",
            "number",
            None,
        ),
        CustomKind::Select => (
            "com.atlassian.jira.plugin.system.customfieldtypes:select",
            "option",
            None,
        ),
        CustomKind::MultiSelect => (
            "com.atlassian.jira.plugin.system.customfieldtypes:multiselect",
            "array",
            Some("option"),
        ),
        CustomKind::UserPicker => (
            "com.atlassian.jira.plugin.system.customfieldtypes:userpicker",
            "user",
            None,
        ),
        CustomKind::Date => (
            "com.atlassian.jira.plugin.system.customfieldtypes:datepicker",
            "date",
            None,
        ),
        CustomKind::Labels => (
            "com.atlassian.jira.plugin.system.customfieldtypes:labels",
            "array",
            Some("string"),
        ),
        CustomKind::TextArea => (
            "com.atlassian.jira.plugin.system.customfieldtypes:textarea",
            "string",
            None,
        ),
    }
}

fn custom_num(id: &str) -> i64 {
    id.trim_start_matches("customfield_").parse().unwrap_or(0)
}

/// The `schema` object (JsonTypeBean) of a field id.
pub fn schema(store: &Store, id: &str) -> Option<Value> {
    if let Some((fid, _, ty, items, _)) = SYSTEM.iter().find(|f| f.0 == id) {
        let mut v = json!({ "type": ty, "system": fid });
        if let Some(i) = items {
            v["items"] = json!(i);
        }
        return Some(v);
    }
    let cf = store.custom_field(id)?;
    let (plugin, ty, items) = custom_plugin(cf.kind);
    let mut v = json!({ "type": ty, "custom": plugin, "customId": custom_num(&cf.id) });
    if let Some(i) = items {
        v["items"] = json!(i);
    }
    Some(v)
}

/// The display name of a field id.
pub fn name(store: &Store, id: &str) -> Option<String> {
    SYSTEM
        .iter()
        .find(|f| f.0 == id)
        .map(|f| f.1.to_string())
        .or_else(|| store.custom_field(id).map(|c| c.name.clone()))
}

/// `GET /field`: FieldDetails for every field.
pub fn all(store: &Store) -> Vec<Value> {
    let mut v: Vec<Value> = SYSTEM
        .iter()
        .map(|(id, name, _, _, nav)| {
            json!({
                "id": id, "key": id, "name": name, "custom": false, "orderable": nav,
                "navigable": nav, "searchable": nav, "clauseNames": [id],
                "schema": schema(store, id),
            })
        })
        .collect();
    for cf in &store.custom_fields {
        v.push(json!({
            "id": cf.id, "key": cf.id, "name": cf.name, "custom": true, "orderable": true,
            "navigable": true, "searchable": true,
            "clauseNames": [format!("cf[{}]", custom_num(&cf.id)), cf.name.clone()],
            "schema": schema(store, &cf.id),
        }));
    }
    v
}

/// Option id of the idx-th option of a select field.
pub fn option_id(cf: &CustomField, idx: usize) -> String {
    (custom_num(&cf.id) * 100 + idx as i64).to_string()
}

pub fn option(ctx: &Ctx, cf: &CustomField, value: &str) -> Value {
    let idx = cf.options.iter().position(|o| o == value).unwrap_or(0);
    let id = option_id(cf, idx);
    json!({ "self": format!("{}/customFieldOption/{id}", ctx.rest()), "value": value, "id": id })
}

/// A stored custom value rendered the way Jira returns it.
pub fn custom_value(ctx: &Ctx, store: &Store, cf: &CustomField, v: &Value) -> Value {
    match cf.kind {
        CustomKind::Number | CustomKind::Date | CustomKind::Labels => v.clone(),
        CustomKind::Select => v
            .as_str()
            .map(|s| option(ctx, cf, s))
            .unwrap_or(Value::Null),
        CustomKind::MultiSelect => json!(v
            .as_array()
            .map(|a| a
                .iter()
                .filter_map(Value::as_str)
                .map(|s| option(ctx, cf, s))
                .collect::<Vec<_>>())
            .unwrap_or_default()),
        CustomKind::UserPicker => super::user_or_null(ctx, store, v.as_str()),
        CustomKind::TextArea => match v.as_str() {
            Some(t) if ctx.v3() => super::adf::from_text(t),
            Some(t) => json!(t),
            None => Value::Null,
        },
    }
}

/// `allowedValues` for create/edit meta, when the field has a fixed set.
pub fn allowed_values(ctx: &Ctx, cf: &CustomField) -> Option<Value> {
    matches!(cf.kind, CustomKind::Select | CustomKind::MultiSelect).then(|| {
        json!(cf
            .options
            .iter()
            .map(|o| option(ctx, cf, o))
            .collect::<Vec<_>>())
    })
}
