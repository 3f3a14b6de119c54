//! Comments of an issue: all pages, add, edit, delete, and who a comment may be restricted to.

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::api::comments::{Comment, PageOfComments, Visibility};
use jiffy_core::api::issue_view::IssueView;
use jiffy_core::api::issues::{Issue, IssueFields};
use jiffy_core::api::requests::AddComment;
use jiffy_core::api::users::User;
use jiffy_core::api::JiraClient;
use jiffy_core::ops;
use serde::Serialize;
use serde_json::Value;
use tauri::State;
use ts_rs::TS;

/// A comment as the comments list shows and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CommentItem {
    /// Comment id.
    pub id: String,
    /// Author (absent for anonymous or deleted users).
    pub author: Option<User>,
    /// Created (ISO 8601).
    pub created: String,
    /// Last updated (ISO 8601).
    pub updated: String,
    /// Whether it was edited after it was written.
    pub edited: bool,
    /// The body as sanitized HTML (safe to set as inner HTML).
    pub body_html: String,
    /// The body as Markdown, to start an edit from.
    pub body_markdown: String,
    /// The restriction, when the comment is not visible to everyone.
    pub visibility: Option<Visibility>,
}

/// What the "Visible to" select may offer: the project's roles and the user's groups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VisibilityOptions {
    /// Project role names, e.g. "Developers".
    pub roles: Vec<String>,
    /// Group names the signed-in user belongs to.
    pub groups: Vec<String>,
}

