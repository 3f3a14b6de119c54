//! A raw request with the connection's auth applied: the CLI's `api` command and a debugging
//! aid.

use crate::api::JiraClient;
use crate::error::{Error, Result};
use crate::http::error_from_reqwest;
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Instant;

/// What Jira answered to a [`raw`] request.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RawResponse {
    /// HTTP status (always 2xx: errors come back as [`Error`]).
    pub status: u16,
    /// Response headers (lower-case names; repeated headers joined with `, `).
    pub headers: BTreeMap<String, String>,
    /// The body as JSON, or as a JSON string when it is not JSON; `null` when empty.
    pub body: Value,
    /// Time from sending to the end of the body, in milliseconds.
    pub elapsed_ms: u64,
}

/// Sends `method path?query` with `body` (JSON) and the connection's auth, retries and token
/// refresh. `path` is relative to the API root, e.g. `/rest/api/2/myself`; a path without a
/// leading `/` is taken as a REST resource (`myself` → `/rest/api/{2|3}/myself`).
///
/// Errors: [`Error::InvalidInput`] for an unknown method; the mapped HTTP error for a non-2xx
/// answer; transport errors.
pub async fn raw(
    client: &JiraClient,
    method: &str,
    path: &str,
    query: &[(&str, String)],
    body: Option<Value>,
) -> Result<RawResponse> {
    let method = Method::from_bytes(method.trim().to_ascii_uppercase().as_bytes())
        .map_err(|_| Error::InvalidInput(format!("\"{method}\" is not an HTTP method")))?;
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        client.api_path(path)
    };
    let started = Instant::now();
    let add_body = |builder: reqwest::RequestBuilder| match &body {
        Some(json) => builder.json(json),
        None => builder,
    };
    let response = client.send_custom(method, &path, query, &add_body).await?;
    let status = response.status().as_u16();
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in response.headers() {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        headers
            .entry(name.as_str().to_owned())
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&value);
            })
            .or_insert(value);
    }
    let text = response.text().await.map_err(|e| error_from_reqwest(&e))?;
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let body = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Ok(RawResponse {
        status,
        headers,
        body,
        elapsed_ms,
    })
}
