//! Users: Cloud's `User` (identified by `accountId`; `name`/`key` are gone for privacy) and
//! Data Center's `UserBean` (identified by `name`, with a stable `key`), in one type.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

/// Avatar images by size (`"16x16"` … `"48x48"`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AvatarUrls {
    /// 16×16 pixels.
    #[serde(rename = "16x16")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub x16: Option<String>,
    /// 24×24 pixels.
    #[serde(rename = "24x24")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub x24: Option<String>,
    /// 32×32 pixels.
    #[serde(rename = "32x32")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub x32: Option<String>,
    /// 48×48 pixels.
    #[serde(rename = "48x48")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub x48: Option<String>,
}

impl AvatarUrls {
    /// The smallest avatar at least `size` pixels wide, else the largest there is.
    pub fn best_for(&self, size: u32) -> Option<&str> {
        let all = [
            (16, &self.x16),
            (24, &self.x24),
            (32, &self.x32),
            (48, &self.x48),
        ];
        all.iter()
            .find(|(s, url)| *s >= size && url.is_some())
            .or_else(|| all.iter().rev().find(|(_, url)| url.is_some()))
            .and_then(|(_, url)| url.as_deref())
    }
}

/// A Jira user as either deployment describes one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct User {
    /// Cloud's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub account_id: Option<String>,
    /// Data Center's username (the identifier its API takes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// Data Center's stable user key (e.g. `JIRAUSER10100`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
    /// The name to show.
    #[serde(default)]
    pub display_name: String,
    /// Email, when the user's privacy settings (Cloud) or the admin (DC) allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email_address: Option<String>,
    /// Whether the account is active.
    #[serde(default = "default_true")]
    pub active: bool,
    /// Avatars by size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub avatar_urls: Option<AvatarUrls>,
    /// Time zone, e.g. `Europe/Berlin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub time_zone: Option<String>,
    /// Locale, e.g. `en_US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub locale: Option<String>,
    /// Cloud: `atlassian`, `app` (bots) or `customer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub account_type: Option<String>,
    /// The REST URL of this user.
    #[serde(rename = "self")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub self_url: Option<String>,
    /// Group names, with `expand=groups`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub groups: Option<GroupList>,
}

fn default_true() -> bool {
    true
}

/// Jira's `{ "size": n, "items": [{ "name": … }] }` wrapper around a user's groups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupList {
    /// How many groups the user is in.
    #[serde(default)]
    pub size: u32,
    /// The groups (Jira may return fewer than `size`).
    #[serde(default)]
    pub items: Vec<GroupName>,
}

/// A group, by name (and Cloud's `groupId`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GroupName {
    /// Group name.
    #[serde(default)]
    pub name: String,
    /// Cloud's group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group_id: Option<String>,
}

/// How the API names a user in requests: by `accountId` on Cloud, by `name` on Data Center.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
#[ts(export)]
pub enum UserId {
    /// Cloud.
    AccountId(String),
    /// Data Center / Server username.
    Name(String),
}

impl UserId {
    /// The identifier itself.
    pub fn as_str(&self) -> &str {
        match self {
            UserId::AccountId(id) | UserId::Name(id) => id,
        }
    }

    /// The JSON that names this user in a field value or an assign request:
    /// `{"accountId": "…"}` or `{"name": "…"}`.
    pub fn to_json(&self) -> Value {
        match self {
            UserId::AccountId(id) => json!({ "accountId": id }),
            UserId::Name(name) => json!({ "name": name }),
        }
    }

    /// The query parameter that names this user (`accountId=` or `username=`).
    pub fn query_param(&self) -> (&'static str, &str) {
        match self {
            UserId::AccountId(id) => ("accountId", id),
            UserId::Name(name) => ("username", name),
        }
    }
}

impl User {
    /// The identifier requests take: `accountId` when present (Cloud), else `name` (DC).
    /// `None` for a user Jira described without either (e.g. a deleted user).
    pub fn id(&self) -> Option<UserId> {
        if let Some(id) = self.account_id.as_deref().filter(|s| !s.is_empty()) {
            return Some(UserId::AccountId(id.to_owned()));
        }
        self.name
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|n| UserId::Name(n.to_owned()))
    }

    /// Whether two descriptions are the same person (by accountId, key or name).
    pub fn same_as(&self, other: &User) -> bool {
        let eq = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if !a.is_empty() && a == b);
        eq(&self.account_id, &other.account_id)
            || eq(&self.key, &other.key)
            || (self.account_id.is_none() && eq(&self.name, &other.name))
    }

    /// The name to show, falling back to the identifier when Jira sent no display name.
    pub fn label(&self) -> &str {
        if !self.display_name.is_empty() {
            return &self.display_name;
        }
        self.name
            .as_deref()
            .or(self.account_id.as_deref())
            .unwrap_or("")
    }
}

/// Cloud's `GET /user/picker` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FoundUsers {
    /// The users found.
    #[serde(default)]
    pub users: Vec<User>,
    /// How many matched.
    #[serde(default)]
    pub total: u32,
    /// "Showing 20 of 25 matching users".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub header: Option<String>,
}

#[cfg(test)]
mod tests;
