//! Turning failed requests into [`Error`] variants the UI can act on.
//!
//! Jira explains itself in several places: the JSON `ErrorCollection` (`errorMessages`,
//! `errors` by field), Cloud's gateway `message`, the `X-Seraph-LoginReason` and
//! `X-Authentication-Denied-Reason` headers (wrong password, CAPTCHA), and OAuth 1.0a's
//! `oauth_problem`. Bodies may also be HTML pages (some 401s), so everything is parsed
//! defensively and only a short summary is kept.

use crate::auth::oauth1;
use crate::error::Error;
use reqwest::header::{HeaderMap, RETRY_AFTER, WWW_AUTHENTICATE};
use std::collections::BTreeMap;
use std::time::SystemTime;

/// `RateLimited` delay when Jira gives no usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER_SECS: u64 = 60;

const MAX_SUMMARY: usize = 300;

/// Jira's explanation from an error body: messages and field errors.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JiraErrorBody {
    /// `errorMessages` (or Cloud's `message`, or an HTML page's title).
    pub messages: Vec<String>,
    /// `errors`: field id → message.
    pub field_errors: BTreeMap<String, String>,
}

impl JiraErrorBody {
    /// Parses any error body: Jira JSON, gateway JSON, HTML or plain text.
    pub fn parse(body: &str) -> Self {
        let body = body.trim();
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body)
        {
            let mut parsed = JiraErrorBody::default();
            if let Some(serde_json::Value::Array(list)) = map.get("errorMessages") {
                parsed
                    .messages
                    .extend(list.iter().filter_map(|m| m.as_str()).map(str::to_owned));
            }
            for key in ["message", "errorMessage"] {
                if let Some(m) = map.get(key).and_then(|m| m.as_str()) {
                    parsed.messages.push(m.to_owned());
                }
            }
            if let Some(serde_json::Value::Object(errors)) = map.get("errors") {
                for (field, message) in errors {
                    let text = match message {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    parsed.field_errors.insert(field.clone(), text);
                }
            }
            return parsed;
        }
        let text = if body.starts_with('<') {
            html_title(body).unwrap_or_default()
        } else {
            body.to_owned()
        };
        let text = text.trim();
        JiraErrorBody {
            messages: if text.is_empty() {
                Vec::new()
            } else {
                vec![truncate(text)]
            },
            field_errors: BTreeMap::new(),
        }
    }

    /// The messages and field errors in one line, or `fallback` when there are none.
    pub fn summary(&self, fallback: &str) -> String {
        let mut parts: Vec<String> = self
            .messages
            .iter()
            .filter(|m| !m.is_empty())
            .cloned()
            .collect();
        parts.extend(self.field_errors.iter().map(|(f, m)| format!("{f}: {m}")));
        if parts.is_empty() {
            fallback.to_owned()
        } else {
            truncate(&parts.join("; "))
        }
    }
}

fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = lower[start..].find("</title>")? + start;
    html.get(start..end)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_SUMMARY) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether a 401 is Cloud's answer to a *scoped* API token sent to the site instead of the
/// `api.atlassian.com/ex/jira/{cloudId}` gateway (then: switch to the gateway and retry).
pub fn is_scope_mismatch(status: u16, body: &str) -> bool {
    status == 401 && body.to_ascii_lowercase().contains("scope does not match")
}

/// The CAPTCHA answer, if these headers carry one (403 with
/// `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=…`, or
/// `X-Seraph-LoginReason: AUTHENTICATION_DENIED`).
fn captcha(headers: &HeaderMap, base_url: Option<&str>) -> Option<Error> {
    let denied = header(headers, "x-authentication-denied-reason").unwrap_or("");
    let seraph = header(headers, "x-seraph-loginreason").unwrap_or("");
    if !denied.contains("CAPTCHA_CHALLENGE") && !seraph.contains("AUTHENTICATION_DENIED") {
        return None;
    }
    let login_url = denied
        .split(';')
        .find_map(|part| part.trim().strip_prefix("login-url="))
        .map(|u| u.trim().to_owned())
        .or_else(|| base_url.map(|b| format!("{}/login.jsp", b.trim_end_matches('/'))))
        .unwrap_or_else(|| "the Jira login page".to_owned());
    Some(Error::CaptchaRequired { login_url })
}

