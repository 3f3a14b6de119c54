//! The wizard as a state machine the app drives step by step: sign in (with a secret, or
//! through a browser dance), check who that is and what they may do, then save under a name —
//! or put new credentials on an existing connection ("reconnect").
//!
//! Between steps everything lives in memory in a [`WizardEngine`]: validated-but-unsaved
//! connections ("drafts"), generated OAuth 1.0a keys and running OAuth flows. Nothing touches
//! the config file or the keyring until [`WizardEngine::save`]; secrets never leave the engine
//! (the UI only ever gets ids, names and public keys).

mod check;
mod oauth;

pub use check::{Capability, PermissionSummary, ProjectPermissions};
pub use oauth::DEEP_LINK_REDIRECT;
pub use oauth::{FlowOutcome, FlowStart, OAuth1Callback as OAuth1CallbackChoice, OAuth1Start};
pub use oauth::{OAuth2Redirect, OAuth2Start};

use crate::api::users::User;
use crate::api::ClientConfig;
use crate::auth::oauth1::OAuth1PrivateKey;
use crate::auth::{pat, AuthMethod};
use crate::config::NetworkSettings;
use crate::config::{new_connection_id, AuthSettings, ConfigStore, Connection, Deployment};
use crate::connections;
use crate::error::{Error, Result};
use crate::http::{build_client, ClientOptions};
use crate::secrets::{SecretKind, SecretStore, Sensitive};
use crate::wizard::validate::validate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

/// The site a sign-in is for, as the probe found it (the UI hands it back unchanged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Site {
    /// Canonical base URL from the probe.
    pub base_url: String,
    /// Cloud, Data Center or Server.
    pub deployment: Deployment,
    /// Jira's version, when known.
    #[serde(default)]
    pub version: Option<String>,
    /// Custom CA certificate and proxy.
    #[serde(default)]
    pub network: NetworkSettings,
    /// The site's title from serverInfo ("ACME Jira"), the best default connection name.
    #[serde(default)]
    pub title: Option<String>,
}

/// A sign-in with a secret typed into the wizard.
#[derive(Clone, Deserialize, TS)]
#[serde(tag = "method", rename_all = "camelCase")]
#[ts(export)]
pub enum SignIn {
    /// Cloud: account email + API token.
    #[serde(rename_all = "camelCase")]
    ApiToken {
        /// The Atlassian account's email.
        email: String,
        /// The API token.
        token: String,
    },
    /// Data Center/Server: username + password.
    #[serde(rename_all = "camelCase")]
    Basic {
        /// Login name.
        username: String,
        /// Password.
        password: String,
    },
    /// Data Center 8.14+: a pasted personal access token.
    #[serde(rename_all = "camelCase")]
    Pat {
        /// The token.
        token: String,
    },
    /// Data Center 8.14+: let Jiffy create a personal access token; the password is used
    /// once and forgotten.
    #[serde(rename_all = "camelCase")]
    PatCreate {
        /// Login name.
        username: String,
        /// Password (used once).
        password: String,
        /// The token's name as Jira will list it.
        token_name: String,
        /// Days until it expires (0 = never, where the admin allows).
        expiry_days: u32,
    },
}

impl fmt::Debug for SignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Secrets are never printed, whatever the caller logs.
        let method = match self {
            SignIn::ApiToken { .. } => "ApiToken",
            SignIn::Basic { .. } => "Basic",
            SignIn::Pat { .. } => "Pat",
            SignIn::PatCreate { .. } => "PatCreate",
        };
        write!(f, "SignIn::{method}(<redacted>)")
    }
}

/// A sign-in Jira accepted: who it is, and the draft id to check and save it with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SignedIn {
    /// Hands the draft to [`WizardEngine::check`] and [`WizardEngine::save`].
    pub draft_id: String,
    /// Who Jira says the user is.
    pub user: User,
    /// How they signed in.
    pub method: AuthMethod,
    /// The site.
    pub base_url: String,
    /// A name to offer in the Save step ("ACME Jira", "jira.corp").
    pub suggested_name: String,
}

