//! Credentials loaded for one connection, applied to each outgoing request.

use super::oauth1::{OAuth1PrivateKey, OAuth1Signer, SignRequest};
use super::oauth2::load_tokens;
use super::AuthMethod;
use crate::config::{AuthSettings, Connection, Deployment};
use crate::error::{Error, Result};
use crate::secrets::{SecretKind, SecretStore, Sensitive};
use base64::Engine;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use std::fmt;
use url::Url;

/// What goes into the `Authorization` header, by scheme.
#[derive(Clone)]
pub enum Credentials {
    /// Basic: Cloud `email:api-token` or Data Center `username:password`.
    Basic {
        /// Email (Cloud) or username (Data Center).
        username: String,
        /// API token or password.
        secret: Sensitive<String>,
    },
    /// Bearer: a personal access token or an OAuth 2.0 access token.
    Bearer {
        /// The token.
        token: Sensitive<String>,
    },
    /// OAuth 1.0a: every request is signed with RSA-SHA1.
    OAuth1 {
        /// Consumer key and private key.
        signer: OAuth1Signer,
        /// The access token.
        token: Sensitive<String>,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Basic { username, .. } => write!(f, "Basic({username}, <redacted>)"),
            Credentials::Bearer { .. } => f.write_str("Bearer(<redacted>)"),
            Credentials::OAuth1 { signer, .. } => {
                write!(f, "OAuth1({}, <redacted>)", signer.consumer_key())
            }
        }
    }
}

/// Refuses methods that cannot work on a deployment, with the sentence that says what to do.
///
/// Errors: [`Error::InvalidInput`].
pub fn check_method_fits(deployment: Deployment, method: AuthMethod) -> Result<()> {
    match (deployment, method) {
        (Deployment::Cloud, AuthMethod::Basic) => Err(Error::InvalidInput(
            "Jira Cloud does not accept passwords for its API. Create an API token at \
             https://id.atlassian.com/manage-profile/security/api-tokens and sign in with your \
             email and that token."
                .into(),
        )),
        (Deployment::Cloud, AuthMethod::Pat) => Err(Error::InvalidInput(
            "Personal access tokens exist only on Jira Data Center and Server; on Jira Cloud use \
             an API token."
                .into(),
        )),
        (Deployment::DataCenter | Deployment::Server, AuthMethod::ApiToken) => {
            Err(Error::InvalidInput(
                "API tokens are a Jira Cloud feature; on Data Center use a personal access token \
                 (Jira 8.14+) or your username and password."
                    .into(),
            ))
        }
        _ => Ok(()),
    }
}

fn required(store: &dyn SecretStore, id: &str, kind: SecretKind) -> Result<Sensitive<String>> {
    store.get(id, kind)?.ok_or_else(|| {
        Error::TokenExpired(format!(
            "the {kind} of this connection is not in the system keyring; reconnect to enter it \
             again"
        ))
    })
}

impl Credentials {
    /// Loads a connection's credentials from its settings and the secret store.
    ///
    /// Errors: [`Error::TokenExpired`] when a needed secret is missing (reconnect);
    /// [`Error::InvalidInput`] when the method does not fit the deployment; store errors.
    pub fn load(store: &dyn SecretStore, connection: &Connection) -> Result<Credentials> {
        check_method_fits(connection.deployment, connection.auth.method())?;
        let id = connection.id.as_str();
        Ok(match &connection.auth {
            AuthSettings::ApiToken { email, .. } => Credentials::Basic {
                username: email.clone(),
                secret: required(store, id, SecretKind::ApiToken)?,
            },
            AuthSettings::Basic { username } => Credentials::Basic {
                username: username.clone(),
                secret: required(store, id, SecretKind::Password)?,
            },
            AuthSettings::Pat { .. } => Credentials::Bearer {
                token: required(store, id, SecretKind::PersonalAccessToken)?,
            },
            AuthSettings::OAuth1 { consumer_key, .. } => {
                let pem = required(store, id, SecretKind::OAuth1PrivateKey)?;
                let key = OAuth1PrivateKey::from_pem(pem.expose()).map_err(|_| {
                    Error::TokenExpired(
                        "the OAuth private key in the keyring is unreadable; reconnect".into(),
                    )
                })?;
                Credentials::OAuth1 {
                    signer: OAuth1Signer::new(consumer_key.clone(), key),
                    token: required(store, id, SecretKind::OAuth1AccessToken)?,
                }
            }
            AuthSettings::OAuth2 { .. } => {
                let tokens = load_tokens(store, id)?.ok_or_else(|| {
                    Error::TokenExpired(
                        "this connection has no OAuth token in the keyring; reconnect".into(),
                    )
                })?;
                Credentials::Bearer {
                    token: tokens.access_token,
                }
            }
        })
    }

    /// The `Authorization` header value for a request (`form`: decoded form-body parameters,
    /// which OAuth 1.0a signs).
    ///
    /// Errors: [`Error::InvalidInput`] if OAuth 1.0a cannot sign the URL.
    pub fn authorization(
        &self,
        method: &str,
        url: &Url,
        form: &[(String, String)],
    ) -> Result<Sensitive<String>> {
        Ok(Sensitive(match self {
            Credentials::Basic { username, secret } => {
                let raw = format!("{username}:{}", secret.expose());
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                )
            }
            Credentials::Bearer { token } => format!("Bearer {}", token.expose()),
            Credentials::OAuth1 { signer, token } => signer.authorization(&SignRequest {
                method,
                url,
                form,
                token: Some(token.expose()),
                callback: None,
                verifier: None,
            })?,
        }))
    }

    /// Sets the `Authorization` header of a built request (marked sensitive, so that
    /// reqwest's and hyper's debug output hide it).
    ///
    /// Errors: as [`authorization`](Self::authorization); [`Error::InvalidInput`] if a
    /// credential contains characters a header cannot carry.
    pub fn apply(&self, request: &mut reqwest::Request) -> Result<()> {
        let is_form = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let form: Vec<(String, String)> = match request.body().and_then(|b| b.as_bytes()) {
            Some(bytes) if is_form => url::form_urlencoded::parse(bytes).into_owned().collect(),
            _ => Vec::new(),
        };
        let value = self.authorization(request.method().as_str(), request.url(), &form)?;
        let mut header = HeaderValue::from_str(value.expose()).map_err(|_| {
            Error::InvalidInput(
                "the stored credentials contain characters that cannot be sent; re-enter them"
                    .into(),
            )
        })?;
        header.set_sensitive(true);
        request.headers_mut().insert(AUTHORIZATION, header);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
