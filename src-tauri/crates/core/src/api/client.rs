//! `JiraClient`: one connection's authenticated, retrying access to Jira's REST API.
//!
//! It hides what differs between deployments: REST v3 on Cloud and v2 on Data Center, the
//! `api.atlassian.com/ex/jira/{cloudId}` gateway for OAuth 2.0 and scoped API tokens, OAuth 2.0
//! refresh before expiry and on 401 (rotated refresh token persisted first), and the switch to
//! the gateway when Cloud answers a scoped token with "scope does not match".

use crate::auth::basic::{gateway_base_url, parse_tenant_info, tenant_info_url};
use crate::auth::oauth2::{self, OAuth2Client, OAuth2Provider};
use crate::auth::Credentials;
use crate::config::{AuthSettings, Connection, Deployment};
use crate::error::{Error, Result};
use crate::http::{
    build_client, error_from_reqwest, error_from_response, is_idempotent, is_scope_mismatch,
    send_logged, send_with_retry, ClientOptions, RetryPolicy,
};
use crate::secrets::{SecretKind, SecretStore};
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::sync::{Arc, RwLock};

/// Settings of a client that are not part of the connection profile.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Jiffy's version (User-Agent).
    pub app_version: String,
    /// The Atlassian API gateway for scoped API tokens (tests point it elsewhere).
    pub api_host: String,
    /// Retry limits.
    pub retry: RetryPolicy,
}

impl ClientConfig {
    /// Defaults for this version of Jiffy.
    pub fn new(app_version: &str) -> Self {
        ClientConfig {
            app_version: app_version.to_owned(),
            api_host: oauth2::DEFAULT_CLOUD_API_HOST.to_owned(),
            retry: RetryPolicy::default(),
        }
    }
}

/// One request to the REST API, relative to the API root.
#[derive(Debug, Clone)]
pub struct ApiRequest<'a> {
    /// HTTP method.
    pub method: Method,
    /// Path under the API root, e.g. `/rest/api/2/myself` (see [`JiraClient::api_path`]).
    pub path: &'a str,
    /// Query parameters.
    pub query: &'a [(&'a str, String)],
    /// JSON body.
    pub body: Option<&'a serde_json::Value>,
}

/// A connection's API access. Cheap to share behind an `Arc`; locks are never held across an
/// `.await`.
pub struct JiraClient {
    http: reqwest::Client,
    config: ClientConfig,
    connection: Connection,
    store: Arc<dyn SecretStore>,
    credentials: RwLock<Credentials>,
    api_root: RwLock<String>,
    /// Set when the client moved a scoped API token to the gateway: the cloud id to save.
    switched_to_gateway: RwLock<Option<String>>,
    oauth2_expires_at: RwLock<Option<u64>>,
}

impl std::fmt::Debug for JiraClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JiraClient")
            .field("connection", &self.connection.name)
            .finish_non_exhaustive()
    }
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
    // Every write is a single assignment, so a poisoned lock still holds a whole value.
    lock.read().unwrap_or_else(|p| p.into_inner()).clone()
}

fn write<T>(lock: &RwLock<T>, value: T) {
    *lock.write().unwrap_or_else(|p| p.into_inner()) = value;
}

impl JiraClient {
    /// A client for a saved connection, its secrets read from `store`.
    ///
    /// Errors: as [`Credentials::load`] and [`build_client`]; [`Error::InvalidInput`] for an
    /// OAuth 2.0 Cloud connection without a chosen site.
    pub fn new(
        connection: Connection,
        store: Arc<dyn SecretStore>,
        config: ClientConfig,
    ) -> Result<Self> {
        let http = build_client(&ClientOptions::new(
            &config.app_version,
            &connection.network,
        ))?;
        let credentials = Credentials::load(store.as_ref(), &connection)?;
        let expires_at = match connection.auth {
            AuthSettings::OAuth2 { .. } => {
                oauth2::load_tokens(store.as_ref(), &connection.id)?.and_then(|t| t.expires_at)
            }
            _ => None,
        };
        let api_root = api_root(&connection, &config)?;
        Ok(JiraClient {
            http,
            config,
            store,
            credentials: RwLock::new(credentials),
            api_root: RwLock::new(api_root),
            switched_to_gateway: RwLock::new(None),
            oauth2_expires_at: RwLock::new(expires_at),
            connection,
        })
    }

    /// The connection this client serves.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// Where API paths are appended: the site, or the gateway.
    pub fn api_root(&self) -> String {
        read(&self.api_root)
    }

