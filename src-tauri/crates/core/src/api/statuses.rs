//! Statuses (`StatusDetails` / DC `StatusJsonBean`), their categories, and resolutions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An issue's workflow status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Status {
    /// Status id.
    #[serde(default)]
    pub id: String,
    /// Status name, e.g. "In Progress".
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
    /// The category (to do / in progress / done), which gives the colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_category: Option<StatusCategory>,
}

/// A status category: `new` (to do), `indeterminate` (in progress), `done`, or `undefined`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StatusCategory {
    /// Category id (1 undefined, 2 new, 3 done, 4 indeterminate).
    #[serde(default)]
    #[ts(type = "number")]
    pub id: i64,
    /// `new`, `indeterminate`, `done` or `undefined`.
    #[serde(default)]
    pub key: String,
    /// Display name, e.g. "To Do".
    #[serde(default)]
    pub name: String,
    /// Jira's colour name, e.g. `blue-gray`, `yellow`, `green`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub color_name: Option<String>,
}

impl Status {
    /// True when the status is in the `done` category.
    pub fn is_done(&self) -> bool {
        self.status_category
            .as_ref()
            .is_some_and(|c| c.key == "done")
    }
}

/// An issue's resolution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Resolution {
    /// Resolution id.
    #[serde(default)]
    pub id: String,
    /// Name, e.g. "Done", "Won't Do".
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
}
