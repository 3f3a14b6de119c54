//! `mypermissions`: Cloud requires the `permissions` parameter; DC returns all.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::server::App;
use crate::store::{Perm, PERMS};

pub fn router() -> Router<App> {
    Router::new().route("/rest/api/{v}/mypermissions", get(mypermissions))
}

async fn mypermissions(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let wanted: Option<Vec<String>> = q.get("permissions").map(|p| {
        p.split(',')
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
            .collect()
    });
    if ctx.cloud() && wanted.as_ref().is_none_or(|w| w.is_empty()) {
        return Err(ApiError::bad_request(
            "The permissions parameter is required.",
        ));
    }
    if let Some(w) = &wanted {
        if let Some(bad) = w
            .iter()
            .find(|k| k.as_str() != "ADMINISTER" && !PERMS.iter().any(|p| p.1 == k.as_str()))
        {
            return Err(ApiError::bad_request(format!(
                "Unrecognized permission key '{bad}'."
            )));
        }
    }
    let store = app.lock();
    // The context: a project or an issue; without one, "in at least one project".
    let project = if let Some(k) = q.get("issueKey").or_else(|| q.get("issueId")) {
        let issue = super::visible_issue(&store, &caller, k)?;
        Some(
            store
                .project_by_id(issue.project_id)
                .ok_or_else(ApiError::issue_not_found)?,
        )
    } else if let Some(p) = q.get("projectKey").or_else(|| q.get("projectId")) {
        Some(
            store
                .project(p)
                .filter(|p| store.can(&caller.user, p, Perm::Browse))
                .ok_or_else(|| {
                    ApiError::not_found(format!("No project could be found with key '{p}'."))
                })?,
        )
    } else {
        None
    };
    let has = |perm: Perm| match project {
        Some(p) => store.can(&caller.user, p, perm),
        None => store
            .projects
            .iter()
            .any(|p| store.can(&caller.user, p, perm)),
    };
    let mut out = Map::new();
    for (perm, key, id, name, description) in PERMS {
        if wanted.as_ref().is_some_and(|w| !w.iter().any(|k| k == key)) {
            continue;
        }
        out.insert(key.to_string(), json!({ "id": id, "key": key, "name": name, "type": "PROJECT", "description": description, "havePermission": has(*perm) }));
    }
    if wanted
        .as_ref()
        .is_none_or(|w| w.iter().any(|k| k == "ADMINISTER"))
    {
        let admin = store.user(&caller.user).is_some_and(|u| u.global_admin);
        out.insert("ADMINISTER".into(), json!({ "id": "0", "key": "ADMINISTER", "name": "Administer Jira", "type": "GLOBAL", "description": "Create and administer projects, issue types, fields, workflows and more.", "havePermission": admin }));
    }
    Ok(Json(json!({ "permissions": out })))
}