    /// If this client switched a scoped API token to the gateway, the cloud id to save in the
    /// connection profile (`cloudId`, `useGateway: true`) so the next start goes there directly.
    pub fn gateway_switch(&self) -> Option<String> {
        read(&self.switched_to_gateway)
    }

    /// `/rest/api/{3 on Cloud, 2 elsewhere}/{resource}`.
    pub fn api_path(&self, resource: &str) -> String {
        let version = if self.connection.deployment == Deployment::Cloud {
            3
        } else {
            2
        };
        format!("/rest/api/{version}/{}", resource.trim_start_matches('/'))
    }

    /// Sends a request and parses the JSON answer.
    ///
    /// Errors: the mapped HTTP error ([`error_from_response`]), transport errors, or
    /// [`Error::Internal`] for an answer that is not the expected JSON.
    pub async fn json<T: DeserializeOwned>(&self, request: &ApiRequest<'_>) -> Result<T> {
        let response = self.send(request).await?;
        let text = response.text().await.map_err(|e| error_from_reqwest(&e))?;
        let text = if text.trim().is_empty() {
            "null"
        } else {
            text.as_str()
        };
        serde_json::from_str(text)
            .map_err(|e| Error::Internal(format!("unexpected answer to {}: {e}", request.path)))
    }

    /// Sends a request with auth, retries, OAuth 2.0 refresh and the gateway switch; returns
    /// the successful response.
    ///
    /// Errors: the mapped HTTP error, or transport errors.
    pub async fn send(&self, request: &ApiRequest<'_>) -> Result<reqwest::Response> {
        let body = request.body;
        let add_body = move |builder: reqwest::RequestBuilder| match body {
            Some(json) => builder.json(json),
            None => builder,
        };
        self.send_custom(
            request.method.clone(),
            request.path,
            request.query,
            &add_body,
        )
        .await
    }

    /// Like [`send`](Self::send) for what [`ApiRequest`] cannot express: `customize` adds
    /// the body and headers (a multipart upload with `X-Atlassian-Token: no-check`, a
    /// download's `Accept`). It is called once per attempt, so it must build a fresh body.
    ///
    /// Errors: the mapped HTTP error, or transport errors.
    pub async fn send_custom(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        customize: &(dyn Fn(reqwest::RequestBuilder) -> reqwest::RequestBuilder + Sync),
    ) -> Result<reqwest::Response> {
        if self.is_oauth2()
            && read(&self.oauth2_expires_at)
                .is_some_and(|at| oauth2::unix_now() + oauth2::REFRESH_MARGIN_SECS >= at)
        {
            tracing::info!(
                connection = %self.connection.name,
                "the OAuth 2.0 access token is about to expire; refreshing it"
            );
            self.refresh_oauth2().await?;
        }
        let mut response = self.send_once(&method, path, query, customize).await?;
        if response.status().as_u16() == 401 {
            if self.is_oauth2() {
                tracing::info!(
                    connection = %self.connection.name,
                    "Jira refused the OAuth 2.0 access token; refreshing it"
                );
                self.refresh_oauth2().await?;
                response = self.send_once(&method, path, query, customize).await?;
            } else if self.may_switch_to_gateway() {
                let headers = response.headers().clone();
                let body = response.text().await.unwrap_or_default();
                if !is_scope_mismatch(401, &body) {
                    return Err(error_from_response(
                        401,
                        &headers,
                        &body,
                        Some(&self.connection.base_url),
                    ));
                }
                self.switch_to_gateway().await?;
                response = self.send_once(&method, path, query, customize).await?;
            }
        }
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Err(error_from_response(
            status,
            &headers,
            &body,
            Some(&self.connection.base_url),
        ))
    }

    async fn send_once(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        customize: &(dyn Fn(reqwest::RequestBuilder) -> reqwest::RequestBuilder + Sync),
    ) -> Result<reqwest::Response> {
        let url = format!("{}{}", self.api_root(), path);
        let credentials = read(&self.credentials);
        let idempotent = is_idempotent(method.as_str());
        send_with_retry(&self.http, &self.config.retry, idempotent, || {
            let builder = self
                .http
                .request(method.clone(), &url)
                .header(reqwest::header::ACCEPT, "application/json")
                .query(query);
            let mut built = customize(builder)
                .build()
                .map_err(|e| error_from_reqwest(&e))?;
            credentials.apply(&mut built)?;
            Ok(built)
        })
        .await
    }

