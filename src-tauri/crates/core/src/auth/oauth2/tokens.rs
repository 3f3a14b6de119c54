//! Token responses, their errors, and keeping rotating tokens in the [`SecretStore`].

use super::{OAuth2Client, OAuth2Provider, TokenBody, TokenRequest};
use crate::error::{Error, Result};
use crate::secrets::{SecretKind, SecretStore, Sensitive};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Refresh this long before the access token's stated expiry, to absorb clock skew and the
/// time a request spends in flight.
pub const REFRESH_MARGIN_SECS: u64 = 60;

/// Tokens from a code exchange or a refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    /// The bearer token.
    pub access_token: Sensitive<String>,
    /// The (rotating) refresh token, when one was issued.
    pub refresh_token: Option<Sensitive<String>>,
    /// When the access token expires, in seconds since the Unix epoch.
    pub expires_at: Option<u64>,
    /// The scopes granted, space-separated.
    pub scope: Option<String>,
}

impl TokenSet {
    /// Whether the access token should be refreshed before use at `now` (Unix seconds).
    pub fn needs_refresh(&self, now: u64) -> bool {
        self.expires_at
            .is_some_and(|at| now + REFRESH_MARGIN_SECS >= at)
    }
}

#[derive(Deserialize)]
struct RawTokens {
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<u64>,
    scope: Option<String>,
}

#[derive(Deserialize)]
struct RawError {
    error: Option<String>,
    error_description: Option<String>,
}

/// Interprets a token-endpoint answer received at `now` (Unix seconds).
///
/// Errors: [`Error::TokenExpired`] for `invalid_grant` (the grant is gone: reconnect);
/// [`Error::Unauthorized`] when the client id or secret is refused; [`Error::InvalidInput`]
/// when Data Center refuses a non-HTTPS redirect URI (with the admin setting that allows it);
/// [`Error::Internal`] for an answer that is not a token response.
pub fn parse_token_response(
    client: &OAuth2Client,
    status: u16,
    body: &str,
    now: u64,
) -> Result<TokenSet> {
    if (200..300).contains(&status) {
        let raw: RawTokens = serde_json::from_str(body).map_err(|e| {
            Error::Internal(format!(
                "the token endpoint answered something that is not JSON: {e}"
            ))
        })?;
        let access = raw.access_token.filter(|t| !t.is_empty()).ok_or_else(|| {
            Error::Internal("the token endpoint answered without an access_token".into())
        })?;
        return Ok(TokenSet {
            access_token: Sensitive(access),
            refresh_token: raw.refresh_token.filter(|t| !t.is_empty()).map(Sensitive),
            expires_at: raw.expires_in.map(|s| now.saturating_add(s)),
            scope: raw.scope,
        });
    }
    let raw: Option<RawError> = serde_json::from_str(body).ok();
    let code = raw
        .as_ref()
        .and_then(|r| r.error.clone())
        .unwrap_or_default();
    let description = raw.and_then(|r| r.error_description).unwrap_or_default();
    let detail = match (code.is_empty(), description.is_empty()) {
        (true, _) => format!("HTTP {status}"),
        (false, true) => code.clone(),
        (false, false) => format!("{code}: {description}"),
    };
    if let Some(err) = redirect_refused(client, &detail) {
        return Err(err);
    }
    Err(match code.as_str() {
        "invalid_grant" => Error::TokenExpired(format!(
            "the authorization is no longer valid ({detail}); reconnect to sign in again"
        )),
        "invalid_client" | "unauthorized_client" | "access_denied" => Error::Unauthorized(format!(
            "the OAuth app's client id or secret was refused ({detail}); check them in the \
             app's settings"
        )),
        _ if status == 401 || status == 403 => {
            Error::Unauthorized(format!("the token endpoint refused the request ({detail})"))
        }
        _ => Error::Internal(format!("the token endpoint failed ({detail})")),
    })
}

/// Data Center refuses `http://` redirect URIs unless its admin relaxed that: when an OAuth
/// error (`detail`, from the token endpoint or the browser) is about the redirect, this is the
/// error that says so.
pub fn redirect_refused(client: &OAuth2Client, detail: &str) -> Option<Error> {
    let about_redirect = detail.to_ascii_lowercase().contains("redirect");
    (matches!(client.provider, OAuth2Provider::DataCenter { .. })
        && client.redirect_uri.starts_with("http://")
        && about_redirect)
        .then(|| {
            Error::InvalidInput(format!(
                "Jira refused the redirect address {} ({detail}). Jira Data Center requires \
                 HTTPS redirect URLs unless its administrator sets the system property \
                 atlassian.oauth2.provider.skip.redirect.url.https.requirement=true.",
                client.redirect_uri
            ))
        })
}

/// How the access token is kept in the keyring: with its expiry, so a restarted app knows
/// whether to refresh first.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredAccess {
    access_token: String,
    expires_at: Option<u64>,
}

