//! OAuth 1.0a provider (DC): `plugins/servlet/oauth/{request-token,authorize,access-token}`
//! and the check of signed API requests. Signatures are verified by `crate::oauth1`; this file
//! keeps the state: nonces, the timestamp window, request/access tokens and verifiers.

use std::collections::HashMap;
use std::sync::MutexGuard;

use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method as HttpMethod, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};

use super::state::{random_token, OAuth1Kind, OAuth1Token};
use super::{Caller, Method};
use crate::oauth1::{self, Problem, Rejection, SignedRequest};
use crate::server::{App, OriginalPathQuery};
use crate::store::Store;
use crate::Mode;

/// Request tokens live 10 minutes; access tokens 5 years (Jira's `oauth_expires_in`).
const REQUEST_TOKEN_MS: i64 = 600_000;
const ACCESS_TOKEN_SECS: i64 = 157_680_000;

pub fn router() -> Router<App> {
    Router::new()
        .route(
            "/plugins/servlet/oauth/request-token",
            post(request_token).get(request_token),
        )
        .route(
            "/plugins/servlet/oauth/authorize",
            get(authorize_page).post(authorize_submit),
        )
        .route(
            "/plugins/servlet/oauth/access-token",
            post(access_token).get(access_token),
        )
}

/// 401 with `oauth_problem` in `WWW-Authenticate` and in a form-encoded body.
pub fn problem(app: &App, r: &Rejection) -> Response {
    let (header, body) = oauth1::rejection_response_parts(r, &app.base);
    let status = StatusCode::from_u16(r.problem.http_status()).unwrap_or(StatusCode::UNAUTHORIZED);
    let mut resp = (status, body).into_response();
    if let Ok(v) = HeaderValue::from_str(&header) {
        resp.headers_mut().insert("www-authenticate", v);
    }
    resp.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    resp
}

/// The URL as the client addressed it (Host header + original path and query).
fn client_url(
    app: &App,
    headers: &HeaderMap,
    original: Option<&OriginalPathQuery>,
    fallback: &str,
) -> url::Url {
    let host = headers.get("host").and_then(|h| h.to_str().ok());
    let path = original.map(|o| o.0.as_str()).unwrap_or(fallback);
    let base = match host {
        Some(h) => format!("http://{h}"),
        None => app.base.clone(),
    };
    url::Url::parse(&format!("{base}{path}"))
        .or_else(|_| url::Url::parse(&format!("{}{path}", app.base)))
        .unwrap_or_else(|_| url::Url::parse("http://127.0.0.1/").expect("static URL parses"))
}

fn verify(
    store: &mut Store,
    method: &str,
    url: &url::Url,
    header: Option<&str>,
    form: Option<&[u8]>,
) -> Result<SignedRequest, Rejection> {
    let consumers = store.auth.consumers.clone();
    let now_s = store.now_ms() / 1000;
    let signed = oauth1::verify_with_clock(method, url, header, form, now_s, |key| {
        consumers
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.public_key.clone())
    })?;
    let key = format!(
        "{}|{}|{}|{}",
        signed.consumer_key,
        signed.token.as_deref().unwrap_or(""),
        signed.nonce,
        signed.timestamp
    );
    let now = store.now_ms();
    store
        .auth
        .nonces
        .retain(|_, seen| now.saturating_sub(*seen) < 2 * oauth1::TIMESTAMP_WINDOW_SECS * 1000);
    if store.auth.nonces.contains_key(&key) {
        return Err(Problem::NonceUsed.into());
    }
    store.auth.nonces.insert(key, now);
    store.dirty = true;
    Ok(signed)
}

fn form_bytes<'a>(headers: &HeaderMap, body: &'a [u8]) -> Option<&'a [u8]> {
    let ct = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    ct.starts_with("application/x-www-form-urlencoded")
        .then_some(body)
}

