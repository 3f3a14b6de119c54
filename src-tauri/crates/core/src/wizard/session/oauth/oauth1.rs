//! OAuth 1.0a in the wizard: the key pair to paste into Jira's Application Link, the request
//! token and approval page, then the verifier from the loopback listener or typed in.

use super::{cancelled, spawn_flow, timed_out, unknown_flow, Flow, Gathered, OAuth1Callback};
use super::{FlowStart, OAuth1Start};
use crate::auth::flows::{oauth1_finish, oauth1_start, PendingOAuth1};
use crate::auth::loopback::{LoopbackListener, DEFAULT_CALLBACK_TIMEOUT};
use crate::auth::oauth1::{verifier_from_callback, OAuth1PrivateKey, OAuth1Signer};
use crate::config::OAuth1Callback as StoredCallback;
use crate::config::{new_connection_id, AuthSettings};
use crate::error::{Error, Result};
use crate::secrets::{SecretKind, SecretStore, Sensitive};
use crate::wizard::session::{Site, WizardEngine};
use std::sync::Arc;
use tokio::sync::{oneshot, Notify};

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
        let consumer_key = crate::wizard::session::filled(consumer_key, "consumer key")?;
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
        let code = crate::wizard::session::filled(code, "verification code")?;
        let mut inner = self.lock();
        let flow = inner.flows.get_mut(flow_id).ok_or_else(unknown_flow)?;
        let sender = flow.verifier.take().ok_or_else(|| {
            Error::InvalidInput("this sign-in does not wait for a typed code".into())
        })?;
        sender.send(Sensitive(code)).map_err(|_| unknown_flow())
    }
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
