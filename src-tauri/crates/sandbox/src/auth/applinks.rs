//! Application Links (incoming OAuth 1.0a consumers): Jira's admin page at
//! `/plugins/servlet/applinks/listApplicationLinks` (list, create with consumer key + name +
//! RSA public key, delete) and the JSON equivalent for tests under `/rest/sandbox/oauth1/`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Form, Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::consent::esc;
use super::state::Consumer;
use crate::error::{json_body, ApiError, ApiResult};
use crate::server::App;

const PAGE: &str = "/plugins/servlet/applinks/listApplicationLinks";

pub fn router() -> Router<App> {
    Router::new()
        .route(PAGE, get(page).post(page_submit))
        .route(
            "/rest/sandbox/oauth1/consumers",
            get(list_json).post(create_json),
        )
        .route("/rest/sandbox/oauth1/consumers/{key}", delete(delete_json))
}

/// Adds a consumer after checking the key is new and the public key parses.
fn add(app: &App, key: &str, name: &str, public_key: &str) -> Result<(), String> {
    if key.trim().is_empty() || name.trim().is_empty() {
        return Err("Consumer key and consumer name are required.".into());
    }
    crate::oauth1::parse_public_key(public_key).map_err(|e| format!("Invalid public key: {e}"))?;
    let mut store = app.lock();
    if store.auth.consumers.iter().any(|c| c.key == key) {
        return Err(format!("A consumer with key '{key}' already exists."));
    }
    let created = store.now_ms();
    store.auth.consumers.push(Consumer {
        key: key.trim().into(),
        name: name.trim().into(),
        public_key: public_key.trim().into(),
        created,
    });
    store.dirty = true;
    Ok(())
}

fn remove(app: &App, key: &str) -> bool {
    let mut store = app.lock();
    let before = store.auth.consumers.len();
    store.auth.consumers.retain(|c| c.key != key);
    // Tokens of a removed link stop working, as in Jira.
    store.auth.oauth1_tokens.retain(|t| t.consumer != key);
    store.dirty = true;
    store.auth.consumers.len() != before
}

/// The admin page needs a Jira administrator (Basic auth, so a browser prompts for it).
fn admin_only(app: &App, headers: &HeaderMap) -> Result<(), Response> {
    let denied = || {
        (
            StatusCode::UNAUTHORIZED,
            [("www-authenticate", "Basic realm=\"Jira administration\"")],
            Html(super::consent::error_page(
                "Administrator access required",
                "Log in as a Jira administrator.",
            )),
        )
            .into_response()
    };
    let h = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(encoded) = h.strip_prefix("Basic ") else {
        return Err(denied());
    };
    let caller = super::basic::check(app, encoded.trim(), false).map_err(|_| denied())?;
    if app
        .lock()
        .user(&caller.user)
        .is_some_and(|u| u.global_admin)
    {
        Ok(())
    } else {
        Err(denied())
    }
}

async fn page(State(app): State<App>, headers: HeaderMap) -> Response {
    if let Err(r) = admin_only(&app, &headers) {
        return r;
    }
    let rows: String = app
        .lock()
        .auth
        .consumers
        .iter()
        .map(|c| {
            format!(
                "<tr><td>{n}</td><td>{k}</td><td><form method=\"post\" action=\"{PAGE}\">\
                 <input type=\"hidden\" name=\"action\" value=\"delete\">\
                 <input type=\"hidden\" name=\"consumerKey\" value=\"{k}\">\
                 <button>Delete</button></form></td></tr>",
                n = esc(&c.name),
                k = esc(&c.key)
            )
        })
        .collect();
    Html(format!(
        "<!DOCTYPE html><html><head><title>Application links - Jira (sandbox)</title></head>\
         <body><h1>Application links</h1><table><tr><th>Name</th><th>Consumer key</th><th></th>\
         </tr>{rows}</table><h2>Create link (incoming authentication)</h2>\
         <form method=\"post\" action=\"{PAGE}\"><input type=\"hidden\" name=\"action\" \
         value=\"create\"><label>Consumer key <input name=\"consumerKey\"></label><br>\
         <label>Consumer name <input name=\"name\"></label><br><label>Public key \
         <textarea name=\"publicKey\" rows=\"8\" cols=\"64\"></textarea></label><br>\
         <button>Save</button></form></body></html>"
    ))
    .into_response()
}

async fn page_submit(
    State(app): State<App>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = admin_only(&app, &headers) {
        return r;
    }
    let field = |k: &str| f.get(k).cloned().unwrap_or_default();
    match field("action").as_str() {
        "create" => match add(
            &app,
            &field("consumerKey"),
            &field("name"),
            &field("publicKey"),
        ) {
            Ok(()) => super::consent::see_other(PAGE),
            Err(e) => (
                StatusCode::BAD_REQUEST,
                Html(super::consent::error_page("Could not create the link", &e)),
            )
                .into_response(),
        },
        "delete" => {
            remove(&app, &field("consumerKey"));
            super::consent::see_other(PAGE)
        }
        _ => (
            StatusCode::BAD_REQUEST,
            Html(super::consent::error_page("Unknown action", "")),
        )
            .into_response(),
    }
}

fn view(c: &Consumer) -> Value {
    json!({ "consumerKey": c.key, "name": c.name, "publicKey": c.public_key })
}

async fn list_json(State(app): State<App>) -> Json<Value> {
    Json(json!(app
        .lock()
        .auth
        .consumers
        .iter()
        .map(view)
        .collect::<Vec<_>>()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewConsumer {
    consumer_key: String,
    name: String,
    public_key: String,
}

async fn create_json(State(app): State<App>, body: Bytes) -> ApiResult<Response> {
    let c: NewConsumer = json_body(&body)?;
    add(&app, &c.consumer_key, &c.name, &c.public_key).map_err(ApiError::bad_request)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "consumerKey": c.consumer_key, "name": c.name })),
    )
        .into_response())
}

async fn delete_json(State(app): State<App>, Path(key): Path<String>) -> ApiResult<StatusCode> {
    if remove(&app, &key) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!(
            "No application link with consumer key '{key}'."
        )))
    }
}
