//! Cloud's paginated `GET /rest/api/{2,3}/issue/{key}/changelog` (PageBeanChangelog). DC has
//! no such resource (it offers `expand=changelog` on the issue), so DC answers 404.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::render;
use crate::server::App;

pub fn router() -> Router<App> {
    Router::new().route("/rest/api/{v}/issue/{key}/changelog", get(changelog))
}

async fn changelog(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    if !ctx.cloud() {
        return Err(ApiError::not_found(format!(
            "null for uri: {}/issue/{key}/changelog",
            ctx.rest()
        )));
    }
    caller.need(Access::Read)?;
    let get = |k: &str| q.get(k).map(String::as_str);
    let (start, max) = super::page(get("startAt"), get("maxResults"), 100, 100)?;
    let store = app.lock();
    let issue = super::visible_issue(&store, &caller, &key)?;
    let all = render::issue::histories(&ctx, &store, issue);
    let total = all.len();
    let values: Vec<Value> = all.into_iter().skip(start).take(max).collect();
    let is_last = start + values.len() >= total;
    let this = format!("{}/issue/{key}/changelog", ctx.rest());
    let mut body = json!({
        "self": format!("{this}?startAt={start}&maxResults={max}"),
        "maxResults": max, "startAt": start, "total": total, "isLast": is_last, "values": values,
    });
    if !is_last {
        body["nextPage"] = json!(format!("{this}?startAt={}&maxResults={max}", start + max));
    }
    Ok(Json(body))
}
