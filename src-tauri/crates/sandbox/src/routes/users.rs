//! Users: get, search, assignable search, picker.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::render::{self, Ctx};
use crate::server::App;
use crate::store::{Perm, Store};

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/user", get(get_user))
        .route("/rest/api/{v}/user/search", get(search))
        .route("/rest/api/{v}/user/assignable/search", get(assignable))
        .route("/rest/api/{v}/user/picker", get(picker))
}

type Params = Query<HashMap<String, String>>;

fn matches(u: &User, q: &str) -> bool {
    let q = q.to_lowercase();
    // DC lists every user for `username=.` (a widely used trick); `*` too.
    q.is_empty()
        || q == "."
        || q == "*"
        || u.username.to_lowercase().starts_with(&q)
        || u.email.to_lowercase().starts_with(&q)
        || u.display_name
            .to_lowercase()
            .split(' ')
            .any(|w| w.starts_with(&q))
        || u.display_name.to_lowercase().starts_with(&q)
        || u.account_id == q
}

/// Active users matching a search term (user search and the user picker).
fn active_matching<'a>(store: &'a Store, term: &str) -> Vec<&'a User> {
    store
        .users
        .iter()
        .filter(|u| u.active && matches(u, term))
        .collect()
}

/// The search term: Cloud `query`, DC `username` (both accept either here).
fn term(ctx: &Ctx, q: &HashMap<String, String>) -> ApiResult<String> {
    let t = q
        .get("query")
        .or_else(|| q.get("username"))
        .or_else(|| q.get("accountId"))
        .cloned();
    match t {
        Some(t) => Ok(t),
        None if ctx.cloud() => Err(ApiError::bad_request(
            "One of 'accountId', 'query' or 'property' must be specified.",
        )),
        None => Err(ApiError::bad_request(
            "The username query parameter was not provided",
        )),
    }
}

async fn get_user(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Params,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::User)?;
    let store = app.lock();
    let ident = q
        .get("accountId")
        .or_else(|| q.get("username"))
        .or_else(|| q.get("key"))
        .cloned()
        .unwrap_or_default();
    let u = store
        .find_user(&ident)
        .filter(|_| !ident.is_empty())
        .ok_or_else(|| {
            if ctx.cloud() {
                ApiError::not_found(
                    "Specified user does not exist or you do not have required permissions",
                )
            } else {
                ApiError::not_found(format!("The user named '{ident}' does not exist"))
            }
        })?;
    Ok(Json(render::user(&ctx, u)))
}

fn paged(ctx: &Ctx, users: Vec<&User>, q: &HashMap<String, String>) -> ApiResult<Json<Value>> {
    let (start, max) = super::page_params(q, 50, 1000)?;
    Ok(Json(json!(users
        .into_iter()
        .skip(start)
        .take(max)
        .map(|u| render::user(ctx, u))
        .collect::<Vec<_>>())))
}

async fn search(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Params,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::User)?;
    let t = term(&ctx, &q)?;
    let store = app.lock();
    paged(&ctx, active_matching(&store, &t), &q)
}

fn assignable_in(
    store: &Store,
    caller: &Caller,
    q: &HashMap<String, String>,
) -> ApiResult<Vec<String>> {
    let project = if let Some(k) = q.get("issueKey").or_else(|| q.get("issueId")) {
        let issue = super::visible_issue(store, caller, k)?;
        store.project_by_id(issue.project_id)
    } else if let Some(p) = q.get("project") {
        store
            .project(p)
            .filter(|p| store.can(&caller.user, p, Perm::Browse))
    } else {
        return Err(ApiError::bad_request(
            "One of the parameters 'project', 'issueKey' or 'issueId' is required.",
        ));
    };
    let project = project.ok_or_else(|| {
        ApiError::not_found("No project could be found with the given key or id.")
    })?;
    Ok(store
        .users
        .iter()
        .filter(|u| store.can(&u.key, project, Perm::Assignable))
        .map(|u| u.key.clone())
        .collect())
}

async fn assignable(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Params,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::User)?;
    let t = q
        .get("query")
        .or_else(|| q.get("username"))
        .cloned()
        .unwrap_or_default();
    let store = app.lock();
    let keys = assignable_in(&store, &caller, &q)?;
    let users: Vec<&User> = store
        .users
        .iter()
        .filter(|u| keys.contains(&u.key) && matches(u, &t))
        .collect();
    paged(&ctx, users, &q)
}

async fn picker(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Params,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::User)?;
    let t = q.get("query").cloned().unwrap_or_default();
    let store = app.lock();
    let found = active_matching(&store, &t);
    let users: Vec<Value> = found
        .iter()
        .map(|u| {
            let html = format!("{} - {}", crate::auth::html_escape(&u.display_name), crate::auth::html_escape(&u.email));
            let mut v = json!({ "displayName": u.display_name, "html": html, "avatarUrl": format!("{}/secure/useravatar?size=small&ownerId={}", ctx.base, u.key) });
            if ctx.cloud() {
                v["accountId"] = json!(u.account_id);
                v["accountType"] = json!("atlassian");
            } else {
                v["key"] = json!(u.key);
                v["name"] = json!(u.username);
            }
            v
        })
        .collect();
    Ok(Json(
        json!({ "users": users, "total": found.len(), "header": format!("Showing {} of {} matching users", found.len(), found.len()) }),
    ))
}