/// Maps a non-success answer to an [`Error`]; `base_url` helps point at the login page.
pub fn error_from_response(
    status: u16,
    headers: &HeaderMap,
    body: &str,
    base_url: Option<&str>,
) -> Error {
    let parsed = JiraErrorBody::parse(body);
    let retry_after = || {
        header(headers, RETRY_AFTER.as_str())
            .and_then(|v| super::retry::parse_retry_after(v, SystemTime::now()))
            .map(|d| d.as_secs())
    };
    match status {
        401 | 403 => {
            if let Some(captcha) = captcha(headers, base_url) {
                return captcha;
            }
            if let Some(problem) =
                oauth1::oauth_problem(header(headers, WWW_AUTHENTICATE.as_str()), body)
            {
                return oauth1::problem_error(&problem);
            }
            if status == 403 {
                return Error::Forbidden(parsed.summary("Jira refused this action"));
            }
            if header(headers, "x-seraph-loginreason")
                .is_some_and(|r| r.contains("AUTHENTICATED_FAILED"))
            {
                return Error::Unauthorized("the username or password is wrong".into());
            }
            if is_scope_mismatch(status, body) {
                return Error::Unauthorized(
                    "this API token has scopes, and such tokens only work through \
                     api.atlassian.com (scope does not match)"
                        .into(),
                );
            }
            Error::Unauthorized(parsed.summary("Jira did not accept the credentials"))
        }
        404 => {
            Error::NotFound(parsed.summary("Jira has no such item, or it is not visible to you"))
        }
        410 => Error::Internal(format!(
            "Jira says this API has been removed (410 Gone): {}",
            parsed.summary("no details")
        )),
        429 => Error::RateLimited {
            retry_after_secs: retry_after().unwrap_or(DEFAULT_RETRY_AFTER_SECS),
        },
        503 => match retry_after() {
            Some(retry_after_secs) => Error::RateLimited { retry_after_secs },
            None => Error::Network(format!(
                "Jira is temporarily unavailable (503): {}",
                parsed.summary("try again later")
            )),
        },
        400 | 405 | 409 | 413 | 415 | 422 => Error::Validation {
            message: parsed.summary(&format!("Jira rejected the request (HTTP {status})")),
            field_errors: parsed.field_errors,
        },
        _ => Error::Internal(format!(
            "Jira answered HTTP {status}: {}",
            parsed.summary("no details")
        )),
    }
}

/// Maps a transport failure (no HTTP answer) to [`Error::Network`] or [`Error::Tls`], naming
/// the cause: DNS, refused connection, timeout, proxy or certificate.
pub fn error_from_reqwest(err: &reqwest::Error) -> Error {
    // The causes, not the top-level text: that one embeds the URL, and a host name such as
    // "tls.corp" must not make a refused connection look like a certificate problem.
    let mut chain = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    chain.dedup();
    if chain.is_empty() {
        chain.push(err.to_string());
    }
    let detail = chain.join(": ");
    let lower = detail.to_ascii_lowercase();
    let url = err
        .url()
        .map(|u| u.as_str().to_owned())
        .unwrap_or_else(|| "the site".to_owned());
    if [
        "certificate",
        "unknownissuer",
        "handshake",
        "tls",
        "rustls",
        "corrupt message",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
    {
        return Error::Tls(format!(
            "the secure connection to {url} could not be established ({detail}). If the site \
             uses a private certificate authority, add its CA certificate (PEM) to the \
             connection's settings"
        ));
    }
    if err.is_timeout() {
        return Error::Network(format!("{url} did not answer in time (timeout)"));
    }
    if [
        "dns error",
        "failed to lookup address",
        "name or service not known",
        "no such host",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
    {
        return Error::Network(format!(
            "the host name of {url} could not be found (DNS): {detail}"
        ));
    }
    if lower.contains("proxy") {
        return Error::Network(format!(
            "the proxy refused or failed the connection to {url}: {detail}"
        ));
    }
    if err.is_connect() {
        return Error::Network(format!("could not connect to {url}: {detail}"));
    }
    Error::Network(format!("the request to {url} failed: {detail}"))
}

#[cfg(test)]
mod tests;
