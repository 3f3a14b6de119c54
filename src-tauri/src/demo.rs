//! Demo mode: the embedded jiffy-sandbox, a Jira-compatible site on a loopback port, so a
//! newcomer can run the real wizard and manage issues with no Jira at all.
//!
//! Each mode listens on a fixed port when it is free, so a saved demo connection still points
//! at the right place after a restart, and keeps its data under the app's data folder.

use jiffy_core::{Error, Result};
use jiffy_sandbox::{Config, Mode, Sandbox, Seed};
use serde::Serialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::sync::Mutex;
use ts_rs::TS;

/// The preferred ports (fall back to any free port when taken).
const DC_PORT: u16 = 47_011;
const CLOUD_PORT: u16 = 47_012;

/// Which demo site (the wizard shows both kinds of Jira).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DemoKind {
    /// Like Jira Data Center: passwords, PATs, OAuth 1.0a and 2.0.
    DataCenter,
    /// Like Jira Cloud: API tokens and OAuth 2.0 (3LO).
    Cloud,
}

/// One demo account and the credentials the demo site accepts for it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DemoAccount {
    /// Full name.
    pub display_name: String,
    /// Login name (Data Center).
    pub username: String,
    /// Email (the Cloud login).
    pub email: String,
    /// Password (Data Center).
    pub password: String,
    /// API token (Cloud).
    pub api_token: String,
}

/// A running demo site and what to type into the wizard for it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DemoSite {
    /// Which kind.
    pub kind: DemoKind,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The demo accounts (the first is an administrator).
    pub accounts: Vec<DemoAccount>,
    /// The OAuth 2.0 app the demo site knows (Cloud 3LO app, or DC incoming link).
    pub oauth2_client_id: Option<String>,
    /// Its client secret.
    pub oauth2_client_secret: Option<String>,
}

/// The demo sites started so far.
pub struct DemoSites {
    data_dir: PathBuf,
    running: Mutex<HashMap<DemoKind, (Sandbox, DemoSite)>>,
}

impl DemoSites {
    /// Demo sites keeping their data under `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        DemoSites {
            data_dir,
            running: Mutex::default(),
        }
    }

    /// Starts the demo site of `kind` (or returns the running one).
    ///
    /// Errors: [`Error::Internal`] when no loopback port can be bound or the data folder
    /// cannot be used.
    pub async fn start(&self, kind: DemoKind) -> Result<DemoSite> {
        let mut running = self.running.lock().await;
        if let Some((_, site)) = running.get(&kind) {
            return Ok(site.clone());
        }
        let (mode, port, folder) = match kind {
            DemoKind::DataCenter => (Mode::DataCenter, DC_PORT, "datacenter"),
            DemoKind::Cloud => (Mode::Cloud, CLOUD_PORT, "cloud"),
        };
        let data_dir = self.data_dir.join(folder);
        std::fs::create_dir_all(&data_dir).map_err(|e| {
            Error::Internal(format!(
                "could not create the demo folder {}: {e}",
                data_dir.display()
            ))
        })?;
        let config = |port: u16| Config {
            mode,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            data_dir: Some(data_dir.clone()),
            seed: Seed::Demo,
            ..Config::default()
        };
        let sandbox = match Sandbox::start(config(port)).await {
            Ok(s) => s,
            // The fixed port is taken (another Jiffy, another program): any port will do.
            Err(_) => Sandbox::start(config(0))
                .await
                .map_err(|e| Error::Internal(format!("the demo site could not start: {e:#}")))?,
        };
        let info = sandbox.info();
        let site = DemoSite {
            kind,
            base_url: info.base_url.clone(),
            accounts: info
                .users
                .iter()
                .map(|u| DemoAccount {
                    display_name: u.display_name.clone(),
                    username: u.username.clone(),
                    email: u.email.clone(),
                    password: u.password.clone(),
                    api_token: u.api_token.clone(),
                })
                .collect(),
            oauth2_client_id: Some(info.oauth2.as_ref().map_or_else(
                || jiffy_sandbox::DC_OAUTH2_CLIENT_ID.to_owned(),
                |o| o.client_id.clone(),
            )),
            oauth2_client_secret: Some(info.oauth2.as_ref().map_or_else(
                || jiffy_sandbox::DC_OAUTH2_CLIENT_SECRET.to_owned(),
                |o| o.client_secret.clone(),
            )),
        };
        running.insert(kind, (sandbox, site.clone()));
        Ok(site)
    }

    /// The demo site a saved connection's URL would point at, if any.
    pub fn kind_for_url(base_url: &str) -> Option<DemoKind> {
        let url = url::Url::parse(base_url).ok()?;
        if url.host_str() != Some("127.0.0.1") {
            return None;
        }
        match url.port()? {
            DC_PORT => Some(DemoKind::DataCenter),
            CLOUD_PORT => Some(DemoKind::Cloud),
            _ => None,
        }
    }

    /// Stops every demo site (on exit), flushing their data.
    pub async fn stop_all(&self) {
        let mut running = self.running.lock().await;
        for (_, (sandbox, _)) in running.drain() {
            sandbox.shutdown().await;
        }
    }
}
