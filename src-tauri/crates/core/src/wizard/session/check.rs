//! The wizard's Check step: who the new connection signs in as and, in plain words, what they
//! may do in which project — the "permission helper" integration-platform users ask for.

use super::WizardEngine;
use crate::api::permissions::MyPermissions;
use crate::api::JiraClient;
use crate::error::{Error, Result};
use crate::ops;
use crate::secrets::{InMemoryStore, SecretStore};
use serde::Serialize;
use std::sync::Arc;
use ts_rs::TS;

/// How many projects the summary looks at one by one (one request each); the rest are counted.
pub const MAX_PROJECTS: usize = 25;

/// Something a user may do in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Capability {
    /// See the project and its issues.
    Browse,
    /// Create issues.
    Create,
    /// Edit issues.
    Edit,
    /// Move issues through the workflow.
    Transition,
    /// Assign issues.
    Assign,
    /// Add comments.
    Comment,
    /// Attach files.
    Attach,
    /// Delete issues.
    Delete,
}

impl Capability {
    /// Every capability, in the order the summary shows them.
    pub const ALL: [Capability; 8] = [
        Capability::Browse,
        Capability::Create,
        Capability::Edit,
        Capability::Transition,
        Capability::Assign,
        Capability::Comment,
        Capability::Attach,
        Capability::Delete,
    ];

    /// The Jira permission key behind it.
    pub fn permission(self) -> &'static str {
        match self {
            Capability::Browse => "BROWSE_PROJECTS",
            Capability::Create => "CREATE_ISSUES",
            Capability::Edit => "EDIT_ISSUES",
            Capability::Transition => "TRANSITION_ISSUES",
            Capability::Assign => "ASSIGN_ISSUES",
            Capability::Comment => "ADD_COMMENTS",
            Capability::Attach => "CREATE_ATTACHMENTS",
            Capability::Delete => "DELETE_ISSUES",
        }
    }
}

/// One project and what the user may do in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProjectPermissions {
    /// Project key.
    pub key: String,
    /// Project name.
    pub name: String,
    /// What the user may do there.
    pub can: Vec<Capability>,
}

/// The Check step's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PermissionSummary {
    /// Projects looked at, in Jira's order.
    pub projects: Vec<ProjectPermissions>,
    /// Visible projects not looked at (beyond [`MAX_PROJECTS`]).
    pub more_projects: usize,
}

/// The capabilities granted in one `mypermissions` answer.
pub fn capabilities(permissions: &MyPermissions) -> Vec<Capability> {
    Capability::ALL
        .into_iter()
        .filter(|c| permissions.has(c.permission()))
        .collect()
}

impl WizardEngine {
    /// Lists the projects the draft's user sees and what they may do in each.
    ///
    /// Errors: [`Error::NotFound`] for an unknown draft; whatever Jira answers.
    pub async fn check(&self, draft_id: &str) -> Result<PermissionSummary> {
        let (connection, secrets) = {
            let inner = self.lock();
            let draft = inner
                .drafts
                .get(draft_id)
                .ok_or_else(super::unknown_draft)?;
            (draft.connection.clone(), draft.secrets.clone())
        };
        let store = Arc::new(InMemoryStore::new());
        for (kind, value) in &secrets {
            store.set(&connection.id, *kind, value)?;
        }
        let client = JiraClient::new(connection, store, self.client_config.clone())?;
        let projects = ops::projects(&client).await?;
        let mut summary = PermissionSummary {
            projects: Vec::new(),
            more_projects: projects.len().saturating_sub(MAX_PROJECTS),
        };
        for project in projects.into_iter().take(MAX_PROJECTS) {
            let granted = ops::my_permissions(&client, Some(&project.key))
                .await
                .map_err(|e| match e {
                    Error::NotFound(_) => Error::Internal(format!(
                        "project {} disappeared while checking permissions",
                        project.key
                    )),
                    other => other,
                })?;
            summary.projects.push(ProjectPermissions {
                key: project.key,
                name: project.name,
                can: capabilities(&granted),
            });
        }
        Ok(summary)
    }
}
