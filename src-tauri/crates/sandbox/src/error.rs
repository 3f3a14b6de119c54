//! Jira's error shape: `{"errorMessages": [...], "errors": {...}}` with Jira's status codes.

use std::collections::BTreeMap;

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answered the way Jira answers it.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub messages: Vec<String>,
    pub errors: BTreeMap<String, String>,
    pub headers: Vec<(HeaderName, String)>,
}

/// Every handler returns this.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            messages: vec![message.into()],
            errors: BTreeMap::new(),
            headers: Vec::new(),
        }
    }

    /// Field-by-field validation errors (Jira puts them in `errors`, not `errorMessages`).
    pub fn fields(errors: BTreeMap<String, String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            messages: vec![],
            errors,
            headers: vec![],
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    /// What Jira answers an anonymous caller on an endpoint that needs a login.
    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "You are not authenticated. Authentication required to perform this operation.",
        )
    }

    /// Jira's wording for an issue that does not exist or that the caller may not browse.
    pub fn issue_not_found() -> Self {
        Self::not_found("Issue does not exist or you do not have permission to see it.")
    }

    pub fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "errorMessages": self.messages, "errors": self.errors });
        let mut resp = (self.status, Json(body)).into_response();
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                resp.headers_mut().append(name, v);
            }
        }
        resp
    }
}

/// Turns axum's JSON rejections (bad body) into Jira's 400 shape instead of axum's plain text.
pub fn json_body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    if bytes.is_empty() {
        return Err(ApiError::bad_request(
            "No content to map to Object due to end of input",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "Unexpected character or invalid JSON in request: {e}"
        ))
    })
}
