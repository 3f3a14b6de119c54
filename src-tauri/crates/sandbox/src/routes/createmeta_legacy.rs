//! Cloud's deprecated `GET /rest/api/{2,3}/issue/createmeta?projectKeys&issuetypeIds&expand`
//! (CHANGE-1304, still served by Cloud). DC removed it in Jira 9.0, so DC answers 404.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::render;
use crate::server::App;
use crate::store::Perm;

pub fn router() -> Router<App> {
    Router::new().route("/rest/api/{v}/issue/createmeta", get(createmeta))
}

fn list(q: &HashMap<String, String>, key: &str) -> Vec<String> {
    q.get(key)
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

async fn createmeta(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    if !ctx.cloud() {
        return Err(ApiError::not_found(
            "null for uri: /rest/api/2/issue/createmeta",
        ));
    }
    caller.need(Access::Write)?;
    let keys: Vec<String> = list(&q, "projectKeys")
        .into_iter()
        .chain(list(&q, "projectIds"))
        .collect();
    let type_ids = list(&q, "issuetypeIds");
    let type_names = list(&q, "issuetypeNames");
    let with_fields = q
        .get("expand")
        .is_some_and(|e| e.contains("projects.issuetypes.fields"));
    let store = app.lock();
    let projects: Vec<Value> = store
        .projects
        .iter()
        .filter(|p| store.can(&caller.user, p, Perm::Create))
        .filter(|p| keys.is_empty() || keys.iter().any(|k| k.eq_ignore_ascii_case(&p.key) || *k == p.id.to_string()))
        .map(|p| {
            let types: Vec<Value> = p
                .issue_types
                .iter()
                .filter_map(|t| store.issue_type(t))
                .filter(|t| type_ids.is_empty() || type_ids.contains(&t.id))
                .filter(|t| type_names.is_empty() || type_names.iter().any(|n| n.eq_ignore_ascii_case(&t.name)))
                .map(|t| {
                    let mut tv = render::issue_type(&ctx, t);
                    if with_fields {
                        let mut ids = vec!["summary", "issuetype", "description", "priority", "assignee", "reporter", "labels", "duedate"];
                        if t.subtask {
                            ids.push("parent");
                        }
                        let mut fields: Map<String, Value> = ids
                            .iter()
                            .map(|id| id.to_string())
                            .chain(store.custom_fields.iter().map(|c| c.id.clone()))
                            .filter_map(|id| {
                                let required = matches!(id.as_str(), "summary" | "issuetype" | "parent");
                                super::meta::field_meta(&ctx, &store, &id, required).map(|m| (id, m))
                            })
                            .collect();
                        fields.insert("project".into(), json!({"required": true, "schema": {"type": "project", "system": "project"}, "name": "Project", "key": "project", "operations": ["set"], "hasDefaultValue": false, "allowedValues": [render::project_ref(&ctx, p)]}));
                        tv["fields"] = Value::Object(fields);
                    }
                    tv
                })
                .collect();
            let mut pv = render::project_ref(&ctx, p);
            pv["issuetypes"] = json!(types);
            pv
        })
        .collect();
    Ok(Json(json!({ "expand": "projects", "projects": projects })))
}
