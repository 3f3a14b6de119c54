//! jiffy-sandbox: a stateful, Jira-compatible local site.
//!
//! It is Jiffy's demo mode and the ground truth of its tests. It shares no code with
//! `jiffy-core`: the two sides of the wire are written independently on purpose.
//!
//! Start one with [`Sandbox::start`]; the crate README lists every endpoint and a `curl`
//! walk-through.

pub mod jql;
pub mod oauth1;

mod auth;
mod error;
mod faults;
mod model;
mod persist;
mod render;
mod routes;
mod seed;
mod server;
mod store;
mod time_fmt;

/// The Data Center OAuth 2.0 client (incoming application link) the demo seed registers.
pub use auth::oauth2_dc::{
    DC_CLIENT_ID as DC_OAUTH2_CLIENT_ID, DC_CLIENT_SECRET as DC_OAUTH2_CLIENT_SECRET,
};

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::Serialize;

/// Which kind of Jira the sandbox pretends to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Jira Cloud: REST v3 (ADF) and v2, accountIds, API tokens, OAuth 2.0 (3LO).
    Cloud,
    /// Jira Data Center: REST v2, usernames, passwords, PATs, OAuth 1.0a and OAuth 2.0.
    #[serde(rename = "datacenter")]
    DataCenter,
}

/// What the sandbox is filled with at start (unless `--data` already holds state).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seed {
    /// Three projects, ~150 realistic issues, users with different permissions.
    Demo,
    /// The demo users and catalog plus N deterministic issues in one project, for benchmarks.
    Bench(usize),
    /// The demo users and catalog, with no issues.
    Empty,
}

/// Everything `Sandbox::start` needs; `Default` is Data Center, demo seed, `127.0.0.1:0`.
#[derive(Clone, Debug)]
pub struct Config {
    /// Cloud or Data Center.
    pub mode: Mode,
    /// Address to bind; port 0 picks a free one.
    pub addr: SocketAddr,
    /// Directory for the SQLite file; `None` keeps everything in memory.
    pub data_dir: Option<PathBuf>,
    /// Initial content when the data directory is empty (or absent).
    pub seed: Seed,
    /// Added delay on every request, in milliseconds.
    pub latency_ms: u64,
    /// Random extra delay, uniformly 0..=jitter_ms.
    pub jitter_ms: u64,
    /// Requests per second allowed before answering 429 with `Retry-After`.
    pub rate_limit_per_sec: Option<u32>,
    /// Probability (0..=1) that a request fails with a 503 or a dropped connection.
    pub fail_rate: f64,
    /// Version reported by serverInfo (DC default 9.12.15, Cloud 1001.0.0-SNAPSHOT).
    pub version: Option<String>,
    /// Lifetime of OAuth 2.0 access tokens (both modes); Atlassian's default is one hour.
    pub access_token_ttl_secs: u64,
    /// DC's `atlassian.oauth2.provider.skip.redirect.url.https.requirement`.
    pub oauth2_skip_https_requirement: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::DataCenter,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: None,
            seed: Seed::Demo,
            latency_ms: 0,
            jitter_ms: 0,
            rate_limit_per_sec: None,
            fail_rate: 0.0,
            version: None,
            access_token_ttl_secs: 3600,
            oauth2_skip_https_requirement: true,
        }
    }
}

/// A seeded user and every credential the sandbox accepts for them.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoUser {
    /// DC login name.
    pub username: String,
    /// DC user key.
    pub key: String,
    /// Cloud account id.
    pub account_id: String,
    /// Full name.
    pub display_name: String,
    /// Email address (the Cloud login).
    pub email: String,
    /// Password (DC Basic auth; refused by Cloud).
    pub password: String,
    /// Cloud API token (Basic auth with the email).
    pub api_token: String,
}

/// The OAuth 2.0 (3LO) app the cloud-mode sandbox accepts.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuth2ClientInfo {
    /// `client_id` of the registered app.
    pub client_id: String,
    /// `client_secret` of the registered app (required by the token endpoint).
    pub client_secret: String,
    /// The site's cloud id (gateway path `/ex/jira/{cloudId}/...`).
    pub cloud_id: String,
}

/// What a started sandbox tells its caller; the binary prints it as one JSON line.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartInfo {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base_url: String,
    /// The mode it runs in.
    pub mode: Mode,
    /// Seeded users with their credentials.
    pub users: Vec<DemoUser>,
    /// Cloud only: the OAuth 2.0 client it accepts.
    pub oauth2: Option<OAuth2ClientInfo>,
}

/// A running sandbox; drop it or call [`Sandbox::shutdown`] to stop.
pub struct Sandbox {
    info: StartInfo,
    running: server::Running,
}

impl Sandbox {
    /// Seeds (or loads) the state, binds the address and starts serving.
    ///
    /// Errors when the address cannot be bound or the data directory cannot be opened.
    pub async fn start(config: Config) -> anyhow::Result<Sandbox> {
        let (info, running) = server::start(config).await?;
        Ok(Sandbox { info, running })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.info.base_url
    }

    /// The start-up information (users, credentials, OAuth client).
    pub fn info(&self) -> &StartInfo {
        &self.info
    }

    /// Stops accepting connections, lets in-flight requests finish and flushes `--data`.
    pub async fn shutdown(self) {
        self.running.shutdown().await;
    }
}
