//! Issue types (`IssueTypeDetails` on Cloud, `IssueTypeJsonBean` on DC).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An issue type, e.g. Bug, Story, Sub-task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueType {
    /// Issue type id.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "Bug".
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// Icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub icon_url: Option<String>,
    /// Whether issues of this type are subtasks (they need a parent).
    #[serde(default)]
    pub subtask: bool,
    /// Cloud: 0 standard, -1 subtask, 1 epic and above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hierarchy_level: Option<i32>,
    /// Avatar id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub avatar_id: Option<i64>,
}
