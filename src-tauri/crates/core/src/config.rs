//! Connection profiles: everything about a connection except its secrets.
//!
//! Stored as one JSON file, `connections.json`, in the config directory the caller gives (the
//! app's config dir, or the CLI's `--config-dir`). Secrets never appear here: they live in the
//! keyring under the connection's `id` (see [`crate::secrets`]). The file is replaced
//! atomically (temp file in the same directory + rename) so a crash cannot leave half a file.

use crate::error::{Error, Result};
use crate::store_file::{io_error, write_atomic};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The schema version this build writes; files from a newer Jiffy are refused, not mangled.
pub const CONFIG_SCHEMA_VERSION: u32 = 1;

/// The file name inside the config directory.
pub const CONFIG_FILE_NAME: &str = "connections.json";

/// What kind of Jira a connection points at; it decides the API version and the auth methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Deployment {
    /// Jira Cloud (`*.atlassian.net`), REST v3.
    Cloud,
    /// Jira Data Center, REST v2.
    DataCenter,
    /// Jira Server (the discontinued single-node edition), REST v2.
    Server,
}

/// Where the OAuth 1.0a authorization sends the user back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "camelCase")]
#[ts(export)]
pub enum OAuth1Callback {
    /// To the loopback listener on 127.0.0.1 at this port.
    Loopback {
        /// The fixed port of the loopback listener.
        port: u16,
    },
    /// Out of band: Jira shows a verification code that the user types in.
    Oob,
}

/// The auth method of a connection with its non-secret settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "method", rename_all = "camelCase")]
#[ts(export)]
pub enum AuthSettings {
    /// Cloud: Basic `email:api-token`.
    #[serde(rename_all = "camelCase")]
    ApiToken {
        /// The Atlassian account email.
        email: String,
        /// The site's cloud id, once known (needed for scoped tokens).
        #[serde(default)]
        cloud_id: Option<String>,
        /// Whether requests go through `api.atlassian.com/ex/jira/{cloudId}` (scoped tokens).
        #[serde(default)]
        use_gateway: bool,
    },
    /// Data Center / Server: Basic `username:password`.
    #[serde(rename_all = "camelCase")]
    Basic {
        /// The Jira username.
        username: String,
    },
    /// Data Center 8.14+: Bearer personal access token.
    #[serde(rename_all = "camelCase")]
    Pat {
        /// The user the token belongs to, when known (shown only).
        #[serde(default)]
        username: Option<String>,
    },
    /// Data Center / Server: OAuth 1.0a (RSA-SHA1) through an Application Link.
    #[serde(rename = "oauth1", rename_all = "camelCase")]
    OAuth1 {
        /// The consumer key entered in Jira's Application Link.
        consumer_key: String,
        /// Where Jira sends the user after authorizing.
        callback: OAuth1Callback,
    },
    /// OAuth 2.0 authorization code: Cloud 3LO or Data Center 8.22+.
    #[serde(rename = "oauth2", rename_all = "camelCase")]
    OAuth2 {
        /// The OAuth app's client id.
        client_id: String,
        /// The scopes asked for.
        scopes: Vec<String>,
        /// The fixed 127.0.0.1 port of the redirect URI (Atlassian matches it exactly).
        redirect_port: u16,
        /// A redirect URI used instead of the loopback one, e.g. the app's
        /// `jiffy://oauth/callback` deep link.
        #[serde(default)]
        redirect_uri: Option<String>,
        /// Cloud: the chosen site's cloud id (from accessible-resources).
        #[serde(default)]
        cloud_id: Option<String>,
        /// Cloud: the authorization server, `https://auth.atlassian.com` unless testing.
        #[serde(default)]
        auth_host: Option<String>,
        /// Cloud: the API gateway, `https://api.atlassian.com` unless testing.
        #[serde(default)]
        api_host: Option<String>,
    },
}

