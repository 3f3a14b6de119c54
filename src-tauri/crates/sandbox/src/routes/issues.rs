//! Issues: get (fields filter, expand), create (field-by-field validation), edit (`fields`
//! and `update`), delete (subtasks need `deleteSubtasks=true`), assignee, Cloud bulkfetch.

use std::collections::{BTreeMap, HashMap};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::issue_write::{self, Screen};
use crate::auth::{Access, Caller};
use crate::error::{json_body, ApiError, ApiResult};
use crate::model::{ChangeGroup, ChangeItem, Comment};
use crate::render::{self, Ctx};
use crate::server::App;
use crate::store::{Perm, Store};
use crate::Mode;

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/issue", post(create))
        .route("/rest/api/{v}/issue/bulkfetch", post(bulkfetch))
        .route(
            "/rest/api/{v}/issue/{key}",
            get(get_issue).put(edit).delete(delete),
        )
        .route("/rest/api/{v}/issue/{key}/assignee", put(assign))
}

type Params = Query<HashMap<String, String>>;

async fn get_issue(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    Query(q): Params,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let fields = render::issue::select_fields(&store, q.get("fields").map(String::as_str), "*all");
    let expand = q.get("expand").cloned().unwrap_or_default();
    Ok(Json(render::issue::issue(
        &ctx,
        &store,
        &caller.user,
        issue,
        &fields,
        &expand,
    )))
}

fn obj(v: Option<&Value>) -> Map<String, Value> {
    v.and_then(Value::as_object).cloned().unwrap_or_default()
}

/// Records a change group and bumps `updated`.
pub fn record_history(store: &mut Store, issue_id: i64, author: &str, items: Vec<ChangeItem>) {
    if items.is_empty() {
        return;
    }
    let id = store.next_id();
    let now = store.now_ms();
    if let Some(i) = store.issues.get_mut(&issue_id) {
        i.updated = now;
        i.history.push(ChangeGroup {
            id,
            author: author.into(),
            created: now,
            items,
        });
    }
}

/// Adds comments from `update.comment[].add`.
pub fn add_comments(store: &mut Store, issue_id: i64, author: &str, bodies: Vec<String>) {
    for body in bodies {
        let id = store.next_id();
        let now = store.now_ms();
        if let Some(i) = store.issues.get_mut(&issue_id) {
            i.comments.push(Comment {
                id,
                author: author.into(),
                update_author: author.into(),
                body,
                created: now,
                updated: now,
                visibility: None,
            });
            i.updated = now;
        }
    }
}

