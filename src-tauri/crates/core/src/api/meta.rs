//! Create and edit metadata: which fields an issue form shows, which are required, their
//! allowed values and defaults (`FieldMetadata` / `FieldCreateMetadata` on Cloud,
//! `FieldMetaBean` on DC). Responses come from `GET /issue/{key}/editmeta`,
//! `GET /issue/createmeta/{project}/issuetypes[/{id}]`, and transitions' screen fields.

use super::fields::{FieldKind, FieldSchema};
use super::issue_types::IssueType;
use super::serde_util::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use ts_rs::TS;

/// What a form needs to know about one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldMeta {
    /// Field id in createmeta's field list (`fieldId`); editmeta keys fields by id instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field_id: Option<String>,
    /// Field key (Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Whether a value is required.
    #[serde(default)]
    pub required: bool,
    /// Data type.
    #[serde(default)]
    pub schema: FieldSchema,
    /// Operations the update API accepts for it: `set`, `add`, `remove`, `edit`, `copy`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub operations: Vec<String>,
    /// The values to choose from (options, versions, components, priorities, …), as Jira
    /// sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub allowed_values: Option<Vec<Value>>,
    /// Where to fetch suggestions (user pickers, labels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub auto_complete_url: Option<String>,
    /// Whether a default exists.
    #[serde(default)]
    pub has_default_value: bool,
    /// The default, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub default_value: Option<Value>,
}

/// One entry of `allowedValues`, reduced to what a picker shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AllowedValue {
    /// The id to send back (`{"id": …}`).
    pub id: String,
    /// The text to show: an option's `value`, anything else's `name`.
    pub label: String,
    /// Icon (priorities, issue types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub icon_url: Option<String>,
    /// Disabled options and archived versions are shown but not offered.
    #[serde(default)]
    pub disabled: bool,
}

impl FieldMeta {
    /// The widget family for this field.
    pub fn kind(&self) -> FieldKind {
        self.schema.kind()
    }

    /// Whether the field can be changed (editmeta lists some fields with no operation).
    pub fn is_editable(&self) -> bool {
        self.operations
            .iter()
            .any(|op| op == "set" || op == "add" || op == "edit")
    }

    /// The allowed values as picker entries; entries without an id are skipped.
    pub fn options(&self) -> Vec<AllowedValue> {
        self.allowed_values
            .iter()
            .flatten()
            .filter_map(allowed_value)
            .collect()
    }
}

fn allowed_value(value: &Value) -> Option<AllowedValue> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let id = match value.get("id")? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let label = text("value")
        .or_else(|| text("name"))
        .unwrap_or_else(|| id.clone());
    let flag = |key: &str| value.get(key).and_then(Value::as_bool).unwrap_or(false);
    Some(AllowedValue {
        id,
        label,
        icon_url: text("iconUrl"),
        disabled: flag("disabled") || flag("archived"),
    })
}

/// A field ready for a form: [`FieldMeta`] with its id, widget family and picker entries
/// worked out, so the UI renders it without re-deriving Jira's schema rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormField {
    /// Field id, e.g. `summary`, `customfield_10010`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Whether a value is required.
    pub required: bool,
    /// Whether it can be changed.
    pub editable: bool,
    /// The widget family.
    pub kind: FieldKind,
    /// Picker entries (empty when the field has no fixed list).
    pub options: Vec<AllowedValue>,
    /// Where to fetch suggestions (user pickers, labels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub auto_complete_url: Option<String>,
    /// The default value, as Jira sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub default_value: Option<Value>,
    /// Whether it is a custom field.
    pub custom: bool,
}

impl FieldMeta {
    /// The form view of this field; `id` is the editmeta key (createmeta carries `fieldId`).
    pub fn form_field(&self, id: &str) -> FormField {
        let id = self
            .field_id
            .as_deref()
            .filter(|f| !f.is_empty())
            .unwrap_or(id);
        FormField {
            id: id.to_owned(),
            name: if self.name.is_empty() {
                id.to_owned()
            } else {
                self.name.clone()
            },
            required: self.required,
            // createmeta lists only settable fields, but some omit `operations`.
            editable: self.is_editable() || self.operations.is_empty() && self.required,
            kind: self.kind(),
            options: self.options(),
            auto_complete_url: self.auto_complete_url.clone(),
            default_value: self
                .default_value
                .clone()
                .filter(|_| self.has_default_value),
            custom: self.schema.custom.is_some() || id.starts_with("customfield_"),
        }
    }
}

