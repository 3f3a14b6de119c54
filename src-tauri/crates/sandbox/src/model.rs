//! The sandbox's data: what a Jira site stores, reduced to what the API exposes.
//!
//! Times are Unix milliseconds (UTC) so the whole state serialises plainly for `--data`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A person who can log in.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct User {
    pub key: String,
    pub username: String,
    pub account_id: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub api_token: String,
    pub active: bool,
    /// Jira administrators see and do everything.
    pub global_admin: bool,
    pub groups: Vec<String>,
}

/// A project role; each grants a fixed set of permissions (see `store::role_grants`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Administrators,
    Developers,
    Users,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Administrators => "Administrators",
            Role::Developers => "Developers",
            Role::Users => "Users",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Project {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub description: String,
    pub lead: String,
    pub type_key: String,
    /// user key -> role; users absent here cannot browse the project.
    pub roles: BTreeMap<String, Role>,
    pub workflow: String,
    pub issue_types: Vec<String>,
    /// Next issue number (KEY-n).
    pub counter: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Status {
    pub id: String,
    pub name: String,
    pub description: String,
    /// "new" | "indeterminate" | "done"
    pub category: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Transition {
    pub id: String,
    pub name: String,
    pub to: String,
    /// Status ids it starts from; empty means a global transition (from anywhere).
    pub from: Vec<String>,
    /// Field ids shown on the transition screen.
    pub screen: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Workflow {
    pub name: String,
    pub initial: String,
    pub transitions: Vec<Transition>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IssueType {
    pub id: String,
    pub name: String,
    pub description: String,
    pub subtask: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// Custom field kinds of the common types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CustomKind {
    Number,
    Select,
    MultiSelect,
    UserPicker,
    Date,
    Labels,
    TextArea,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CustomField {
    pub id: String,
    pub name: String,
    pub kind: CustomKind,
    /// Option values for select kinds (option id = index + 10000).
    pub options: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub update_author: String,
    /// Wiki markup / plain text (rendered as ADF in v3).
    pub body: String,
    pub created: i64,
    pub updated: i64,
    /// (type "role"|"group", value)
    pub visibility: Option<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub issue_id: i64,
    pub filename: String,
    pub mime: String,
    pub size: usize,
    pub author: String,
    pub created: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChangeItem {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChangeGroup {
    pub id: i64,
    pub author: String,
    pub created: i64,
    pub items: Vec<ChangeItem>,
}

/// Internal value of a custom field: numbers, strings (select option, user key, date, text)
/// or string arrays (multi-select, labels).
pub type CustomValue = serde_json::Value;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Issue {
    pub id: i64,
    pub key: String,
    pub project_id: i64,
    pub issue_type: String,
    pub status: String,
    pub summary: String,
    pub description: Option<String>,
    pub assignee: Option<String>,
    pub reporter: Option<String>,
    pub creator: String,
    pub priority: Option<String>,
    pub labels: Vec<String>,
    pub resolution: Option<String>,
    pub resolution_date: Option<i64>,
    pub created: i64,
    pub updated: i64,
    /// "YYYY-MM-DD"
    pub duedate: Option<String>,
    pub parent: Option<i64>,
    pub custom: BTreeMap<String, CustomValue>,
    pub comments: Vec<Comment>,
    pub attachments: Vec<Attachment>,
    pub history: Vec<ChangeGroup>,
}
