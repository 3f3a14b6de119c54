//! Projects (`Project` on Cloud, `ProjectBean`/`ProjectJsonBean` on DC), with what they carry
//! under `expand`: issue types, components, versions, lead.

use super::issue_types::IssueType;
use super::serde_util::null_as_default;
use super::users::{AvatarUrls, User};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Project {
    /// Project id.
    #[serde(default)]
    pub id: String,
    /// Project key, e.g. `ABC`.
    #[serde(default)]
    pub key: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// REST URL.
    #[serde(rename = "self")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub self_url: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// Avatars (fetched through Rust: the webview loads no Jira URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub avatar_urls: Option<AvatarUrls>,
    /// `software`, `service_desk`, `business`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub project_type_key: Option<String>,
    /// Cloud: team-managed (`true`) or company-managed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub simplified: Option<bool>,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub project_category: Option<ProjectCategory>,
    /// Lead (with `expand=lead` on Cloud's search; always on DC's get).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lead: Option<User>,
    /// Issue types (with `expand=issueTypes`, or on a single project).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub issue_types: Vec<IssueType>,
    /// Components (single project).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub components: Vec<Component>,
    /// Versions (single project).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub versions: Vec<Version>,
    /// Archived.
    #[serde(default)]
    pub archived: bool,
}

/// A project category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectCategory {
    /// Category id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
}

/// A project component (as a field value, only `id` and `name` are sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Component {
    /// Component id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
}

/// A project version (release), as used by Fix Version/s and Affects Version/s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Version {
    /// Version id.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "2.1".
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// Released.
    #[serde(default)]
    pub released: bool,
    /// Archived.
    #[serde(default)]
    pub archived: bool,
    /// Release date, `yyyy-mm-dd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub release_date: Option<String>,
}

impl Project {
    /// The issue types people can create directly (not subtasks).
    pub fn standard_issue_types(&self) -> impl Iterator<Item = &IssueType> {
        self.issue_types.iter().filter(|t| !t.subtask)
    }
}

#[cfg(test)]
mod tests;
