//! Issues: get, create, edit, delete, assign, transitions, and the create/edit form models.

use super::{call, call_unit, segment, to_json};
use crate::api::issues::Issue;
use crate::api::meta::{CreateMetaFields, CreateMetaIssueTypes, EditMeta, FormField};
use crate::api::requests::{assignee_body, CreatedIssue, DoTransition, IssueUpdate};
use crate::api::transitions::Transitions;
use crate::api::users::UserId;
use crate::api::JiraClient;
use crate::error::{Error, Result};
use reqwest::Method;

/// One issue; `expand` is Jira's list (e.g. `renderedFields,names,transitions`), empty for
/// none.
///
/// Errors: [`Error::NotFound`] for an issue that does not exist or is not visible, HTTP and
/// transport errors.
pub async fn issue_get(client: &JiraClient, key: &str, expand: &str) -> Result<Issue> {
    let query: Vec<(&str, String)> = if expand.is_empty() {
        Vec::new()
    } else {
        vec![("expand", expand.to_owned())]
    };
    let resource = format!("issue/{}", segment(key));
    call(client, Method::GET, &resource, &query, None).await
}

/// Creates an issue. Never retried by the client (a retry could create a duplicate).
///
/// Errors: [`Error::Validation`] with Jira's per-field messages, [`Error::Forbidden`] without
/// the Create permission, HTTP and transport errors.
pub async fn issue_create(client: &JiraClient, body: &IssueUpdate) -> Result<CreatedIssue> {
    call(client, Method::POST, "issue", &[], Some(&to_json(body)?)).await
}

/// Edits an issue's fields (`fields` set, `update` operations).
///
/// Errors: [`Error::Validation`] with Jira's per-field messages, [`Error::Forbidden`] without
/// the Edit permission, [`Error::NotFound`], HTTP and transport errors.
pub async fn issue_edit(client: &JiraClient, key: &str, body: &IssueUpdate) -> Result<()> {
    let resource = format!("issue/{}", segment(key));
    call_unit(client, Method::PUT, &resource, &[], Some(&to_json(body)?)).await
}

/// Deletes an issue; with `delete_subtasks` its sub-tasks too (Jira refuses an issue with
/// sub-tasks otherwise).
///
/// Errors: [`Error::Validation`] for an issue with sub-tasks and `delete_subtasks` false,
/// [`Error::Forbidden`], [`Error::NotFound`], HTTP and transport errors.
pub async fn issue_delete(client: &JiraClient, key: &str, delete_subtasks: bool) -> Result<()> {
    let query = [("deleteSubtasks", delete_subtasks.to_string())];
    let resource = format!("issue/{}", segment(key));
    call_unit(client, Method::DELETE, &resource, &query, None).await
}

/// The transitions available now, with their screen fields.
///
/// Errors: [`Error::NotFound`], HTTP and transport errors.
pub async fn transitions(client: &JiraClient, key: &str) -> Result<Transitions> {
    let query = [("expand", "transitions.fields".to_owned())];
    let resource = format!("issue/{}/transitions", segment(key));
    call(client, Method::GET, &resource, &query, None).await
}

/// Performs a transition, with its screen's values.
///
/// Errors: [`Error::Validation`] for a transition not available now or a missing required
/// screen field, [`Error::Forbidden`], HTTP and transport errors.
pub async fn transition(client: &JiraClient, key: &str, body: &DoTransition) -> Result<()> {
    let resource = format!("issue/{}/transitions", segment(key));
    call_unit(client, Method::POST, &resource, &[], Some(&to_json(body)?)).await
}

/// Assigns an issue to `user`, or unassigns it (`None`).
///
/// Errors: [`Error::Validation`] for a user who cannot be assigned, [`Error::Forbidden`],
/// HTTP and transport errors.
pub async fn assign(client: &JiraClient, key: &str, user: Option<&UserId>) -> Result<()> {
    let body = assignee_body(client.connection().deployment, user);
    let resource = format!("issue/{}/assignee", segment(key));
    call_unit(client, Method::PUT, &resource, &[], Some(&body)).await
}

/// The create form of `issue_type` (its id or name) in `project` (key or id), custom fields
/// included, from `createmeta/{project}/issuetypes/{id}` (all pages).
///
/// Errors: [`Error::NotFound`] for an unknown project or an issue type the project does not
/// have, HTTP and transport errors.
pub async fn create_fields(
    client: &JiraClient,
    project: &str,
    issue_type: &str,
) -> Result<Vec<FormField>> {
    let base = format!("issue/createmeta/{}/issuetypes", segment(project));
    let type_id = issue_type_id(client, &base, project, issue_type).await?;
    let resource = format!("{base}/{}", segment(&type_id));
    let mut all = CreateMetaFields::default();
    let mut start = Some(0);
    while let Some(at) = start {
        let page: CreateMetaFields = call(
            client,
            Method::GET,
            &resource,
            &[("startAt", at.to_string())],
            None,
        )
        .await?;
        start = page.next_start_at();
        all.fields.extend(page.fields);
    }
    Ok(all.form_fields())
}

/// The id of the issue type named (or numbered) `wanted` in the project's create metadata.
async fn issue_type_id(
    client: &JiraClient,
    resource: &str,
    project: &str,
    wanted: &str,
) -> Result<String> {
    let mut start = Some(0);
    while let Some(at) = start {
        let page: CreateMetaIssueTypes = call(
            client,
            Method::GET,
            resource,
            &[("startAt", at.to_string())],
            None,
        )
        .await?;
        if let Some(found) = page
            .issue_types
            .iter()
            .find(|t| t.id == wanted || t.name.eq_ignore_ascii_case(wanted))
        {
            return Ok(found.id.clone());
        }
        let next = page.start_at.saturating_add(page.issue_types.len() as u64);
        let more = match (page.is_last, page.total) {
            (Some(last), _) => !last,
            (None, Some(total)) => next < total,
            (None, None) => false,
        };
        start = (more && !page.issue_types.is_empty()).then_some(next);
    }
    Err(Error::NotFound(format!(
        "project {project} has no issue type \"{wanted}\" you can create"
    )))
}

/// The edit form of an issue: the fields this user may change now, custom fields included.
///
/// Errors: [`Error::NotFound`], HTTP and transport errors.
pub async fn edit_fields(client: &JiraClient, key: &str) -> Result<Vec<FormField>> {
    let resource = format!("issue/{}/editmeta", segment(key));
    let meta: EditMeta = call(client, Method::GET, &resource, &[], None).await?;
    Ok(meta.form_fields())
}
