//! Metadata: createmeta (per project and issue type), editmeta, and the catalogues
//! (priorities, statuses, status categories, issue types, resolutions, fields, labels).

use std::collections::{BTreeSet, HashMap};

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::model::{Issue, Project};
use crate::render::{self, fields, Ctx};
use crate::server::App;
use crate::store::{Perm, Store};

pub fn router() -> Router<App> {
    Router::new()
        .route(
            "/rest/api/{v}/issue/createmeta/{project}/issuetypes",
            get(createmeta_types),
        )
        .route(
            "/rest/api/{v}/issue/createmeta/{project}/issuetypes/{type_id}",
            get(createmeta_fields),
        )
        .route("/rest/api/{v}/issue/{key}/editmeta", get(editmeta))
        .route("/rest/api/{v}/priority", get(priorities))
        .route("/rest/api/{v}/status", get(statuses))
        .route("/rest/api/{v}/statuscategory", get(status_categories))
        .route("/rest/api/{v}/issuetype", get(issue_types))
        .route("/rest/api/{v}/resolution", get(resolutions))
        .route("/rest/api/{v}/field", get(all_fields))
        .route("/rest/api/{v}/label", get(labels))
}

/// FieldMetadata of one field: required, schema, name, key, operations, allowedValues.
pub fn field_meta(ctx: &Ctx, store: &Store, id: &str, required: bool) -> Option<Value> {
    let name = fields::name(store, id)?;
    let ops: &[&str] = match id {
        "labels" => &["add", "set", "remove"],
        "comment" => &["add", "edit", "remove"],
        _ if store.custom_field(id).is_some_and(|c| {
            matches!(
                c.kind,
                crate::model::CustomKind::MultiSelect | crate::model::CustomKind::Labels
            )
        }) =>
        {
            &["add", "set", "remove"]
        }
        _ => &["set"],
    };
    let mut v = json!({
        "required": required, "schema": fields::schema(store, id), "name": name, "key": id,
        "operations": ops, "hasDefaultValue": id == "priority",
    });
    let allowed = match id {
        "priority" => Some(json!(store
            .priorities
            .iter()
            .map(|p| render::priority(ctx, p))
            .collect::<Vec<_>>())),
        "resolution" => Some(json!(store
            .resolutions
            .iter()
            .map(|r| render::resolution(ctx, r))
            .collect::<Vec<_>>())),
        other => store
            .custom_field(other)
            .and_then(|cf| fields::allowed_values(ctx, cf)),
    };
    if let Some(a) = allowed {
        v["allowedValues"] = a;
    }
    if id == "priority" {
        v["defaultValue"] = store
            .priority("3")
            .map(|p| render::priority(ctx, p))
            .unwrap_or(Value::Null);
    }
    if matches!(id, "assignee" | "reporter")
        || store
            .custom_field(id)
            .is_some_and(|c| c.kind == crate::model::CustomKind::UserPicker)
    {
        let param = if ctx.cloud() { "query" } else { "username" };
        v["autoCompleteUrl"] = json!(format!("{}/user/search?{param}=", ctx.rest()));
    }
    Some(v)
}

const EDITABLE: &[&str] = &[
    "summary",
    "description",
    "issuetype",
    "priority",
    "assignee",
    "reporter",
    "labels",
    "duedate",
];

/// `editmeta.fields` for `user` (empty without Edit permission).
pub fn edit_fields(ctx: &Ctx, store: &Store, user: &str, issue: &Issue) -> Value {
    if !store.can_issue(user, issue, Perm::Edit) {
        return json!({});
    }
    let mut out = Map::new();
    for id in EDITABLE
        .iter()
        .map(|s| s.to_string())
        .chain(store.custom_fields.iter().map(|c| c.id.clone()))
    {
        let required = matches!(id.as_str(), "summary" | "issuetype");
        if let Some(mut m) = field_meta(ctx, store, &id, required) {
            if id == "issuetype" {
                if let Some(p) = store.project_by_id(issue.project_id) {
                    m["allowedValues"] = json!(p
                        .issue_types
                        .iter()
                        .filter_map(|t| store.issue_type(t))
                        .map(|t| render::issue_type(ctx, t))
                        .collect::<Vec<_>>());
                }
            }
            out.insert(id, m);
        }
    }
    Value::Object(out)
}

fn create_project<'a>(store: &'a Store, caller: &Caller, key: &str) -> ApiResult<&'a Project> {
    store
        .project(key)
        .filter(|p| store.can(&caller.user, p, Perm::Browse))
        .ok_or_else(|| ApiError::not_found(format!("No project could be found with key '{key}'.")))
        .and_then(|p| {
            if store.can(&caller.user, p, Perm::Create) {
                Ok(p)
            } else {
                Err(ApiError::forbidden(
                    "You do not have permission to create issues in this project.",
                ))
            }
        })
}

