//! OAuth 2.0 in the wizard: Cloud 3LO (client secret, `audience`, site choice) and Data
//! Center (PKCE), through the loopback listener or the `jiffy://` deep link.

use super::{cancelled, spawn_flow, timed_out, unknown_flow, Flow, Gathered};
use super::{FlowStart, OAuth2Redirect, OAuth2Start, Secrets};
use crate::api::client::oauth2_client;
use crate::auth::flows::accessible_resources;
use crate::auth::loopback::{LoopbackListener, DEFAULT_CALLBACK_TIMEOUT};
use crate::auth::oauth2::{
    code_from_redirect, redirect_refused, send_token_request, store_tokens, TokenSet,
    DEFAULT_CLOUD_API_HOST, DEFAULT_CLOUD_SCOPES, DEFAULT_DC_SCOPES,
};
use crate::config::{new_connection_id, AuthSettings, Connection, Deployment};
use crate::error::{Error, Result};
use crate::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use crate::wizard::session::{SignedIn, Site, WizardEngine};
use std::sync::Arc;
use tokio::sync::{oneshot, Notify};

/// The deep link Jiffy registers for OAuth 2.0 callbacks.
pub const DEEP_LINK_REDIRECT: &str = "jiffy://oauth/callback";

impl WizardEngine {
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
        let client_id = crate::wizard::session::filled(&start.client_id, "client ID")?;
        let secret = Sensitive(crate::wizard::session::filled(
            &start.client_secret,
            "client secret",
        )?);
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
fn token_secrets(tokens: &TokenSet) -> Result<Secrets> {
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
