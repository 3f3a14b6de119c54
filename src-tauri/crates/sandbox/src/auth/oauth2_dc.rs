//! DC OAuth 2.0 provider (8.22+): `/rest/oauth2/latest/{authorize,token}`, form-encoded,
//! PKCE S256, scopes READ/WRITE/ADMIN/SYSTEM_ADMIN, HTTPS redirect URLs unless
//! `atlassian.oauth2.provider.skip.redirect.url.https.requirement` is on. Clients are created
//! through `/rest/sandbox/oauth2/clients` (Jira's incoming application link).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::consent::{error_page, oauth2_hidden, oauth2_page, redirect_back};
use super::grants::{self, GrantError};
use super::state::{random_token, OAuth2Client};
use crate::error::{json_body, ApiError, ApiResult};
use crate::server::App;
use crate::Mode;

const SCOPES: &[&str] = &["READ", "WRITE", "ADMIN", "SYSTEM_ADMIN"];
/// The incoming link the demo seed registers (any redirect URL accepted).
pub const DC_CLIENT_ID: &str = "sandbox-dc-client";
pub const DC_CLIENT_SECRET: &str = "sandbox-dc-secret";

pub fn router() -> Router<App> {
    Router::new()
        .route(
            "/rest/oauth2/latest/authorize",
            get(authorize_page).post(authorize_submit),
        )
        .route("/rest/oauth2/latest/token", post(token))
        .route(
            "/rest/sandbox/oauth2/clients",
            post(create_client).get(list_clients),
        )
}

fn https_ok(app: &App, uri: &str) -> bool {
    uri.starts_with("https://") || app.lock().oauth2_skip_https
}

fn bad(detail: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(error_page("OAuth 2.0 authorization failed", detail)),
    )
        .into_response()
}

async fn authorize_page(
    State(app): State<App>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if app.mode() != Mode::DataCenter {
        return StatusCode::NOT_FOUND.into_response();
    }
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let redirect = get("redirect_uri");
    if !https_ok(&app, &redirect) {
        return bad("The redirect URL must use HTTPS.");
    }
    let store = app.lock();
    let Some(client) = store
        .auth
        .oauth2_clients
        .iter()
        .find(|c| c.client_id == get("client_id"))
    else {
        return bad("Invalid client_id.");
    };
    if !client.redirect_uris.is_empty() && !client.redirect_uris.contains(&redirect) {
        return bad("The redirect_uri does not match the redirect URL of the application link.");
    }
    if get("response_type") != "code" {
        return bad("response_type must be code.");
    }
    let scopes = grants::split_scopes(&get("scope"));
    if let Some(s) = scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
        return bad(&format!("Invalid scope: {s}"));
    }
    if !get("code_challenge").is_empty() && get("code_challenge_method") != "S256" {
        return bad("Only code_challenge_method=S256 is supported.");
    }
    let hidden = oauth2_hidden(get);
    Html(oauth2_page(
        "/rest/oauth2/latest/authorize",
        &client.name,
        &scopes,
        &hidden,
        "Username",
        None,
    ))
    .into_response()
}

async fn authorize_submit(
    State(app): State<App>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if app.mode() != Mode::DataCenter {
        return StatusCode::NOT_FOUND.into_response();
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let mut store = app.lock();
    let user = store
        .users
        .iter()
        .find(|u| {
            u.username.eq_ignore_ascii_case(&get("os_username")) && u.password == get("os_password")
        })
        .map(|u| u.key.clone());
    let Some(user) = user else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(error_page("Login failed", "Wrong username or password.")),
        )
            .into_response();
    };
    let redirect = get("redirect_uri");
    let https = redirect.starts_with("https://") || store.oauth2_skip_https;
    if !https || !grants::redirect_allowed(&store, &get("client_id"), &redirect) {
        return bad("Invalid client_id or redirect_uri.");
    }
    if get("decision") != "accept" {
        return redirect_back(&redirect, "error=access_denied", &get("state"));
    }
    let mut scopes = grants::split_scopes(&get("scope"));
    if scopes.is_empty() {
        scopes.push("READ".into());
    }
    let challenge = Some(get("code_challenge")).filter(|c| !c.is_empty());
    let code = grants::issue_code(
        &mut store,
        &get("client_id"),
        &user,
        &redirect,
        scopes,
        challenge,
    );
    redirect_back(&redirect, &format!("code={code}"), &get("state"))
}

/// Form-encoded body; parameters in the query string are honoured too (some clients send them).
async fn token(
    State(app): State<App>,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    if app.mode() != Mode::DataCenter {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut p: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    for (k, v) in q {
        p.entry(k).or_insert(v);
    }
    let ttl = app.cfg.access_token_ttl_secs;
    let result = grants::token_request(&mut app.lock(), ttl, &p, true);
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => {
            let (status, body) = match &e {
                GrantError::InvalidClient => (
                    StatusCode::UNAUTHORIZED,
                    json!({"error": "invalid_client", "error_description": "Client authentication failed"}),
                ),
                GrantError::InvalidGrant(_) => (StatusCode::BAD_REQUEST, e.body()),
                GrantError::InvalidRequest(_) => (StatusCode::BAD_REQUEST, e.body()),
            };
            (status, Json(body)).into_response()
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewClient {
    name: String,
    redirect_uri: String,
    #[serde(default)]
    scopes: Vec<String>,
}

/// Test-only: registers an incoming link and answers its client id and secret.
async fn create_client(State(app): State<App>, body: Bytes) -> ApiResult<Response> {
    let c: NewClient = json_body(&body)?;
    if !https_ok(&app, &c.redirect_uri) {
        return Err(ApiError::bad_request("The redirect URL must use HTTPS."));
    }
    let client = OAuth2Client {
        client_id: random_token(16),
        client_secret: random_token(32),
        name: c.name,
        redirect_uris: vec![c.redirect_uri],
        scopes: c.scopes,
    };
    let v = json!({ "clientId": client.client_id, "clientSecret": client.client_secret, "name": client.name, "redirectUris": client.redirect_uris });
    let mut store = app.lock();
    store.auth.oauth2_clients.push(client);
    store.dirty = true;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

async fn list_clients(State(app): State<App>) -> Json<serde_json::Value> {
    let store = app.lock();
    Json(json!(store
        .auth
        .oauth2_clients
        .iter()
        .map(|c| json!({"clientId": c.client_id, "name": c.name, "redirectUris": c.redirect_uris}))
        .collect::<Vec<_>>()))
}

/// The demo incoming link (any redirect URL accepted), seeded in DC mode.
pub fn demo_client() -> OAuth2Client {
    OAuth2Client {
        client_id: DC_CLIENT_ID.into(),
        client_secret: DC_CLIENT_SECRET.into(),
        name: "Jiffy (sandbox incoming link)".into(),
        redirect_uris: vec![],
        scopes: vec!["READ".into(), "WRITE".into()],
    }
}
