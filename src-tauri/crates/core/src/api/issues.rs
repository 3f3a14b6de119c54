//! Issues: `IssueBean` (same name and shape on both deployments) with the system fields Jiffy
//! shows typed and every other field (custom fields included) kept as JSON, plus the
//! `names`, `renderedFields`, `transitions`, `editmeta` and `changelog` expansions.

use super::attachments::Attachment;
use super::comments::PageOfComments;
use super::fields::FieldSchema;
use super::issue_types::IssueType;
use super::meta::EditMeta;
use super::priorities::Priority;
use super::projects::{Component, Project, Version};
use super::rich_text::RichText;
use super::serde_util::null_as_default;
use super::statuses::{Resolution, Status};
use super::transitions::Transition;
use super::users::User;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use ts_rs::TS;

/// An issue as `GET /issue/{key}` or a search returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Issue {
    /// Issue id.
    #[serde(default)]
    pub id: String,
    /// Issue key, e.g. `ABC-123`.
    #[serde(default)]
    pub key: String,
    /// REST URL.
    #[serde(rename = "self")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub self_url: Option<String>,
    /// The fields that were asked for.
    #[serde(default, deserialize_with = "null_as_default")]
    pub fields: IssueFields,
    /// `expand=renderedFields`: field id → HTML (sanitize before showing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "Record<string, unknown>")]
    pub rendered_fields: Option<Map<String, Value>>,
    /// `expand=names`: field id → display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub names: Option<BTreeMap<String, String>>,
    /// `expand=schema`: field id → data type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schema: Option<BTreeMap<String, FieldSchema>>,
    /// `expand=transitions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub transitions: Option<Vec<Transition>>,
    /// `expand=editmeta`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub editmeta: Option<EditMeta>,
    /// `expand=changelog`: the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub changelog: Option<Changelog>,
}

/// An issue's fields. System fields Jiffy shows are typed; all others (custom fields, and
/// system fields not modelled here) stay in [`IssueFields::other`] as Jira sent them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueFields {
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub summary: Option<String>,
    /// Description (ADF on v3, wiki on v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<RichText>,
    /// Environment (ADF on v3, wiki on v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub environment: Option<RichText>,
    /// Issue type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub issuetype: Option<IssueType>,
    /// Project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub project: Option<Project>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<Status>,
    /// Priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub priority: Option<Priority>,
    /// Resolution (`null` while unresolved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resolution: Option<Resolution>,
    /// Assignee (`null` when unassigned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub assignee: Option<User>,
    /// Reporter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reporter: Option<User>,
    /// Creator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub creator: Option<User>,
    /// Created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub created: Option<String>,
    /// Updated (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub updated: Option<String>,
    /// Resolved (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resolutiondate: Option<String>,
    /// Due date (`yyyy-mm-dd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub duedate: Option<String>,
    /// Labels.
    #[serde(default, deserialize_with = "null_as_default")]
    pub labels: Vec<String>,
    /// Components.
    #[serde(default, deserialize_with = "null_as_default")]
    pub components: Vec<Component>,
    /// Fix Version/s.
    #[serde(default, deserialize_with = "null_as_default")]
    pub fix_versions: Vec<Version>,
    /// Affects Version/s.
    #[serde(default, deserialize_with = "null_as_default")]
    pub versions: Vec<Version>,
    /// Parent (subtasks; on Cloud also children of epics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent: Option<IssueRef>,
    /// Subtasks.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subtasks: Vec<IssueRef>,
    /// Links to other issues.
    #[serde(default, deserialize_with = "null_as_default")]
    pub issuelinks: Vec<IssueLink>,
    /// Attachments.
    #[serde(default, deserialize_with = "null_as_default")]
    pub attachment: Vec<Attachment>,
    /// The first page of comments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<PageOfComments>,
    /// Every other field by id: custom fields (`customfield_10010`) and system fields not
    /// typed above (timetracking, votes, watches, security, …).
    #[serde(flatten)]
    #[ts(skip)]
    pub other: BTreeMap<String, Value>,
}

