//! Fields: `GET /field` (`FieldDetails` / DC `FieldBean`), the schema every field carries
//! (`JsonTypeBean`, identical on both deployments), and [`FieldKind`], the widget a form uses
//! for a field.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field's data type (`JsonTypeBean`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldSchema {
    /// `string`, `number`, `date`, `datetime`, `option`, `array`, `user`, `version`,
    /// `component`, `priority`, `issuetype`, `project`, `issuelink`, `any`, …
    #[serde(rename = "type")]
    #[serde(default)]
    pub kind: String,
    /// For arrays: the items' type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub items: Option<String>,
    /// For system fields: its id, e.g. `labels`, `fixVersions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub system: Option<String>,
    /// For custom fields: the type key, e.g.
    /// `com.atlassian.jira.plugin.system.customfieldtypes:select`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub custom: Option<String>,
    /// For custom fields: the number in `customfield_N`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub custom_id: Option<i64>,
}

/// The widget family a field needs, from its schema. The UI switches on this; `Unknown`
/// fields are shown read-only (as text) rather than guessed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Multi-line rich text (ADF on Cloud, wiki on DC): description, environment, textarea.
    RichText,
    /// A number.
    Number,
    /// A date (`yyyy-mm-dd`).
    Date,
    /// A date and time (ISO 8601).
    DateTime,
    /// One option from `allowedValues`.
    Select,
    /// Several options from `allowedValues`.
    MultiSelect,
    /// Free-form labels (array of strings).
    Labels,
    /// One user (user picker).
    User,
    /// Several users.
    Users,
    /// One version.
    Version,
    /// Several versions (Fix Version/s, Affects Version/s).
    Versions,
    /// One component.
    Component,
    /// Several components.
    Components,
    /// The priority.
    Priority,
    /// The issue type.
    IssueType,
    /// The parent issue (subtasks, and child issues on Cloud).
    Parent,
    /// Anything else: shown, not edited.
    Unknown,
}

const CUSTOM_PREFIX: &str = "com.atlassian.jira.plugin.system.customfieldtypes:";

impl FieldSchema {
    /// The widget family for this schema. Custom-field type keys win over the generic type
    /// (a `textarea` and a `textfield` are both `string`), then system ids, then the type.
    pub fn kind(&self) -> FieldKind {
        if let Some(custom) = self.custom.as_deref() {
            if let Some(kind) = custom_kind(custom) {
                return kind;
            }
        }
        match self.system.as_deref() {
            Some("description" | "environment") => return FieldKind::RichText,
            Some("labels") => return FieldKind::Labels,
            Some("parent") => return FieldKind::Parent,
            _ => {}
        }
        match (self.kind.as_str(), self.items.as_deref()) {
            ("string", _) => FieldKind::Text,
            ("number", _) => FieldKind::Number,
            ("date", _) => FieldKind::Date,
            ("datetime", _) => FieldKind::DateTime,
            ("option" | "option2" | "resolution" | "securitylevel", _) => FieldKind::Select,
            ("user", _) => FieldKind::User,
            ("version", _) => FieldKind::Version,
            ("component", _) => FieldKind::Component,
            ("priority", _) => FieldKind::Priority,
            ("issuetype", _) => FieldKind::IssueType,
            ("array", Some("string")) => FieldKind::Labels,
            ("array", Some("option")) => FieldKind::MultiSelect,
            ("array", Some("user")) => FieldKind::Users,
            ("array", Some("version")) => FieldKind::Versions,
            ("array", Some("component")) => FieldKind::Components,
            _ => FieldKind::Unknown,
        }
    }
}

/// Jira's own custom field types, by the part after `customfieldtypes:`. Custom types from
/// apps (Tempo, Insight, Jira Software's sprint and epic link) fall through to the schema.
fn custom_kind(custom: &str) -> Option<FieldKind> {
    let name = custom.strip_prefix(CUSTOM_PREFIX)?;
    Some(match name {
        "textfield" | "url" | "readonlyfield" => FieldKind::Text,
        "textarea" => FieldKind::RichText,
        "float" | "importid" => FieldKind::Number,
        "datepicker" => FieldKind::Date,
        "datetime" => FieldKind::DateTime,
        "select" | "radiobuttons" => FieldKind::Select,
        "multiselect" | "multicheckboxes" => FieldKind::MultiSelect,
        "labels" => FieldKind::Labels,
        "userpicker" => FieldKind::User,
        "multiuserpicker" => FieldKind::Users,
        "version" => FieldKind::Version,
        "multiversion" => FieldKind::Versions,
        // Cascading selects, group pickers, project pickers: no widget yet.
        _ => return None,
    })
}

/// A field as `GET /rest/api/{2,3}/field` lists it (system and custom).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Field {
    /// Field id, e.g. `summary`, `customfield_10010`.
    #[serde(default)]
    pub id: String,
    /// Field key (Cloud; same as id for most fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Whether it is a custom field.
    #[serde(default)]
    pub custom: bool,
    /// Whether issues can be sorted by it.
    #[serde(default)]
    pub orderable: bool,
    /// Whether it can be a column in the issue navigator.
    #[serde(default)]
    pub navigable: bool,
    /// Whether JQL can search it.
    #[serde(default)]
    pub searchable: bool,
    /// Names JQL knows it by, e.g. `["cf[10010]", "Story Points"]`.
    #[serde(default)]
    pub clause_names: Vec<String>,
    /// Data type (absent for a few system fields such as `thumbnail`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schema: Option<FieldSchema>,
}

impl Field {
    /// The widget family, `Unknown` without a schema.
    pub fn kind(&self) -> FieldKind {
        self.schema
            .as_ref()
            .map_or(FieldKind::Unknown, FieldSchema::kind)
    }
}

#[cfg(test)]
mod tests;
