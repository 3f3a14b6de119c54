//! The browser sign-ins of the wizard: OAuth 1.0a through an Application Link and OAuth 2.0
//! (Cloud 3LO or Data Center), each split into "begin" (returns the URL to open) and "wait"
//! (the loopback listener, a `jiffy://` deep link, or a code typed in), cancellable at any
//! time and given up after five minutes.

use super::{SignedIn, Site, WizardEngine};
use crate::api::client::oauth2_client;
use crate::auth::flows::{accessible_resources, oauth1_finish, oauth1_start, PendingOAuth1};
use crate::auth::loopback::{LoopbackListener, DEFAULT_CALLBACK_TIMEOUT};
use crate::auth::oauth1::{verifier_from_callback, OAuth1PrivateKey, OAuth1Signer};
use crate::auth::oauth2::{
    code_from_redirect, redirect_refused, send_token_request, store_tokens, AccessibleResource,
    TokenSet, DEFAULT_CLOUD_API_HOST, DEFAULT_CLOUD_SCOPES, DEFAULT_DC_SCOPES,
};
use crate::config::OAuth1Callback as StoredCallback;
use crate::config::{new_connection_id, AuthSettings, Connection, Deployment};
use crate::error::{Error, Result};
use crate::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{oneshot, Notify};
use ts_rs::TS;

/// The deep link Jiffy registers for OAuth 2.0 callbacks.
pub const DEEP_LINK_REDIRECT: &str = "jiffy://oauth/callback";

/// An OAuth 1.0a key pair ready to be pasted into Jira (the private key stays in the engine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OAuth1Start {
    /// Hands the key to [`WizardEngine::oauth1_begin`].
    pub key_id: String,
    /// The public key PEM for the Application Link's incoming authentication.
    pub public_key_pem: String,
    /// A consumer key derived from the key (stable for the same key).
    pub consumer_key: String,
    /// A consumer name to type into Jira.
    pub consumer_name: String,
    /// The key's size in bits.
    pub bits: usize,
}

/// Where Jira sends the user after OAuth 1.0a approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "OAuth1CallbackChoice")]
pub enum OAuth1Callback {
    /// Back to Jiffy's loopback listener.
    Loopback,
    /// Jira shows a code the user types into Jiffy.
    Oob,
}

/// Where the OAuth 2.0 authorization server sends the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum OAuth2Redirect {
    /// `http://127.0.0.1:{port}/callback` (Atlassian matches it exactly, so the port is fixed
    /// and registered in the OAuth app).
    Loopback {
        /// The registered port.
        port: u16,
    },
    /// `jiffy://oauth/callback`, handed in by the app's deep-link handler.
    DeepLink,
}

/// What the OAuth 2.0 step collected.
#[derive(Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OAuth2Start {
    /// The OAuth app's client id.
    pub client_id: String,
    /// Its client secret (Atlassian's 3LO requires it; kept in the keyring).
    pub client_secret: String,
    /// Scopes; empty means the defaults for the deployment.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Loopback or deep link.
    pub redirect: OAuth2Redirect,
    /// Cloud: the authorization server (default Atlassian's).
    #[serde(default)]
    pub auth_host: Option<String>,
    /// Cloud: the API gateway (default Atlassian's).
    #[serde(default)]
    pub api_host: Option<String>,
}

impl std::fmt::Debug for OAuth2Start {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuth2Start")
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field("redirect", &self.redirect)
            .finish_non_exhaustive()
    }
}

/// A browser sign-in under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FlowStart {
    /// Hands the flow to wait, cancel, typed-in codes and site choice.
    pub flow_id: String,
    /// The page to open in the browser.
    pub authorize_url: String,
    /// The callback URL in use (to show, and to register in the OAuth app).
    pub callback_url: Option<String>,
}

/// How a browser sign-in ended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum FlowOutcome {
    /// Signed in; check and save the draft.
    SignedIn(SignedIn),
    /// The authorization reaches several Cloud sites: pick one with
    /// [`WizardEngine::oauth2_choose_site`].
    ChooseSite {
        /// The sites.
        sites: Vec<AccessibleResource>,
    },
}

