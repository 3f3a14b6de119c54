//! Basic auth: DC username + password (with Jira's CAPTCHA after 3 failures) and Cloud
//! email + API token (passwords refused). `/login.jsp` is where a locked-out user "solves" the
//! CAPTCHA.

use std::collections::HashMap;

use axum::extract::{Form, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;

use super::{Caller, Method};
use crate::error::ApiError;
use crate::server::App;
use crate::Mode;

/// Consecutive failures after which DC demands a CAPTCHA.
pub const CAPTCHA_AFTER: u32 = 3;

/// The word the sandbox's CAPTCHA asks for.
const CAPTCHA_WORD: &str = "jiffy";

fn seraph(resp: ApiError, reason: &str) -> ApiError {
    resp.with_header(HeaderName::from_static("x-seraph-loginreason"), reason)
}

pub fn check(app: &App, encoded: &str, gateway: bool) -> Result<Caller, Response> {
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let Some((name, secret)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
        return Err(seraph(ApiError::unauthenticated(), "AUTHENTICATED_FAILED").into_response());
    };
    match app.mode() {
        Mode::Cloud => check_cloud(app, name, secret, gateway),
        Mode::DataCenter => check_dc(app, name, secret),
    }
}

fn check_cloud(app: &App, email: &str, secret: &str, gateway: bool) -> Result<Caller, Response> {
    let store = app.lock();
    let Some(user) = store
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(email))
    else {
        return Err(ApiError::unauthenticated().into_response());
    };
    if user.active && user.api_token == secret {
        return Ok(Caller {
            user: user.key.clone(),
            method: Method::Basic,
            scopes: None,
        });
    }
    if let Some(t) = store
        .auth
        .scoped_tokens
        .iter()
        .find(|t| t.user == user.key && t.token == secret)
    {
        // Scoped API tokens are only honoured through api.atlassian.com/ex/jira/{cloudId}.
        if gateway {
            return Ok(Caller {
                user: user.key.clone(),
                method: Method::ScopedToken,
                scopes: Some(t.scopes.clone()),
            });
        }
        // Atlassian's exact answer (not Jira's errorMessages shape): clients recognise it to
        // move the token to the gateway, so the sandbox must answer the same way.
        return Err((
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({
                "code": 401,
                "message": "Unauthorized; scope does not match",
            })),
        )
            .into_response());
    }
    if user.password == secret {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Basic authentication with passwords is deprecated. Use an API token instead.",
        )
        .into_response());
    }
    Err(ApiError::unauthenticated().into_response())
}

fn check_dc(app: &App, username: &str, password: &str) -> Result<Caller, Response> {
    let login_url = format!("{}/login.jsp", app.base);
    let mut store = app.lock();
    let Some(user) = store
        .users
        .iter()
        .find(|u| u.username.eq_ignore_ascii_case(username))
    else {
        return Err(seraph(ApiError::unauthenticated(), "AUTHENTICATED_FAILED").into_response());
    };
    let key = user.key.clone();
    let ok = user.active && user.password == password;
    let failures = store.auth.failed_logins.get(&key).copied().unwrap_or(0);
    if failures >= CAPTCHA_AFTER {
        // Jira refuses without even checking the password until the CAPTCHA is solved.
        return Err(seraph(
            ApiError::forbidden("CAPTCHA_CHALLENGE").with_header(
                HeaderName::from_static("x-authentication-denied-reason"),
                format!("CAPTCHA_CHALLENGE; login-url={login_url}"),
            ),
            "AUTHENTICATION_DENIED",
        )
        .into_response());
    }
    store.dirty = true;
    if ok {
        store.auth.failed_logins.remove(&key);
        Ok(Caller {
            user: key,
            method: Method::Basic,
            scopes: None,
        })
    } else {
        store.auth.failed_logins.insert(key, failures + 1);
        Err(seraph(ApiError::unauthenticated(), "AUTHENTICATED_FAILED").into_response())
    }
}

pub fn router() -> Router<App> {
    Router::new().route("/login.jsp", get(login_page).post(login_submit))
}

async fn login_page() -> Html<String> {
    Html(page(""))
}

fn page(message: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Log in - Jira (sandbox)</title></head><body>\
         <h1>Log in</h1><p>{message}</p><form method=\"post\" action=\"/login.jsp\">\
         <label>Username <input name=\"os_username\"></label><br>\
         <label>Password <input name=\"os_password\" type=\"password\"></label><br>\
         <p>CAPTCHA (shown after {CAPTCHA_AFTER} failed logins): type the word \
         <b>{CAPTCHA_WORD}</b></p><label>CAPTCHA <input name=\"os_captcha\"></label><br>\
         <button type=\"submit\">Log In</button></form></body></html>"
    )
}

/// Logging in here with the right password and CAPTCHA clears the failed-login count.
async fn login_submit(
    State(app): State<App>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let mut store = app.lock();
    let Some(user) = store
        .users
        .iter()
        .find(|u| u.username.eq_ignore_ascii_case(field("os_username")))
    else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(page(
                "Sorry, your username and password are incorrect - please try again.",
            )),
        )
            .into_response();
    };
    let key = user.key.clone();
    if user.password != field("os_password") {
        return (
            StatusCode::UNAUTHORIZED,
            Html(page(
                "Sorry, your username and password are incorrect - please try again.",
            )),
        )
            .into_response();
    }
    let locked = store.auth.failed_logins.get(&key).copied().unwrap_or(0) >= CAPTCHA_AFTER;
    if locked && !field("os_captcha").eq_ignore_ascii_case(CAPTCHA_WORD) {
        return (
            StatusCode::FORBIDDEN,
            Html(page("Please enter the word in the CAPTCHA.")),
        )
            .into_response();
    }
    store.auth.failed_logins.remove(&key);
    store.dirty = true;
    Html(page("You are now logged in; the CAPTCHA is cleared.")).into_response()
}
