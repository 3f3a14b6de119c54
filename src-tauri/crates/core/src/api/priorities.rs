//! Priorities (`Priority` on Cloud, `PriorityJsonBean` on DC).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An issue priority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Priority {
    /// Priority id.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "High".
    #[serde(default)]
    pub name: String,
    /// Icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub icon_url: Option<String>,
    /// Colour as `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_color: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// Whether this is the default priority (Cloud).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_default: Option<bool>,
}
