//! Credentials and grants the site has issued (PATs, OAuth 1.0a and 2.0 tokens, lockouts).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A DC personal access token.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pat {
    pub id: i64,
    pub name: String,
    pub user: String,
    pub token: String,
    pub created: i64,
    pub expires: Option<i64>,
    pub last_accessed: Option<i64>,
}

/// An OAuth 1.0a consumer registered through Application Links (incoming authentication).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Consumer {
    pub key: String,
    pub name: String,
    pub public_key: String,
    pub created: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OAuth1Kind {
    Request,
    Access,
}

/// An OAuth 1.0a request token (until exchanged) or access token.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OAuth1Token {
    pub token: String,
    pub secret: String,
    pub consumer: String,
    pub kind: OAuth1Kind,
    pub callback: Option<String>,
    pub verifier: Option<String>,
    /// Set once a user approved it (request tokens) / owner (access tokens).
    pub user: Option<String>,
    /// True when the user pressed "Deny".
    pub denied: bool,
    pub created: i64,
    pub expires: i64,
}

/// A registered OAuth 2.0 client (Cloud 3LO app or DC incoming link).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OAuth2Client {
    pub client_id: String,
    pub client_secret: String,
    pub name: String,
    /// Exact redirect URIs accepted; empty accepts any (the demo 3LO app, for loopback ports).
    pub redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuthCode {
    pub code: String,
    pub client_id: String,
    pub user: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub challenge: Option<String>,
    pub expires: i64,
    pub grant: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessToken {
    pub token: String,
    pub client_id: String,
    pub user: String,
    pub scopes: Vec<String>,
    pub expires: i64,
    pub grant: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RefreshToken {
    pub token: String,
    pub client_id: String,
    pub user: String,
    pub scopes: Vec<String>,
    pub grant: String,
    /// False once rotated; replaying an inactive one revokes the whole grant.
    pub active: bool,
    pub expires: i64,
}

/// A Cloud API token with scopes (usable only through the gateway path).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScopedToken {
    pub user: String,
    pub token: String,
    pub scopes: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AuthState {
    /// user key -> consecutive failed Basic logins (CAPTCHA after 3).
    pub failed_logins: BTreeMap<String, u32>,
    pub pats: Vec<Pat>,
    pub consumers: Vec<Consumer>,
    pub oauth1_tokens: Vec<OAuth1Token>,
    /// "consumer|nonce|timestamp" -> first seen (ms); pruned outside the timestamp window.
    pub nonces: BTreeMap<String, i64>,
    pub oauth2_clients: Vec<OAuth2Client>,
    pub codes: Vec<AuthCode>,
    pub access_tokens: Vec<AccessToken>,
    pub refresh_tokens: Vec<RefreshToken>,
    pub revoked_grants: BTreeSet<String>,
    pub scoped_tokens: Vec<ScopedToken>,
}

/// A random URL-safe token of `n` bytes.
pub fn random_token(n: usize) -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
