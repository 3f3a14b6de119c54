//! Acting on one issue: edit in place (editmeta), transitions with their screens, assign,
//! delete, the assignable-user search, and opening an issue in its own window.
//!
//! Form values arrive as text (what the UI's field widgets hold) and are turned into Jira's
//! JSON by core's [`form_value_from_text`], so the rules live in one place for the app and
//! the CLI.

use crate::error::{validation_as_is, CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::api::fields::FieldKind;
use jiffy_core::api::meta::{sort_form_fields, FormField};
use jiffy_core::api::requests::{DoTransition, IssueUpdate};
use jiffy_core::api::rich_text::RichText;
use jiffy_core::api::statuses::Status;
use jiffy_core::api::users::{User, UserId};
use jiffy_core::api::values::form_values_from_texts;
use jiffy_core::config::Deployment;
use jiffy_core::ops;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use ts_rs::TS;

/// The edit form of an issue: the fields editmeta offers, and their current values.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueEditForm {
    /// The fields, sorted for display (only `editable` ones may be changed).
    pub fields: Vec<FormField>,
    /// Field id → the current value as Jira sent it, except rich text, which is Markdown
    /// (what the text box edits). Fields without a value are absent.
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
}

/// A transition as its button and its screen form need it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TransitionForm {
    /// The transition id.
    pub id: String,
    /// Its name, e.g. "Start Progress".
    pub name: String,
    /// The status it leads to.
    pub to: Option<Status>,
    /// The screen's fields, sorted for display; empty when it has no screen.
    pub fields: Vec<FormField>,
}

/// The issue's editable fields (editmeta) with their current values.
///
/// Errors: `notFound` for an issue that does not exist or is not visible; `network`.
#[tauri::command]
pub async fn issue_edit_fields(
    state: State<'_, AppState>,
    connection: String,
    key: String,
) -> CmdResult<IssueEditForm> {
    let client = state.live_client(&connection).await?;
    let (fields, issue) = tokio::join!(
        ops::edit_fields(&client, &key),
        ops::issue_get(&client, &key, "")
    );
    let (fields, issue) = (fields?, issue?);
    let raw = serde_json::to_value(&issue.fields).unwrap_or(Value::Null);
    let mut values = Map::new();
    for field in &fields {
        let Some(value) = raw.get(&field.id).filter(|v| !v.is_null()) else {
            continue;
        };
        let value = if field.kind == FieldKind::RichText {
            match serde_json::from_value::<RichText>(value.clone()) {
                Ok(text) => Value::String(text.to_markdown()),
                Err(_) => value.clone(),
            }
        } else {
            value.clone()
        };
        values.insert(field.id.clone(), value);
    }
    Ok(IssueEditForm { fields, values })
}

/// Turns text values into Jira's JSON for the given form fields. Every bad value is
/// reported at once, each on its field.
fn convert(
    form: &[FormField],
    deployment: Deployment,
    texts: &BTreeMap<String, String>,
) -> CmdResult<Map<String, Value>> {
    form_values_from_texts(
        form,
        deployment,
        texts,
        |field| (!field.editable).then(|| format!("{} cannot be changed here.", field.name)),
        |id| format!("“{id}” is not on this form."),
        "Some values are not valid.",
    )
    .map_err(validation_as_is)
}

/// Saves fields of an issue, each given as text (ids of options, comma-separated lists,
/// Markdown for rich text, a username or account id for users).
///
/// Errors: `validation` with messages per field id (Jira's or the conversion's); `forbidden`
/// without the Edit permission; `notFound`; `network`.
#[tauri::command]
pub async fn issue_edit(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    fields: BTreeMap<String, String>,
) -> CmdResult<()> {
    let client = state.live_client(&connection).await?;
    let form = ops::edit_fields(&client, &key).await?;
    let values = convert(&form, client.connection().deployment, &fields)?;
    if values.is_empty() {
        return Ok(());
    }
    let body = IssueUpdate {
        fields: values,
        ..Default::default()
    };
    Ok(ops::issue_edit(&client, &key, &body).await?)
}

