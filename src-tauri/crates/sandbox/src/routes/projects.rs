//! Projects: list (DC and deprecated Cloud), paginated search (Cloud), get, statuses.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::model::Project;
use crate::render;
use crate::server::App;
use crate::store::{Perm, Store};

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/project", get(list))
        .route("/rest/api/{v}/project/search", get(search))
        .route("/rest/api/{v}/project/{key}", get(get_one))
        .route("/rest/api/{v}/project/{key}/statuses", get(statuses))
}

async fn list(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let projects = store.browsable_projects(&caller.user);
    Ok(Json(json!(projects
        .iter()
        .map(|p| render::project(&ctx, &store, p))
        .collect::<Vec<_>>())))
}

async fn search(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let (start, max) = super::page_params(&q, 50, 100)?;
    let store = app.lock();
    let query = q.get("query").map(|s| s.to_lowercase()).unwrap_or_default();
    let keys: Vec<String> = q
        .get("keys")
        .map(|k| k.split(',').map(|s| s.trim().to_uppercase()).collect())
        .unwrap_or_default();
    let mut matching: Vec<_> = store
        .browsable_projects(&caller.user)
        .into_iter()
        .filter(|p| {
            query.is_empty()
                || p.key.to_lowercase().contains(&query)
                || p.name.to_lowercase().contains(&query)
        })
        .filter(|p| keys.is_empty() || keys.contains(&p.key))
        .collect();
    if q.get("orderBy").map(String::as_str) == Some("name") {
        matching.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let total = matching.len();
    let values: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|p| render::project(&ctx, &store, p))
        .collect();
    let is_last = start + values.len() >= total;
    let mut body = json!({
        "self": format!("{}/project/search?startAt={start}&maxResults={max}", ctx.rest()),
        "maxResults": max, "startAt": start, "total": total, "isLast": is_last, "values": values,
    });
    if !is_last {
        body["nextPage"] = json!(format!(
            "{}/project/search?startAt={}&maxResults={max}",
            ctx.rest(),
            start + max
        ));
    }
    Ok(Json(body))
}

/// The project `key`, if the caller may browse it; Jira's 404 otherwise (as for a missing one).
fn browsable<'a>(store: &'a Store, caller: &Caller, key: &str) -> ApiResult<&'a Project> {
    store
        .project(key)
        .filter(|p| store.can(&caller.user, p, Perm::Browse))
        .ok_or_else(|| ApiError::not_found(format!("No project could be found with key '{key}'.")))
}

async fn get_one(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let p = browsable(&store, &caller, &key)?;
    Ok(Json(render::project(&ctx, &store, p)))
}

/// Issue types of the project, each with the statuses of its workflow.
async fn statuses(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let p = browsable(&store, &caller, &key)?;
    let wf = store.workflow(&p.workflow);
    let mut ids: Vec<String> = wf
        .map(|w| {
            let mut v = vec![w.initial.clone()];
            v.extend(w.transitions.iter().map(|t| t.to.clone()));
            v
        })
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|i| seen.insert(i.clone()));
    let statuses: Vec<Value> = ids
        .iter()
        .filter_map(|id| store.status(id))
        .map(|s| render::status(&ctx, s))
        .collect();
    let body: Vec<Value> = p
        .issue_types
        .iter()
        .filter_map(|t| store.issue_type(t))
        .map(|t| {
            json!({
                "self": format!("{}/issuetype/{}", ctx.rest(), t.id), "id": t.id, "name": t.name,
                "subtask": t.subtask, "statuses": statuses,
            })
        })
        .collect();
    Ok(Json(json!(body)))
}
