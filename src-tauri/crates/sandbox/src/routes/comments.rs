//! Comments: paginated list, add, get, update, delete, with role/group visibility.

use std::collections::{BTreeMap, HashMap};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::{json_body, ApiError, ApiResult};
use crate::model::{Comment, Issue};
use crate::render::{self, adf, Ctx};
use crate::server::App;
use crate::store::{Perm, Store};

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/issue/{key}/comment", get(list).post(add))
        .route(
            "/rest/api/{v}/issue/{key}/comment/{id}",
            get(get_one).put(update).delete(delete),
        )
}

/// May `user` read a comment with this visibility restriction?
fn can_see(store: &Store, user: &str, issue: &Issue, c: &Comment) -> bool {
    let Some((ty, value)) = &c.visibility else {
        return true;
    };
    let Some(u) = store.user(user) else {
        return false;
    };
    if u.global_admin {
        return true;
    }
    match ty.as_str() {
        "group" => u.groups.iter().any(|g| g == value),
        _ => store
            .project_by_id(issue.project_id)
            .and_then(|p| p.roles.get(user))
            .is_some_and(|r| r.name() == value),
    }
}

fn parse_body(ctx: &Ctx, v: &Value) -> ApiResult<(String, Option<(String, String)>)> {
    let body = match v.get("body") {
        Some(Value::String(s)) if !ctx.v3() => s.clone(),
        Some(doc) if ctx.v3() && adf::is_doc(doc) => adf::to_text(doc),
        Some(Value::String(_)) if ctx.v3() => {
            return Err(ApiError::fields(BTreeMap::from([(
                "comment".into(),
                "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
                    .into(),
            )])))
        }
        _ => String::new(),
    };
    if body.trim().is_empty() {
        return Err(ApiError::fields(BTreeMap::from([(
            "comment".into(),
            "Comment body can not be empty!".into(),
        )])));
    }
    let visibility = match v.get("visibility") {
        None | Some(Value::Null) => None,
        Some(vis) => {
            let ty = vis.get("type").and_then(Value::as_str).unwrap_or("");
            let value = vis
                .get("value")
                .or_else(|| vis.get("identifier"))
                .and_then(Value::as_str)
                .unwrap_or("");
            if !matches!(ty, "role" | "group") || value.is_empty() {
                return Err(ApiError::fields(BTreeMap::from([(
                    "commentLevel".into(),
                    "Visibility must have a type of 'role' or 'group' and a value.".into(),
                )])));
            }
            Some((ty.to_string(), value.to_string()))
        }
    };
    Ok((body, visibility))
}

async fn list(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let default_max = if ctx.cloud() { 100 } else { 50 };
    let (start, max) = super::page_params(&q, default_max, 5000)?;
    let rendered = q.get("expand").is_some_and(|e| e.contains("renderedBody"));
    let store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let mut visible: Vec<&Comment> = issue
        .comments
        .iter()
        .filter(|c| can_see(&store, &caller.user, issue, c))
        .collect();
    if q.get("orderBy").map(String::as_str) == Some("-created") {
        visible.reverse();
    }
    let comments: Vec<Value> = visible
        .iter()
        .skip(start)
        .take(max)
        .map(|c| render::issue::comment(&ctx, &store, issue, c, rendered))
        .collect();
    Ok(Json(
        json!({ "startAt": start, "maxResults": max, "total": visible.len(), "comments": comments }),
    ))
}

async fn add(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let b: Value = json_body(&body)?;
    let mut store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    super::require(
        &store,
        &caller,
        issue,
        Perm::AddComments,
        "comment on this issue",
    )?;
    let issue_id = issue.id;
    let (text, visibility) = parse_body(&ctx, &b)?;
    let id = store.next_id();
    let now = store.now_ms();
    let c = Comment {
        id,
        author: caller.user.clone(),
        update_author: caller.user.clone(),
        body: text,
        created: now,
        updated: now,
        visibility,
    };
    let issue = store
        .issues
        .get_mut(&issue_id)
        .ok_or_else(ApiError::issue_not_found)?;
    issue.comments.push(c.clone());
    issue.updated = now;
    store.touch_issue(issue_id);
    let issue = store
        .issues
        .get(&issue_id)
        .ok_or_else(ApiError::issue_not_found)?;
    Ok((
        StatusCode::CREATED,
        Json(render::issue::comment(&ctx, &store, issue, &c, false)),
    )
        .into_response())
}

fn find<'a>(
    store: &'a Store,
    caller: &Caller,
    issue: &'a Issue,
    id: &str,
) -> ApiResult<&'a Comment> {
    issue
        .comments
        .iter()
        .find(|c| c.id.to_string() == id && can_see(store, &caller.user, issue, c))
        .ok_or_else(|| ApiError::not_found(format!("Can not find a comment for the id: {id}.")))
}

async fn get_one(
    State(app): State<App>,
    Path((v, key, id)): Path<(String, String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let c = find(&store, &caller, issue, &id)?;
    let rendered = q.get("expand").is_some_and(|e| e.contains("renderedBody"));
    Ok(Json(render::issue::comment(
        &ctx, &store, issue, c, rendered,
    )))
}

async fn update(
    State(app): State<App>,
    Path((v, key, id)): Path<(String, String, String)>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let b: Value = json_body(&body)?;
    let mut store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let c = find(&store, &caller, issue, &id)?;
    let own = c.author == caller.user;
    if !(store.can_issue(&caller.user, issue, Perm::EditAllComments)
        || (own && store.can_issue(&caller.user, issue, Perm::EditOwnComments)))
    {
        return Err(ApiError::forbidden(
            "You do not have permission to edit this comment.",
        ));
    }
    let (text, visibility) = parse_body(&ctx, &b)?;
    let (issue_id, comment_id) = (issue.id, c.id);
    let now = store.now_ms();
    let issue = store
        .issues
        .get_mut(&issue_id)
        .ok_or_else(ApiError::issue_not_found)?;
    let c = issue
        .comments
        .iter_mut()
        .find(|c| c.id == comment_id)
        .ok_or_else(ApiError::issue_not_found)?;
    c.body = text;
    c.updated = now;
    c.update_author = caller.user.clone();
    if b.get("visibility").is_some() {
        c.visibility = visibility;
    }
    let c = c.clone();
    store.touch_issue(issue_id);
    let issue = store
        .issues
        .get(&issue_id)
        .ok_or_else(ApiError::issue_not_found)?;
    Ok(Json(render::issue::comment(&ctx, &store, issue, &c, false)))
}

async fn delete(
    State(app): State<App>,
    Path((v, key, id)): Path<(String, String, String)>,
    caller: Caller,
) -> ApiResult<StatusCode> {
    super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let mut store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let c = find(&store, &caller, issue, &id)?;
    let own = c.author == caller.user;
    if !(store.can_issue(&caller.user, issue, Perm::DeleteAllComments)
        || (own && store.can_issue(&caller.user, issue, Perm::DeleteOwnComments)))
    {
        return Err(ApiError::forbidden(
            "You do not have permission to delete this comment.",
        ));
    }
    let (issue_id, comment_id) = (issue.id, c.id);
    if let Some(i) = store.issues.get_mut(&issue_id) {
        i.comments.retain(|c| c.id != comment_id);
    }
    store.touch_issue(issue_id);
    Ok(StatusCode::NO_CONTENT)
}