async fn createmeta_types(
    State(app): State<App>,
    Path((v, project)): Path<(String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let (start, max) = super::page_params(&q, 50, 200)?;
    let store = app.lock();
    let p = create_project(&store, &caller, &project)?;
    let types: Vec<Value> = p
        .issue_types
        .iter()
        .filter_map(|t| store.issue_type(t))
        .map(|t| render::issue_type(&ctx, t))
        .collect();
    Ok(Json(createmeta_page(&ctx, types, start, max, "issueTypes")))
}

/// One page of a createmeta list: Cloud names the list (`issueTypes`, `fields`), Data
/// Center calls it `values` and adds `isLast`.
fn createmeta_page(ctx: &Ctx, all: Vec<Value>, start: usize, max: usize, cloud_key: &str) -> Value {
    let total = all.len();
    let page: Vec<Value> = all.into_iter().skip(start).take(max).collect();
    let list_key = if ctx.cloud() { cloud_key } else { "values" };
    let mut out = json!({ "startAt": start, "maxResults": max, "total": total, list_key: page });
    if !ctx.cloud() {
        out["isLast"] = json!(start + max >= total);
    }
    out
}

async fn createmeta_fields(
    State(app): State<App>,
    Path((v, project, type_id)): Path<(String, String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let (start, max) = super::page_params(&q, 50, 200)?;
    let store = app.lock();
    let p = create_project(&store, &caller, &project)?;
    let t = store
        .issue_type(&type_id)
        .filter(|t| p.issue_types.contains(&t.id))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Issue type with id '{type_id}' does not exist in project '{}'.",
                p.key
            ))
        })?;
    let mut ids: Vec<String> = [
        "summary",
        "issuetype",
        "project",
        "description",
        "priority",
        "assignee",
        "reporter",
        "labels",
        "duedate",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if t.subtask {
        ids.push("parent".into());
    }
    ids.extend(store.custom_fields.iter().map(|c| c.id.clone()));
    let metas: Vec<Value> = ids
        .iter()
        .filter_map(|id| {
            let required = matches!(id.as_str(), "summary" | "issuetype" | "project" | "parent");
            let mut m = if id == "project" {
                json!({"required": true, "schema": {"type": "project", "system": "project"}, "name": "Project", "key": "project", "operations": ["set"], "hasDefaultValue": false, "allowedValues": [render::project_ref(&ctx, p)]})
            } else {
                field_meta(&ctx, &store, id, required)?
            };
            if id == "issuetype" {
                m["allowedValues"] = json!([render::issue_type(&ctx, t)]);
            }
            m["fieldId"] = json!(id);
            Some(m)
        })
        .collect();
    Ok(Json(createmeta_page(&ctx, metas, start, max, "fields")))
}

async fn editmeta(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    Ok(Json(
        json!({ "fields": edit_fields(&ctx, &store, &caller.user, issue) }),
    ))
}

/// What every catalogue endpoint does: check the API version and the caller's read access,
/// then answer the list `items` renders from the store.
fn catalogue(
    app: &App,
    v: &str,
    caller: &Caller,
    items: impl FnOnce(&Ctx, &Store) -> Vec<Value>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(app, v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    Ok(Json(Value::Array(items(&ctx, &store))))
}

async fn priorities(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    catalogue(&app, &v, &caller, |ctx, store| {
        store
            .priorities
            .iter()
            .map(|x| render::priority(ctx, x))
            .collect()
    })
}

async fn statuses(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    catalogue(&app, &v, &caller, |ctx, store| {
        store
            .statuses
            .iter()
            .map(|x| render::status(ctx, x))
            .collect()
    })
}

async fn status_categories(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let mut cats = vec![
        json!({"self": format!("{}/statuscategory/1", ctx.rest()), "id": 1, "key": "undefined", "colorName": "medium-gray", "name": "No Category"}),
    ];
    cats.extend(
        ["new", "indeterminate", "done"]
            .iter()
            .map(|k| render::status_category(&ctx, k)),
    );
    Ok(Json(json!(cats)))
}

async fn issue_types(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    catalogue(&app, &v, &caller, |ctx, store| {
        store
            .issue_types
            .iter()
            .map(|x| render::issue_type(ctx, x))
            .collect()
    })
}

async fn resolutions(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    catalogue(&app, &v, &caller, |ctx, store| {
        store
            .resolutions
            .iter()
            .map(|x| render::resolution(ctx, x))
            .collect()
    })
}

async fn all_fields(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    catalogue(&app, &v, &caller, |_, store| fields::all(store))
}

/// Labels in use, paginated (PageBeanString).
async fn labels(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let (start, max) = super::page_params(&q, 1000, 1000)?;
    let store = app.lock();
    let all: BTreeSet<&String> = store
        .issues
        .values()
        .flat_map(|i| i.labels.iter())
        .collect();
    let values: Vec<&String> = all.iter().skip(start).take(max).copied().collect();
    let is_last = start + values.len() >= all.len();
    Ok(Json(json!({
        "self": format!("{}/label?startAt={start}&maxResults={max}", ctx.rest()),
        "maxResults": max, "startAt": start, "total": all.len(), "isLast": is_last, "values": values,
    })))
}
