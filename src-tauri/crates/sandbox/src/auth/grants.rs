//! OAuth 2.0 grant bookkeeping shared by Cloud 3LO and the DC provider: authorization codes
//! (with PKCE S256), access tokens and rotating refresh tokens.

use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::state::{random_token, AccessToken, AuthCode, RefreshToken};
use crate::store::Store;

/// Authorization codes live 10 minutes (DC's limit for `max.client.delay.seconds`).
const CODE_MS: i64 = 600_000;
/// Refresh tokens: 90 days.
const REFRESH_MS: i64 = 90 * 86_400_000;

/// Why a token request failed, mapped to status + `error` by each endpoint.
#[derive(Debug, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)] // named after OAuth's error codes
pub enum GrantError {
    /// Unknown client or wrong/missing secret.
    InvalidClient,
    /// Bad, used or expired code / refresh token, or PKCE mismatch.
    InvalidGrant(&'static str),
    /// A required parameter is missing.
    InvalidRequest(String),
}

impl GrantError {
    pub fn body(&self) -> Value {
        match self {
            GrantError::InvalidClient => {
                json!({"error": "access_denied", "error_description": "Unauthorized"})
            }
            GrantError::InvalidGrant(d) => {
                json!({"error": "invalid_grant", "error_description": d})
            }
            GrantError::InvalidRequest(d) => {
                json!({"error": "invalid_request", "error_description": d})
            }
        }
    }
}

/// The `scope` parameter as a list (space-separated, as RFC 6749 has it).
pub fn split_scopes(scope: &str) -> Vec<String> {
    scope.split_whitespace().map(str::to_string).collect()
}

/// Whether `client_id` may send a code to `redirect`. The consent form is checked again on
/// submit: a forged POST must not redirect a code anywhere else.
pub fn redirect_allowed(store: &Store, client_id: &str, redirect: &str) -> bool {
    store.auth.oauth2_clients.iter().any(|c| {
        c.client_id == client_id
            && !redirect.is_empty()
            && (c.redirect_uris.is_empty() || c.redirect_uris.iter().any(|u| u == redirect))
    })
}

/// A token request of either server, by `grant_type`. `refresh_always`: DC issues a refresh
/// token with every code; Cloud only with the `offline_access` scope.
pub fn token_request(
    store: &mut Store,
    ttl_secs: u64,
    p: &std::collections::HashMap<String, String>,
    refresh_always: bool,
) -> Result<Value, GrantError> {
    let get = |k: &str| p.get(k).map(String::as_str);
    let client = get("client_id").unwrap_or("");
    match get("grant_type") {
        Some("authorization_code") => exchange_code(
            store,
            ttl_secs,
            client,
            get("client_secret"),
            get("code"),
            get("redirect_uri"),
            get("code_verifier"),
            refresh_always,
        ),
        Some("refresh_token") => refresh(
            store,
            ttl_secs,
            client,
            get("client_secret"),
            get("refresh_token"),
        ),
        _ => Err(GrantError::InvalidRequest("Unsupported grant_type".into())),
    }
}

pub fn issue_code(
    store: &mut Store,
    client_id: &str,
    user: &str,
    redirect_uri: &str,
    scopes: Vec<String>,
    challenge: Option<String>,
) -> String {
    let code = random_token(24);
    let now = store.now_ms();
    store.auth.codes.push(AuthCode {
        code: code.clone(),
        client_id: client_id.into(),
        user: user.into(),
        redirect_uri: redirect_uri.into(),
        scopes,
        challenge,
        expires: now.saturating_add(CODE_MS),
        grant: random_token(12),
    });
    store.dirty = true;
    code
}

fn check_client(store: &Store, client_id: &str, secret: Option<&str>) -> Result<(), GrantError> {
    let client = store
        .auth
        .oauth2_clients
        .iter()
        .find(|c| c.client_id == client_id);
    match (client, secret) {
        (Some(c), Some(s)) if c.client_secret == s => Ok(()),
        _ => Err(GrantError::InvalidClient),
    }
}

fn pkce_s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn tokens(
    store: &mut Store,
    ttl_secs: u64,
    client: &str,
    user: &str,
    scopes: &[String],
    grant: &str,
    with_refresh: bool,
) -> Value {
    let now = store.now_ms();
    let access = random_token(32);
    store.auth.access_tokens.push(AccessToken {
        token: access.clone(),
        client_id: client.into(),
        user: user.into(),
        scopes: scopes.to_vec(),
        // Saturating: the lifetime is a flag, and no value of it may panic or wrap.
        expires: now.saturating_add(
            i64::try_from(ttl_secs)
                .unwrap_or(i64::MAX)
                .saturating_mul(1000),
        ),
        grant: grant.into(),
    });
    let mut v = json!({
        "access_token": access,
        "expires_in": ttl_secs,
        "token_type": "Bearer",
        "scope": scopes.join(" "),
    });
    if with_refresh {
        let refresh = random_token(32);
        store.auth.refresh_tokens.push(RefreshToken {
            token: refresh.clone(),
            client_id: client.into(),
            user: user.into(),
            scopes: scopes.to_vec(),
            grant: grant.into(),
            active: true,
            expires: now.saturating_add(REFRESH_MS),
        });
        v["refresh_token"] = json!(refresh);
    }
    store.dirty = true;
    v
}

/// `grant_type=authorization_code`. The code is single-use; PKCE is checked when the
/// authorize request carried a challenge.
pub fn exchange_code(
    store: &mut Store,
    ttl_secs: u64,
    client_id: &str,
    secret: Option<&str>,
    code: Option<&str>,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
    refresh_always: bool,
) -> Result<Value, GrantError> {
    check_client(store, client_id, secret)?;
    let code = code.ok_or_else(|| GrantError::InvalidRequest("code is required".into()))?;
    let now = store.now_ms();
    let idx = store
        .auth
        .codes
        .iter()
        .position(|c| c.code == code && c.client_id == client_id)
        .ok_or(GrantError::InvalidGrant("Invalid authorization code"))?;
    let c = store.auth.codes.remove(idx);
    store.dirty = true;
    if c.expires <= now {
        return Err(GrantError::InvalidGrant("Authorization code expired"));
    }
    if redirect_uri != Some(c.redirect_uri.as_str()) {
        return Err(GrantError::InvalidGrant("redirect_uri does not match"));
    }
    if let Some(challenge) = &c.challenge {
        match verifier {
            Some(v) if pkce_s256(v) == *challenge => {}
            _ => return Err(GrantError::InvalidGrant("PKCE verification failed")),
        }
    }
    let with_refresh = refresh_always || c.scopes.iter().any(|s| s == "offline_access");
    Ok(tokens(
        store,
        ttl_secs,
        client_id,
        &c.user,
        &c.scopes,
        &c.grant,
        with_refresh,
    ))
}

/// `grant_type=refresh_token` with rotation: the used token is disabled and a new one issued;
/// replaying a disabled token revokes every token of the grant.
pub fn refresh(
    store: &mut Store,
    ttl_secs: u64,
    client_id: &str,
    secret: Option<&str>,
    token: Option<&str>,
) -> Result<Value, GrantError> {
    const INVALID: &str = "Unknown or invalid refresh token.";
    check_client(store, client_id, secret)?;
    let token =
        token.ok_or_else(|| GrantError::InvalidRequest("refresh_token is required".into()))?;
    let now = store.now_ms();
    let Some(idx) = store
        .auth
        .refresh_tokens
        .iter()
        .position(|t| t.token == token && t.client_id == client_id)
    else {
        return Err(GrantError::InvalidGrant(INVALID));
    };
    let rt = store.auth.refresh_tokens[idx].clone();
    if store.auth.revoked_grants.contains(&rt.grant) || rt.expires <= now {
        return Err(GrantError::InvalidGrant(INVALID));
    }
    if !rt.active {
        // Reuse of a rotated token: treat the grant as compromised.
        store.auth.revoked_grants.insert(rt.grant.clone());
        store.auth.access_tokens.retain(|t| t.grant != rt.grant);
        store.auth.refresh_tokens.retain(|t| t.grant != rt.grant);
        store.dirty = true;
        return Err(GrantError::InvalidGrant(INVALID));
    }
    store.auth.refresh_tokens[idx].active = false;
    Ok(tokens(
        store, ttl_secs, client_id, &rt.user, &rt.scopes, &rt.grant, true,
    ))
}
