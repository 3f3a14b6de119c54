//! The OAuth 1.0a three-legged dance against Jira's `/plugins/servlet/oauth/*` endpoints:
//! URLs, response parsing and Jira's `oauth_problem` answers.

use crate::error::{Error, Result};
use crate::secrets::Sensitive;
use std::collections::BTreeMap;
use url::Url;

/// `POST` here (signed, with `oauth_callback`) to get a request token.
pub fn request_token_url(base_url: &str) -> String {
    format!(
        "{}/plugins/servlet/oauth/request-token",
        base_url.trim_end_matches('/')
    )
}

/// `POST` here (signed with the request token and `oauth_verifier`) to get the access token.
pub fn access_token_url(base_url: &str) -> String {
    format!(
        "{}/plugins/servlet/oauth/access-token",
        base_url.trim_end_matches('/')
    )
}

/// Where the user approves the request token in the browser.
///
/// Errors: [`Error::InvalidInput`] if `base_url` is not a URL.
pub fn authorize_url(base_url: &str, request_token: &str) -> Result<Url> {
    let raw = format!(
        "{}/plugins/servlet/oauth/authorize",
        base_url.trim_end_matches('/')
    );
    let mut url = Url::parse(&raw)
        .map_err(|e| Error::InvalidInput(format!("\"{base_url}\" is not a valid base URL: {e}")))?;
    url.query_pairs_mut()
        .append_pair("oauth_token", request_token);
    Ok(url)
}

/// A token pair from the request-token or access-token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth1Token {
    /// `oauth_token`.
    pub token: Sensitive<String>,
    /// `oauth_token_secret` (unused by RSA-SHA1 signing, kept as issued).
    pub token_secret: Sensitive<String>,
    /// `oauth_expires_in`, seconds (Jira's default is five years).
    pub expires_in: Option<u64>,
    /// `oauth_authorization_expires_in`, seconds.
    pub authorization_expires_in: Option<u64>,
    /// `oauth_session_handle`.
    pub session_handle: Option<Sensitive<String>>,
}

/// Parses a form-encoded token response (`oauth_token=…&oauth_token_secret=…&…`).
///
/// Errors: the mapped `oauth_problem` if the body carries one; [`Error::Internal`] if there
/// is no `oauth_token` (the server is not speaking OAuth 1.0a).
pub fn parse_token_response(body: &str) -> Result<OAuth1Token> {
    let fields: BTreeMap<String, String> = url::form_urlencoded::parse(body.trim().as_bytes())
        .into_owned()
        .collect();
    if let Some(problem) = fields.get("oauth_problem") {
        return Err(problem_error(problem));
    }
    let token = fields
        .get("oauth_token")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Error::Internal("Jira's OAuth answer has no oauth_token; is this a Jira site?".into())
        })?
        .clone();
    let number = |k: &str| fields.get(k).and_then(|v| v.parse::<u64>().ok());
    Ok(OAuth1Token {
        token: Sensitive(token),
        token_secret: Sensitive(
            fields
                .get("oauth_token_secret")
                .cloned()
                .unwrap_or_default(),
        ),
        expires_in: number("oauth_expires_in"),
        authorization_expires_in: number("oauth_authorization_expires_in"),
        session_handle: fields.get("oauth_session_handle").cloned().map(Sensitive),
    })
}

/// Takes the verifier from the loopback callback's query, checking that it is for our
/// request token (the token plays the role OAuth 2.0's `state` plays).
///
/// Errors: [`Error::Unauthorized`] if the user declined or the token does not match.
pub fn verifier_from_callback(
    query: &BTreeMap<String, String>,
    request_token: &str,
) -> Result<Sensitive<String>> {
    if let Some(problem) = query.get("oauth_problem") {
        return Err(problem_error(problem));
    }
    if query.get("oauth_token").map(String::as_str) != Some(request_token) {
        return Err(Error::Unauthorized(
            "the browser came back for a different authorization request; start again".into(),
        ));
    }
    match query.get("oauth_verifier").map(|v| v.trim()) {
        // Jira sends `denied` as the verifier when the user clicks "Deny".
        Some("denied") => Err(Error::Unauthorized(
            "access was denied in the browser".into(),
        )),
        Some(v) if !v.is_empty() => Ok(Sensitive(v.to_owned())),
        _ => Err(Error::Unauthorized(
            "the browser came back without a verifier".into(),
        )),
    }
}

/// Finds Jira's `oauth_problem` in a `WWW-Authenticate` header or a form-encoded body.
pub fn oauth_problem(www_authenticate: Option<&str>, body: &str) -> Option<String> {
    if let Some(header) = www_authenticate {
        if let Some((_, rest)) = header.split_once("oauth_problem=") {
            let value = rest.trim_start_matches('"');
            let end = value.find(['"', ',']).unwrap_or(value.len());
            let value = percent_encoding::percent_decode_str(value[..end].trim())
                .decode_utf8_lossy()
                .into_owned();
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    // Only look at bodies that are a bare form answer, not HTML pages that mention the word.
    let body = body.trim();
    if body.starts_with('<') || body.starts_with('{') {
        return None;
    }
    url::form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k == "oauth_problem")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// Turns an `oauth_problem` into the error the user can act on.
pub fn problem_error(problem: &str) -> Error {
    match problem {
        "token_expired" | "token_rejected" | "token_revoked" | "permission_unknown" => {
            Error::TokenExpired(format!(
                "Jira no longer accepts this connection's OAuth token ({problem}); reconnect to \
                 authorize Jiffy again"
            ))
        }
        "consumer_key_unknown" | "consumer_key_rejected" | "consumer_key_refused" => {
            Error::Unauthorized(format!(
                "Jira does not know this consumer key ({problem}); check the consumer key in the \
                 Application Link's incoming authentication"
            ))
        }
        "signature_invalid" | "signature_method_rejected" => Error::Unauthorized(format!(
            "Jira could not verify the request signature ({problem}); the public key in the \
             Application Link must be the one Jiffy showed for this connection"
        )),
        "timestamp_refused" => Error::Unauthorized(
            "Jira refused the request time (timestamp_refused); this computer's clock is off — \
             set it to the correct time"
                .into(),
        ),
        "permission_denied" | "user_refused" => {
            Error::Forbidden(format!("access was not granted in Jira ({problem})"))
        }
        other => Error::Unauthorized(format!("Jira refused the OAuth request ({other})")),
    }
}
