//! Request bodies: create (`IssueUpdateDetails` → `CreatedIssue`), edit (`fields` + `update`
//! operations), transition, comment and assign, for REST v3 (ADF text) and v2 (wiki text).
//! Callers pass Markdown; [`TextFormat`] picks the wire format.

use super::comments::Visibility;
use super::rich_text::{RichText, TextFormat};
use super::users::UserId;
use crate::config::Deployment;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One operation of an edit's `update` map: `{"add": value}`, `{"set": value}`, ….
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum FieldOperation {
    /// Replace the value.
    Set(Value),
    /// Add to a multi-value field (labels, components, versions).
    Add(Value),
    /// Remove from a multi-value field.
    Remove(Value),
    /// Edit in place (time tracking, worklog).
    Edit(Value),
    /// Copy from another issue (Cloud attachments).
    Copy(Value),
}

/// The body of `POST /issue` and `PUT /issue/{key}`: whole-field values in `fields`,
/// operations in `update`. Empty parts are left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssueUpdate {
    /// Field id → value.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[ts(type = "Record<string, unknown>")]
    pub fields: Map<String, Value>,
    /// Field id → operations.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub update: BTreeMap<String, Vec<FieldOperation>>,
}

/// A create request: `POST /rest/api/{2,3}/issue`.
pub type CreateIssue = IssueUpdate;
/// An edit request: `PUT /rest/api/{2,3}/issue/{key}`.
pub type EditIssue = IssueUpdate;

impl IssueUpdate {
    /// A create body with the fields every create needs. `issue_type` is an id from
    /// createmeta (preferred: names differ by language) or a name such as `Bug`; all-digit
    /// text is taken as an id.
    pub fn create(project_key: &str, issue_type: &str, summary: &str) -> Self {
        let mut body = IssueUpdate::default();
        body.set("project", json!({ "key": project_key }));
        let issue_type = issue_type.trim();
        if !issue_type.is_empty() && issue_type.chars().all(|c| c.is_ascii_digit()) {
            body.set("issuetype", json!({ "id": issue_type }));
        } else {
            body.set("issuetype", json!({ "name": issue_type }));
        }
        body.set("summary", json!(summary));
        body
    }

    /// Sets a field to a JSON value (replacing any earlier value).
    pub fn set(&mut self, field_id: &str, value: Value) -> &mut Self {
        self.fields.insert(field_id.to_owned(), value);
        self
    }

    /// Sets a rich-text field (description, environment, textarea custom fields) from
    /// Markdown: an ADF document for v3, wiki markup for v2.
    pub fn set_text(&mut self, format: TextFormat, field_id: &str, markdown: &str) -> &mut Self {
        self.set(
            field_id,
            RichText::from_markdown(format, markdown).to_json(),
        )
    }

    /// Sets a user field (assignee, reporter, user pickers); `None` clears it.
    pub fn set_user(&mut self, field_id: &str, user: Option<&UserId>) -> &mut Self {
        self.set(field_id, user.map_or(Value::Null, UserId::to_json))
    }

    /// Sets the parent of a subtask (or of a Cloud child issue).
    pub fn set_parent(&mut self, parent_key: &str) -> &mut Self {
        self.set("parent", json!({ "key": parent_key }))
    }

    /// Adds an operation for a field, e.g. `add` a label.
    pub fn operation(&mut self, field_id: &str, op: FieldOperation) -> &mut Self {
        self.update.entry(field_id.to_owned()).or_default().push(op);
        self
    }

    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.update.is_empty()
    }
}

/// What `POST /issue` answers (201).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreatedIssue {
    /// New issue id.
    #[serde(default)]
    pub id: String,
    /// New issue key.
    #[serde(default)]
    pub key: String,
    /// REST URL.
    #[serde(rename = "self")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub self_url: Option<String>,
}

/// The body of `POST /issue/{key}/transitions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DoTransition {
    /// `{"id": "…"}`.
    pub transition: TransitionId,
    /// Screen field values.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    #[ts(type = "Record<string, unknown>")]
    pub fields: Map<String, Value>,
    /// Screen field operations (e.g. a comment: `{"comment": [{"add": {"body": …}}]}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub update: BTreeMap<String, Vec<FieldOperation>>,
}

/// A transition by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TransitionId {
    /// The transition's id.
    pub id: String,
}

impl DoTransition {
    /// Performs transition `id` with no screen values.
    pub fn new(id: &str) -> Self {
        DoTransition {
            transition: TransitionId { id: id.to_owned() },
            ..Default::default()
        }
    }

    /// Takes screen values from an [`IssueUpdate`] built with its helpers.
    pub fn with_values(mut self, values: IssueUpdate) -> Self {
        self.fields = values.fields;
        self.update = values.update;
        self
    }

    /// Adds a comment to the transition, as the transition screen's comment box does.
    pub fn with_comment(mut self, format: TextFormat, markdown: &str) -> Self {
        let body = RichText::from_markdown(format, markdown).to_json();
        self.update
            .entry("comment".to_owned())
            .or_default()
            .push(FieldOperation::Add(json!({ "body": body })));
        self
    }
}

/// The body of `POST /issue/{key}/comment` and `PUT /issue/{key}/comment/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddComment {
    /// ADF (v3) or wiki markup (v2).
    pub body: RichText,
    /// Restrict to a role or group; public when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub visibility: Option<Visibility>,
}

impl AddComment {
    /// A comment from Markdown in the deployment's format.
    pub fn new(format: TextFormat, markdown: &str) -> Self {
        AddComment {
            body: RichText::from_markdown(format, markdown),
            visibility: None,
        }
    }

    /// Restricts who sees it.
    pub fn with_visibility(mut self, visibility: Visibility) -> Self {
        self.visibility = Some(visibility);
        self
    }
}

/// The body of `PUT /issue/{key}/assignee`: `{"accountId": …}` on Cloud, `{"name": …}` on
/// DC; `None` unassigns (`accountId: null` / `name: null`).
pub fn assignee_body(deployment: Deployment, user: Option<&UserId>) -> Value {
    match (user, deployment) {
        (Some(user), _) => user.to_json(),
        (None, Deployment::Cloud) => json!({ "accountId": null }),
        (None, Deployment::DataCenter | Deployment::Server) => json!({ "name": null }),
    }
}

#[cfg(test)]
mod tests;
