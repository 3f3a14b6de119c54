//! DC personal access tokens: `/rest/pat/latest/tokens` (create, list, revoke).
//!
//! Creating answers the token once, in `rawToken`; listing never shows it again.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::state::{random_token, Pat};
use super::{Caller, Method};
use crate::error::{json_body, ApiError, ApiResult};
use crate::server::App;
use crate::time_fmt::jira;
use crate::Mode;

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/pat/latest/tokens", get(list).post(create))
        .route("/rest/pat/latest/tokens/{id}", delete(revoke).get(get_one))
}

fn dc_only(app: &App) -> ApiResult<()> {
    if app.mode() == Mode::DataCenter {
        Ok(())
    } else {
        Err(ApiError::not_found(
            "Personal access tokens are a Data Center feature.",
        ))
    }
}

fn view(p: &Pat) -> Value {
    let mut v = json!({
        "id": p.id,
        "name": p.name,
        "createdAt": jira(p.created),
    });
    if let Some(e) = p.expires {
        v["expiringAt"] = json!(jira(e));
    }
    if let Some(l) = p.last_accessed {
        v["lastAccessedAt"] = json!(jira(l));
    }
    v
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody {
    name: Option<String>,
    expiration_duration: Option<i64>,
}

async fn create(State(app): State<App>, caller: Caller, body: Bytes) -> ApiResult<Response> {
    dc_only(&app)?;
    if caller.method == Method::Pat {
        // Jira does not let a token mint more tokens.
        return Err(ApiError::forbidden(
            "Personal access tokens cannot be used to create tokens.",
        ));
    }
    let b: CreateBody = json_body(&body)?;
    let name = b.name.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(ApiError::bad_request("Token name is required."));
    }
    if b.expiration_duration.is_some_and(|d| d <= 0) {
        return Err(ApiError::bad_request(
            "Expiration duration must be a positive number of days.",
        ));
    }
    let mut store = app.lock();
    let now = store.now_ms();
    let id = store.next_id();
    let pat = Pat {
        id,
        name,
        user: caller.user,
        token: random_token(33),
        created: now,
        expires: b
            .expiration_duration
            .map(|d| now.saturating_add(d.saturating_mul(86_400_000))),
        last_accessed: None,
    };
    let mut v = view(&pat);
    v["rawToken"] = json!(pat.token);
    store.auth.pats.push(pat);
    store.dirty = true;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

async fn list(State(app): State<App>, caller: Caller) -> ApiResult<Json<Value>> {
    dc_only(&app)?;
    let store = app.lock();
    let v: Vec<Value> = store
        .auth
        .pats
        .iter()
        .filter(|p| p.user == caller.user)
        .map(view)
        .collect();
    Ok(Json(json!(v)))
}

async fn get_one(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    dc_only(&app)?;
    let store = app.lock();
    store
        .auth
        .pats
        .iter()
        .find(|p| p.user == caller.user && p.id.to_string() == id)
        .map(|p| Json(view(p)))
        .ok_or_else(|| ApiError::not_found("Token not found."))
}

async fn revoke(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    dc_only(&app)?;
    let mut store = app.lock();
    let before = store.auth.pats.len();
    store
        .auth
        .pats
        .retain(|p| !(p.user == caller.user && p.id.to_string() == id));
    if store.auth.pats.len() == before {
        return Err(ApiError::not_found("Token not found."));
    }
    store.dirty = true;
    Ok(StatusCode::NO_CONTENT)
}
