//! Workflow transitions: list (with screen fields under `expand=transitions.fields`) and
//! perform (with fields and `update`), one workflow per project.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::issue_write::{self, Screen};
use crate::auth::{Access, Caller};
use crate::error::{json_body, ApiError, ApiResult};
use crate::model::{ChangeItem, Issue, Transition};
use crate::render::{self, Ctx};
use crate::server::App;
use crate::store::{Perm, Store};

pub fn router() -> Router<App> {
    Router::new().route(
        "/rest/api/{v}/issue/{key}/transitions",
        get(list_route).post(perform),
    )
}

/// Transitions available from the issue's current status.
pub fn available<'a>(store: &'a Store, issue: &Issue) -> Vec<&'a Transition> {
    let Some(wf) = store
        .project_by_id(issue.project_id)
        .and_then(|p| store.workflow(&p.workflow))
    else {
        return vec![];
    };
    wf.transitions
        .iter()
        .filter(|t| {
            if t.from.is_empty() {
                t.to != issue.status
            } else {
                t.from.contains(&issue.status)
            }
        })
        .collect()
}

fn is_done(store: &Store, status: &str) -> bool {
    store.status(status).is_some_and(|s| s.category == "done")
}

/// The `transitions` array (IssueTransition objects).
pub fn list(ctx: &Ctx, store: &Store, issue: &Issue, with_fields: bool) -> Vec<Value> {
    available(store, issue)
        .into_iter()
        .map(|t| {
            let mut v = json!({
                "id": t.id,
                "name": t.name,
                "to": store.status(&t.to).map(|s| render::status(ctx, s)).unwrap_or(Value::Null),
                "hasScreen": !t.screen.is_empty(),
                "isGlobal": t.from.is_empty(),
                "isInitial": false,
                "isAvailable": true,
                "isConditional": false,
                "isLooped": false,
            });
            if with_fields {
                let fields: Map<String, Value> = t
                    .screen
                    .iter()
                    .filter_map(|f| {
                        let required = f == "resolution" && is_done(store, &t.to);
                        super::meta::field_meta(ctx, store, f, required).map(|m| (f.clone(), m))
                    })
                    .collect();
                v["fields"] = Value::Object(fields);
            }
            v
        })
        .collect()
}

async fn list_route(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let with_fields = q
        .get("expand")
        .is_some_and(|e| e.contains("transitions.fields"));
    let mut ts = if store.can_issue(&caller.user, issue, Perm::Transition) {
        list(&ctx, &store, issue, with_fields)
    } else {
        vec![]
    };
    if let Some(id) = q.get("transitionId") {
        ts.retain(|t| t.get("id").and_then(Value::as_str) == Some(id));
    }
    Ok(Json(json!({ "expand": "transitions", "transitions": ts })))
}

async fn perform(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let b: Value = json_body(&body)?;
    let mut store = app.lock();
    let mut issue = super::visible_issue(&store, &caller, &key)?.clone();
    super::require(
        &store,
        &caller,
        &issue,
        Perm::Transition,
        "transition this issue",
    )?;
    let wanted = b.pointer("/transition/id").and_then(|v| {
        v.as_str()
            .map(str::to_string)
            .or_else(|| v.as_i64().map(|n| n.to_string()))
    });
    let Some(wanted) = wanted else {
        return Err(ApiError::bad_request("Missing 'transition' identifier"));
    };
    let Some(t) = available(&store, &issue)
        .into_iter()
        .find(|t| t.id == wanted)
        .cloned()
    else {
        return Err(ApiError::bad_request(format!(
            "Transition id '{wanted}' is not valid for this issue."
        )));
    };
    let obj = |k: &str| {
        b.get(k)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let mut outcome = issue_write::apply(
        &ctx,
        &store,
        &mut issue,
        &obj("fields"),
        &obj("update"),
        Screen::Transition(&t.screen),
    )
    .map_err(ApiError::fields)?;
    let from = store.status(&issue.status).map(|s| s.name.clone());
    let to = store.status(&t.to).map(|s| s.name.clone());
    let now = store.now_ms();
    issue.status = t.to.clone();
    if is_done(&store, &t.to) {
        if issue.resolution.is_none() {
            issue.resolution = Some("10000".into());
        }
        issue.resolution_date = Some(now);
    } else {
        issue.resolution = None;
        issue.resolution_date = None;
    }
    outcome.changes.push(ChangeItem {
        field: "status".into(),
        from,
        to,
    });
    let id = issue.id;
    store.issues.insert(id, issue);
    super::issues::record_history(&mut store, id, &caller.user, outcome.changes);
    super::issues::add_comments(&mut store, id, &caller.user, outcome.comments);
    store.touch_issue(id);
    Ok(StatusCode::NO_CONTENT)
}