/// The secrets a sign-in produced, by kind.
type Secrets = Vec<(SecretKind, Sensitive<String>)>;

/// What a finished dance hands back before validation.
enum Gathered {
    Ready(AuthSettings, Secrets),
    Sites(AuthSettings, Secrets, Vec<AccessibleResource>),
}

/// A running flow: how to cancel it, where its result arrives, and what it waits for.
pub(super) struct Flow {
    site: Site,
    cancel: Arc<Notify>,
    result: Option<oneshot::Receiver<Result<Gathered>>>,
    /// OOB: the verifier typed in goes here.
    verifier: Option<oneshot::Sender<Sensitive<String>>>,
    /// Deep link: the `state` it must carry, and where the redirect URL goes.
    deep_link: Option<(String, oneshot::Sender<String>)>,
    /// Several Cloud sites: the settings and secrets waiting for the choice.
    choice: Option<(AuthSettings, Secrets)>,
}

fn cancelled() -> Error {
    Error::InvalidInput("The sign-in was cancelled.".into())
}

fn unknown_flow() -> Error {
    Error::NotFound("this sign-in is no longer running; start it again".into())
}

fn timed_out(timeout: Duration) -> Error {
    Error::Unauthorized(format!(
        "no answer came back from the browser within {} minutes; start the sign-in again",
        timeout.as_secs() / 60
    ))
}

impl WizardEngine {
    /// Generates an RSA-2048 key pair for an Application Link.
    ///
    /// Errors: [`Error::Internal`] if the key cannot be generated or encoded.
    pub async fn oauth1_generate_key(&self) -> Result<OAuth1Start> {
        // Key generation is CPU work of up to a second: keep it off the async workers.
        let key = tokio::task::spawn_blocking(|| OAuth1PrivateKey::generate(2048))
            .await
            .map_err(|e| Error::Internal(format!("key generation stopped: {e}")))??;
        self.keep_key(key)
    }

    /// Imports an existing private key (PKCS#1 or PKCS#8 PEM).
    ///
    /// Errors: [`Error::InvalidInput`] for something that is not an RSA private key.
    pub fn oauth1_import_key(&self, pem: &str) -> Result<OAuth1Start> {
        self.keep_key(OAuth1PrivateKey::from_pem(pem)?)
    }

    /// Takes the private key of a saved OAuth 1.0a connection (reconnect without re-linking).
    ///
    /// Errors: [`Error::NotFound`] when the keyring holds no key for it; keyring errors.
    pub fn oauth1_key_of(
        &self,
        secrets: &dyn SecretStore,
        connection_id: &str,
    ) -> Result<OAuth1Start> {
        let pem = secrets
            .get(connection_id, SecretKind::OAuth1PrivateKey)?
            .ok_or_else(|| {
                Error::NotFound("this connection's private key is not in the keyring".into())
            })?;
        self.keep_key(OAuth1PrivateKey::from_pem(pem.expose())?)
    }

    fn keep_key(&self, key: OAuth1PrivateKey) -> Result<OAuth1Start> {
        let start = OAuth1Start {
            key_id: new_connection_id(),
            public_key_pem: key.public_key_pem()?,
            consumer_key: key.suggested_consumer_key()?,
            consumer_name: "Jiffy".into(),
            bits: key.bits(),
        };
        self.lock().keys.insert(start.key_id.clone(), key);
        Ok(start)
    }