/// How to save a draft.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveAs {
    /// The connection's name (ignored when reconnecting: the name stays).
    pub name: String,
    /// Make it the default connection (the first connection always is).
    #[serde(default)]
    pub make_default: bool,
    /// Reconnect: the id of the connection whose credentials this draft replaces.
    #[serde(default)]
    pub replaces: Option<String>,
}

/// A validated connection not saved yet.
struct Draft {
    connection: Connection,
    secrets: Vec<(SecretKind, Sensitive<String>)>,
    user: User,
}

#[derive(Default)]
struct Inner {
    keys: HashMap<String, OAuth1PrivateKey>,
    drafts: HashMap<String, Draft>,
    flows: HashMap<String, oauth::Flow>,
}

/// The wizard's memory between steps; one per app.
pub struct WizardEngine {
    client_config: ClientConfig,
    inner: Arc<Mutex<Inner>>,
}

impl WizardEngine {
    /// An engine whose Jira clients use `client_config`.
    pub fn new(client_config: ClientConfig) -> Self {
        WizardEngine {
            client_config,
            inner: Arc::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain maps behind; they are still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn http(&self, site: &Site) -> Result<reqwest::Client> {
        build_client(&ClientOptions::new(
            &self.client_config.app_version,
            &site.network,
        ))
    }

    /// Signs in with a typed secret: checks the method fits the site, creates the PAT when
    /// asked, then calls `myself`. Nothing is stored.
    ///
    /// Errors: [`Error::InvalidInput`] for empty fields or a method the site does not offer;
    /// whatever Jira answers (`Unauthorized`, `CaptchaRequired`, `Forbidden`…).
    pub async fn sign_in(&self, site: &Site, sign_in: SignIn) -> Result<SignedIn> {
        let (auth, secrets) = match sign_in {
            SignIn::ApiToken { email, token } => {
                let auth = AuthSettings::ApiToken {
                    email: filled(&email, "email address")?,
                    cloud_id: None,
                    use_gateway: false,
                };
                let token = filled(&token, "API token")?;
                (auth, vec![(SecretKind::ApiToken, Sensitive(token))])
            }
            SignIn::Basic { username, password } => {
                let auth = AuthSettings::Basic {
                    username: filled(&username, "username")?,
                };
                let password = filled_secret(password, "password")?;
                (auth, vec![(SecretKind::Password, Sensitive(password))])
            }
            SignIn::Pat { token } => {
                let token = filled(&token, "personal access token")?;
                let auth = AuthSettings::Pat { username: None };
                (
                    auth,
                    vec![(SecretKind::PersonalAccessToken, Sensitive(token))],
                )
            }
            SignIn::PatCreate {
                username,
                password,
                token_name,
                expiry_days,
            } => {
                let username = filled(&username, "username")?;
                let password = Sensitive(filled_secret(password, "password")?);
                let name = filled(&token_name, "token name")?;
                crate::auth::credentials::check_method_fits(site.deployment, AuthMethod::Pat)?;
                let http = self.http(site)?;
                let created = pat::create_token(
                    &http,
                    &site.base_url,
                    &username,
                    &password,
                    &name,
                    expiry_days,
                )
                .await?;
                let id = created.id;
                let auth = AuthSettings::Pat {
                    username: Some(username.clone()),
                };
                let secrets = vec![(SecretKind::PersonalAccessToken, created.token)];
                let signed = self.finish_sign_in(site, auth, secrets).await;
                if let (Err(_), Some(id)) = (&signed, id) {
                    // A token Jiffy made but cannot use must not linger in the user's profile.
                    if let Err(e) =
                        pat::revoke_token(&http, &site.base_url, &username, &password, id).await
                    {
                        tracing::warn!("could not revoke the unused personal access token: {e}");
                    }
                }
                return signed;
            }
        };
        self.finish_sign_in(site, auth, secrets).await
    }

    /// Validates settings + secrets with `myself` and keeps them as a draft.
    async fn finish_sign_in(
        &self,
        site: &Site,
        auth: AuthSettings,
        secrets: Vec<(SecretKind, Sensitive<String>)>,
    ) -> Result<SignedIn> {
        crate::auth::credentials::check_method_fits(site.deployment, auth.method())?;
        let connection = Connection {
            id: new_connection_id(),
            name: String::new(),
            base_url: site.base_url.clone(),
            deployment: site.deployment,
            version: site.version.clone(),
            auth,
            network: site.network.clone(),
        };
        let validated = validate(connection, &secrets, self.client_config.clone()).await?;
        let draft_id = new_connection_id();
        let signed_in = SignedIn {
            draft_id: draft_id.clone(),
            user: validated.user.clone(),
            method: validated.connection.auth.method(),
            base_url: validated.connection.base_url.clone(),
            suggested_name: suggested_name(site.title.as_deref(), &validated.connection.base_url),
        };
        self.lock().drafts.insert(
            draft_id,
            Draft {
                connection: validated.connection,
                secrets,
                user: validated.user,
            },
        );
        Ok(signed_in)
    }

    /// Saves a draft: a new connection, or new credentials for an existing one (`replaces`).
    /// The draft is consumed only when saving succeeded, so a failed save can be retried.
    ///
    /// Errors: [`Error::NotFound`] for an unknown draft or connection; a taken or empty name;
    /// keyring and file errors (nothing half-written is left behind).
    pub fn save(
        &self,
        config_store: &ConfigStore,
        secrets: &dyn SecretStore,
        draft_id: &str,
        save_as: &SaveAs,
    ) -> Result<Connection> {
        let (mut connection, values) = {
            let inner = self.lock();
            let draft = inner.drafts.get(draft_id).ok_or_else(unknown_draft)?;
            (draft.connection.clone(), draft.secrets.clone())
        };
        let saved = match &save_as.replaces {
            Some(existing) => connections::replace_credentials(
                config_store,
                secrets,
                existing,
                connection,
                &values,
            )?,
            None => {
                connection.name = filled(&save_as.name, "connection name")?;
                let id = connection.id.clone();
                let mut config =
                    connections::save_new(config_store, secrets, connection.clone(), &values)?;
                if save_as.make_default || config.connections.len() == 1 {
                    config.set_default(&id)?;
                    config_store.save(&config)?;
                }
                connection
            }
        };
        self.lock().drafts.remove(draft_id);
        Ok(saved)
    }

    /// Forgets a draft (the user went back or closed the wizard).
    pub fn discard(&self, draft_id: &str) {
        self.lock().drafts.remove(draft_id);
    }

    /// The user a draft signed in as.
    ///
    /// Errors: [`Error::NotFound`] for an unknown draft.
    pub fn draft_user(&self, draft_id: &str) -> Result<User> {
        let inner = self.lock();
        let draft = inner.drafts.get(draft_id).ok_or_else(unknown_draft)?;
        Ok(draft.user.clone())
    }
}

fn unknown_draft() -> Error {
    Error::NotFound("this sign-in is no longer pending; start the step again".into())
}

fn filled(value: &str, what: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::InvalidInput(format!("Enter the {what}.")));
    }
    Ok(value.to_owned())
}

/// Like [`filled`], but keeps the password exactly as typed (spaces can be part of it).
fn filled_secret(value: String, what: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::InvalidInput(format!("Enter the {what}.")));
    }
    Ok(value)
}

/// The site's own title when it has a telling one ("ACME Jira"), else the host:
/// "acme.atlassian.net" → "acme"; "https://jira.corp/jira" → "jira.corp".
fn suggested_name(title: Option<&str>, base_url: &str) -> String {
    if let Some(title) = title
        .map(str::trim)
        .filter(|t| !t.is_empty() && *t != "Jira")
    {
        return title.to_owned();
    }
    let host = url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| base_url.to_owned());
    host.strip_suffix(".atlassian.net")
        .map(str::to_owned)
        .unwrap_or(host)
}

#[cfg(test)]
mod tests;