/// Orders form fields as forms show them: required first, read-only last, summary and
/// description leading, the rest by name.
pub fn sort_form_fields(fields: &mut [FormField]) {
    let rank = |f: &FormField| match f.id.as_str() {
        "summary" => 0,
        "description" => 1,
        _ => 2,
    };
    fields.sort_by(|a, b| {
        let key = |f: &FormField| (!f.required, !f.editable, rank(f), f.name.to_lowercase());
        key(a).cmp(&key(b))
    });
}

/// `GET /issue/{key}/editmeta` (`IssueUpdateMetadata` / DC `EditMetaBean`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EditMeta {
    /// Editable fields by id.
    #[serde(default, deserialize_with = "null_as_default")]
    pub fields: BTreeMap<String, FieldMeta>,
}

impl EditMeta {
    /// The form fields, sorted for display.
    pub fn form_fields(&self) -> Vec<FormField> {
        let mut fields: Vec<FormField> = self
            .fields
            .iter()
            .map(|(id, meta)| meta.form_field(id))
            .collect();
        sort_form_fields(&mut fields);
        fields
    }
}

/// A page of issue types from `GET /issue/createmeta/{project}/issuetypes`. Cloud's example
/// answers name the list `issueTypes`, its schema `createMetaIssueType`, DC uses `values`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CreateMetaIssueTypes {
    /// Index of the first entry.
    #[serde(default)]
    #[ts(type = "number")]
    pub start_at: u64,
    /// Page size.
    #[serde(default)]
    #[ts(type = "number")]
    pub max_results: u64,
    /// Total, when given.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// DC: whether this is the last page.
    #[serde(default)]
    pub is_last: Option<bool>,
    /// The issue types.
    #[serde(
        default,
        alias = "values",
        alias = "createMetaIssueType",
        deserialize_with = "null_as_default"
    )]
    pub issue_types: Vec<IssueType>,
}

/// A page of fields from `GET /issue/createmeta/{project}/issuetypes/{id}` (Cloud `fields`
/// or `results`, DC `values`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CreateMetaFields {
    /// Index of the first entry.
    #[serde(default)]
    #[ts(type = "number")]
    pub start_at: u64,
    /// Page size.
    #[serde(default)]
    #[ts(type = "number")]
    pub max_results: u64,
    /// Total, when given.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// DC: whether this is the last page.
    #[serde(default)]
    pub is_last: Option<bool>,
    /// The fields, each with its `fieldId`.
    #[serde(
        default,
        alias = "values",
        alias = "results",
        deserialize_with = "null_as_default"
    )]
    pub fields: Vec<FieldMeta>,
}

impl CreateMetaFields {
    /// `startAt` of the next page, `None` after the last.
    pub fn next_start_at(&self) -> Option<u64> {
        let next = self.start_at.saturating_add(self.fields.len() as u64);
        let more = match (self.is_last, self.total) {
            (Some(last), _) => !last,
            (None, Some(total)) => next < total,
            (None, None) => false,
        };
        (more && !self.fields.is_empty()).then_some(next)
    }

    /// Required fields first (in server order), then the rest: the order a create form uses.
    pub fn form_order(&self) -> Vec<&FieldMeta> {
        let (required, optional): (Vec<_>, Vec<_>) = self.fields.iter().partition(|f| f.required);
        required.into_iter().chain(optional).collect()
    }

    /// The form fields, sorted for display. `project` and `issuetype` are left out: the
    /// create form picks them before asking for createmeta.
    pub fn form_fields(&self) -> Vec<FormField> {
        let mut fields: Vec<FormField> = self
            .fields
            .iter()
            .map(|meta| meta.form_field(meta.key.as_deref().unwrap_or_default()))
            .filter(|f| !f.id.is_empty() && f.id != "project" && f.id != "issuetype")
            .collect();
        sort_form_fields(&mut fields);
        fields
    }
}

#[cfg(test)]
mod tests;
