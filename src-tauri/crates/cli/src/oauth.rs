//! `connection add --auth oauth1|oauth2`: the browser dances, run by jiffy-core's flows; this
//! module only gathers the arguments, shows the URL and hands back settings and secrets.

use crate::args::{AddArgs, CallbackArg};
use crate::ctx::{Ctx, APP_VERSION};
use jiffy_core::api::client::oauth2_client;
use jiffy_core::auth::flows::{
    accessible_resources, oauth1_finish, oauth1_start, oauth1_with_loopback, oauth2_with_loopback,
};
use jiffy_core::auth::loopback::LoopbackListener;
use jiffy_core::auth::oauth1::{OAuth1PrivateKey, OAuth1Signer};
use jiffy_core::auth::oauth2::{
    store_tokens, DEFAULT_CLOUD_API_HOST, DEFAULT_CLOUD_SCOPES, DEFAULT_DC_SCOPES,
};
use jiffy_core::config::{AuthSettings, Connection, Deployment, OAuth1Callback};
use jiffy_core::http::{build_client, ClientOptions};
use jiffy_core::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use jiffy_core::wizard::probe::ProbeResult;
use jiffy_core::{Error, Result};
use std::time::Duration;

/// How long the loopback listener waits for the browser (issue 4: five minutes).
pub const CALLBACK_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The fixed loopback port used when `--port` is not given; Atlassian matches the callback
/// URL exactly, so the OAuth app must list `http://127.0.0.1:8765/callback`.
pub const DEFAULT_OAUTH2_PORT: u16 = 8765;

/// Settings and secrets of a new connection.
pub type Gathered = (AuthSettings, Vec<(SecretKind, Sensitive<String>)>);

fn http(args: &AddArgs) -> Result<reqwest::Client> {
    build_client(&ClientOptions::new(APP_VERSION, &args.network.settings()))
}

/// OAuth 1.0a: sign with the given private key, approve in the browser, keep the access token.
///
/// Errors: [`Error::InvalidInput`] for missing `--consumer-key`/`--private-key` or an unusable
/// key file; as jiffy-core's OAuth 1.0a flow (`oauth_problem` mapped to typed errors).
pub async fn oauth1(ctx: &Ctx, args: &AddArgs, probed: &ProbeResult) -> Result<Gathered> {
    let consumer_key = args
        .consumer_key
        .clone()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| Error::InvalidInput("--auth oauth1 needs --consumer-key.".into()))?;
    let path = args.private_key.as_ref().ok_or_else(|| {
        Error::InvalidInput(
            "--auth oauth1 needs --private-key FILE: create one with `jiffy-cli keys generate \
             --out FILE` and paste its public key into Jira's Application Link."
                .into(),
        )
    })?;
    let pem = std::fs::read_to_string(path)
        .map_err(|e| Error::InvalidInput(format!("could not read {}: {e}", path.display())))?;
    let key = OAuth1PrivateKey::from_pem(&pem)?;
    let stored_key = key.to_pkcs8_pem()?;
    let signer = OAuth1Signer::new(consumer_key.clone(), key);
    let http = http(args)?;
    let base = probed.base_url.as_str();
    let (token, callback) = match args.callback {
        CallbackArg::Loopback => {
            let listener = LoopbackListener::bind(args.port.unwrap_or(0)).await?;
            let port = listener.port();
            let open = |url: &url::Url| (ctx.opener)(url, args.no_browser);
            let token =
                oauth1_with_loopback(&http, &signer, base, listener, open, CALLBACK_TIMEOUT)
                    .await?;
            (token, OAuth1Callback::Loopback { port })
        }
        CallbackArg::Oob => {
            let pending = oauth1_start(&http, &signer, base, None).await?;
            (ctx.opener)(&pending.authorize_url, args.no_browser)?;
            eprintln!("After approving, type the verification code Jira shows, then Enter:");
            let verifier = ctx.input.read_line("verification code")?;
            let token = oauth1_finish(&http, &signer, base, &pending, &verifier).await?;
            (token, OAuth1Callback::Oob)
        }
    };
    let auth = AuthSettings::OAuth1 {
        consumer_key,
        callback,
    };
    let secrets = vec![
        (SecretKind::OAuth1PrivateKey, stored_key),
        (SecretKind::OAuth1AccessToken, token.token),
        (SecretKind::OAuth1TokenSecret, token.token_secret),
    ];
    Ok((auth, secrets))
}