/// What both token endpoints do first: DC only, then the signature check of the request as
/// the client addressed it (form parameters count when the body is a form).
fn verify_endpoint<'a>(
    app: &'a App,
    method: &HttpMethod,
    headers: &HeaderMap,
    original: Option<&OriginalPathQuery>,
    body: &[u8],
    path: &str,
) -> Result<(MutexGuard<'a, Store>, SignedRequest), Response> {
    if app.mode() != Mode::DataCenter {
        return Err(StatusCode::NOT_FOUND.into_response());
    }
    let url = client_url(app, headers, original, path);
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    let mut store = app.lock();
    let form = form_bytes(headers, body);
    let signed =
        verify(&mut store, method.as_str(), &url, auth, form).map_err(|r| problem(app, &r))?;
    Ok((store, signed))
}

/// Verifies a signed API call (any route) and maps its access token to the user.
pub fn check_api_request(app: &App, req: &Request, header: &str) -> Result<Caller, Response> {
    let url = client_url(app, req.headers(), req.extensions().get(), req.uri().path());
    let mut store = app.lock();
    let signed = verify(&mut store, req.method().as_str(), &url, Some(header), None)
        .map_err(|r| problem(app, &r))?;
    let now = store.now_ms();
    let token = signed.token.as_deref().unwrap_or("");
    let found = store.auth.oauth1_tokens.iter().find(|t| t.token == token);
    match found {
        Some(t) if t.kind == OAuth1Kind::Access && t.consumer == signed.consumer_key => {
            if t.expires <= now {
                return Err(problem(app, &Problem::TokenExpired.into()));
            }
            let user = t.user.clone().unwrap_or_default();
            Ok(Caller {
                user,
                method: Method::OAuth1,
                scopes: None,
            })
        }
        _ => Err(problem(app, &Problem::TokenRejected.into())),
    }
}

fn form_response(pairs: &[(&str, String)]) -> Response {
    let body = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                oauth1::percent_encode(k),
                oauth1::percent_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    (
        [("content-type", "application/x-www-form-urlencoded")],
        body,
    )
        .into_response()
}

async fn request_token(
    State(app): State<App>,
    method: HttpMethod,
    headers: HeaderMap,
    original: Option<axum::Extension<OriginalPathQuery>>,
    body: Bytes,
) -> Response {
    let original = original.as_ref().map(|e| &e.0);
    let path = "/plugins/servlet/oauth/request-token";
    let (mut store, signed) = match verify_endpoint(&app, &method, &headers, original, &body, path)
    {
        Ok(verified) => verified,
        Err(r) => return r,
    };
    let now = store.now_ms();
    let token = OAuth1Token {
        token: random_token(24),
        secret: random_token(24),
        consumer: signed.consumer_key,
        kind: OAuth1Kind::Request,
        callback: signed.callback.filter(|c| c != "oob"),
        verifier: None,
        user: None,
        denied: false,
        created: now,
        expires: now.saturating_add(REQUEST_TOKEN_MS),
    };
    let pairs = [
        ("oauth_token", token.token.clone()),
        ("oauth_token_secret", token.secret.clone()),
        ("oauth_callback_confirmed", "true".to_string()),
    ];
    store.auth.oauth1_tokens.push(token);
    form_response(&pairs)
}

async fn authorize_page(
    State(app): State<App>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let token = q.get("oauth_token").cloned().unwrap_or_default();
    let store = app.lock();
    let Some(t) = store
        .auth
        .oauth1_tokens
        .iter()
        .find(|t| t.token == token && t.kind == OAuth1Kind::Request)
    else {
        return (StatusCode::BAD_REQUEST, Html("<h1>Invalid OAuth token</h1><p>The request token is unknown or was already used.</p>".to_string())).into_response();
    };
    let name = store
        .auth
        .consumers
        .iter()
        .find(|c| c.key == t.consumer)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    Html(super::consent::oauth1_page(&name, &token)).into_response()
}

