//! `GET /mypermissions`: what the current user may do (`Permissions` of `UserPermission` on
//! Cloud, `PermissionsJsonBean` on DC).

use super::serde_util::null_as_default;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The permissions Jiffy asks about (Cloud requires the list; DC returns all).
pub const JIFFY_PERMISSIONS: &[&str] = &[
    "BROWSE_PROJECTS",
    "CREATE_ISSUES",
    "EDIT_ISSUES",
    "DELETE_ISSUES",
    "ASSIGN_ISSUES",
    "ASSIGNABLE_USER",
    "TRANSITION_ISSUES",
    "ADD_COMMENTS",
    "EDIT_OWN_COMMENTS",
    "EDIT_ALL_COMMENTS",
    "DELETE_OWN_COMMENTS",
    "DELETE_ALL_COMMENTS",
    "CREATE_ATTACHMENTS",
    "DELETE_OWN_ATTACHMENTS",
    "DELETE_ALL_ATTACHMENTS",
];

/// The answer of `mypermissions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MyPermissions {
    /// Permission key → details.
    #[serde(default, deserialize_with = "null_as_default")]
    pub permissions: BTreeMap<String, UserPermission>,
}

/// One permission and whether the user has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UserPermission {
    /// Permission id.
    #[serde(default)]
    pub id: String,
    /// Key, e.g. `EDIT_ISSUES`.
    #[serde(default)]
    pub key: String,
    /// Name, e.g. "Edit Issues".
    #[serde(default)]
    pub name: String,
    /// `PROJECT` or `GLOBAL`.
    #[serde(rename = "type")]
    #[serde(default)]
    pub kind: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Whether the current user has it.
    #[serde(default)]
    pub have_permission: bool,
    /// Whether `key` is a pre-Jira-7 name kept for compatibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deprecated_key: Option<bool>,
}

impl MyPermissions {
    /// Whether the user has `key`; absent permissions count as not granted.
    pub fn has(&self, key: &str) -> bool {
        self.permissions.get(key).is_some_and(|p| p.have_permission)
    }

    /// `?permissions=` for Cloud, which rejects the request without it.
    pub fn query_value() -> String {
        JIFFY_PERMISSIONS.join(",")
    }
}

#[cfg(test)]
mod tests;