fn scopes(args: &AddArgs, deployment: Deployment) -> Vec<String> {
    let given: Vec<String> = args
        .scopes
        .as_deref()
        .unwrap_or_default()
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if !given.is_empty() {
        return given;
    }
    let defaults: &[&str] = if deployment == Deployment::Cloud {
        &DEFAULT_CLOUD_SCOPES
    } else {
        &DEFAULT_DC_SCOPES
    };
    defaults.iter().map(|s| (*s).to_owned()).collect()
}

/// OAuth 2.0 (Cloud 3LO or Data Center): authorize in the browser, exchange the code, and on
/// Cloud pick the site among the accessible resources (the one at the probed URL, or the only
/// one).
///
/// Errors: [`Error::InvalidInput`] for a missing `--client-id` or client secret, or a Cloud
/// token that reaches several sites none of which is the probed one; as jiffy-core's flow.
pub async fn oauth2(ctx: &Ctx, args: &AddArgs, probed: &ProbeResult) -> Result<Gathered> {
    let client_id = args
        .client_id
        .clone()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| Error::InvalidInput("--auth oauth2 needs --client-id.".into()))?;
    let secret = ctx.input.read(
        args.client_secret_stdin,
        "JIFFY_CLIENT_SECRET",
        "client secret",
    )?;
    let listener = LoopbackListener::bind(args.port.unwrap_or(DEFAULT_OAUTH2_PORT)).await?;
    let mut connection = Connection {
        id: String::new(),
        name: args.name.clone(),
        base_url: probed.base_url.clone(),
        deployment: probed.deployment,
        version: Some(probed.version.clone()),
        auth: AuthSettings::OAuth2 {
            client_id,
            scopes: scopes(args, probed.deployment),
            redirect_port: listener.port(),
            redirect_uri: None,
            cloud_id: None,
            auth_host: args.auth_host.clone(),
            api_host: args.api_host.clone(),
        },
        network: args.network.settings(),
    };
    let client = oauth2_client(&connection)?;
    let http = http(args)?;
    let open = |url: &url::Url| (ctx.opener)(url, args.no_browser);
    let tokens =
        oauth2_with_loopback(&http, &client, &secret, listener, open, CALLBACK_TIMEOUT).await?;
    if probed.deployment == Deployment::Cloud {
        let api_host = args.api_host.as_deref().unwrap_or(DEFAULT_CLOUD_API_HOST);
        let sites = accessible_resources(&http, api_host, &tokens.access_token).await?;
        let wanted = probed.base_url.trim_end_matches('/');
        let site = sites
            .iter()
            .find(|s| s.url.trim_end_matches('/') == wanted)
            .or_else(|| sites.first().filter(|_| sites.len() == 1))
            .ok_or_else(|| {
                let urls: Vec<&str> = sites.iter().map(|s| s.url.as_str()).collect();
                Error::InvalidInput(format!(
                    "This authorization reaches {} but not {wanted}; connect with --url set to \
                     one of them.",
                    urls.join(", ")
                ))
            })?;
        if let AuthSettings::OAuth2 { cloud_id, .. } = &mut connection.auth {
            *cloud_id = Some(site.id.clone());
        }
    }
    // jiffy-core's own encoding of the token set (access token with its expiry), read back
    // per kind so that saving goes through the same path as every other method.
    let scratch = InMemoryStore::new();
    store_tokens(&scratch, "new", &tokens)?;
    let mut secrets = vec![(SecretKind::OAuth2ClientSecret, secret)];
    for kind in [
        SecretKind::OAuth2AccessToken,
        SecretKind::OAuth2RefreshToken,
    ] {
        if let Some(value) = scratch.get("new", kind)? {
            secrets.push((kind, value));
        }
    }
    Ok((connection.auth, secrets))
}
