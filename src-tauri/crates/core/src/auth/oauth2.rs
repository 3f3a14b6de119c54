//! OAuth 2.0 authorization code flow for Jira Cloud (3LO) and Jira Data Center (8.22+).
//!
//! Authorization URLs are built with the `oauth2` crate (state, scopes, PKCE S256). Token
//! requests are built here as plain data ([`TokenRequest`]) because the two servers want
//! different encodings the crate does not both offer: Atlassian Cloud documents only a JSON
//! body (with the client secret, which 3LO requires — it does not support PKCE), Data Center a
//! form body with `code_verifier`. Refresh tokens rotate on both, so [`store_tokens`] persists
//! the new refresh token *before* the access token is written or used: if the app dies in
//! between, the next start still holds a valid refresh token.

mod tokens;

pub use tokens::*;

use crate::error::{Error, Result};
use crate::secrets::Sensitive;
use oauth2::basic::BasicClient;
use oauth2::{AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, RedirectUrl, Scope};
use serde_json::json;
use std::fmt;
use url::Url;

/// Atlassian's authorization server.
pub const DEFAULT_CLOUD_AUTH_HOST: &str = "https://auth.atlassian.com";
/// Atlassian's API gateway (`/ex/jira/{cloudId}`, `/oauth/token/accessible-resources`).
pub const DEFAULT_CLOUD_API_HOST: &str = "https://api.atlassian.com";
/// Scopes asked of Cloud by default; `offline_access` is what yields a refresh token.
pub const DEFAULT_CLOUD_SCOPES: [&str; 4] = [
    "read:jira-work",
    "write:jira-work",
    "read:jira-user",
    "offline_access",
];
/// Scopes asked of Data Center by default.
pub const DEFAULT_DC_SCOPES: [&str; 1] = ["WRITE"];

/// Which OAuth 2.0 server a connection uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuth2Provider {
    /// Atlassian Cloud 3LO; both hosts are settings so tests can point them at the sandbox.
    Cloud {
        /// e.g. `https://auth.atlassian.com`.
        auth_host: String,
        /// e.g. `https://api.atlassian.com`.
        api_host: String,
    },
    /// Jira Data Center's own provider under `{base}/rest/oauth2/latest/`.
    DataCenter {
        /// The site's base URL.
        base_url: String,
    },
}

impl OAuth2Provider {
    /// Atlassian Cloud with its real hosts.
    pub fn atlassian_cloud() -> Self {
        OAuth2Provider::Cloud {
            auth_host: DEFAULT_CLOUD_AUTH_HOST.to_owned(),
            api_host: DEFAULT_CLOUD_API_HOST.to_owned(),
        }
    }

    /// Where the browser goes to authorize.
    pub fn authorize_endpoint(&self) -> String {
        match self {
            OAuth2Provider::Cloud { auth_host, .. } => {
                format!("{}/authorize", auth_host.trim_end_matches('/'))
            }
            OAuth2Provider::DataCenter { base_url } => {
                format!(
                    "{}/rest/oauth2/latest/authorize",
                    base_url.trim_end_matches('/')
                )
            }
        }
    }

    /// Where codes and refresh tokens are exchanged.
    pub fn token_endpoint(&self) -> String {
        match self {
            OAuth2Provider::Cloud { auth_host, .. } => {
                format!("{}/oauth/token", auth_host.trim_end_matches('/'))
            }
            OAuth2Provider::DataCenter { base_url } => {
                format!(
                    "{}/rest/oauth2/latest/token",
                    base_url.trim_end_matches('/')
                )
            }
        }
    }
}

/// A started authorization: open `url` in the browser, then expect `state` back.
pub struct Authorization {
    /// The URL to open in the system browser.
    pub url: Url,
    /// The CSRF value the callback must carry.
    pub state: Sensitive<String>,
    /// The PKCE verifier to send with the code (Data Center only).
    pub pkce_verifier: Option<Sensitive<String>>,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("url", &self.url.as_str())
            .finish_non_exhaustive()
    }
}

/// How a token request is encoded.
#[derive(Clone, PartialEq)]
pub enum TokenBody {
    /// `application/json` (Atlassian Cloud).
    Json(serde_json::Value),
    /// `application/x-www-form-urlencoded` (Data Center).
    Form(Vec<(String, String)>),
}

/// Shows only the field names: the values include the client secret and tokens.
impl fmt::Debug for TokenBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = match self {
            TokenBody::Json(serde_json::Value::Object(map)) => {
                map.keys().map(String::as_str).collect()
            }
            TokenBody::Json(_) => Vec::new(),
            TokenBody::Form(pairs) => pairs.iter().map(|(k, _)| k.as_str()).collect(),
        };
        let kind = if matches!(self, TokenBody::Json(_)) {
            "Json"
        } else {
            "Form"
        };
        write!(f, "{kind}({} = <redacted>)", names.join(", "))
    }
}

/// A token-endpoint request, ready to send; `Debug` hides the body (it holds secrets).
#[derive(Clone, PartialEq)]
pub struct TokenRequest {
    /// The token endpoint.
    pub url: String,
    /// The body to POST.
    pub body: TokenBody,
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest")
            .field("url", &self.url)
            .field("body", &"<redacted>")
            .finish()
    }
}

