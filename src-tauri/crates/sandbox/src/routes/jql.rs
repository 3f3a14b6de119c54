//! JQL autocomplete data and value suggestions.

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::ApiResult;
use crate::server::App;

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/jql/autocompletedata", get(data).post(data))
        .route(
            "/rest/api/{v}/jql/autocompletedata/suggestions",
            get(suggestions),
        )
}

async fn data(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    Ok(Json(crate::jql::autocomplete_data()))
}

/// Highlights the typed prefix with `<b>` as Jira does.
fn highlight(text: &str, typed: &str) -> String {
    let esc = crate::auth::html_escape;
    if !typed.is_empty()
        && text.to_lowercase().starts_with(&typed.to_lowercase())
        && text.is_char_boundary(typed.len())
    {
        format!(
            "<b>{}</b>{}",
            esc(&text[..typed.len()]),
            esc(&text[typed.len()..])
        )
    } else {
        esc(text)
    }
}

async fn suggestions(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let field = q
        .get("fieldName")
        .map(|s| s.to_lowercase())
        .unwrap_or_default();
    let typed = q.get("fieldValue").cloned().unwrap_or_default();
    let store = app.lock();
    // (value, display text)
    let candidates: Vec<(String, String)> = match field.as_str() {
        "project" => store
            .browsable_projects(&caller.user)
            .iter()
            .map(|p| (p.key.clone(), format!("{} ({})", p.name, p.key)))
            .collect(),
        "status" => store
            .statuses
            .iter()
            .map(|s| (s.name.clone(), s.name.clone()))
            .collect(),
        "issuetype" | "type" => store
            .issue_types
            .iter()
            .map(|t| (t.name.clone(), t.name.clone()))
            .collect(),
        "priority" => store
            .priorities
            .iter()
            .map(|p| (p.name.clone(), p.name.clone()))
            .collect(),
        "resolution" => store
            .resolutions
            .iter()
            .map(|r| (r.name.clone(), r.name.clone()))
            .collect(),
        "statuscategory" => ["To Do", "In Progress", "Done"]
            .iter()
            .map(|s| (s.to_string(), s.to_string()))
            .collect(),
        "labels" => store
            .issues
            .values()
            .flat_map(|i| i.labels.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|l| (l.clone(), l))
            .collect(),
        "assignee" | "reporter" => store
            .users
            .iter()
            .map(|u| {
                (
                    if ctx.cloud() {
                        u.account_id.clone()
                    } else {
                        u.username.clone()
                    },
                    u.display_name.clone(),
                )
            })
            .collect(),
        _ => vec![],
    };
    let t = typed.to_lowercase();
    let results: Vec<Value> = candidates
        .into_iter()
        .filter(|(v, d)| {
            t.is_empty()
                || v.to_lowercase().starts_with(&t)
                || d.to_lowercase().starts_with(&t)
                || d.to_lowercase().split(' ').any(|w| w.starts_with(&t))
        })
        .take(15)
        .map(|(v, d)| json!({ "value": v, "displayName": highlight(&d, &typed) }))
        .collect();
    Ok(Json(json!({ "results": results })))
}
