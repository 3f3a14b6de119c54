//! Cloud OAuth 2.0 (3LO) at the paths of Atlassian's auth and API hosts: `/authorize`
//! (login, consent, choose site), `/oauth/token` (JSON body, client secret required, rotating
//! refresh tokens), `/oauth/token/accessible-resources`, and `/_edge/tenant_info`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde_json::{json, Value};

use super::consent::{error_page, oauth2_hidden, oauth2_page, redirect_back};
use super::grants::{self, GrantError};
use crate::server::App;
use crate::Mode;

pub fn router() -> Router<App> {
    Router::new()
        .route("/authorize", get(authorize_page).post(authorize_submit))
        .route("/oauth/token", axum::routing::post(token))
        .route(
            "/oauth/token/accessible-resources",
            get(accessible_resources),
        )
        .route("/_edge/tenant_info", get(tenant_info))
}

fn not_cloud() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(error_page(
            "Not found",
            "Only the cloud-mode sandbox has this.",
        )),
    )
        .into_response()
}

fn bad(detail: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(error_page("Something went wrong", detail)),
    )
        .into_response()
}

async fn authorize_page(
    State(app): State<App>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if app.mode() != Mode::Cloud {
        return not_cloud();
    }
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let store = app.lock();
    let Some(client) = store
        .auth
        .oauth2_clients
        .iter()
        .find(|c| c.client_id == get("client_id"))
    else {
        return bad("Invalid client_id.");
    };
    if get("response_type") != "code" {
        return bad("response_type must be code.");
    }
    if get("redirect_uri").is_empty()
        || (!client.redirect_uris.is_empty()
            && !client.redirect_uris.contains(&get("redirect_uri")))
    {
        return bad("The redirect_uri does not match the app's callback URL.");
    }
    if !get("code_challenge").is_empty() && get("code_challenge_method") != "S256" {
        return bad("Only code_challenge_method=S256 is supported.");
    }
    let scopes = grants::split_scopes(&get("scope"));
    let hidden = oauth2_hidden(get);
    let site = app.base.clone();
    Html(oauth2_page(
        "/authorize",
        &client.name,
        &scopes,
        &hidden,
        "Email",
        Some((&app.cloud_id, &site)),
    ))
    .into_response()
}

async fn authorize_submit(
    State(app): State<App>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if app.mode() != Mode::Cloud {
        return not_cloud();
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let mut store = app.lock();
    let user = store
        .users
        .iter()
        .find(|u| {
            u.email.eq_ignore_ascii_case(&get("os_username")) && u.password == get("os_password")
        })
        .map(|u| u.key.clone());
    let Some(user) = user else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(error_page("Incorrect email address and / or password.", "")),
        )
            .into_response();
    };
    let redirect = get("redirect_uri");
    if !grants::redirect_allowed(&store, &get("client_id"), &redirect) {
        return bad("Invalid client_id or redirect_uri.");
    }
    if get("decision") != "accept" {
        let denied =
            "error=access_denied&error_description=User%20did%20not%20authorize%20the%20request";
        return redirect_back(&redirect, denied, &get("state"));
    }
    let scopes = grants::split_scopes(&get("scope"));
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

/// Atlassian documents a JSON body; a form body is accepted too.
fn params(headers: &HeaderMap, body: &[u8]) -> HashMap<String, String> {
    let ct = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.starts_with("application/x-www-form-urlencoded") {
        return url::form_urlencoded::parse(body).into_owned().collect();
    }
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    v.as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

async fn token(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    if app.mode() != Mode::Cloud {
        return not_cloud();
    }
    let p = params(&headers, &body);
    let ttl = app.cfg.access_token_ttl_secs;
    let result = grants::token_request(&mut app.lock(), ttl, &p, false);
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => {
            let status = match e {
                GrantError::InvalidClient => StatusCode::UNAUTHORIZED,
                GrantError::InvalidGrant(_) => StatusCode::FORBIDDEN,
                GrantError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            };
            (status, Json(e.body())).into_response()
        }
    }
}

async fn accessible_resources(State(app): State<App>, headers: HeaderMap) -> Response {
    if app.mode() != Mode::Cloud {
        return not_cloud();
    }
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or("");
    let store = app.lock();
    let now = store.now_ms();
    let Some(t) = store
        .auth
        .access_tokens
        .iter()
        .find(|t| t.token == token && t.expires > now)
    else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"code": 401, "message": "Unauthorized"})),
        )
            .into_response();
    };
    Json(json!([{
        "id": app.cloud_id,
        "name": "sandbox",
        "url": app.base,
        "scopes": t.scopes,
        "avatarUrl": format!("{}/images/site-avatar.png", app.base),
    }]))
    .into_response()
}

async fn tenant_info(State(app): State<App>) -> Response {
    if app.mode() != Mode::Cloud {
        return not_cloud();
    }
    Json(json!({ "cloudId": app.cloud_id })).into_response()
}
