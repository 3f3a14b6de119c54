//! Jira's REST API: the client shared by every operation (and, later, one module per
//! resource).

pub mod client;

// Typed models of Jira's resources, one module per resource (serde + ts-rs), tolerant of
// both Cloud (v3) and Data Center (v2).
pub mod attachments;
pub mod comments;
pub mod display;
pub mod errors;
pub mod fields;
pub mod html;
pub mod issue_row;
pub mod issue_types;
pub mod issue_view;
pub mod issues;
pub mod meta;
pub mod page;
pub mod permissions;
pub mod priorities;
pub mod projects;
pub mod requests;
pub mod rich_text;
pub mod search;
mod serde_util;
pub mod server_info;
pub mod statuses;
pub mod transitions;
pub mod users;
pub mod values;

pub use client::{ApiRequest, ClientConfig, JiraClient};

#[cfg(test)]
pub(crate) mod test_server;