/// One OAuth 2.0 app registration (client id, redirect URI, scopes) on one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth2Client {
    /// Cloud or Data Center.
    pub provider: OAuth2Provider,
    /// The app's client id.
    pub client_id: String,
    /// The redirect URI registered with the app (loopback URL or `jiffy://` deep link).
    pub redirect_uri: String,
    /// Scopes to ask for.
    pub scopes: Vec<String>,
}

impl OAuth2Client {
    /// Starts an authorization: a fresh `state`, and for Data Center a PKCE S256 pair.
    ///
    /// Errors: [`Error::InvalidInput`] if an endpoint or the redirect URI is not a URL.
    pub fn authorization(&self) -> Result<Authorization> {
        let auth_url = AuthUrl::new(self.provider.authorize_endpoint())
            .map_err(|e| Error::InvalidInput(format!("invalid authorization URL: {e}")))?;
        let redirect = RedirectUrl::new(self.redirect_uri.clone())
            .map_err(|e| Error::InvalidInput(format!("invalid redirect URI: {e}")))?;
        let client = BasicClient::new(ClientId::new(self.client_id.clone()))
            .set_auth_uri(auth_url)
            .set_redirect_uri(redirect);
        let mut request = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(self.scopes.iter().cloned().map(Scope::new));
        let mut verifier = None;
        match &self.provider {
            OAuth2Provider::Cloud { .. } => {
                // Both documented by Atlassian for Jira 3LO; without `prompt=consent` no
                // refresh token is reported to be issued.
                request = request
                    .add_extra_param("audience", "api.atlassian.com")
                    .add_extra_param("prompt", "consent");
            }
            OAuth2Provider::DataCenter { .. } => {
                let (challenge, pkce) = PkceCodeChallenge::new_random_sha256();
                request = request.set_pkce_challenge(challenge);
                verifier = Some(Sensitive(pkce.secret().clone()));
            }
        }
        let (url, state) = request.url();
        Ok(Authorization {
            url,
            state: Sensitive(state.secret().clone()),
            pkce_verifier: verifier,
        })
    }

    /// The request exchanging an authorization code for tokens.
    pub fn code_exchange(
        &self,
        code: &str,
        client_secret: &Sensitive<String>,
        pkce_verifier: Option<&Sensitive<String>>,
    ) -> TokenRequest {
        let url = self.provider.token_endpoint();
        let body = match &self.provider {
            OAuth2Provider::Cloud { .. } => TokenBody::Json(json!({
                "grant_type": "authorization_code",
                "client_id": self.client_id,
                "client_secret": client_secret.expose(),
                "code": code,
                "redirect_uri": self.redirect_uri,
            })),
            OAuth2Provider::DataCenter { .. } => {
                let mut form = vec![
                    pair("grant_type", "authorization_code"),
                    pair("client_id", &self.client_id),
                    pair("client_secret", client_secret.expose()),
                    pair("code", code),
                    pair("redirect_uri", &self.redirect_uri),
                ];
                if let Some(v) = pkce_verifier {
                    form.push(pair("code_verifier", v.expose()));
                }
                TokenBody::Form(form)
            }
        };
        TokenRequest { url, body }
    }

    /// The request trading a refresh token for new tokens (the old refresh token then dies).
    pub fn refresh(
        &self,
        refresh_token: &Sensitive<String>,
        client_secret: &Sensitive<String>,
    ) -> TokenRequest {
        let url = self.provider.token_endpoint();
        let body = match &self.provider {
            OAuth2Provider::Cloud { .. } => TokenBody::Json(json!({
                "grant_type": "refresh_token",
                "client_id": self.client_id,
                "client_secret": client_secret.expose(),
                "refresh_token": refresh_token.expose(),
            })),
            OAuth2Provider::DataCenter { .. } => TokenBody::Form(vec![
                pair("grant_type", "refresh_token"),
                pair("client_id", &self.client_id),
                pair("client_secret", client_secret.expose()),
                pair("refresh_token", refresh_token.expose()),
                pair("redirect_uri", &self.redirect_uri),
            ]),
        };
        TokenRequest { url, body }
    }
}

/// The authorization code from a redirect delivered another way than the loopback listener
/// (the app's `jiffy://oauth/callback` deep link), after checking `state` and any `error`.
///
/// Errors: [`Error::Unauthorized`] for a refusal, a state mismatch or a missing code;
/// [`Error::InvalidInput`] if `redirect` is not a URL.
pub fn code_from_redirect(redirect: &str, expected_state: &str) -> Result<Sensitive<String>> {
    let url = Url::parse(redirect.trim())
        .map_err(|e| Error::InvalidInput(format!("the sign-in answer is not a URL: {e}")))?;
    let query: std::collections::BTreeMap<String, String> =
        url.query_pairs().into_owned().collect();
    if let Some(error) = query.get("error") {
        return Err(Error::Unauthorized(format!(
            "the authorization was refused in the browser ({error})"
        )));
    }
    if query.get("state").map(String::as_str) != Some(expected_state) {
        return Err(Error::Unauthorized(
            "the sign-in answer belongs to a different sign-in (state mismatch); start again"
                .into(),
        ));
    }
    query
        .get("code")
        .filter(|c| !c.is_empty())
        .map(|c| Sensitive(c.clone()))
        .ok_or_else(|| Error::Unauthorized("the sign-in answer carries no code".into()))
}

fn pair(k: &str, v: &str) -> (String, String) {
    (k.to_owned(), v.to_owned())
}

#[cfg(test)]
mod tests;
