//! Attachments: multipart upload (refused with Jira's XSRF answer unless
//! `X-Atlassian-Token: no-check`), metadata, content download, delete, settings.

use std::collections::HashMap;

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};

use crate::auth::{Access, Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult};
use crate::model::{Attachment, Issue};
use crate::render;
use crate::server::App;
use crate::store::{Perm, Store};

/// Jira's default attachment size limit (10 MB).
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

pub fn router() -> Router<App> {
    Router::new()
        .route(
            "/rest/api/{v}/issue/{key}/attachments",
            post(upload).layer(DefaultBodyLimit::max(4 * UPLOAD_LIMIT)),
        )
        .route("/rest/api/{v}/attachment/meta", get(settings))
        .route(
            "/rest/api/{v}/attachment/{id}",
            get(metadata).delete(delete),
        )
        .route("/rest/api/{v}/attachment/content/{id}", get(content_rest))
        .route("/secure/attachment/{id}/{filename}", get(content_servlet))
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

async fn upload(
    State(app): State<App>,
    Path((v, key)): Path<(String, String)>,
    caller: Caller,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> ApiResult<Response> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let token = headers
        .get("x-atlassian-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !token.eq_ignore_ascii_case("no-check") && !token.eq_ignore_ascii_case("nocheck") {
        return Ok((
            StatusCode::FORBIDDEN,
            [("content-type", "text/plain")],
            "XSRF check failed",
        )
            .into_response());
    }
    let issue_id = {
        let store = app.lock();
        let issue = super::visible_issue(&store, &caller, &key)?;
        super::require(
            &store,
            &caller,
            issue,
            Perm::CreateAttachments,
            "create attachments for this issue",
        )?;
        issue.id
    };
    let mut files: Vec<(String, String, Vec<u8>)> = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(ApiError::bad_request(format!(
                    "Could not read the multipart body: {e}"
                )))
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().unwrap_or("attachment").to_string();
        let mime = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request(format!("Could not read the file: {e}")))?;
        if bytes.len() > UPLOAD_LIMIT {
            return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("The file '{filename}' is too large: the attachment size limit is {UPLOAD_LIMIT} bytes.")));
        }
        files.push((filename, mime, bytes.to_vec()));
    }
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "No file was found in the request. The multipart part must be named 'file'.",
        ));
    }
    if files.len() > 60 {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Too many files: at most 60 per request.",
        ));
    }
    let mut store = app.lock();
    let now = store.now_ms();
    let mut created = Vec::new();
    for (filename, mime, bytes) in files {
        let id = store.next_id();
        store.blobs.insert(id, b64().encode(&bytes));
        store.touch_blob(id);
        let a = Attachment {
            id,
            issue_id,
            filename,
            mime,
            size: bytes.len(),
            author: caller.user.clone(),
            created: now,
        };
        if let Some(i) = store.issues.get_mut(&issue_id) {
            i.attachments.push(a.clone());
            i.updated = now;
        }
        created.push(a);
    }
    store.touch_issue(issue_id);
    let body: Vec<Value> = created
        .iter()
        .map(|a| render::issue::attachment(&ctx, &store, a))
        .collect();
    Ok(Json(json!(body)).into_response())
}

/// Finds an attachment and its issue, if the user may browse the issue.
fn find<'a>(store: &'a Store, user: &str, id: &str) -> ApiResult<(&'a Issue, &'a Attachment)> {
    let not_found = || ApiError::not_found(format!("The attachment with id '{id}' does not exist"));
    let id: i64 = id.parse().map_err(|_| not_found())?;
    store
        .issues
        .values()
        .find_map(|i| i.attachments.iter().find(|a| a.id == id).map(|a| (i, a)))
        .filter(|(i, _)| store.can_issue(user, i, Perm::Browse))
        .ok_or_else(not_found)
}

async fn settings(
    State(app): State<App>,
    Path(v): Path<String>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    Ok(Json(
        json!({ "enabled": true, "uploadLimit": UPLOAD_LIMIT }),
    ))
}

