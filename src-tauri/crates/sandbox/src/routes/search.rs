//! Search: DC `/rest/api/2/search` (startAt/maxResults/total, GET and POST); Cloud
//! `/rest/api/3/search/jql` (nextPageToken, no total), `search/approximate-count`, and 410 Gone
//! on the retired `/rest/api/{2,3}/search`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::{json_body, ApiError, ApiResult};
use crate::jql::{self, Catalog, EvalContext, IssueFacts, UserRef};
use crate::model::{Issue, User};
use crate::render::{self, Ctx};
use crate::server::App;
use crate::store::Store;
use crate::Mode;

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/search", get(search_old).post(search_old))
        .route("/rest/api/{v}/search/jql", get(search_jql).post(search_jql))
        .route(
            "/rest/api/{v}/search/approximate-count",
            post(approximate_count),
        )
}

fn user_ref(u: &User) -> UserRef {
    UserRef {
        account_id: u.account_id.clone(),
        username: u.username.clone(),
        key: u.key.clone(),
        display_name: u.display_name.clone(),
        email: u.email.clone(),
    }
}

fn facts(store: &Store, i: &Issue) -> IssueFacts {
    let project = store.project_by_id(i.project_id);
    let status = store.status(&i.status);
    let cat = status
        .map(|s| s.category.clone())
        .unwrap_or_else(|| "new".into());
    let cat_name = match cat.as_str() {
        "done" => "Done",
        "indeterminate" => "In Progress",
        _ => "To Do",
    };
    IssueFacts {
        id: i.id,
        key: i.key.clone(),
        project_key: project.map(|p| p.key.clone()).unwrap_or_default(),
        project_id: i.project_id.to_string(),
        project_name: project.map(|p| p.name.clone()).unwrap_or_default(),
        issue_type: store
            .issue_type(&i.issue_type)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        issue_type_id: i.issue_type.clone(),
        status: status.map(|s| s.name.clone()).unwrap_or_default(),
        status_id: i.status.clone(),
        status_category_key: cat,
        status_category_name: cat_name.into(),
        assignee: i
            .assignee
            .as_deref()
            .and_then(|k| store.user(k))
            .map(user_ref),
        reporter: i
            .reporter
            .as_deref()
            .and_then(|k| store.user(k))
            .map(user_ref),
        priority: i
            .priority
            .as_deref()
            .and_then(|p| store.priority(p))
            .map(|p| p.name.clone()),
        priority_id: i.priority.clone(),
        labels: i.labels.clone(),
        resolution: i
            .resolution
            .as_deref()
            .and_then(|r| store.resolution(r))
            .map(|r| r.name.clone()),
        summary: i.summary.clone(),
        description: i.description.clone().unwrap_or_default(),
        comments: i.comments.iter().map(|c| c.body.clone()).collect(),
        created: crate::time_fmt::to_odt(i.created),
        updated: crate::time_fmt::to_odt(i.updated),
        duedate: i.duedate.as_deref().and_then(crate::time_fmt::parse_date),
    }
}

fn catalog(store: &Store, user: &str) -> Catalog {
    Catalog {
        projects: store
            .browsable_projects(user)
            .iter()
            .map(|p| (p.key.clone(), p.id.to_string(), p.name.clone()))
            .collect(),
        issue_types: store.issue_types.iter().map(|t| t.name.clone()).collect(),
        statuses: store.statuses.iter().map(|s| s.name.clone()).collect(),
        status_categories: vec![],
        priorities: store.priorities.iter().map(|p| p.name.clone()).collect(),
        resolutions: store.resolutions.iter().map(|r| r.name.clone()).collect(),
        users: store.users.iter().map(user_ref).collect(),
    }
}

/// Runs `jql` for `user`: the ids of matching issues the user may browse, sorted.
pub fn run(
    store: &Store,
    user: &str,
    jql_text: &str,
    validate: bool,
    require_bounded: bool,
) -> ApiResult<Vec<i64>> {
    let q = jql::parse(jql_text).map_err(|e| ApiError {
        messages: e.messages,
        ..ApiError::bad_request("")
    })?;
    if validate {
        q.validate(&catalog(store, user)).map_err(|e| ApiError {
            messages: e.messages,
            ..ApiError::bad_request("")
        })?;
    }
    if require_bounded && !q.is_bounded() {
        return Err(ApiError::bad_request("Unbounded JQL queries are not allowed here. Please add a search restriction to your query."));
    }
    let ctx = EvalContext {
        now: crate::time_fmt::to_odt(store.now_ms()),
        current_user: store.user(user).map(user_ref),
    };
    let visible: Vec<i64> = store
        .browsable_projects(user)
        .iter()
        .map(|p| p.id)
        .collect();
    let all: Vec<IssueFacts> = store
        .issues
        .values()
        .filter(|i| visible.contains(&i.project_id))
        .map(|i| facts(store, i))
        .collect();
    let mut hits: Vec<&IssueFacts> = all.iter().filter(|f| q.matches(f, &ctx)).collect();
    q.sort(&mut hits);
    Ok(hits.iter().map(|f| f.id).collect())
}