impl IssueFields {
    /// A field that is not typed above, e.g. `customfield_10010`; `None` when absent or null.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.other.get(id).filter(|v| !v.is_null())
    }

    /// The custom fields that have a value, by id.
    pub fn custom_fields(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.other
            .iter()
            .filter(|(id, v)| id.starts_with("customfield_") && !v.is_null())
            .map(|(id, v)| (id.as_str(), v))
    }
}

/// A short reference to another issue (parent, subtask, link end).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueRef {
    /// Issue id.
    #[serde(default)]
    pub id: String,
    /// Issue key.
    #[serde(default)]
    pub key: String,
    /// A few fields: summary, status, priority, issuetype.
    #[serde(default, deserialize_with = "null_as_default")]
    pub fields: IssueRefFields,
}

/// The fields Jira includes in an [`IssueRef`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssueRefFields {
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub summary: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<Status>,
    /// Priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub priority: Option<Priority>,
    /// Issue type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub issuetype: Option<IssueType>,
}

/// A link between two issues; exactly one of `inward_issue`/`outward_issue` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueLink {
    /// Link id.
    #[serde(default)]
    pub id: String,
    /// Link type, e.g. Blocks ("blocks" / "is blocked by").
    #[serde(rename = "type")]
    #[serde(default)]
    pub link_type: IssueLinkType,
    /// The other issue, when this issue is the outward end ("is blocked by" it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub inward_issue: Option<IssueRef>,
    /// The other issue, when this issue is the inward end ("blocks" it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outward_issue: Option<IssueRef>,
}

/// An issue link type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssueLinkType {
    /// Link type id.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "Blocks".
    #[serde(default)]
    pub name: String,
    /// Inward phrase, e.g. "is blocked by".
    #[serde(default)]
    pub inward: String,
    /// Outward phrase, e.g. "blocks".
    #[serde(default)]
    pub outward: String,
}

impl IssueLink {
    /// The phrase and the other issue, from this issue's point of view.
    pub fn describe(&self) -> Option<(&str, &IssueRef)> {
        match (&self.outward_issue, &self.inward_issue) {
            (Some(other), _) => Some((self.link_type.outward.as_str(), other)),
            (None, Some(other)) => Some((self.link_type.inward.as_str(), other)),
            (None, None) => None,
        }
    }
}

/// `expand=changelog` (`PageOfChangelogs` on Cloud, `ChangelogBean` on DC).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Changelog {
    /// Index of the first history entry.
    #[serde(default)]
    #[ts(type = "number")]
    pub start_at: u64,
    /// Page size.
    #[serde(default)]
    #[ts(type = "number")]
    pub max_results: u64,
    /// Number of entries.
    #[serde(default)]
    #[ts(type = "number")]
    pub total: u64,
    /// The entries, oldest first.
    #[serde(default, deserialize_with = "null_as_default")]
    pub histories: Vec<ChangeHistory>,
}

/// One change: who, when, and the fields it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeHistory {
    /// Entry id.
    #[serde(default)]
    pub id: String,
    /// Who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub author: Option<User>,
    /// When (ISO 8601).
    #[serde(default)]
    pub created: String,
    /// The changed fields.
    #[serde(default, deserialize_with = "null_as_default")]
    pub items: Vec<ChangeItem>,
}

/// A changed field, with old and new values as ids (`from`/`to`) and as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeItem {
    /// Field name, e.g. "status".
    #[serde(default)]
    pub field: String,
    /// `jira` or `custom`.
    #[serde(default)]
    pub fieldtype: String,
    /// Cloud: field id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field_id: Option<String>,
    /// Old value id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from: Option<String>,
    /// Old value as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from_string: Option<String>,
    /// New value id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to: Option<String>,
    /// New value as text.
    #[serde(rename = "toString")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to_text: Option<String>,
}

#[cfg(test)]
mod tests;
