//! `connection probe|add|list|show|test|remove|default`: the wizard's steps from a terminal.

use crate::args::{AddArgs, AuthArg, ConnectionCommand};
use crate::ctx::{Ctx, APP_VERSION};
use crate::output::{table, Output};
use jiffy_core::auth::credentials::check_method_fits;
use jiffy_core::auth::{pat, AuthMethod};
use jiffy_core::config::{new_connection_id, AuthSettings, Connection, NetworkSettings};
use jiffy_core::http::{build_client, ClientOptions};
use jiffy_core::secrets::{SecretKind, Sensitive};
use jiffy_core::wizard::probe::{probe, ProbeResult};
use jiffy_core::wizard::validate::validate;
use jiffy_core::{connections, ops, Error, Result};
use serde_json::json;

/// Runs one `connection` subcommand; `selected` is the global `--connection`.
///
/// Errors: as the jiffy-core function each subcommand calls.
pub async fn run(command: &ConnectionCommand, selected: Option<&str>, ctx: &Ctx) -> Result<Output> {
    match command {
        ConnectionCommand::Probe { url, network } => probe_url(url, &network.settings())
            .await
            .map(|r| probe_output(&r)),
        ConnectionCommand::Add(args) => add(ctx, args).await,
        ConnectionCommand::List => list(ctx),
        ConnectionCommand::Show { name } => {
            let connection = ctx.connection(Some(name))?;
            let text = describe(&connection);
            Ok(Output::new(&connection, text))
        }
        ConnectionCommand::Test { name } => test(ctx, name.as_deref().or(selected)).await,
        ConnectionCommand::Remove { name } => {
            let removed = connections::remove(&ctx.config_store(), ctx.secrets.as_ref(), name)?;
            // Its watches could only fail from now on.
            jiffy_core::watches::Watches::new(ctx.config_dir.clone())
                .remove_for_connection(&removed.id)?;
            let text = format!("Removed \"{}\" and its secrets.", removed.name);
            Ok(Output::new(&removed, text))
        }
        ConnectionCommand::Default { name } => {
            let store = ctx.config_store();
            let mut config = store.load()?;
            config.set_default(name)?;
            store.save(&config)?;
            let chosen = ctx.connection(Some(name))?;
            let text = format!("\"{}\" is now the default connection.", chosen.name);
            Ok(Output::new(&chosen, text))
        }
    }
}

/// Probes what the user pasted with a client for the given network settings.
///
/// Errors: as [`probe`] and [`build_client`].
pub async fn probe_url(url: &str, network: &NetworkSettings) -> Result<ProbeResult> {
    let http = build_client(&ClientOptions::new(APP_VERSION, network))?;
    probe(&http, url).await
}

fn probe_output(result: &ProbeResult) -> Output {
    let methods: Vec<String> = result.methods.iter().map(|m| method_name(*m)).collect();
    let mut text = format!(
        "Base URL:    {}\nDeployment:  {:?}\nVersion:     {}\n",
        result.base_url, result.deployment, result.version
    );
    if let Some(title) = &result.server_title {
        text.push_str(&format!("Title:       {title}\n"));
    }
    text.push_str(&format!("Auth (best first): {}", methods.join(", ")));
    Output::new(result, text)
}

/// The `--auth` spelling of a method.
fn method_name(method: AuthMethod) -> String {
    match method {
        AuthMethod::ApiToken => "api-token",
        AuthMethod::Basic => "basic",
        AuthMethod::Pat => "pat",
        AuthMethod::OAuth1 => "oauth1",
        AuthMethod::OAuth2 => "oauth2",
    }
    .to_owned()
}

fn method_of(auth: AuthArg) -> AuthMethod {
    match auth {
        AuthArg::ApiToken => AuthMethod::ApiToken,
        AuthArg::Basic => AuthMethod::Basic,
        AuthArg::Pat => AuthMethod::Pat,
        AuthArg::Oauth1 => AuthMethod::OAuth1,
        AuthArg::Oauth2 => AuthMethod::OAuth2,
    }
}

fn required<'a>(value: &'a Option<String>, flag: &str, auth: &str) -> Result<&'a str> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Error::InvalidInput(format!("--auth {auth} needs {flag}.")))
}