async fn metadata(
    State(app): State<App>,
    Path((v, id)): Path<(String, String)>,
    caller: Caller,
) -> ApiResult<Json<Value>> {
    let ctx = super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let store = app.lock();
    let (_, a) = find(&store, &caller.user, &id)?;
    let mut body = render::issue::attachment(&ctx, &store, a);
    if ctx.cloud() {
        // Cloud's AttachmentMetadata has a numeric id.
        body["id"] = json!(a.id);
        body["properties"] = json!({});
    }
    Ok(Json(body))
}

async fn delete(
    State(app): State<App>,
    Path((v, id)): Path<(String, String)>,
    caller: Caller,
) -> ApiResult<StatusCode> {
    super::ctx(&app, &v)?;
    caller.need(Access::Write)?;
    let mut store = app.lock();
    let (issue, a) = find(&store, &caller.user, &id)?;
    let own = a.author == caller.user;
    if !(store.can_issue(&caller.user, issue, Perm::DeleteAllAttachments)
        || (own && store.can_issue(&caller.user, issue, Perm::DeleteOwnAttachments)))
    {
        return Err(ApiError::forbidden(
            "You do not have permission to delete this attachment.",
        ));
    }
    let (issue_id, att_id) = (issue.id, a.id);
    if let Some(i) = store.issues.get_mut(&issue_id) {
        i.attachments.retain(|a| a.id != att_id);
    }
    store.blobs.remove(&att_id);
    store.touch_blob(att_id);
    store.touch_issue(issue_id);
    Ok(StatusCode::NO_CONTENT)
}

fn bytes_response(store: &Store, a: &Attachment) -> Response {
    let bytes = store
        .blobs
        .get(&a.id)
        .and_then(|b| b64().decode(b).ok())
        .unwrap_or_default();
    let mut resp = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&a.mime) {
        resp.headers_mut().insert("content-type", v);
    }
    resp
}

/// Cloud `attachment/content/{id}`: 303 to a short-lived download URL (`redirect=false`
/// answers the bytes directly).
async fn content_rest(
    State(app): State<App>,
    Path((v, id)): Path<(String, String)>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    super::ctx(&app, &v)?;
    caller.need(Access::Read)?;
    let mut store = app.lock();
    let (_, a) = find(&store, &caller.user, &id)?;
    if q.get("redirect").map(String::as_str) == Some("false") {
        return Ok(bytes_response(&store, a));
    }
    let (att_id, filename) = (a.id, a.filename.clone());
    let token = crate::auth::state::random_token(18);
    let expires = store.now_ms().saturating_add(60_000);
    store.media_tokens.insert(token.clone(), (att_id, expires));
    let name: String = url::form_urlencoded::byte_serialize(filename.as_bytes()).collect();
    let location = format!(
        "{}/secure/attachment/{att_id}/{name}?media_token={token}",
        app.base
    );
    Ok((StatusCode::SEE_OTHER, [("location", location)]).into_response())
}

/// `/secure/attachment/{id}/{filename}`: the download URL in attachment metadata.
async fn content_servlet(
    State(app): State<App>,
    Path((id, _name)): Path<(String, String)>,
    caller: MaybeCaller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let store = app.lock();
    let granted = q
        .get("media_token")
        .and_then(|t| store.media_tokens.get(t))
        .filter(|(att, exp)| att.to_string() == id && *exp > store.now_ms())
        .is_some();
    if granted {
        let att_id: i64 = id.parse().unwrap_or_default();
        let a = store
            .issues
            .values()
            .find_map(|i| i.attachments.iter().find(|a| a.id == att_id));
        return a
            .map(|a| bytes_response(&store, a))
            .ok_or_else(|| ApiError::not_found("The attachment does not exist"));
    }
    let caller = caller.0.ok_or_else(ApiError::unauthenticated)?;
    let (_, a) = find(&store, &caller.user, &id)?;
    Ok(bytes_response(&store, a))
}
