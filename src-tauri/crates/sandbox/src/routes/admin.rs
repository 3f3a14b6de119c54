//! Test-only controls under `/rest/sandbox/` (no authentication; the sandbox binds to
//! loopback): clock, faults, flags, scoped API tokens, project roles.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::state::{random_token, ScopedToken};
use crate::error::{json_body, ApiError, ApiResult};
use crate::faults::FaultSettings;
use crate::model::Role;
use crate::server::App;

pub fn router() -> Router<App> {
    Router::new()
        .route("/rest/sandbox/clock", get(clock).put(set_clock))
        .route("/rest/sandbox/faults", get(faults).put(set_faults))
        .route("/rest/sandbox/flags", get(flags).put(set_flags))
        .route("/rest/sandbox/scoped-tokens", post(scoped_token))
        .route("/rest/sandbox/roles", post(set_role))
}

fn clock_body(app: &App) -> Value {
    let s = app.lock();
    json!({ "now": crate::time_fmt::jira(s.now_ms()), "nowMs": s.now_ms(), "offsetMs": s.clock_offset_ms })
}

async fn clock(State(app): State<App>) -> Json<Value> {
    Json(clock_body(&app))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClockBody {
    offset_ms: Option<i64>,
    advance_secs: Option<i64>,
}

/// `{"offsetMs": n}` sets the offset; `{"advanceSecs": n}` moves the clock forward.
async fn set_clock(State(app): State<App>, body: Bytes) -> ApiResult<Json<Value>> {
    let b: ClockBody = json_body(&body)?;
    {
        let mut s = app.lock();
        if let Some(o) = b.offset_ms {
            s.clock_offset_ms = o;
        }
        if let Some(a) = b.advance_secs {
            s.clock_offset_ms = s.clock_offset_ms.saturating_add(a.saturating_mul(1000));
        }
        s.dirty = true;
    }
    Ok(Json(clock_body(&app)))
}

async fn faults(State(app): State<App>) -> Json<FaultSettings> {
    Json(app.faults.get())
}

async fn set_faults(State(app): State<App>, body: Bytes) -> ApiResult<Json<FaultSettings>> {
    let s: FaultSettings = json_body(&body)?;
    if !(0.0..=1.0).contains(&s.fail_rate) {
        return Err(ApiError::bad_request("failRate must be between 0 and 1."));
    }
    app.faults.set(s);
    Ok(Json(app.faults.get()))
}

async fn flags(State(app): State<App>) -> Json<Value> {
    Json(json!({ "oauth2SkipHttpsRequirement": app.lock().oauth2_skip_https }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FlagsBody {
    oauth2_skip_https_requirement: Option<bool>,
}

async fn set_flags(State(app): State<App>, body: Bytes) -> ApiResult<Json<Value>> {
    let b: FlagsBody = json_body(&body)?;
    if let Some(f) = b.oauth2_skip_https_requirement {
        let mut s = app.lock();
        s.oauth2_skip_https = f;
        s.dirty = true;
    }
    Ok(flags(State(app)).await)
}

#[derive(Deserialize)]
struct ScopedBody {
    user: String,
    scopes: Vec<String>,
}

/// Creates a Cloud API token with scopes for `user` (username, email or account id).
async fn scoped_token(State(app): State<App>, body: Bytes) -> ApiResult<Json<Value>> {
    let b: ScopedBody = json_body(&body)?;
    let mut s = app.lock();
    let user = s
        .find_user(&b.user)
        .map(|u| u.key.clone())
        .ok_or_else(|| ApiError::not_found("No such user."))?;
    let token = format!("ATSTT-{}", random_token(24));
    s.auth.scoped_tokens.push(ScopedToken {
        user,
        token: token.clone(),
        scopes: b.scopes,
    });
    s.dirty = true;
    Ok(Json(json!({ "token": token })))
}

#[derive(Deserialize)]
struct RoleBody {
    project: String,
    user: String,
    /// "Administrators" | "Developers" | "Users" | null (no access)
    role: Option<String>,
}

/// Puts a user in a project role (or removes them), to test permissions.
async fn set_role(State(app): State<App>, body: Bytes) -> ApiResult<Json<Value>> {
    let b: RoleBody = json_body(&body)?;
    let mut s = app.lock();
    let user = s
        .find_user(&b.user)
        .map(|u| u.key.clone())
        .ok_or_else(|| ApiError::not_found("No such user."))?;
    let role = match b.role.as_deref() {
        None => None,
        Some("Administrators") => Some(Role::Administrators),
        Some("Developers") => Some(Role::Developers),
        Some("Users") => Some(Role::Users),
        Some(other) => return Err(ApiError::bad_request(format!("Unknown role '{other}'."))),
    };
    let p = s
        .projects
        .iter_mut()
        .find(|p| p.key.eq_ignore_ascii_case(&b.project))
        .ok_or_else(|| ApiError::not_found("No such project."))?;
    match role {
        Some(r) => p.roles.insert(user, r),
        None => p.roles.remove(&user),
    };
    s.dirty = true;
    Ok(Json(
        json!({ "project": b.project, "user": b.user, "role": b.role }),
    ))
}
