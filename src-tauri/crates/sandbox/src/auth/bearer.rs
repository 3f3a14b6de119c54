//! Bearer tokens: DC personal access tokens and OAuth 2.0 access tokens (DC provider, and
//! Cloud 3LO through the gateway path only).

use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Caller, Method};
use crate::error::ApiError;
use crate::server::App;
use crate::Mode;

fn unauthorized(message: &str) -> Response {
    ApiError::new(StatusCode::UNAUTHORIZED, message)
        .with_header(
            HeaderName::from_static("www-authenticate"),
            "Bearer realm=\"Jira\"",
        )
        .into_response()
}

pub fn check(app: &App, token: &str, gateway: bool) -> Result<Caller, Response> {
    let mut store = app.lock();
    let now = store.now_ms();
    if let Some(t) = store.auth.access_tokens.iter().find(|t| t.token == token) {
        if app.mode() == Mode::Cloud && !gateway {
            // 3LO tokens are only accepted on api.atlassian.com, not on the site itself.
            return Err(unauthorized(
                "Client must be authenticated to access this resource.",
            ));
        }
        if t.expires <= now || store.auth.revoked_grants.contains(&t.grant) {
            return Err(unauthorized("The access token expired"));
        }
        return Ok(Caller {
            user: t.user.clone(),
            method: Method::OAuth2,
            scopes: Some(t.scopes.clone()),
        });
    }
    if app.mode() == Mode::DataCenter {
        if let Some(pat) = store.auth.pats.iter_mut().find(|p| p.token == token) {
            if pat.expires.is_some_and(|e| e <= now) {
                return Err(unauthorized("The personal access token has expired."));
            }
            pat.last_accessed = Some(now);
            let user = pat.user.clone();
            store.dirty = true;
            return Ok(Caller {
                user,
                method: Method::Pat,
                scopes: None,
            });
        }
    }
    Err(unauthorized(
        "Client must be authenticated to access this resource.",
    ))
}
