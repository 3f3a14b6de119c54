//! The browser dances, end to end: OAuth 1.0a (request token → authorize → access token) and
//! OAuth 2.0 (authorize → code → tokens), with the loopback listener or typed-in codes.
//!
//! Opening the browser is the caller's job (`open`): the app uses its opener plugin, the CLI
//! opens a browser or prints the URL (`--no-browser`), tests play the browser themselves.

use super::loopback::LoopbackListener;
use super::oauth1::{
    access_token_url, authorize_url, oauth_problem, parse_token_response, problem_error,
    request_token_url, verifier_from_callback, OAuth1Signer, OAuth1Token, SignRequest,
    OOB_CALLBACK,
};
use super::oauth2::{
    accessible_resources_url, parse_accessible_resources, redirect_refused, send_token_request,
    AccessibleResource, OAuth2Client, TokenSet,
};
use crate::error::{Error, Result};
use crate::http::{error_from_reqwest, error_from_response};
use crate::secrets::Sensitive;
use reqwest::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use std::time::Duration;
use url::Url;

/// A request token waiting for the user's approval.
#[derive(Debug, Clone)]
pub struct PendingOAuth1 {
    /// The request token (it also identifies the callback).
    pub request_token: Sensitive<String>,
    /// Where the user approves it.
    pub authorize_url: Url,
}

async fn signed_post(
    http: &reqwest::Client,
    signer: &OAuth1Signer,
    url: &str,
    token: Option<&str>,
    callback: Option<&str>,
    verifier: Option<&str>,
) -> Result<OAuth1Token> {
    let parsed = Url::parse(url)
        .map_err(|e| Error::InvalidInput(format!("\"{url}\" is not a valid URL: {e}")))?;
    let header = signer.authorization(&SignRequest {
        method: "POST",
        url: &parsed,
        form: &[],
        token,
        callback,
        verifier,
    })?;
    let response = crate::http::send_logged(http.post(parsed).header(AUTHORIZATION, header))
        .await
        .map_err(|e| error_from_reqwest(&e))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.map_err(|e| error_from_reqwest(&e))?;
    if (200..300).contains(&status) {
        return parse_token_response(&body);
    }
    let www = headers.get(WWW_AUTHENTICATE).and_then(|v| v.to_str().ok());
    match oauth_problem(www, &body) {
        Some(problem) => Err(problem_error(&problem)),
        None => Err(error_from_response(status, &headers, &body, None)),
    }
}

/// Step 1 of OAuth 1.0a: get a request token (`callback` a loopback URL, or `None` for
/// out-of-band, where Jira shows a code to type in).
///
/// Errors: Jira's `oauth_problem` mapped ([`problem_error`]), HTTP and transport errors.
pub async fn oauth1_start(
    http: &reqwest::Client,
    signer: &OAuth1Signer,
    base_url: &str,
    callback: Option<&str>,
) -> Result<PendingOAuth1> {
    let callback = callback.unwrap_or(OOB_CALLBACK);
    let url = request_token_url(base_url);
    let token = signed_post(http, signer, &url, None, Some(callback), None).await?;
    let authorize_url = authorize_url(base_url, token.token.expose())?;
    Ok(PendingOAuth1 {
        request_token: token.token,
        authorize_url,
    })
}

/// Step 3 of OAuth 1.0a: trade the approved request token and its verifier for the access
/// token.
///
/// Errors: as [`oauth1_start`].
pub async fn oauth1_finish(
    http: &reqwest::Client,
    signer: &OAuth1Signer,
    base_url: &str,
    pending: &PendingOAuth1,
    verifier: &Sensitive<String>,
) -> Result<OAuth1Token> {
    let url = access_token_url(base_url);
    let token = Some(pending.request_token.expose().as_str());
    let verifier = Some(verifier.expose().trim());
    signed_post(http, signer, &url, token, None, verifier).await
}

/// The whole OAuth 1.0a dance through the loopback listener.
///
/// Errors: as [`oauth1_start`], `open`, and [`LoopbackListener::wait`].
pub async fn oauth1_with_loopback<F>(
    http: &reqwest::Client,
    signer: &OAuth1Signer,
    base_url: &str,
    listener: LoopbackListener,
    open: F,
    timeout: Duration,
) -> Result<OAuth1Token>
where
    F: FnOnce(&Url) -> Result<()>,
{
    let pending = oauth1_start(http, signer, base_url, Some(&listener.redirect_uri())).await?;
    open(&pending.authorize_url)?;
    let query = listener
        .wait("oauth_token", pending.request_token.expose(), timeout)
        .await?;
    let verifier = verifier_from_callback(&query, pending.request_token.expose())?;
    oauth1_finish(http, signer, base_url, &pending, &verifier).await
}

/// The whole OAuth 2.0 authorization-code flow through the loopback listener.
/// `client.redirect_uri` must be the listener's [`LoopbackListener::redirect_uri`].
///
/// Errors: [`Error::InvalidInput`] if the redirect URI is not the listener's; as
/// [`OAuth2Client::authorization`], `open`, [`LoopbackListener::wait`] and
/// [`send_token_request`].
pub async fn oauth2_with_loopback<F>(
    http: &reqwest::Client,
    client: &OAuth2Client,
    client_secret: &Sensitive<String>,
    listener: LoopbackListener,
    open: F,
    timeout: Duration,
) -> Result<TokenSet>
where
    F: FnOnce(&Url) -> Result<()>,
{
    if client.redirect_uri != listener.redirect_uri() {
        return Err(Error::InvalidInput(format!(
            "the redirect URI {} is not the loopback listener's {}",
            client.redirect_uri,
            listener.redirect_uri()
        )));
    }
    let authorization = client.authorization()?;
    open(&authorization.url)?;
    let query = listener
        .wait("state", authorization.state.expose(), timeout)
        .await
        .map_err(|e| redirect_refused(client, &e.to_string()).unwrap_or(e))?;
    let code = query
        .get("code")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Error::Unauthorized("the browser came back without a code".into()))?;
    let request = client.code_exchange(code, client_secret, authorization.pkce_verifier.as_ref());
    send_token_request(http, client, &request).await
}

/// Lists the Cloud sites an OAuth 2.0 access token reaches (the user picks one when several).
///
/// Errors: HTTP and transport errors; [`Error::Internal`] for an unexpected answer.
pub async fn accessible_resources(
    http: &reqwest::Client,
    api_host: &str,
    access_token: &Sensitive<String>,
) -> Result<Vec<AccessibleResource>> {
    let response = crate::http::send_logged(
        http.get(accessible_resources_url(api_host))
            .bearer_auth(access_token.expose())
            .header(reqwest::header::ACCEPT, "application/json"),
    )
    .await
    .map_err(|e| error_from_reqwest(&e))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.map_err(|e| error_from_reqwest(&e))?;
    if !(200..300).contains(&status) {
        return Err(error_from_response(status, &headers, &body, None));
    }
    parse_accessible_resources(&body)
}

#[cfg(test)]
mod tests;
