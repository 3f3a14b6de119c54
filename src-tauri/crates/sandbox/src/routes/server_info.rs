//! `serverInfo` (anonymous) and `myself`.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiResult};
use crate::server::App;
use crate::time_fmt::jira;
use crate::Mode;

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/api/{v}/serverInfo", get(server_info))
        .route("/rest/api/{v}/myself", get(myself))
}

/// Default versions: DC 9.12.15 (the "9.12.x"), Cloud's build string.
fn version(app: &App) -> String {
    app.cfg.version.clone().unwrap_or_else(|| match app.mode() {
        Mode::DataCenter => "9.12.15".into(),
        Mode::Cloud => "1001.0.0-SNAPSHOT".into(),
    })
}

async fn server_info(State(app): State<App>, Path(v): Path<String>) -> ApiResult<Json<Value>> {
    super::ctx(&app, &v)?;
    let version = version(&app);
    let numbers: Vec<i64> = version
        .split(['.', '-'])
        .take(3)
        .filter_map(|p| p.parse().ok())
        .collect();
    // Saturating: `--version` is free text, and a huge part must not panic.
    let build = numbers
        .iter()
        .fold(0i64, |acc, n| acc.saturating_mul(1000).saturating_add(*n));
    let now = app.lock().now_ms();
    let mut body = json!({
        "baseUrl": app.base,
        "version": version,
        "versionNumbers": numbers,
        "deploymentType": if app.mode() == Mode::Cloud { "Cloud" } else { "Server" },
        "buildNumber": build,
        "buildDate": "2026-01-15T00:00:00.000+0000",
        "serverTime": jira(now),
        "scmInfo": "0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6",
        "serverTitle": "Jira (sandbox)",
    });
    if app.mode() == Mode::Cloud {
        body["displayUrl"] = json!(app.base);
        body["serverTimeZone"] = json!("Etc/UTC");
    } else {
        body["databaseBuildNumber"] = json!(build);
    }
    Ok(Json(body))
}

async fn myself(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::User)?;
    let store = app.lock();
    let u = store
        .user(&caller.user)
        .ok_or_else(ApiError::unauthenticated)?;
    let mut body = crate::render::user(&ctx, u);
    body["groups"] = json!({ "size": u.groups.len(), "items": [] });
    body["applicationRoles"] = json!({ "size": 1, "items": [] });
    body["expand"] = json!("groups,applicationRoles");
    Ok(Json(body))
}