/// Network settings of one connection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkSettings {
    /// A PEM file with extra CA certificates to trust (an on-prem site with a private CA).
    #[serde(default)]
    pub ca_cert_path: Option<String>,
    /// An explicit HTTP(S) proxy URL; `None` means the usual proxy environment variables.
    #[serde(default)]
    pub proxy: Option<String>,
}

/// One Jira connection profile (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Connection {
    /// Stable id; the keyring key of this connection's secrets. Never changes.
    pub id: String,
    /// The name the user gave it (unique, case-insensitively).
    pub name: String,
    /// Canonical base URL, no trailing slash (e.g. `https://jira.corp/jira`).
    pub base_url: String,
    /// Cloud, Data Center or Server.
    pub deployment: Deployment,
    /// Jira's version as reported by serverInfo, when known.
    #[serde(default)]
    pub version: Option<String>,
    /// How to authenticate.
    pub auth: AuthSettings,
    /// TLS and proxy settings.
    #[serde(default)]
    pub network: NetworkSettings,
}

/// All connection profiles and which one is the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Config {
    /// Format version of the file ([`CONFIG_SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Id of the default connection.
    #[serde(default)]
    pub default_connection: Option<String>,
    /// The connections, in the order they were added.
    #[serde(default)]
    pub connections: Vec<Connection>,
    /// The app's preferences (the CLI ignores them).
    #[serde(default)]
    pub preferences: Preferences,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schema_version: CONFIG_SCHEMA_VERSION,
            default_connection: None,
            connections: Vec::new(),
            preferences: Preferences::default(),
        }
    }
}

/// The desktop app's preferences, kept with the connections so one file holds the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Preferences {
    /// Closing the main window hides it and Jiffy keeps running watches from the tray
    /// (`true`), or closing it quits (`false`).
    #[serde(default = "yes")]
    pub keep_running_in_tray: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            keep_running_in_tray: true,
        }
    }
}

/// serde's default for a flag that is on unless the file says otherwise.
fn yes() -> bool {
    true
}

/// A fresh random connection id (16 hex digits): names may change, ids never do.
pub fn new_connection_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

impl Config {
    /// Finds a connection by id or by name (case-insensitive).
    pub fn get(&self, id_or_name: &str) -> Option<&Connection> {
        self.connections
            .iter()
            .find(|c| c.id == id_or_name)
            .or_else(|| {
                self.connections
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(id_or_name))
            })
    }

    /// The default connection, if any.
    pub fn default_connection(&self) -> Option<&Connection> {
        let id = self.default_connection.as_deref()?;
        self.connections.iter().find(|c| c.id == id)
    }

    /// Adds a connection; the first one becomes the default.
    ///
    /// Errors: [`Error::InvalidInput`] for an empty name or a name/id already in use.
    pub fn add(&mut self, connection: Connection) -> Result<()> {
        let name = connection.name.trim();
        if name.is_empty() {
            return Err(Error::InvalidInput("A connection needs a name.".into()));
        }
        if self
            .connections
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(name))
        {
            return Err(Error::InvalidInput(format!(
                "There is already a connection named \"{name}\"; choose another name."
            )));
        }
        if self.connections.iter().any(|c| c.id == connection.id) {
            return Err(Error::InvalidInput(format!(
                "A connection with id {} already exists.",
                connection.id
            )));
        }
        let connection = Connection {
            name: name.to_owned(),
            ..connection
        };
        if self.default_connection().is_none() {
            self.default_connection = Some(connection.id.clone());
        }
        self.connections.push(connection);
        Ok(())
    }

    /// Replaces the stored profile that has the same id (after a reconnect or a rename).
    ///
    /// Errors: [`Error::NotFound`] if no connection has that id; [`Error::InvalidInput`] if the
    /// new name is empty or taken by another connection.
    pub fn update(&mut self, connection: Connection) -> Result<()> {
        let name = connection.name.trim().to_owned();
        if name.is_empty() {
            return Err(Error::InvalidInput("A connection needs a name.".into()));
        }
        if self
            .connections
            .iter()
            .any(|c| c.id != connection.id && c.name.eq_ignore_ascii_case(&name))
        {
            return Err(Error::InvalidInput(format!(
                "There is already a connection named \"{name}\"; choose another name."
            )));
        }
        let slot = self
            .connections
            .iter_mut()
            .find(|c| c.id == connection.id)
            .ok_or_else(|| Error::NotFound(format!("connection {}", connection.id)))?;
        *slot = Connection { name, ..connection };
        Ok(())
    }

    /// Removes a connection by id or name and returns it (so the caller can delete its
    /// secrets). If it was the default, the first remaining connection becomes the default.
    ///
    /// Errors: [`Error::NotFound`] if there is no such connection.
    pub fn remove(&mut self, id_or_name: &str) -> Result<Connection> {
        let id = self
            .get(id_or_name)
            .map(|c| c.id.clone())
            .ok_or_else(|| Error::NotFound(format!("connection \"{id_or_name}\"")))?;
        let index = self
            .connections
            .iter()
            .position(|c| c.id == id)
            .unwrap_or_default();
        let removed = self.connections.remove(index);
        if self.default_connection.as_deref() == Some(removed.id.as_str()) {
            self.default_connection = self.connections.first().map(|c| c.id.clone());
        }
        Ok(removed)
    }

    /// Makes a connection (by id or name) the default.
    ///
    /// Errors: [`Error::NotFound`] if there is no such connection.
    pub fn set_default(&mut self, id_or_name: &str) -> Result<()> {
        let id = self
            .get(id_or_name)
            .map(|c| c.id.clone())
            .ok_or_else(|| Error::NotFound(format!("connection \"{id_or_name}\"")))?;
        self.default_connection = Some(id);
        Ok(())
    }
}