/// Probe, collect the credentials, validate them with `myself`, then save profile + secrets.
async fn add(ctx: &Ctx, args: &AddArgs) -> Result<Output> {
    // Saving would refuse a taken name anyway; asking first spares a browser dance or a PAT
    // created in Jira for nothing.
    if let Some(taken) = ctx.config()?.get(args.name.trim()) {
        return Err(Error::InvalidInput(format!(
            "There is already a connection named \"{}\"; choose another name.",
            taken.name
        )));
    }
    let probed = probe_url(&args.url, &args.network.settings()).await?;
    // Refused before any secret is read or any browser opened.
    check_method_fits(probed.deployment, method_of(args.auth))?;
    let Credentials {
        auth,
        secrets,
        created_pat,
    } = credentials(ctx, args, &probed).await?;
    let connection = Connection {
        id: new_connection_id(),
        name: args.name.clone(),
        base_url: probed.base_url.clone(),
        deployment: probed.deployment,
        version: Some(probed.version.clone()),
        auth,
        network: args.network.settings(),
    };
    let store = ctx.config_store();
    let saved = match validate(connection, &secrets, ctx.client_config.clone()).await {
        Ok(validated) => connections::save_new(
            &store,
            ctx.secrets.as_ref(),
            validated.connection.clone(),
            &secrets,
        )
        .map(|config| (validated, config)),
        Err(e) => Err(e),
    };
    let (validated, mut config) = match saved {
        Ok(saved) => saved,
        Err(e) => {
            if let Some(created) = created_pat {
                created.revoke(args, &probed.base_url).await;
            }
            return Err(e);
        }
    };
    if args.make_default {
        config.set_default(&validated.connection.id)?;
        store.save(&config)?;
    }
    let is_default = config.default_connection.as_deref() == Some(&validated.connection.id);
    let text = format!(
        "Connected to {} as {}; saved as \"{}\"{}.",
        validated.connection.base_url,
        validated.user.label(),
        validated.connection.name,
        if is_default { " (default)" } else { "" }
    );
    Ok(Output::new(
        &json!({ "connection": validated.connection, "user": validated.user, "default": is_default }),
        text,
    ))
}

/// What `connection add` collected before validating.
struct Credentials {
    auth: AuthSettings,
    secrets: Vec<(SecretKind, Sensitive<String>)>,
    /// A token `--create` made in Jira, to revoke if the connection is not saved.
    created_pat: Option<CreatedPat>,
}

/// A personal access token Jiffy created, with the login that created it (kept in memory
/// only until the connection is saved, to revoke the token otherwise).
struct CreatedPat {
    id: u64,
    username: String,
    password: Sensitive<String>,
}

impl CreatedPat {
    /// Revokes the token so no unused token is left in Jira. Best effort: the error that
    /// stopped the connection is what the user sees, so a failure here is only logged.
    async fn revoke(&self, args: &AddArgs, base_url: &str) {
        let revoked = match build_client(&ClientOptions::new(APP_VERSION, &args.network.settings()))
        {
            Ok(http) => {
                pat::revoke_token(&http, base_url, &self.username, &self.password, self.id).await
            }
            Err(e) => Err(e),
        };
        match revoked {
            Ok(()) => tracing::info!(
                token_id = self.id,
                "revoked the personal access token created for the unsaved connection"
            ),
            Err(e) => tracing::warn!(
                token_id = self.id,
                "could not revoke the personal access token created for the unsaved \
                 connection; revoke it in Jira (Profile > Personal Access Tokens): {e}"
            ),
        }
    }
}

impl Credentials {
    fn plain(auth: AuthSettings, secrets: Vec<(SecretKind, Sensitive<String>)>) -> Self {
        Credentials {
            auth,
            secrets,
            created_pat: None,
        }
    }
}