async fn create(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let body: Value = json_body(&body)?;
    let fields = obj(body.get("fields"));
    let update = obj(body.get("update"));
    let mut store = app.lock();
    let project_ref = fields
        .get("project")
        .and_then(|p| p.get("key").or_else(|| p.get("id")))
        .and_then(Value::as_str)
        .unwrap_or("");
    let Some(project) = store.project(project_ref).cloned() else {
        return Err(ApiError::fields(BTreeMap::from([(
            "project".into(),
            "Specify a valid project ID or key".into(),
        )])));
    };
    if !store.can(&caller.user, &project, Perm::Browse) {
        return Err(ApiError::fields(BTreeMap::from([(
            "project".into(),
            "Specify a valid project ID or key".into(),
        )])));
    }
    if !store.can(&caller.user, &project, Perm::Create) {
        return Err(ApiError::forbidden(
            "You do not have permission to create issues in this project.",
        ));
    }
    let now = store.now_ms();
    let mut errors = BTreeMap::new();
    if !fields.contains_key("issuetype") {
        errors.insert("issuetype".to_string(), "Specify an issue type".to_string());
    }
    if fields
        .get("summary")
        .and_then(Value::as_str)
        .is_none_or(|s| s.trim().is_empty())
        && !update.contains_key("summary")
    {
        errors.insert(
            "summary".to_string(),
            "You must specify a summary of the issue.".to_string(),
        );
    }
    // A preview takes no id or key, so a failed create consumes neither.
    let mut issue = crate::seed::preview_issue(&store, project.id, now)
        .ok_or_else(|| ApiError::bad_request("Could not create the issue."))?;
    issue.reporter = Some(caller.user.clone());
    issue.creator = caller.user.clone();
    let mut fields_wo_summary = fields.clone();
    if errors.contains_key("summary") {
        fields_wo_summary.remove("summary");
    }
    if errors.contains_key("issuetype") {
        fields_wo_summary.remove("issuetype");
    }
    let outcome = issue_write::apply(
        &ctx,
        &store,
        &mut issue,
        &fields_wo_summary,
        &update,
        Screen::Create,
    );
    let outcome = match outcome {
        Ok(o) => Some(o),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let is_subtask = store
        .issue_type(&issue.issue_type)
        .is_some_and(|t| t.subtask);
    if errors.is_empty() && is_subtask && issue.parent.is_none() {
        errors.insert(
            "parent".into(),
            "Issue type is a sub-task but parent issue key or id not specified.".into(),
        );
    }
    if !is_subtask && issue.parent.is_some() && errors.is_empty() && app.mode() == Mode::DataCenter
    {
        errors.insert(
            "parent".into(),
            "Parent can only be set on sub-tasks.".into(),
        );
    }
    let Some(outcome) = outcome.filter(|_| errors.is_empty()) else {
        return Err(ApiError::fields(errors));
    };
    // Commit: take the id and key for real.
    let Some(mut real) = crate::seed::blank_issue(&mut store, project.id, now) else {
        return Err(ApiError::bad_request("Could not create the issue."));
    };
    issue.id = real.id;
    issue.key = std::mem::take(&mut real.key);
    let (id, key) = (issue.id, issue.key.clone());
    store.key_index.insert(key.to_ascii_uppercase(), id);
    store.issues.insert(id, issue);
    add_comments(&mut store, id, &caller.user, outcome.comments);
    store.touch_issue(id);
    let body =
        json!({ "id": id.to_string(), "key": key, "self": format!("{}/issue/{id}", ctx.rest()) });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn edit(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    Query(q): Params,
    body: Bytes,
) -> ApiResult<Response> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let body: Value = json_body(&body)?;
    let mut store = app.lock();
    let mut issue = super::visible_issue(&store, &caller, &key)?.clone();
    super::require(&store, &caller, &issue, Perm::Edit, "edit this issue")?;
    let outcome = issue_write::apply(
        &ctx,
        &store,
        &mut issue,
        &obj(body.get("fields")),
        &obj(body.get("update")),
        Screen::Edit,
    )
    .map_err(ApiError::fields)?;
    let id = issue.id;
    store.issues.insert(id, issue);
    record_history(&mut store, id, &caller.user, outcome.changes);
    add_comments(&mut store, id, &caller.user, outcome.comments);
    store.touch_issue(id);
    if q.get("returnIssue").map(String::as_str) == Some("true") {
        let fields = render::issue::select_fields(&store, None, "*all");
        let issue = store
            .issues
            .get(&id)
            .ok_or_else(ApiError::issue_not_found)?;
        let expand = q.get("expand").cloned().unwrap_or_default();
        return Ok(Json(render::issue::issue(
            &ctx,
            &store,
            &caller.user,
            issue,
            &fields,
            &expand,
        ))
        .into_response());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn delete(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    Query(q): Params,
) -> ApiResult<StatusCode> {
    super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let mut store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?.clone();
    super::require(&store, &caller, &issue, Perm::Delete, "delete this issue")?;
    let subtasks: Vec<i64> = store.subtasks(issue.id).iter().map(|s| s.id).collect();
    if !subtasks.is_empty() && q.get("deleteSubtasks").map(String::as_str) != Some("true") {
        return Err(ApiError::bad_request(format!("The issue '{}' has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue with all its subtasks.", issue.key)));
    }
    for id in subtasks.into_iter().chain([issue.id]) {
        if let Some(removed) = store.issues.remove(&id) {
            store.key_index.remove(&removed.key.to_ascii_uppercase());
            for a in removed.attachments {
                store.blobs.remove(&a.id);
                store.touch_blob(a.id);
            }
        }
        store.touch_issue(id);
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn assign(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let body: Value = json_body(&body)?;
    let mut store = app.lock();
    let mut issue = super::visible_issue(&store, &caller, &key)?.clone();
    super::require(&store, &caller, &issue, Perm::Assign, "assign this issue")?;
    let fields: Map<String, Value> = [("assignee".to_string(), body)].into_iter().collect();
    let outcome = issue_write::apply(&ctx, &store, &mut issue, &fields, &Map::new(), Screen::Edit)
        .map_err(|e| ApiError::bad_request(e.values().next().cloned().unwrap_or_default()))?;
    let id = issue.id;
    store.issues.insert(id, issue);
    record_history(&mut store, id, &caller.user, outcome.changes);
    store.touch_issue(id);
    Ok(StatusCode::NO_CONTENT)
}

/// Cloud `POST /rest/api/3/issue/bulkfetch` `{issueIdsOrKeys, fields, expand}`.
async fn bulkfetch(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let ctx: Ctx = super::ctx(&app, &v)?;
    if app.mode() != Mode::Cloud {
        return Err(ApiError::not_found(
            "null for uri: /rest/api/2/issue/bulkfetch",
        ));
    }
    caller.need(Access::Read)?;
    let body: Value = json_body(&body)?;
    let keys: Vec<String> = body
        .get("issueIdsOrKeys")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| x.as_i64().map(|n| n.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    if keys.is_empty() || keys.len() > 100 {
        return Err(ApiError::bad_request(
            "issueIdsOrKeys must contain between 1 and 100 entries.",
        ));
    }
    let list = |k: &str| {
        body.get(k).and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(",")
        })
    };
    let store = app.lock();
    let fields = render::issue::select_fields(&store, list("fields").as_deref(), "*navigable");
    let expand = list("expand").unwrap_or_default();
    let mut issues = Vec::new();
    let mut errors = Vec::new();
    for k in &keys {
        match super::visible_issue(&store, &caller, k) {
            Ok(i) => issues.push(render::issue::issue(
                &ctx,
                &store,
                &caller.user,
                i,
                &fields,
                &expand,
            )),
            Err(_) => errors.push(k.clone()),
        }
    }
    let mut out = json!({ "issues": issues, "issueErrors": [] });
    if !errors.is_empty() {
        out["issueErrors"] = json!([{ "issueIdsOrKeys": errors, "errorMessages": ["Issue does not exist or you do not have permission to see it."] }]);
    }
    Ok(Json(out))
}