/// Reads and writes [`Config`] in a directory chosen by the caller.
#[derive(Debug, Clone)]
pub struct ConfigStore {
    dir: PathBuf,
}

impl ConfigStore {
    /// A store for `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ConfigStore { dir: dir.into() }
    }

    /// The path of the JSON file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(CONFIG_FILE_NAME)
    }

    /// Loads the profiles; a missing file is an empty configuration.
    ///
    /// Errors: [`Error::Internal`] when the file cannot be read or parsed;
    /// [`Error::InvalidInput`] when a newer Jiffy wrote it.
    pub fn load(&self) -> Result<Config> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(io_error("read", &path, &e)),
        };
        parse_config(&text, &path)
    }

    /// Writes the profiles atomically: a temp file in the same directory, flushed to disk,
    /// then renamed over the old file.
    ///
    /// Errors: [`Error::Internal`] when the directory or file cannot be written.
    pub fn save(&self, config: &Config) -> Result<()> {
        write_atomic(&self.dir, &self.path(), config, "the connections")
    }
}

fn parse_config(text: &str, path: &Path) -> Result<Config> {
    // Read the version first, so that a newer file is refused with a clear sentence instead of a
    // confusing parse error about a field this build does not know.
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Version {
        schema_version: Option<u32>,
    }
    let version: Version = serde_json::from_str(text).map_err(|e| {
        Error::Internal(format!(
            "{} is not a valid Jiffy configuration: {e}",
            path.display()
        ))
    })?;
    match version.schema_version {
        Some(v) if v > CONFIG_SCHEMA_VERSION => {
            return Err(Error::InvalidInput(format!(
                "{} was written by a newer Jiffy (schema {v}; this version reads up to \
                 {CONFIG_SCHEMA_VERSION}). Update Jiffy to use these connections.",
                path.display()
            )))
        }
        Some(_) => {}
        None => {
            return Err(Error::Internal(format!(
                "{} has no schemaVersion; it is not a Jiffy configuration",
                path.display()
            )))
        }
    }
    serde_json::from_str(text).map_err(|e| {
        Error::Internal(format!(
            "{} is not a valid Jiffy configuration: {e}",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests;
