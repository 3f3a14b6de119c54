//! Test support for the end-to-end tests in `tests/`: start a sandbox, make a connection
//! profile and a [`JiraClient`] with its secrets in an [`InMemoryStore`], and stand in for the
//! browser on the sandbox's authorize pages.

use jiffy_core::api::{ClientConfig, JiraClient};
use jiffy_core::config::{AuthSettings, Connection, Deployment, NetworkSettings};
use jiffy_core::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use jiffy_sandbox::{Config, DemoUser, Mode, Sandbox};
use std::sync::Arc;

pub mod browser;
pub mod scenario;

/// A started sandbox (demo seed, 127.0.0.1:0) in `mode`.
///
/// # Panics
/// When the sandbox cannot start: the test cannot run at all then.
pub async fn start(mode: Mode) -> Sandbox {
    start_with(Config {
        mode,
        ..Config::default()
    })
    .await
}

/// A started sandbox with a custom configuration.
///
/// # Panics
/// When the sandbox cannot start.
pub async fn start_with(config: Config) -> Sandbox {
    Sandbox::start(config)
        .await
        .unwrap_or_else(|e| panic!("the sandbox did not start: {e:#}"))
}

/// The demo user `username` (admin, alice, bob, carol, dave).
///
/// # Panics
/// For a name the sandbox did not seed.
pub fn user<'a>(sandbox: &'a Sandbox, username: &str) -> &'a DemoUser {
    sandbox
        .info()
        .users
        .iter()
        .find(|u| u.username == username)
        .unwrap_or_else(|| panic!("no demo user {username}"))
}

/// The deployment jiffy-core should see for a sandbox mode.
pub fn deployment(sandbox: &Sandbox) -> Deployment {
    match sandbox.info().mode {
        Mode::Cloud => Deployment::Cloud,
        _ => Deployment::DataCenter,
    }
}

/// A connection profile to the sandbox with `auth`.
pub fn connection(sandbox: &Sandbox, id: &str, auth: AuthSettings) -> Connection {
    Connection {
        id: id.to_owned(),
        name: id.to_owned(),
        base_url: sandbox.base_url().to_owned(),
        deployment: deployment(sandbox),
        version: None,
        auth,
        network: NetworkSettings::default(),
    }
}

/// The client settings for tests: the gateway is the sandbox itself.
pub fn client_config(sandbox: &Sandbox) -> ClientConfig {
    let mut config = ClientConfig::new("0.0.0-test");
    config.api_host = sandbox.base_url().to_owned();
    config
}

/// Stores `secrets` for `connection` in `store` and builds its client.
///
/// # Panics
/// When the client cannot be built (a bug in the test's profile).
pub fn client_with(
    sandbox: &Sandbox,
    connection: Connection,
    store: Arc<InMemoryStore>,
    secrets: &[(SecretKind, &str)],
) -> JiraClient {
    for (kind, value) in secrets {
        store
            .set(&connection.id, *kind, &Sensitive((*value).to_owned()))
            .unwrap_or_else(|e| panic!("in-memory store: {e}"));
    }
    JiraClient::new(connection, store, client_config(sandbox))
        .unwrap_or_else(|e| panic!("client: {e}"))
}

/// A client signed in as demo user `username` the simplest way: Cloud API token (Basic
/// `email:token`) or Data Center password (Basic `username:password`).
pub fn basic_client(sandbox: &Sandbox, username: &str) -> JiraClient {
    let user = user(sandbox, username);
    let store = Arc::new(InMemoryStore::new());
    match sandbox.info().mode {
        Mode::Cloud => client_with(
            sandbox,
            connection(
                sandbox,
                &format!("cloud-{username}"),
                AuthSettings::ApiToken {
                    email: user.email.clone(),
                    cloud_id: None,
                    use_gateway: false,
                },
            ),
            store,
            &[(SecretKind::ApiToken, &user.api_token)],
        ),
        _ => client_with(
            sandbox,
            connection(
                sandbox,
                &format!("dc-{username}"),
                AuthSettings::Basic {
                    username: user.username.clone(),
                },
            ),
            store,
            &[(SecretKind::Password, &user.password)],
        ),
    }
}

/// A client with Basic `username:password` on any mode (to test refusals).
pub fn password_client(sandbox: &Sandbox, username: &str, password: &str) -> JiraClient {
    client_with(
        sandbox,
        connection(
            sandbox,
            &format!("pw-{username}"),
            AuthSettings::Basic {
                username: username.to_owned(),
            },
        ),
        Arc::new(InMemoryStore::new()),
        &[(SecretKind::Password, password)],
    )
}

/// Moves the sandbox's clock forward (token expiry) through its test control.
///
/// # Panics
/// When the control endpoint refuses.
pub async fn advance_clock(sandbox: &Sandbox, secs: u64) {
    sandbox_control(
        sandbox,
        reqwest::Method::PUT,
        "/rest/sandbox/clock",
        serde_json::json!({ "advanceSecs": secs }),
    )
    .await;
}

/// Calls one of the sandbox's test-only controls (`/rest/sandbox/...`, no auth) with a JSON
/// body; returns the JSON answer.
///
/// # Panics
/// When the control answers an error.
pub async fn sandbox_control(
    sandbox: &Sandbox,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", sandbox.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("sandbox control {path}: {e}"));
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(
        status.is_success(),
        "sandbox control {path}: {status} {text}"
    );
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}