/// The form of the authorize page: log in, then Allow or Deny.
async fn authorize_submit(
    State(app): State<App>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| f.get(k).cloned().unwrap_or_default();
    let mut store = app.lock();
    let user = store
        .users
        .iter()
        .find(|u| {
            u.username.eq_ignore_ascii_case(&field("os_username"))
                && u.password == field("os_password")
        })
        .map(|u| u.key.clone());
    let Some(user) = user else {
        return (
            StatusCode::UNAUTHORIZED,
            Html("<h1>Login failed</h1><p>Wrong username or password.</p>".to_string()),
        )
            .into_response();
    };
    let now = store.now_ms();
    let token = field("oauth_token");
    let Some(t) = store
        .auth
        .oauth1_tokens
        .iter_mut()
        .find(|t| t.token == token && t.kind == OAuth1Kind::Request)
    else {
        return (
            StatusCode::BAD_REQUEST,
            Html("<h1>Invalid OAuth token</h1>".to_string()),
        )
            .into_response();
    };
    if t.expires <= now {
        return (
            StatusCode::BAD_REQUEST,
            Html("<h1>The request token has expired</h1>".to_string()),
        )
            .into_response();
    }
    let verifier = random_token(6);
    t.user = Some(user);
    t.denied = field("approve") != "Allow";
    t.verifier = Some(verifier.clone());
    let denied = t.denied;
    let callback = t.callback.clone();
    store.dirty = true;
    match callback {
        Some(cb) if !denied => {
            let sep = if cb.contains('?') { '&' } else { '?' };
            let to = format!(
                "{cb}{sep}oauth_token={}&oauth_verifier={}",
                oauth1::percent_encode(&token),
                oauth1::percent_encode(&verifier)
            );
            super::consent::see_other(&to)
        }
        _ if denied => Html("<h1>Access denied</h1><p>You denied access to your account.</p>".to_string()).into_response(),
        _ => Html(format!(
            "<h1>Access approved</h1><p>Your verification code is:</p><p id=\"verifier\">{verifier}</p>\
             <p>Paste it into the application.</p>"
        ))
        .into_response(),
    }
}

async fn access_token(
    State(app): State<App>,
    method: HttpMethod,
    headers: HeaderMap,
    original: Option<axum::Extension<OriginalPathQuery>>,
    body: Bytes,
) -> Response {
    let original = original.as_ref().map(|e| &e.0);
    let path = "/plugins/servlet/oauth/access-token";
    let (mut store, signed) = match verify_endpoint(&app, &method, &headers, original, &body, path)
    {
        Ok(verified) => verified,
        Err(r) => return r,
    };
    let now = store.now_ms();
    let token = signed.token.clone().unwrap_or_default();
    let Some(idx) = store.auth.oauth1_tokens.iter().position(|t| {
        t.token == token && t.kind == OAuth1Kind::Request && t.consumer == signed.consumer_key
    }) else {
        return problem(&app, &Problem::TokenRejected.into());
    };
    let t = store.auth.oauth1_tokens[idx].clone();
    if t.expires <= now {
        return problem(&app, &Problem::TokenExpired.into());
    }
    if t.user.is_none() || t.denied {
        return problem(&app, &Problem::PermissionDenied.into());
    }
    let Some(verifier) = signed.verifier else {
        return problem(
            &app,
            &Problem::ParameterAbsent(vec!["oauth_verifier".into()]).into(),
        );
    };
    if Some(&verifier) != t.verifier.as_ref() {
        return problem(&app, &Problem::TokenRejected.into());
    }
    store.auth.oauth1_tokens.remove(idx);
    let access = OAuth1Token {
        token: random_token(24),
        secret: random_token(24),
        consumer: t.consumer,
        kind: OAuth1Kind::Access,
        callback: None,
        verifier: None,
        user: t.user,
        denied: false,
        created: now,
        expires: now.saturating_add(ACCESS_TOKEN_SECS * 1000),
    };
    let pairs = [
        ("oauth_token", access.token.clone()),
        ("oauth_token_secret", access.secret.clone()),
        ("oauth_expires_in", ACCESS_TOKEN_SECS.to_string()),
        ("oauth_session_handle", random_token(12)),
        ("oauth_authorization_expires_in", "160272000".to_string()),
    ];
    store.auth.oauth1_tokens.push(access);
    store.dirty = true;
    form_response(&pairs)
}
