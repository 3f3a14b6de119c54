//! What the app keeps between commands: where connections are saved, the keyring, the
//! wizard's in-memory steps and the demo sites.

use crate::demo::DemoSites;
use jiffy_core::api::{ClientConfig, JiraClient};
use jiffy_core::config::{ConfigStore, Connection};
use jiffy_core::drafts::DraftStore;
use jiffy_core::saved_searches::SavedSearchStore;
use jiffy_core::secrets::SecretStore;
use jiffy_core::watches::Watches;
use jiffy_core::wizard::session::WizardEngine;
use jiffy_core::Result;
use std::path::PathBuf;
use std::sync::Arc;

/// The app's state, managed by Tauri (`State<'_, AppState>` in commands).
pub struct AppState {
    /// The connection profiles (`connections.json` in the app's config folder).
    pub config: ConfigStore,
    /// Where secrets live: the OS keyring in the app, memory in tests.
    pub secrets: Arc<dyn SecretStore>,
    /// Version and limits of every Jira client the app makes.
    pub client_config: ClientConfig,
    /// The wizard between its steps.
    pub wizard: WizardEngine,
    /// The embedded demo sites, started on demand.
    pub demo: DemoSites,
    /// Drafts of unsent creates and comments (`drafts/` in the app's data folder).
    pub drafts: DraftStore,
    /// Saved searches and recent issues (`saved/` in the app's data folder).
    pub saved_searches: SavedSearchStore,
    /// JQL watches and what they remember (in the config folder, shared with jiffy-cli).
    pub watches: Watches,
    /// Wakes the watch runner (a watch was saved, or "Check now").
    pub watch_wake: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// State over the given folders and secret store.
    pub fn new(
        config_dir: PathBuf,
        data_dir: PathBuf,
        secrets: Arc<dyn SecretStore>,
        app_version: &str,
    ) -> Self {
        let client_config = ClientConfig::new(app_version);
        AppState {
            watches: Watches::new(config_dir.clone()),
            watch_wake: Arc::new(tokio::sync::Notify::new()),
            config: ConfigStore::new(config_dir),
            secrets,
            wizard: WizardEngine::new(client_config.clone()),
            client_config,
            demo: DemoSites::new(data_dir.join("demo")),
            drafts: DraftStore::new(data_dir.join("drafts")),
            saved_searches: SavedSearchStore::new(data_dir.join("saved")),
        }
    }

    /// A saved connection by id or name.
    ///
    /// Errors: `NotFound`; file errors.
    pub fn connection(&self, id_or_name: &str) -> Result<Connection> {
        let config = self.config.load()?;
        config.get(id_or_name).cloned().ok_or_else(|| {
            jiffy_core::Error::NotFound(format!("there is no connection \"{id_or_name}\""))
        })
    }

    /// Like [`AppState::client`], first starting the demo site a demo connection points at
    /// (after a restart, say), so every command works on demo connections.
    ///
    /// Errors: as [`AppState::client`]; `Internal` when the demo site cannot start.
    pub async fn live_client(&self, id_or_name: &str) -> Result<JiraClient> {
        if let Ok(saved) = self.connection(id_or_name) {
            if let Some(kind) = crate::demo::DemoSites::kind_for_url(&saved.base_url) {
                self.demo.start(kind).await?;
            }
        }
        self.client(id_or_name)
    }

    /// A Jira client for a saved connection, signing with its keyring secrets.
    ///
    /// Errors: as [`AppState::connection`] and [`JiraClient::new`].
    pub fn client(&self, id_or_name: &str) -> Result<JiraClient> {
        let connection = self.connection(id_or_name)?;
        JiraClient::new(connection, self.secrets.clone(), self.client_config.clone())
    }
}