/// The auth settings and secrets of `connection add`, read from stdin or the env vars.
async fn credentials(ctx: &Ctx, args: &AddArgs, probed: &ProbeResult) -> Result<Credentials> {
    let input = &ctx.input;
    match args.auth {
        AuthArg::ApiToken => {
            let email = required(&args.email, "--email", "api-token")?;
            let token = input.read(args.token_stdin, "JIFFY_TOKEN", "API token")?;
            let auth = AuthSettings::ApiToken {
                email: email.to_owned(),
                cloud_id: None,
                use_gateway: false,
            };
            Ok(Credentials::plain(
                auth,
                vec![(SecretKind::ApiToken, token)],
            ))
        }
        AuthArg::Basic => {
            let username = required(&args.user, "--user", "basic")?;
            let password = input.read(args.password_stdin, "JIFFY_PASSWORD", "password")?;
            let auth = AuthSettings::Basic {
                username: username.to_owned(),
            };
            Ok(Credentials::plain(
                auth,
                vec![(SecretKind::Password, password)],
            ))
        }
        AuthArg::Pat if args.create => {
            let username = required(&args.user, "--user", "pat --create")?;
            let password = input.read(args.password_stdin, "JIFFY_PASSWORD", "password")?;
            let http = build_client(&ClientOptions::new(APP_VERSION, &args.network.settings()))?;
            // The password is never stored: only the new token is. It stays in memory until
            // the connection is saved, to revoke the token if that fails.
            let created = pat::create_token(
                &http,
                &probed.base_url,
                username,
                &password,
                &args.token_name,
                args.expiry_days,
            )
            .await?;
            let auth = AuthSettings::Pat {
                username: Some(username.to_owned()),
            };
            Ok(Credentials {
                auth,
                secrets: vec![(SecretKind::PersonalAccessToken, created.token)],
                created_pat: created.id.map(|id| CreatedPat {
                    id,
                    username: username.to_owned(),
                    password,
                }),
            })
        }
        AuthArg::Pat => {
            let token = input.read(args.token_stdin, "JIFFY_TOKEN", "personal access token")?;
            let auth = AuthSettings::Pat {
                username: args.user.clone(),
            };
            Ok(Credentials::plain(
                auth,
                vec![(SecretKind::PersonalAccessToken, token)],
            ))
        }
        AuthArg::Oauth1 => crate::oauth::oauth1(ctx, args, probed)
            .await
            .map(|(auth, secrets)| Credentials::plain(auth, secrets)),
        AuthArg::Oauth2 => crate::oauth::oauth2(ctx, args, probed)
            .await
            .map(|(auth, secrets)| Credentials::plain(auth, secrets)),
    }
}

fn list(ctx: &Ctx) -> Result<Output> {
    let config = ctx.config()?;
    let default = config.default_connection.clone();
    let rows: Vec<Vec<String>> = config
        .connections
        .iter()
        .map(|c| {
            let mark = if default.as_deref() == Some(&c.id) {
                "*"
            } else {
                ""
            };
            vec![
                mark.to_owned(),
                c.name.clone(),
                format!("{:?}", c.deployment),
                method_name(c.auth.method()),
                c.base_url.clone(),
            ]
        })
        .collect();
    let text = if rows.is_empty() {
        "No connections yet: add one with `jiffy-cli connection add`.".to_owned()
    } else {
        table(&["", "NAME", "DEPLOYMENT", "AUTH", "URL"], &rows)
    };
    Ok(Output::new(&config, text))
}

fn describe(c: &Connection) -> String {
    format!(
        "Name:        {}\nId:          {}\nURL:         {}\nDeployment:  {:?}\nVersion:     {}\n\
         Auth:        {}",
        c.name,
        c.id,
        c.base_url,
        c.deployment,
        c.version.as_deref().unwrap_or("unknown"),
        method_name(c.auth.method())
    )
}

/// Signs in with the saved secrets (GET myself); remembers a switch to the Cloud gateway.
async fn test(ctx: &Ctx, name: Option<&str>) -> Result<Output> {
    let client = ctx.client(name)?;
    let user = ops::myself(&client).await?;
    if let Some(cloud_id) = client.gateway_switch() {
        let mut connection = client.connection().clone();
        if let AuthSettings::ApiToken {
            cloud_id: id,
            use_gateway,
            ..
        } = &mut connection.auth
        {
            *id = Some(cloud_id);
            *use_gateway = true;
        }
        let store = ctx.config_store();
        let mut config = store.load()?;
        config.update(connection)?;
        store.save(&config)?;
    }
    let text = format!(
        "\"{}\" works: signed in as {}.",
        client.connection().name,
        user.label()
    );
    Ok(Output::new(
        &json!({ "connection": client.connection().name, "ok": true, "user": user }),
        text,
    ))
}
