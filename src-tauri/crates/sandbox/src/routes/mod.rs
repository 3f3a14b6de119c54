//! The REST API, one file per domain. Paths take the API version as `{v}` (`2`, `3`,
//! `latest`); DC answers only 2/latest, Cloud all three (3 = ADF bodies).

mod admin;
mod attachments;
pub mod avatars;
mod changelog;
mod comments;
mod createmeta_legacy;
mod issue_write;
pub mod issues;
mod jql;
pub mod meta;
mod permissions;
mod projects;
mod search;
mod server_info;
pub mod transitions;
mod users;

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::model::Issue;
use crate::render::Ctx;
use crate::server::App;
use crate::store::{Perm, Store};
use crate::Mode;

pub fn router() -> Router<App> {
    Router::new()
        .merge(server_info::router())
        .merge(projects::router())
        .merge(issues::router())
        .merge(search::router())
        .merge(comments::router())
        .merge(changelog::router())
        .merge(transitions::router())
        .merge(attachments::router())
        .merge(avatars::router())
        .merge(users::router())
        .merge(meta::router())
        .merge(createmeta_legacy::router())
        .merge(permissions::router())
        .merge(jql::router())
        .merge(admin::router())
}

/// Jira's XSRF protection on REST resources: a state-changing request with a body a browser
/// form could send (form, multipart, text/plain) needs `X-Atlassian-Token: no-check`.
pub async fn xsrf(req: Request, next: Next) -> Response {
    let guarded = req.uri().path().starts_with("/rest/api/")
        && matches!(*req.method(), Method::POST | Method::PUT | Method::DELETE);
    let ct = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let formlike = [
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "text/plain",
    ]
    .iter()
    .any(|p| ct.starts_with(p));
    let token = req
        .headers()
        .get("x-atlassian-token")
        .and_then(|v| v.to_str().ok());
    let exempt = token
        .is_some_and(|t| t.eq_ignore_ascii_case("no-check") || t.eq_ignore_ascii_case("nocheck"));
    if guarded && formlike && !exempt {
        return (
            StatusCode::FORBIDDEN,
            [("content-type", "text/plain")],
            "XSRF check failed",
        )
            .into_response();
    }
    next.run(req).await
}

/// axum answers a request its extractors cannot read (a path segment that is not UTF-8, a
/// broken multipart body) in plain text; Jira's REST API answers every error in its JSON
/// shape, so on `/rest/` paths those answers are rewritten, status and headers kept. The
/// XSRF answer stays plain text, as Jira sends it (`text/plain` without a charset).
pub async fn json_rejections(req: Request, next: Next) -> Response {
    let rest = req.uri().path().starts_with("/rest/");
    let resp = next.run(req).await;
    let plain = resp.headers().get("content-type").is_some_and(|v| {
        v.as_bytes()
            .eq_ignore_ascii_case(b"text/plain; charset=utf-8")
    });
    if !rest || !plain || !resp.status().is_client_error() {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    // Rejection texts are short; a longer body is cut rather than buffered whole.
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .unwrap_or_default();
    let mut json = ApiError::new(parts.status, String::from_utf8_lossy(&text)).into_response();
    for (name, value) in &parts.headers {
        if name != "content-type" && name != "content-length" {
            json.headers_mut().append(name, value.clone());
        }
    }
    json
}

/// Unknown paths: Jira answers 404 (JSON for REST paths).
pub async fn fallback(req: Request) -> ApiError {
    let path = req.uri().path().to_string();
    if path == "/__unknown_cloud_site" {
        return ApiError::not_found("Site not found for the given cloud id.");
    }
    ApiError::new(StatusCode::NOT_FOUND, format!("null for uri: {path}"))
}

/// The render context for an API version segment, or 404 where the site has no such API.
pub fn ctx(app: &App, v: &str) -> ApiResult<Ctx> {
    let api = match (app.mode(), v) {
        (_, "2") | (Mode::DataCenter, "latest") => 2,
        (Mode::Cloud, "3") | (Mode::Cloud, "latest") => 3,
        _ => {
            return Err(ApiError::not_found(format!(
                "API version {v} is not available"
            )))
        }
    };
    let via_gateway = crate::server::VIA_GATEWAY.try_with(|g| *g).unwrap_or(false);
    let base = if via_gateway {
        format!("{}/ex/jira/{}", app.base, app.cloud_id)
    } else {
        app.base.clone()
    };
    Ok(Ctx {
        base,
        mode: app.mode(),
        api,
    })
}

/// Looks up an issue the caller may browse; otherwise Jira's 404.
pub fn visible_issue<'a>(store: &'a Store, caller: &Caller, key: &str) -> ApiResult<&'a Issue> {
    let id = store.issue_id(key).ok_or_else(ApiError::issue_not_found)?;
    let issue = store
        .issues
        .get(&id)
        .ok_or_else(ApiError::issue_not_found)?;
    if !store.can_issue(&caller.user, issue, Perm::Browse) {
        return Err(ApiError::issue_not_found());
    }
    Ok(issue)
}

/// 403 unless the caller holds `perm` on the issue's project.
pub fn require(
    store: &Store,
    caller: &Caller,
    issue: &Issue,
    perm: Perm,
    what: &str,
) -> ApiResult<()> {
    if store.can_issue(&caller.user, issue, perm) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "You do not have permission to {what}."
        )))
    }
}

/// [`page`] on the `startAt`/`maxResults` of a query string.
pub fn page_params(
    q: &std::collections::HashMap<String, String>,
    default_max: usize,
    cap: usize,
) -> ApiResult<(usize, usize)> {
    page(
        q.get("startAt").map(String::as_str),
        q.get("maxResults").map(String::as_str),
        default_max,
        cap,
    )
}

/// Parses `startAt`/`maxResults` with Jira's defaults and bounds.
pub fn page(
    start: Option<&str>,
    max: Option<&str>,
    default_max: usize,
    cap: usize,
) -> ApiResult<(usize, usize)> {
    let start = match start {
        None | Some("") => 0,
        Some(s) => s
            .parse::<i64>()
            .map_err(|_| ApiError::bad_request(format!("The value '{s}' is invalid for startAt.")))?
            .max(0) as usize,
    };
    let max = match max {
        None | Some("") => default_max,
        Some(s) => s
            .parse::<i64>()
            .map_err(|_| {
                ApiError::bad_request(format!("The value '{s}' is invalid for maxResults."))
            })?
            .clamp(0, cap as i64) as usize,
    };
    Ok((start, max))
}