/// The transitions available now, with their screens' fields.
///
/// Errors: `notFound`; `network`.
#[tauri::command]
pub async fn issue_transitions(
    state: State<'_, AppState>,
    connection: String,
    key: String,
) -> CmdResult<Vec<TransitionForm>> {
    let client = state.live_client(&connection).await?;
    let found = ops::transitions(&client, &key).await?;
    Ok(found
        .transitions
        .into_iter()
        .map(|t| {
            let mut fields: Vec<FormField> = t
                .fields
                .iter()
                .map(|(id, meta)| {
                    let mut field = meta.form_field(id);
                    // A screen lists what may be set during the transition even without
                    // `operations` (DC often omits them).
                    field.editable = true;
                    field
                })
                .collect();
            sort_form_fields(&mut fields);
            TransitionForm {
                id: t.id,
                name: t.name,
                to: t.to,
                fields,
            }
        })
        .collect())
}

/// Performs a transition with its screen's values (text per field id, as for `issue_edit`;
/// a `comment` value is added as a comment).
///
/// Errors: `validation` for a transition not available now or a missing required field
/// (on that field); `forbidden`; `network`.
#[tauri::command]
pub async fn issue_transition(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    transition_id: String,
    fields: BTreeMap<String, String>,
) -> CmdResult<()> {
    let client = state.live_client(&connection).await?;
    let found = ops::transitions(&client, &key).await?;
    let Some(transition) = found.transitions.iter().find(|t| t.id == transition_id) else {
        return Err(IpcError::Validation {
            message: format!("That transition is not available for {key} now."),
            field_errors: BTreeMap::new(),
        });
    };
    let mut texts = fields;
    let comment = texts.remove("comment").filter(|c| !c.trim().is_empty());
    let form: Vec<FormField> = transition
        .fields
        .iter()
        .map(|(id, meta)| {
            let mut field = meta.form_field(id);
            field.editable = true;
            field
        })
        .collect();
    let deployment = client.connection().deployment;
    let mut body = DoTransition::new(&transition.id);
    body.fields = convert(&form, deployment, &texts)?;
    if let Some(comment) = comment {
        body = body.with_comment(ops::text_format(&client), &comment);
    }
    Ok(ops::transition(&client, &key, &body).await?)
}

/// Assigns the issue: `user` is a username (Data Center) or account id (Cloud), `"me"` for
/// the signed-in user, or `null` to unassign.
///
/// Errors: `validation` for a user who cannot be assigned; `forbidden`; `network`.
#[tauri::command]
pub async fn issue_assign(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    user: Option<String>,
) -> CmdResult<()> {
    let client = state.live_client(&connection).await?;
    let id = match user.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("me") => Some(
            ops::myself(&client)
                .await?
                .id()
                .ok_or_else(|| IpcError::Internal {
                    message: "Jira did not say who the signed-in user is.".to_owned(),
                })?,
        ),
        Some(name) => Some(match client.connection().deployment {
            Deployment::Cloud => UserId::AccountId(name.to_owned()),
            Deployment::DataCenter | Deployment::Server => UserId::Name(name.to_owned()),
        }),
    };
    Ok(ops::assign(&client, &key, id.as_ref()).await?)
}

/// Deletes the issue; `delete_subtasks` must be true when it has subtasks (Jira refuses
/// otherwise).
///
/// Errors: `validation` for an issue with subtasks and `delete_subtasks` false; `forbidden`;
/// `notFound`; `network`.
#[tauri::command]
pub async fn issue_delete(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    delete_subtasks: bool,
) -> CmdResult<()> {
    let client = state.live_client(&connection).await?;
    ops::issue_delete(&client, &key, delete_subtasks).await?;
    // A deleted issue is no longer one to go back to.
    let _ = state.saved_searches.recent_remove(&connection, &key);
    Ok(())
}