    fn is_oauth2(&self) -> bool {
        matches!(self.connection.auth, AuthSettings::OAuth2 { .. })
    }

    fn may_switch_to_gateway(&self) -> bool {
        matches!(
            self.connection.auth,
            AuthSettings::ApiToken {
                use_gateway: false,
                ..
            }
        ) && read(&self.switched_to_gateway).is_none()
    }

    async fn switch_to_gateway(&self) -> Result<()> {
        let url = tenant_info_url(&self.connection.base_url);
        let response = send_logged(self.http.get(&url))
            .await
            .map_err(|e| error_from_reqwest(&e))?;
        let body = response.text().await.map_err(|e| error_from_reqwest(&e))?;
        let cloud_id = parse_tenant_info(&body)?;
        // The cloud id is not a secret: it is in every gateway URL.
        tracing::info!(
            connection = %self.connection.name,
            cloud_id = %cloud_id,
            "the API token has scopes; switching to the API gateway"
        );
        write(
            &self.api_root,
            gateway_base_url(&self.config.api_host, &cloud_id),
        );
        write(&self.switched_to_gateway, Some(cloud_id));
        Ok(())
    }

    async fn refresh_oauth2(&self) -> Result<()> {
        let client = oauth2_client(&self.connection)?;
        let secret = self
            .store
            .get(&self.connection.id, SecretKind::OAuth2ClientSecret)?
            .ok_or_else(|| {
                Error::TokenExpired(
                    "the OAuth client secret is not in the keyring; reconnect".into(),
                )
            })?;
        let tokens = oauth2::refresh_and_store(
            &self.http,
            &client,
            self.store.as_ref(),
            &self.connection.id,
            &secret,
        )
        .await?;
        write(&self.oauth2_expires_at, tokens.expires_at);
        write(
            &self.credentials,
            Credentials::Bearer {
                token: tokens.access_token,
            },
        );
        Ok(())
    }
}

/// The OAuth 2.0 client of a connection (for refresh).
///
/// Errors: [`Error::InvalidInput`] if the connection is not OAuth 2.0.
pub fn oauth2_client(connection: &Connection) -> Result<OAuth2Client> {
    let AuthSettings::OAuth2 {
        client_id,
        scopes,
        redirect_port,
        redirect_uri,
        auth_host,
        api_host,
        ..
    } = &connection.auth
    else {
        return Err(Error::InvalidInput(
            "this connection does not use OAuth 2.0".into(),
        ));
    };
    let provider = match connection.deployment {
        Deployment::Cloud => OAuth2Provider::Cloud {
            auth_host: auth_host
                .clone()
                .unwrap_or_else(|| oauth2::DEFAULT_CLOUD_AUTH_HOST.to_owned()),
            api_host: api_host
                .clone()
                .unwrap_or_else(|| oauth2::DEFAULT_CLOUD_API_HOST.to_owned()),
        },
        Deployment::DataCenter | Deployment::Server => OAuth2Provider::DataCenter {
            base_url: connection.base_url.clone(),
        },
    };
    Ok(OAuth2Client {
        provider,
        client_id: client_id.clone(),
        // Refreshes on Data Center must repeat the redirect URI the code was issued for.
        redirect_uri: redirect_uri.clone().unwrap_or_else(|| {
            format!(
                "http://127.0.0.1:{redirect_port}{}",
                crate::auth::loopback::CALLBACK_PATH
            )
        }),
        scopes: scopes.clone(),
    })
}

/// Where a connection's API lives: its site, or the gateway for OAuth 2.0 on Cloud and for
/// API tokens already known to be scoped.
fn api_root(connection: &Connection, config: &ClientConfig) -> Result<String> {
    let base = connection.base_url.trim_end_matches('/').to_owned();
    Ok(match (&connection.auth, connection.deployment) {
        (
            AuthSettings::OAuth2 {
                cloud_id, api_host, ..
            },
            Deployment::Cloud,
        ) => {
            let cloud_id = cloud_id.as_deref().ok_or_else(|| {
                Error::InvalidInput("choose which Jira Cloud site this connection uses".into())
            })?;
            let host = api_host
                .as_deref()
                .unwrap_or(oauth2::DEFAULT_CLOUD_API_HOST);
            gateway_base_url(host, cloud_id)
        }
        (
            AuthSettings::ApiToken {
                use_gateway: true,
                cloud_id: Some(id),
                ..
            },
            _,
        ) => gateway_base_url(&config.api_host, id),
        _ => base,
    })
}

#[cfg(test)]
mod tests;