    /// Gets a request token and returns the page where the user approves it; the approval
    /// then arrives on the loopback listener, or as a code for [`Self::oauth1_verifier`].
    ///
    /// Errors: [`Error::NotFound`] for an unknown key; Jira's `oauth_problem` mapped
    /// (an unknown consumer key says to finish the Application Link first).
    pub async fn oauth1_begin(
        &self,
        site: &Site,
        key_id: &str,
        consumer_key: &str,
        callback: OAuth1Callback,
    ) -> Result<FlowStart> {
        let consumer_key = super::filled(consumer_key, "consumer key")?;
        crate::auth::credentials::check_method_fits(
            site.deployment,
            crate::auth::AuthMethod::OAuth1,
        )?;
        let key = self
            .lock()
            .keys
            .get(key_id)
            .cloned()
            .ok_or_else(|| Error::NotFound("generate or import the key again".into()))?;
        let stored_key = key.to_pkcs8_pem()?;
        let signer = OAuth1Signer::new(consumer_key.clone(), key);
        let http = self.http(site)?;
        let base = site.base_url.clone();
        let (tx, rx) = oneshot::channel();
        let cancel = Arc::new(Notify::new());
        let mut flow = Flow {
            site: site.clone(),
            cancel: cancel.clone(),
            result: Some(rx),
            verifier: None,
            deep_link: None,
            choice: None,
        };
        let settings = |callback| AuthSettings::OAuth1 {
            consumer_key: consumer_key.clone(),
            callback,
        };
        let (pending, callback_url): (PendingOAuth1, Option<String>) = match callback {
            OAuth1Callback::Loopback => {
                let listener = LoopbackListener::bind(0).await?;
                let uri = listener.redirect_uri();
                let port = listener.port();
                let pending = oauth1_start(&http, &signer, &base, Some(&uri)).await?;
                let token = pending.request_token.expose().clone();
                let work = {
                    let (http, signer, base, pending) =
                        (http.clone(), signer.clone(), base.clone(), pending.clone());
                    async move {
                        let query = listener
                            .wait("oauth_token", &token, DEFAULT_CALLBACK_TIMEOUT)
                            .await?;
                        let verifier = verifier_from_callback(&query, &token)?;
                        oauth1_finish(&http, &signer, &base, &pending, &verifier).await
                    }
                };
                spawn_oauth1(
                    work,
                    cancel,
                    tx,
                    settings(StoredCallback::Loopback { port }),
                    stored_key,
                );
                (pending, Some(uri))
            }
            OAuth1Callback::Oob => {
                let pending = oauth1_start(&http, &signer, &base, None).await?;
                let (vtx, vrx) = oneshot::channel::<Sensitive<String>>();
                flow.verifier = Some(vtx);
                let work = {
                    let (http, signer, base, pending) =
                        (http.clone(), signer.clone(), base.clone(), pending.clone());
                    async move {
                        let verifier = tokio::time::timeout(DEFAULT_CALLBACK_TIMEOUT, vrx)
                            .await
                            .map_err(|_| timed_out(DEFAULT_CALLBACK_TIMEOUT))?
                            .map_err(|_| cancelled())?;
                        oauth1_finish(&http, &signer, &base, &pending, &verifier).await
                    }
                };
                spawn_oauth1(work, cancel, tx, settings(StoredCallback::Oob), stored_key);
                (pending, None)
            }
        };
        let flow_id = new_connection_id();
        self.lock().flows.insert(flow_id.clone(), flow);
        Ok(FlowStart {
            flow_id,
            authorize_url: pending.authorize_url.to_string(),
            callback_url,
        })
    }

    /// Hands the code Jira showed (out-of-band callback) to a waiting OAuth 1.0a flow; then
    /// [`Self::oauth_wait`] returns the result.
    ///
    /// Errors: [`Error::NotFound`] for an unknown flow; [`Error::InvalidInput`] for an empty
    /// code or a flow that does not take one.
    pub fn oauth1_verifier(&self, flow_id: &str, code: &str) -> Result<()> {
        let code = super::filled(code, "verification code")?;
        let mut inner = self.lock();
        let flow = inner.flows.get_mut(flow_id).ok_or_else(unknown_flow)?;
        let sender = flow.verifier.take().ok_or_else(|| {
            Error::InvalidInput("this sign-in does not wait for a typed code".into())
        })?;
        sender.send(Sensitive(code)).map_err(|_| unknown_flow())
    }

