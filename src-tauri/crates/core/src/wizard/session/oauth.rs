//! The browser sign-ins of the wizard: OAuth 1.0a through an Application Link ([`oauth1`])
//! and OAuth 2.0, Cloud 3LO or Data Center ([`oauth2`]), each split into "begin" (returns the
//! URL to open) and "wait" (the loopback listener, a `jiffy://` deep link, or a code typed
//! in), cancellable at any time and given up after five minutes. This module has what both
//! share: the step types, the running flows, waiting and cancelling.

mod oauth1;
mod oauth2;

pub use oauth2::DEEP_LINK_REDIRECT;

use super::{SignedIn, Site, WizardEngine};
use crate::auth::oauth2::AccessibleResource;
use crate::config::AuthSettings;
use crate::error::{Error, Result};
use crate::secrets::{SecretKind, Sensitive};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{oneshot, Notify};
use ts_rs::TS;

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
pub(super) type Secrets = Vec<(SecretKind, Sensitive<String>)>;

/// What a finished dance hands back before validation.
pub(super) enum Gathered {
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

pub(super) fn cancelled() -> Error {
    Error::InvalidInput("The sign-in was cancelled.".into())
}

pub(super) fn unknown_flow() -> Error {
    Error::NotFound("this sign-in is no longer running; start it again".into())
}

pub(super) fn timed_out(timeout: Duration) -> Error {
    Error::Unauthorized(format!(
        "no answer came back from the browser within {} minutes; start the sign-in again",
        timeout.as_secs() / 60
    ))
}

impl WizardEngine {
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

    /// Stops a browser sign-in (closes its loopback listener); unknown ids are ignored.
    pub fn oauth_cancel(&self, flow_id: &str) {
        if let Some(flow) = self.lock().flows.remove(flow_id) {
            flow.cancel.notify_one();
        }
    }
}

/// Runs a flow until it finishes or is cancelled; dropping the future closes its listener.
pub(super) fn spawn_flow<F>(work: F, cancel: Arc<Notify>, tx: oneshot::Sender<Result<Gathered>>)
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
