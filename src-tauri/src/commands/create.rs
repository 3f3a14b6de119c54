//! Creating issues (createmeta → form → `POST /issue`) and the drafts of unsent forms.
//!
//! Form values arrive as text (what the UI's field widgets hold, `toSubmitValue`) and are
//! turned into Jira's JSON by core's [`form_value_from_text`] against the createmeta form, so
//! the rules live in one place for the app and the CLI. A create is never retried: not by
//! core, and not here (a retry after a lost answer could make a duplicate).

use crate::error::{validation_as_is, CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::api::issue_types::IssueType;
use jiffy_core::api::meta::{CreateMetaIssueTypes, FormField};
use jiffy_core::api::projects::Project;
use jiffy_core::api::requests::{CreatedIssue, IssueUpdate};
use jiffy_core::api::values::form_values_from_texts;
use jiffy_core::config::Deployment;
use jiffy_core::drafts::{Draft, DraftTarget};
use jiffy_core::ops;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use tauri::State;

/// A project key or id as a path segment. Keys are letters, digits and `_` (ids digits), so
/// anything else is refused rather than encoded: it cannot name a project.
fn project_segment(project: &str) -> CmdResult<&str> {
    let project = project.trim();
    if project.is_empty()
        || !project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(IpcError::InvalidInput {
            message: format!("\"{project}\" is not a project key"),
        });
    }
    Ok(project)
}

/// The projects to offer in the create form: every project the user can see (Jira has no
/// per-project "may create" listing on both deployments; a project without the Create
/// permission answers `forbidden` when its issue types are asked for). Archived ones are
/// left out: nothing can be created in them.
///
/// Errors: `notFound` for an unknown connection, `unauthorized`, `network`.
#[tauri::command]
pub async fn create_meta_projects(
    state: State<'_, AppState>,
    connection: String,
) -> CmdResult<Vec<Project>> {
    let client = state.live_client(&connection).await?;
    let mut projects = ops::projects(&client).await?;
    projects.retain(|p| !p.archived);
    Ok(projects)
}

/// The issue types the user may create in `project` (key or id), from createmeta (all pages).
///
/// Errors: `notFound` for an unknown project, `forbidden` without the Create permission,
/// `invalidInput` for text that is not a project key, `network`.
#[tauri::command]
pub async fn create_issue_types(
    state: State<'_, AppState>,
    connection: String,
    project: String,
) -> CmdResult<Vec<IssueType>> {
    let project = project_segment(&project)?;
    let client = state.live_client(&connection).await?;
    let resource = format!("issue/createmeta/{project}/issuetypes");
    let mut all = Vec::new();
    let mut start = Some(0_u64);
    while let Some(at) = start {
        // Core's paging of this list is private to `ops::create_fields`; `raw` is the public
        // way to the same request (auth, retries of this read-only call, token refresh).
        let query = [("startAt", at.to_string())];
        let answer = ops::raw(&client, "GET", &resource, &query, None).await?;
        let page: CreateMetaIssueTypes =
            serde_json::from_value(answer.body).map_err(|e| IpcError::Internal {
                message: format!("unexpected answer to {resource}: {e}"),
            })?;
        let next = page.start_at.saturating_add(page.issue_types.len() as u64);
        let more = match (page.is_last, page.total) {
            (Some(last), _) => !last,
            (None, Some(total)) => next < total,
            (None, None) => false,
        };
        start = (more && !page.issue_types.is_empty()).then_some(next);
        all.extend(page.issue_types);
    }
    Ok(all)
}

/// The create form of `issue_type` (id or name) in `project`: createmeta's fields, required
/// first, `project` and `issuetype` left out (the form picks them first).
///
/// Errors: `notFound` for an unknown project or issue type, `forbidden`, `network`.
#[tauri::command]
pub async fn create_fields(
    state: State<'_, AppState>,
    connection: String,
    project: String,
    issue_type: String,
) -> CmdResult<Vec<FormField>> {
    let project = project_segment(&project)?;
    let client = state.live_client(&connection).await?;
    Ok(ops::create_fields(&client, project, &issue_type).await?)
}

/// Creates an issue of `issue_type` (id or name) in `project` from the form's text values
/// (field id → text). Empty values are not sent (Jira applies its defaults); `parent` is
/// the parent's key for a subtask. Sent once: a failure is reported, never retried. A
/// successful create forgets the form's draft.
///
/// Errors: `validation` with every problem on its field (values Jiffy cannot convert, and
/// Jira's own: a missing required field, a bad parent); `forbidden`; `network`.
#[tauri::command]
pub async fn issue_create(
    state: State<'_, AppState>,
    connection: String,
    project: String,
    issue_type: String,
    fields: BTreeMap<String, String>,
) -> CmdResult<CreatedIssue> {
    let project = project_segment(&project)?;
    let client = state.live_client(&connection).await?;
    let form = ops::create_fields(&client, project, &issue_type).await?;
    let values = convert(&form, client.connection().deployment, &fields)?;
    let body = create_body(project, &issue_type, values);
    let created = ops::issue_create(&client, &body).await?;
    let target = DraftTarget::Create {
        project: project.to_owned(),
        issue_type: issue_type.clone(),
    };
    // The issue exists now: a draft that cannot be removed must not turn it into an error.
    if let Err(e) = state.drafts.remove(&connection, &target) {
        eprintln!("jiffy: the draft of a created issue was kept: {e}");
    }
    Ok(created)
}

