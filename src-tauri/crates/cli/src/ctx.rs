//! What every command needs from its surroundings: where the config lives, where secrets
//! live, and where secrets typed by the user come from.

use jiffy_core::api::{ClientConfig, JiraClient};
use jiffy_core::config::{Config, ConfigStore, Connection};
use jiffy_core::ops::SearchProgress;
use jiffy_core::secrets::{SecretStore, Sensitive};
use jiffy_core::{Error, Result};
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The version sent in `User-Agent`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where secrets come from: stdin (when a `--…-stdin` flag asks for it) or an env var.
/// Secrets are never taken from the command line, where `ps` and shell history would see them.
pub struct SecretInput {
    stdin: Mutex<Option<Box<dyn Read + Send>>>,
    env: HashMap<String, String>,
}

impl SecretInput {
    /// Secrets from `stdin` and the given environment (`JIFFY_TOKEN`, `JIFFY_PASSWORD`, …).
    pub fn new(stdin: Box<dyn Read + Send>, env: HashMap<String, String>) -> Self {
        SecretInput {
            stdin: Mutex::new(Some(stdin)),
            env,
        }
    }

    /// The real process: its stdin and its `JIFFY_*` environment variables.
    pub fn from_process() -> Self {
        let env = std::env::vars()
            .filter(|(k, _)| k.starts_with("JIFFY_"))
            .collect();
        SecretInput::new(Box::new(std::io::stdin()), env)
    }

    /// Reads one line (e.g. an OAuth verifier typed in), trimmed; stdin stays open for more.
    ///
    /// Errors: [`Error::InvalidInput`] when stdin was consumed, is empty, or unreadable.
    pub fn read_line(&self, what: &str) -> Result<Sensitive<String>> {
        let mut guard = self.stdin.lock().unwrap_or_else(|p| p.into_inner());
        let reader = guard
            .as_mut()
            .ok_or_else(|| Error::InvalidInput(format!("stdin was already read; no {what}")))?;
        // Byte by byte so nothing after the line is swallowed by a buffer.
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            match reader.read(&mut byte) {
                Ok(0) => break,
                Ok(_) if byte[0] == b'\n' => break,
                Ok(_) => line.push(byte[0]),
                Err(e) => {
                    return Err(Error::InvalidInput(format!(
                        "could not read the {what}: {e}"
                    )))
                }
            }
        }
        let text = String::from_utf8_lossy(&line).trim().to_owned();
        if text.is_empty() {
            return Err(Error::InvalidInput(format!("No {what} was typed in.")));
        }
        Ok(Sensitive(text))
    }

    /// Reads one secret: all of stdin when `from_stdin` (trailing newline removed), else the
    /// env var `env_var`.
    ///
    /// Errors: [`Error::InvalidInput`] naming both ways when neither gave a non-empty value,
    /// or when stdin was already consumed by another secret.
    pub fn read(&self, from_stdin: bool, env_var: &str, what: &str) -> Result<Sensitive<String>> {
        let value = if from_stdin {
            let taken = self.stdin.lock().unwrap_or_else(|p| p.into_inner()).take();
            let mut reader = taken.ok_or_else(|| {
                Error::InvalidInput(format!(
                    "stdin was already read; pass the {what} in {env_var}"
                ))
            })?;
            let mut text = String::new();
            reader
                .read_to_string(&mut text)
                .map_err(|e| Error::InvalidInput(format!("could not read the {what}: {e}")))?;
            text.trim_end_matches(['\r', '\n']).to_owned()
        } else {
            self.env.get(env_var).cloned().unwrap_or_default()
        };
        if value.is_empty() {
            let flag = match what {
                "password" => "--password-stdin",
                "client secret" => "--client-secret-stdin",
                _ => "--token-stdin",
            };
            return Err(Error::InvalidInput(format!(
                "No {what} given: pipe it in with {flag} or set {env_var}."
            )));
        }
        Ok(Sensitive(value))
    }
}

/// Shows an authorization URL to the user: `(url, no_browser)`. The binary prints it on
/// stderr and opens the browser unless told not to; tests approve the consent page instead.
pub type Opener = Box<dyn Fn(&url::Url, bool) -> Result<()> + Send + Sync>;

/// Shows how far `search --all` has come. The binary writes a line to stderr (a JSON line
/// with `--json`), so stdout keeps the one result document.
pub type ProgressSink = Box<dyn Fn(SearchProgress) + Send + Sync>;

/// The line shown for a search's progress: `Fetched 200 of 250 issues…` (`~250` when the
/// total is Cloud's estimate).
pub fn progress_line(p: SearchProgress) -> String {
    match p.total {
        Some(total) => {
            let about = if p.exact { "" } else { "~" };
            format!("Fetched {} of {about}{total} issues…", p.fetched)
        }
        None => format!("Fetched {} issues…", p.fetched),
    }
}

/// The surroundings of one command run.
pub struct Ctx {
    /// Where `connections.json` lives.
    pub config_dir: PathBuf,
    /// The keyring (or an in-memory store in tests).
    pub secrets: Arc<dyn SecretStore>,
    /// Settings of every Jira client made.
    pub client_config: ClientConfig,
    /// Secrets typed by the user.
    pub input: SecretInput,
    /// How OAuth authorization URLs reach the user.
    pub opener: Opener,
    /// Where `search --all` reports its progress.
    pub progress: ProgressSink,
}

impl Ctx {
    /// A context with the default client settings.
    pub fn new(config_dir: PathBuf, secrets: Arc<dyn SecretStore>, input: SecretInput) -> Self {
        Ctx {
            config_dir,
            secrets,
            client_config: ClientConfig::new(APP_VERSION),
            input,
            opener: Box::new(|url, _| {
                eprintln!("Open this address to authorize Jiffy:\n{url}");
                Ok(())
            }),
            progress: Box::new(|p| eprintln!("{}", progress_line(p))),
        }
    }

    /// The config file's store.
    pub fn config_store(&self) -> ConfigStore {
        ConfigStore::new(&self.config_dir)
    }

    /// The saved configuration.
    ///
    /// Errors: as [`ConfigStore::load`].
    pub fn config(&self) -> Result<Config> {
        self.config_store().load()
    }

    /// The connection named (by name or id), or the default one.
    ///
    /// Errors: [`Error::NotFound`] for an unknown name; [`Error::InvalidInput`] when nothing
    /// is named and there is no default connection.
    pub fn connection(&self, name: Option<&str>) -> Result<Connection> {
        let config = self.config()?;
        match name {
            Some(name) => config.get(name).cloned().ok_or_else(|| {
                Error::NotFound(format!(
                    "connection \"{name}\" (see `jiffy-cli connection list`)"
                ))
            }),
            None => config.default_connection().cloned().ok_or_else(|| {
                Error::InvalidInput(
                    "There is no default connection: add one with `jiffy-cli connection add`, \
                     or pick one with --connection NAME."
                        .into(),
                )
            }),
        }
    }

    /// An API client for the named (or default) connection, secrets from the store.
    ///
    /// Errors: as [`Ctx::connection`] and [`JiraClient::new`].
    pub fn client(&self, name: Option<&str>) -> Result<JiraClient> {
        let connection = self.connection(name)?;
        JiraClient::new(
            connection,
            Arc::clone(&self.secrets),
            self.client_config.clone(),
        )
    }
}