/// Persists tokens: the rotated refresh token first, then the access token.
///
/// Errors: whatever the store reports ([`Error::KeyringUnavailable`]).
pub fn store_tokens(store: &dyn SecretStore, connection_id: &str, tokens: &TokenSet) -> Result<()> {
    // Order matters: the old refresh token is already dead on the server, so the new one must
    // be safe on disk before anything else can fail.
    if let Some(refresh) = &tokens.refresh_token {
        store.set(connection_id, SecretKind::OAuth2RefreshToken, refresh)?;
    }
    let stored = StoredAccess {
        access_token: tokens.access_token.expose().clone(),
        expires_at: tokens.expires_at,
    };
    let json = serde_json::to_string(&stored)
        .map_err(|e| Error::Internal(format!("could not encode the access token: {e}")))?;
    store.set(
        connection_id,
        SecretKind::OAuth2AccessToken,
        &Sensitive(json),
    )
}

/// Reads the stored tokens, if any.
///
/// Errors: whatever the store reports; [`Error::Internal`] for an unreadable entry.
pub fn load_tokens(store: &dyn SecretStore, connection_id: &str) -> Result<Option<TokenSet>> {
    let Some(access) = store.get(connection_id, SecretKind::OAuth2AccessToken)? else {
        return Ok(None);
    };
    let stored: StoredAccess = serde_json::from_str(access.expose()).map_err(|_| {
        Error::Internal("the stored OAuth access token is unreadable; reconnect".into())
    })?;
    Ok(Some(TokenSet {
        access_token: Sensitive(stored.access_token),
        refresh_token: store.get(connection_id, SecretKind::OAuth2RefreshToken)?,
        expires_at: stored.expires_at,
        scope: None,
    }))
}

/// Sends a token request and interprets the answer.
///
/// Errors: [`Error::Network`] when the endpoint cannot be reached, else as
/// [`parse_token_response`].
pub async fn send_token_request(
    http: &reqwest::Client,
    client: &OAuth2Client,
    request: &TokenRequest,
) -> Result<TokenSet> {
    let builder = http
        .post(&request.url)
        .header(reqwest::header::ACCEPT, "application/json");
    let builder = match &request.body {
        TokenBody::Json(value) => builder.json(value),
        TokenBody::Form(pairs) => {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body)
        }
    };
    let response = crate::http::send_logged(builder).await.map_err(|e| {
        Error::Network(format!(
            "could not reach the token endpoint {}: {e}",
            request.url
        ))
    })?;
    let status = response.status().as_u16();
    let body = response
        .text()
        .await
        .map_err(|e| Error::Network(format!("the token endpoint's answer was cut off: {e}")))?;
    parse_token_response(client, status, &body, unix_now())
}

/// Refreshes the connection's tokens and stores them (refresh token first) before returning
/// the new access token for use.
///
/// Errors: [`Error::TokenExpired`] when there is no refresh token or the server answers
/// `invalid_grant` (reconnect); otherwise as [`send_token_request`] and the store.
pub async fn refresh_and_store(
    http: &reqwest::Client,
    client: &OAuth2Client,
    store: &dyn SecretStore,
    connection_id: &str,
    client_secret: &Sensitive<String>,
) -> Result<TokenSet> {
    let refresh = store
        .get(connection_id, SecretKind::OAuth2RefreshToken)?
        .ok_or_else(|| {
            Error::TokenExpired("there is no refresh token for this connection; reconnect".into())
        })?;
    let mut tokens =
        send_token_request(http, client, &client.refresh(&refresh, client_secret)).await?;
    if tokens.refresh_token.is_none() {
        // Servers that do not rotate keep the old refresh token valid; keep using it.
        tokens.refresh_token = Some(refresh);
    }
    store_tokens(store, connection_id, &tokens)?;
    Ok(tokens)
}

/// One Cloud site an OAuth token can reach (from `accessible-resources`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccessibleResource {
    /// The cloud id, used in `api.atlassian.com/ex/jira/{cloudId}`.
    pub id: String,
    /// The site's name.
    pub name: String,
    /// The site's URL, e.g. `https://your-domain.atlassian.net`.
    pub url: String,
    /// Scopes granted on this site.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The site's avatar.
    #[serde(default)]
    pub avatar_url: Option<String>,
}

/// `GET` this with the bearer token to list the sites the token can reach.
pub fn accessible_resources_url(api_host: &str) -> String {
    format!(
        "{}/oauth/token/accessible-resources",
        api_host.trim_end_matches('/')
    )
}

/// Parses the `accessible-resources` answer (a JSON array).
///
/// Errors: [`Error::Internal`] if it is not the expected array.
pub fn parse_accessible_resources(body: &str) -> Result<Vec<AccessibleResource>> {
    serde_json::from_str(body)
        .map_err(|e| Error::Internal(format!("unexpected accessible-resources answer: {e}")))
}

/// Seconds since the Unix epoch (0 if the clock is before 1970).
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}