/// The `POST /issue` body: project and issue type (an all-digit value is an id), then the
/// converted fields.
fn create_body(project: &str, issue_type: &str, values: Map<String, Value>) -> IssueUpdate {
    let mut body = IssueUpdate::default();
    let reference = |text: &str, name_key: &str| {
        let text = text.trim();
        if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
            json!({ "id": text })
        } else {
            json!({ name_key: text })
        }
    };
    body.set("project", reference(project, "key"));
    body.set("issuetype", reference(issue_type, "name"));
    for (id, value) in values {
        body.set(&id, value);
    }
    body
}

/// Turns the form's text into Jira's JSON, field by field. Empty text is left out; every
/// value that cannot be converted is reported at once, each on its field. A field the form
/// does not have is refused on that field (Jira would say it is not on the screen).
fn convert(
    form: &[FormField],
    deployment: Deployment,
    texts: &BTreeMap<String, String>,
) -> CmdResult<Map<String, Value>> {
    let sent = texts
        .iter()
        .filter(|(id, text)| !text.trim().is_empty() && *id != "project" && *id != "issuetype");
    form_values_from_texts(
        form,
        deployment,
        sent,
        |_| None,
        |_| "This field is not on the create form of this issue type.".to_owned(),
        "Some values cannot be sent; see the fields.",
    )
    .map_err(validation_as_is)
}

/// Saves the draft of an unsent form (the create form of a project and issue type, or a
/// comment on an issue); replaces the earlier one. Only form values: never secrets.
///
/// Errors: `invalidInput` for an empty key or a draft over 1 MiB; `internal` when the file
/// cannot be written.
#[tauri::command]
pub fn draft_save(
    state: State<'_, AppState>,
    connection: String,
    target: DraftTarget,
    values: Map<String, Value>,
) -> CmdResult<Draft> {
    Ok(state.drafts.save(&connection, &target, values)?)
}

/// The saved draft of `target` on `connection`, or `null`.
///
/// Errors: `internal` when the drafts folder cannot be read.
#[tauri::command]
pub fn draft_load(
    state: State<'_, AppState>,
    connection: String,
    target: DraftTarget,
) -> CmdResult<Option<Draft>> {
    Ok(state.drafts.load(&connection, &target)?)
}

/// Forgets the draft of `target` on `connection`; whether there was one.
///
/// Errors: `internal` when the file cannot be written.
#[tauri::command]
pub fn draft_remove(
    state: State<'_, AppState>,
    connection: String,
    target: DraftTarget,
) -> CmdResult<bool> {
    Ok(state.drafts.remove(&connection, &target)?)
}

/// Every saved draft, newest first; only `connection`'s when given.
///
/// Errors: `internal` when the drafts folder cannot be read.
#[tauri::command]
pub fn drafts_list(
    state: State<'_, AppState>,
    connection: Option<String>,
) -> CmdResult<Vec<Draft>> {
    Ok(state.drafts.list(connection.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiffy_core::api::fields::FieldKind;
    use jiffy_core::api::meta::AllowedValue;

    fn field(id: &str, kind: FieldKind, options: &[(&str, &str)]) -> FormField {
        FormField {
            id: id.to_owned(),
            name: id.to_owned(),
            required: false,
            editable: true,
            kind,
            options: options
                .iter()
                .map(|(id, label)| AllowedValue {
                    id: (*id).to_owned(),
                    label: (*label).to_owned(),
                    icon_url: None,
                    disabled: false,
                })
                .collect(),
            auto_complete_url: None,
            default_value: None,
            custom: id.starts_with("customfield_"),
        }
    }

    #[test]
    fn converts_text_skips_empties_and_reports_every_bad_field() {
        let form = vec![
            field("summary", FieldKind::Text, &[]),
            field("customfield_1", FieldKind::Select, &[("7", "Red")]),
            field("customfield_2", FieldKind::Number, &[]),
            field("labels", FieldKind::Labels, &[]),
        ];
        let texts = BTreeMap::from([
            ("summary".to_owned(), "Printer on fire".to_owned()),
            ("customfield_1".to_owned(), "red".to_owned()),
            ("labels".to_owned(), "  ".to_owned()),
        ]);
        let out = convert(&form, Deployment::DataCenter, &texts).unwrap();
        assert_eq!(out["summary"], "Printer on fire");
        assert_eq!(out["customfield_1"], json!({ "id": "7" }));
        assert!(!out.contains_key("labels"), "empty values are not sent");

        let bad = BTreeMap::from([
            ("customfield_1".to_owned(), "Blue".to_owned()),
            ("customfield_2".to_owned(), "many".to_owned()),
            ("customfield_9".to_owned(), "x".to_owned()),
        ]);
        match convert(&form, Deployment::Cloud, &bad) {
            Err(IpcError::Validation { field_errors, .. }) => {
                let ids: Vec<&str> = field_errors.keys().map(String::as_str).collect();
                assert_eq!(ids, ["customfield_1", "customfield_2", "customfield_9"]);
                assert!(field_errors["customfield_1"].contains("Red"));
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn the_body_names_project_and_type_by_key_or_id() {
        let body = create_body("DEMO", "10001", Map::new());
        assert_eq!(body.fields["project"], json!({ "key": "DEMO" }));
        assert_eq!(body.fields["issuetype"], json!({ "id": "10001" }));
        let body = create_body("10000", "Bug", Map::new());
        assert_eq!(body.fields["project"], json!({ "id": "10000" }));
        assert_eq!(body.fields["issuetype"], json!({ "name": "Bug" }));
    }

    #[test]
    fn only_project_keys_reach_the_path() {
        assert_eq!(project_segment(" DEMO ").unwrap(), "DEMO");
        for bad in ["", "../admin", "DEMO/issuetypes", "A B", "x?y"] {
            assert!(project_segment(bad).is_err(), "{bad}");
        }
    }
}