    /// Starts an OAuth 2.0 authorization: returns the page to open; the code arrives on the
    /// loopback listener or through [`Self::oauth2_deep_link`].
    ///
    /// Errors: [`Error::InvalidInput`] for an empty client id or secret, a port in use, or a
    /// method the site does not offer.
    pub async fn oauth2_begin(&self, site: &Site, start: OAuth2Start) -> Result<FlowStart> {
        crate::auth::credentials::check_method_fits(
            site.deployment,
            crate::auth::AuthMethod::OAuth2,
        )?;
        let client_id = super::filled(&start.client_id, "client ID")?;
        let secret = Sensitive(super::filled(&start.client_secret, "client secret")?);
        let scopes = if start.scopes.iter().all(|s| s.trim().is_empty()) {
            let defaults: &[&str] = if site.deployment == Deployment::Cloud {
                &DEFAULT_CLOUD_SCOPES
            } else {
                &DEFAULT_DC_SCOPES
            };
            defaults.iter().map(|s| (*s).to_owned()).collect()
        } else {
            start
                .scopes
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let listener = match start.redirect {
            OAuth2Redirect::Loopback { port } => Some(LoopbackListener::bind(port).await?),
            OAuth2Redirect::DeepLink => None,
        };
        let (port, redirect_uri) = match &listener {
            Some(l) => (l.port(), None),
            None => (0, Some(DEEP_LINK_REDIRECT.to_owned())),
        };
        let blank = |s: &Option<String>| {
            s.as_ref()
                .filter(|h| !h.trim().is_empty())
                .map(|h| h.trim().trim_end_matches('/').to_owned())
        };
        let auth = AuthSettings::OAuth2 {
            client_id,
            scopes,
            redirect_port: port,
            redirect_uri,
            cloud_id: None,
            auth_host: blank(&start.auth_host),
            api_host: blank(&start.api_host),
        };
        let connection = Connection {
            id: String::new(),
            name: String::new(),
            base_url: site.base_url.clone(),
            deployment: site.deployment,
            version: site.version.clone(),
            auth: auth.clone(),
            network: site.network.clone(),
        };
        let client = oauth2_client(&connection)?;
        let authorization = client.authorization()?;
        let state = authorization.state.expose().clone();
        let http = self.http(site)?;
        let (tx, rx) = oneshot::channel();
        let cancel = Arc::new(Notify::new());
        let mut flow = Flow {
            site: site.clone(),
            cancel: cancel.clone(),
            result: Some(rx),
            verifier: None,
            deep_link: None,
            choice: None,
        };
        let callback_url = client.redirect_uri.clone();
        let code = {
            let client = client.clone();
            let state = state.clone();
            let deep = match listener {
                Some(_) => None,
                None => {
                    let (dtx, drx) = oneshot::channel::<String>();
                    flow.deep_link = Some((state.clone(), dtx));
                    Some(drx)
                }
            };
            async move {
                match (listener, deep) {
                    (Some(listener), _) => {
                        let query = listener
                            .wait("state", &state, DEFAULT_CALLBACK_TIMEOUT)
                            .await
                            .map_err(|e| redirect_refused(&client, &e.to_string()).unwrap_or(e))?;
                        query
                            .get("code")
                            .filter(|c| !c.is_empty())
                            .map(|c| Sensitive(c.clone()))
                            .ok_or_else(|| {
                                Error::Unauthorized("the browser came back without a code".into())
                            })
                    }
                    (None, Some(drx)) => {
                        let url = tokio::time::timeout(DEFAULT_CALLBACK_TIMEOUT, drx)
                            .await
                            .map_err(|_| timed_out(DEFAULT_CALLBACK_TIMEOUT))?
                            .map_err(|_| cancelled())?;
                        code_from_redirect(&url, &state)
                            .map_err(|e| redirect_refused(&client, &e.to_string()).unwrap_or(e))
                    }
                    (None, None) => Err(Error::Internal("no way back from the browser".into())),
                }
            }
        };
        let pkce = authorization.pkce_verifier.clone();
        let deployment = site.deployment;
        let base_url = site.base_url.clone();
        let work = async move {
            let code = code.await?;
            let request = client.code_exchange(code.expose(), &secret, pkce.as_ref());
            let tokens = send_token_request(&http, &client, &request).await?;
            let mut secrets = vec![(SecretKind::OAuth2ClientSecret, secret)];
            secrets.extend(token_secrets(&tokens)?);
            if deployment != Deployment::Cloud {
                return Ok(Gathered::Ready(auth, secrets));
            }
            let api_host = match &auth {
                AuthSettings::OAuth2 {
                    api_host: Some(h), ..
                } => h.clone(),
                _ => DEFAULT_CLOUD_API_HOST.to_owned(),
            };
            let sites = accessible_resources(&http, &api_host, &tokens.access_token).await?;
            let wanted = base_url.trim_end_matches('/');
            let chosen = sites
                .iter()
                .find(|s| s.url.trim_end_matches('/') == wanted)
                .or_else(|| sites.first().filter(|_| sites.len() == 1));
            match chosen {
                Some(site) => Ok(Gathered::Ready(with_cloud_id(auth, &site.id), secrets)),
                None if sites.is_empty() => Err(Error::Forbidden(
                    "this authorization reaches no Jira site; check that the OAuth app has Jira \
                     scopes and that you chose a site on the consent page"
                        .into(),
                )),
                None => Ok(Gathered::Sites(auth, secrets, sites)),
            }
        };
        spawn_flow(work, cancel, tx);
        let flow_id = new_connection_id();
        self.lock().flows.insert(flow_id.clone(), flow);
        Ok(FlowStart {
            flow_id,
            authorize_url: authorization.url.to_string(),
            callback_url: Some(callback_url),
        })
    }

    /// Routes a `jiffy://oauth/callback?...` deep link to the flow whose `state` it carries.
    ///
    /// Errors: [`Error::Unauthorized`] when no running sign-in has that state (a stale or
    /// forged link).
    pub fn oauth2_deep_link(&self, url: &str) -> Result<()> {
        let state = url::Url::parse(url.trim())
            .ok()
            .and_then(|u| {
                u.query_pairs()
                    .find(|(k, _)| k == "state")
                    .map(|(_, v)| v.into_owned())
            })
            .unwrap_or_default();
        let mut inner = self.lock();
        let flow = inner
            .flows
            .values_mut()
            .find(|f| {
                f.deep_link
                    .as_ref()
                    .is_some_and(|(s, _)| !state.is_empty() && *s == state)
            })
            .ok_or_else(|| {
                Error::Unauthorized(
                    "this sign-in link does not belong to a sign-in Jiffy is waiting for (state \
                     mismatch); start the sign-in again"
                        .into(),
                )
            })?;
        let (_, sender) = flow.deep_link.take().ok_or_else(unknown_flow)?;
        sender
            .send(url.trim().to_owned())
            .map_err(|_| unknown_flow())
    }

    /// Waits for a browser sign-in to finish, then validates it with `myself`.
    ///
    /// Errors: the flow's own (refused in the browser, time-out, cancelled, `oauth_problem`),
    /// then as [`WizardEngine::sign_in`].
    pub async fn oauth_wait(&self, flow_id: &str) -> Result<FlowOutcome> {
        let (receiver, site) = {
            let mut inner = self.lock();
            let flow = inner.flows.get_mut(flow_id).ok_or_else(unknown_flow)?;
            let receiver = flow.result.take().ok_or_else(|| {
                Error::InvalidInput("this sign-in is already being waited for".into())
            })?;
            (receiver, flow.site.clone())
        };
        let gathered = receiver.await.map_err(|_| cancelled()).and_then(|r| r);
        let gathered = match gathered {
            Ok(g) => g,
            Err(e) => {
                self.lock().flows.remove(flow_id);
                return Err(e);
            }
        };
        match gathered {
            Gathered::Ready(auth, secrets) => {
                self.lock().flows.remove(flow_id);
                self.finish_sign_in(&site, auth, secrets)
                    .await
                    .map(FlowOutcome::SignedIn)
            }
            Gathered::Sites(auth, secrets, sites) => {
                if let Some(flow) = self.lock().flows.get_mut(flow_id) {
                    flow.choice = Some((auth, secrets));
                }
                Ok(FlowOutcome::ChooseSite { sites })
            }
        }
    }

    /// Finishes a Cloud OAuth 2.0 sign-in that reaches several sites with the chosen one.
    ///
    /// Errors: [`Error::NotFound`] for an unknown flow or one not waiting for a choice; as
    /// [`WizardEngine::sign_in`].
    pub async fn oauth2_choose_site(
        &self,
        flow_id: &str,
        cloud_id: &str,
        site_url: &str,
    ) -> Result<SignedIn> {
        let (auth, secrets, mut site) = {
            let mut inner = self.lock();
            let flow = inner.flows.remove(flow_id).ok_or_else(unknown_flow)?;
            let (auth, secrets) = flow.choice.ok_or_else(unknown_flow)?;
            (auth, secrets, flow.site)
        };
        site.base_url = site_url.trim_end_matches('/').to_owned();
        self.finish_sign_in(&site, with_cloud_id(auth, cloud_id), secrets)
            .await
    }

    /// Stops a browser sign-in (closes its loopback listener); unknown ids are ignored.
    pub fn oauth_cancel(&self, flow_id: &str) {
        if let Some(flow) = self.lock().flows.remove(flow_id) {
            flow.cancel.notify_one();
        }
    }
}

fn with_cloud_id(auth: AuthSettings, id: &str) -> AuthSettings {
    match auth {
        AuthSettings::OAuth2 {
            client_id,
            scopes,
            redirect_port,
            redirect_uri,
            auth_host,
            api_host,
            ..
        } => AuthSettings::OAuth2 {
            client_id,
            scopes,
            redirect_port,
            redirect_uri,
            cloud_id: Some(id.to_owned()),
            auth_host,
            api_host,
        },
        other => other,
    }
}

/// The access and refresh token as jiffy-core stores them (access token with its expiry).
fn token_secrets(tokens: &TokenSet) -> Result<Vec<(SecretKind, Sensitive<String>)>> {
    let scratch = InMemoryStore::new();
    store_tokens(&scratch, "new", tokens)?;
    let mut out = Vec::new();
    for kind in [
        SecretKind::OAuth2AccessToken,
        SecretKind::OAuth2RefreshToken,
    ] {
        if let Some(value) = scratch.get("new", kind)? {
            out.push((kind, value));
        }
    }
    Ok(out)
}

fn spawn_oauth1<F>(
    work: F,
    cancel: Arc<Notify>,
    tx: oneshot::Sender<Result<Gathered>>,
    auth: AuthSettings,
    private_key: Sensitive<String>,
) where
    F: std::future::Future<Output = Result<crate::auth::oauth1::OAuth1Token>> + Send + 'static,
{
    let work = async move {
        let token = work.await?;
        Ok(Gathered::Ready(
            auth,
            vec![
                (SecretKind::OAuth1PrivateKey, private_key),
                (SecretKind::OAuth1AccessToken, token.token),
                (SecretKind::OAuth1TokenSecret, token.token_secret),
            ],
        ))
    };
    spawn_flow(work, cancel, tx);
}

/// Runs a flow until it finishes or is cancelled; dropping the future closes its listener.
fn spawn_flow<F>(work: F, cancel: Arc<Notify>, tx: oneshot::Sender<Result<Gathered>>)
where
    F: std::future::Future<Output = Result<Gathered>> + Send + 'static,
{
    tokio::spawn(async move {
        let result = tokio::select! {
            r = work => r,
            () = cancel.notified() => Err(cancelled()),
        };
        // Nobody waiting any more is fine: the result is simply dropped.
        let _ = tx.send(result);
    });
}