/// Users who may be assigned the issue and match `query` (empty: the first of them).
///
/// Errors: `notFound` for an issue that is not visible; `network`.
#[tauri::command]
pub async fn users_assignable(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    query: String,
) -> CmdResult<Vec<User>> {
    let client = state.live_client(&connection).await?;
    Ok(ops::users_assignable(&client, &key, &query).await?)
}

/// The label of an issue's window: `issue-<connection>-<KEY>` with everything outside
/// Tauri's label alphabet (letters, digits, `-`, `_`) replaced by `_`.
pub fn issue_window_label(connection: &str, key: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!("issue-{}-{}", clean(connection), clean(key))
}

/// Opens the issue in its own window (`index.html?issue=KEY&connection=ID`), or focuses the
/// window already showing it. The window is labelled `issue-…`, which the main window's
/// capability grants too.
///
/// Errors: `internal` when the window cannot be made.
#[tauri::command]
pub async fn issue_open_window<R: Runtime>(
    app: AppHandle<R>,
    connection: String,
    key: String,
) -> CmdResult<()> {
    open_issue_window(&app, &connection, &key).map_err(|e| IpcError::Internal {
        message: format!("Could not open a window for {key}: {e}"),
    })
}

/// Opens issue `key` of `connection` in its own window, or brings that window forward. Also
/// what a click on a watch's notification does.
///
/// Errors: the window could not be made.
pub fn open_issue_window<R: Runtime>(
    app: &AppHandle<R>,
    connection: &str,
    key: &str,
) -> tauri::Result<()> {
    let label = issue_window_label(connection, key);
    if let Some(window) = app.get_webview_window(&label) {
        let _ = window.unminimize();
        return window.set_focus();
    }
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("issue", key)
        .append_pair("connection", connection)
        .finish();
    let url = WebviewUrl::App(format!("index.html?{query}").into());
    WebviewWindowBuilder::new(app, &label, url)
        .title(format!("{key} — Jiffy"))
        .inner_size(820.0, 900.0)
        .build()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_labels_keep_only_the_label_alphabet() {
        assert_eq!(issue_window_label("c1", "DEMO-1"), "issue-c1-DEMO-1");
        assert_eq!(
            issue_window_label("my site.example/jira", "A B"),
            "issue-my_site_example_jira-A_B"
        );
    }

    fn field(id: &str, kind: FieldKind, editable: bool) -> FormField {
        FormField {
            id: id.to_owned(),
            name: id.to_uppercase(),
            required: false,
            editable,
            kind,
            options: Vec::new(),
            auto_complete_url: None,
            default_value: None,
            custom: false,
        }
    }

    #[test]
    fn converts_every_value_and_reports_every_bad_one_on_its_field() {
        let form = [
            field("summary", FieldKind::Text, true),
            field("customfield_1", FieldKind::Number, true),
            field("created", FieldKind::DateTime, false),
        ];
        let ok = BTreeMap::from([
            ("summary".to_owned(), "New title".to_owned()),
            ("customfield_1".to_owned(), "42".to_owned()),
        ]);
        let values = convert(&form, Deployment::DataCenter, &ok).expect("valid");
        assert_eq!(values["summary"], "New title");
        assert_eq!(values["customfield_1"], 42);

        let bad = BTreeMap::from([
            ("customfield_1".to_owned(), "many".to_owned()),
            ("created".to_owned(), "2024-01-01".to_owned()),
            ("nope".to_owned(), "x".to_owned()),
        ]);
        let Err(IpcError::Validation { field_errors, .. }) =
            convert(&form, Deployment::DataCenter, &bad)
        else {
            panic!("expected a validation error");
        };
        assert!(field_errors["customfield_1"].contains("not a number"));
        assert!(field_errors["created"].contains("cannot be changed"));
        assert!(field_errors["nope"].contains("not on this form"));
    }
}