/// Parameters from the query string (GET) or the JSON body (POST), as strings.
fn params(
    method: &Method,
    q: HashMap<String, String>,
    body: &[u8],
) -> ApiResult<HashMap<String, String>> {
    if *method != Method::POST {
        return Ok(q);
    }
    let v: Value = json_body(body)?;
    let mut out = HashMap::new();
    if let Some(o) = v.as_object() {
        for (k, v) in o {
            let s = match v {
                Value::String(s) => s.clone(),
                Value::Array(a) => a
                    .iter()
                    .filter_map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .or_else(|| x.as_i64().map(|n| n.to_string()))
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                Value::Null => continue,
                other => other.to_string(),
            };
            out.insert(k.clone(), s);
        }
    }
    Ok(out)
}

fn render_issues(
    ctx: &Ctx,
    store: &Store,
    user: &str,
    ids: &[i64],
    fields: &[String],
    expand: &str,
) -> Vec<Value> {
    ids.iter()
        .filter_map(|id| store.issues.get(id))
        .map(|i| render::issue::issue(ctx, store, user, i, fields, expand))
        .collect()
}

fn names_and_schema(store: &Store, fields: &[String], expand: &str, out: &mut Value) {
    if expand.split(',').any(|e| e.trim() == "names") {
        out["names"] = json!(fields
            .iter()
            .filter_map(|f| render::fields::name(store, f).map(|n| (f.clone(), json!(n))))
            .collect::<serde_json::Map<_, _>>());
    }
    if expand.split(',').any(|e| e.trim() == "schema") {
        out["schema"] = json!(fields
            .iter()
            .filter_map(|f| render::fields::schema(store, f).map(|s| (f.clone(), s)))
            .collect::<serde_json::Map<_, _>>());
    }
}

async fn search_old(
    State(app): State<App>,
    Path(v): Path<String>,
    method: Method,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    if app.mode() == Mode::Cloud {
        return Err(ApiError::new(StatusCode::GONE, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"));
    }
    caller.need(Access::Read)?;
    let p = params(&method, q, &body)?;
    let get = |k: &str| p.get(k).map(String::as_str);
    let (start, max) = super::page(get("startAt"), get("maxResults"), 50, 1000)?;
    let validate = !matches!(
        get("validateQuery"),
        Some("false") | Some("warn") | Some("none")
    );
    let store = app.lock();
    let ids = run(
        &store,
        &caller.user,
        get("jql").unwrap_or(""),
        validate,
        false,
    )?;
    let fields = render::issue::select_fields(&store, get("fields"), "*navigable");
    let expand = get("expand").unwrap_or("");
    let page: Vec<i64> = ids.iter().skip(start).take(max).copied().collect();
    let mut out = json!({
        "expand": "schema,names", "startAt": start, "maxResults": max, "total": ids.len(),
        "issues": render_issues(&ctx, &store, &caller.user, &page, &fields, expand),
    });
    names_and_schema(&store, &fields, expand, &mut out);
    Ok(Json(out))
}

fn page_token(offset: usize, jql: &str) -> String {
    let h = jql
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{offset}:{h}"))
}

fn parse_token(token: &str, jql: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (offset, _) = s.split_once(':')?;
    let offset: usize = offset.parse().ok()?;
    (page_token(offset, jql) == token).then_some(offset)
}

async fn search_jql(
    State(app): State<App>,
    Path(v): Path<String>,
    method: Method,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    if app.mode() != Mode::Cloud {
        return Err(ApiError::not_found(format!(
            "null for uri: {}/search/jql",
            ctx.rest()
        )));
    }
    caller.need(Access::Read)?;
    let p = params(&method, q, &body)?;
    let get = |k: &str| p.get(k).map(String::as_str);
    let jql_text = get("jql").unwrap_or("");
    let (_, max) = super::page(None, get("maxResults"), 50, 5000)?;
    let start = match get("nextPageToken").filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => parse_token(t, jql_text).ok_or_else(|| {
            ApiError::bad_request("The provided next page token is invalid or expired.")
        })?,
    };
    let store = app.lock();
    let ids = run(&store, &caller.user, jql_text, true, true)?;
    let fields = render::issue::select_fields(&store, get("fields"), "id");
    // Cloud returns up to 5000 issues per page only when nothing but id/key is asked for;
    // with more fields it returns fewer (the sandbox: 100), and clients must page by token.
    let light = fields.iter().all(|f| f == "id" || f == "key") && get("expand").is_none();
    let max = if light { max } else { max.min(100) };
    let expand = get("expand").unwrap_or("");
    let page: Vec<i64> = ids.iter().skip(start).take(max).copied().collect();
    let is_last = start + page.len() >= ids.len();
    let mut out = json!({ "issues": render_issues(&ctx, &store, &caller.user, &page, &fields, expand), "isLast": is_last });
    if !is_last {
        out["nextPageToken"] = json!(page_token(start + page.len(), jql_text));
    }
    names_and_schema(&store, &fields, expand, &mut out);
    Ok(Json(out))
}

async fn approximate_count(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    super::ctx(&app, &v)?;
    if app.mode() != Mode::Cloud {
        return Err(ApiError::not_found(
            "null for uri: /rest/api/2/search/approximate-count",
        ));
    }
    caller.need(Access::Read)?;
    let b: Value = json_body(&body)?;
    let store = app.lock();
    let ids = run(
        &store,
        &caller.user,
        b.get("jql").and_then(Value::as_str).unwrap_or(""),
        true,
        true,
    )?;
    Ok(Json(json!({ "count": ids.len() })))
}