/// The list items of `comments`, bodies rendered and sanitized by core's issue view (the one
/// place that turns Jira's rendered HTML, ADF or wiki markup into safe HTML).
fn items(client: &JiraClient, comments: Vec<Comment>) -> Vec<CommentItem> {
    // A trailing slash keeps a context path (`https://corp/jira/`) when resolving links.
    let base = format!("{}/", client.connection().base_url.trim_end_matches('/'));
    let site = url::Url::parse(&base).ok();
    let issue = Issue {
        fields: IssueFields {
            comment: Some(PageOfComments {
                total: comments.len() as u64,
                comments: comments.clone(),
                ..Default::default()
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    let views = IssueView::from_issue(&issue, site.as_ref()).comments;
    comments
        .into_iter()
        .zip(views)
        .map(|(comment, view)| CommentItem {
            edited: comment.is_edited(),
            body_markdown: comment
                .body
                .as_ref()
                .map(|b| b.to_markdown())
                .unwrap_or_default(),
            id: comment.id,
            author: comment.author,
            created: comment.created,
            updated: comment.updated,
            body_html: view.body_html,
            visibility: comment.visibility,
        })
        .collect()
}

fn one(client: &JiraClient, comment: Comment) -> CmdResult<CommentItem> {
    items(client, vec![comment])
        .pop()
        .ok_or_else(|| IpcError::Internal {
            message: "Jira answered no comment".to_owned(),
        })
}

/// The request body: Markdown (or plain text) in the deployment's format, and a restriction.
fn body(client: &JiraClient, markdown: &str, visibility: Option<Visibility>) -> AddComment {
    let body = AddComment::new(ops::text_format(client), markdown);
    match visibility {
        Some(v) => body.with_visibility(v),
        None => body,
    }
}

/// Every comment of the issue (all pages), oldest first.
///
/// Errors: `notFound` for an issue that is not visible; `unauthorized`, `network`.
#[tauri::command]
pub async fn comments_list(
    state: State<'_, AppState>,
    connection: String,
    key: String,
) -> CmdResult<Vec<CommentItem>> {
    let client = state.live_client(&connection).await?;
    let all = ops::comments(&client, &key).await?;
    Ok(items(&client, all))
}

/// Adds a comment written in Markdown or plain text; `visibility` restricts it to a role or
/// group (`null`: everyone).
///
/// Errors: `validation` (an empty body → `fieldErrors.comment`, an unknown role or group);
/// `forbidden` without the Add Comments permission; `notFound`; `network`.
#[tauri::command]
pub async fn comment_add(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    markdown: String,
    visibility: Option<Visibility>,
) -> CmdResult<CommentItem> {
    let client = state.live_client(&connection).await?;
    let added = ops::comment_add(&client, &key, &body(&client, &markdown, visibility)).await?;
    one(&client, added)
}

/// Replaces a comment's body and visibility.
///
/// Errors: as `comment_add`; `forbidden` for someone else's comment without Edit All
/// Comments; `notFound` for an unknown comment.
#[tauri::command]
pub async fn comment_update(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    id: String,
    markdown: String,
    visibility: Option<Visibility>,
) -> CmdResult<CommentItem> {
    let client = state.live_client(&connection).await?;
    let body = body(&client, &markdown, visibility);
    let updated = ops::comment_update(&client, &key, &id, &body).await?;
    one(&client, updated)
}

/// Deletes a comment.
///
/// Errors: `forbidden`, `notFound`, `network`.
#[tauri::command]
pub async fn comment_delete(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    id: String,
) -> CmdResult<()> {
    let client = state.live_client(&connection).await?;
    Ok(ops::comment_delete(&client, &key, &id).await?)
}

/// The roles of the issue's project (`GET project/{key}`'s `roles`) and the user's groups
/// (`GET myself?expand=groups`), for the "Visible to" select. Jira offers visibility only
/// through these lists, so a part it does not answer is left empty rather than failing the
/// whole comment form (the select then offers less, and "Everyone" always).
///
/// Errors: `notFound` for an unknown connection.
#[tauri::command]
pub async fn comment_visibility_options(
    state: State<'_, AppState>,
    connection: String,
    key: String,
) -> CmdResult<VisibilityOptions> {
    let client = state.live_client(&connection).await?;
    let project = format!("project/{}", project_of(&key));
    let expand = [("expand", "groups".to_owned())];
    let roles = ops::raw(&client, "GET", &project, &[], None);
    let me = ops::raw(&client, "GET", "myself", &expand, None);
    let (roles, me) = tokio::join!(roles, me);
    Ok(VisibilityOptions {
        roles: roles.map(|r| role_names(&r.body)).unwrap_or_default(),
        groups: me.map(|r| group_names(&r.body)).unwrap_or_default(),
    })
}

/// The project key of an issue key (`DEMO-12` → `DEMO`), percent-safe: keys are letters,
/// digits and `_`, anything else is dropped so it cannot change the path.
fn project_of(issue_key: &str) -> String {
    let project = issue_key.rsplit_once('-').map_or(issue_key, |(p, _)| p);
    project
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The keys of a project's `roles` map (`{"Developers": "…/role/10001"}`), sorted.
fn role_names(project: &Value) -> Vec<String> {
    let mut names: Vec<String> = project
        .get("roles")
        .and_then(Value::as_object)
        .map(|roles| roles.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// The names in a user's `groups.items`.
fn group_names(user: &Value) -> Vec<String> {
    user.get("groups")
        .and_then(|g| g.get("items"))
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|g| g.get("name").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_project_of_an_issue_key_cannot_change_the_path() {
        assert_eq!(project_of("DEMO-12"), "DEMO");
        assert_eq!(project_of("MY_PROJ-1"), "MY_PROJ");
        assert_eq!(project_of("../admin?x=1-2"), "adminx1");
    }

    #[test]
    fn roles_and_groups_are_read_from_jiras_answers() {
        let project = json!({ "roles": { "Users": "u", "Developers": "d" } });
        assert_eq!(role_names(&project), ["Developers", "Users"]);
        assert!(role_names(&json!({})).is_empty());
        let me = json!({ "groups": { "size": 2, "items": [{ "name": "jira-users" }, {}] } });
        assert_eq!(group_names(&me), ["jira-users"]);
        assert!(group_names(&json!({ "groups": { "size": 3, "items": [] } })).is_empty());
    }
}
