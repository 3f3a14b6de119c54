//! The two files of the watches (definitions and state) and the locks that keep the app and a
//! cron'd CLI from stepping on each other.

use super::{Watch, WatchNotification};
use crate::error::{Error, Result};
use crate::store_file::{io_error, move_aside, write_atomic};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The version of both files this build writes.
const SCHEMA_VERSION: u32 = 1;
const DEFS_FILE: &str = "watches.json";
const STATE_FILE: &str = "watch-state.json";
/// Held for a whole run, from the first request to the state commit.
const RUN_LOCK: &str = "watch-state.lock";
/// Held for each read-modify-write of either file (milliseconds, never across a request).
const FILE_LOCK: &str = "watch-state.file.lock";

/// `watches.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DefsFile {
    pub schema_version: u32,
    #[serde(default)]
    pub watches: Vec<Watch>,
}

/// `watch-state.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StateFile {
    pub schema_version: u32,
    /// Per watch id.
    #[serde(default)]
    pub watches: BTreeMap<String, WatchState>,
    /// Per connection id: backoff and the reconnect flag.
    #[serde(default)]
    pub connections: BTreeMap<String, ConnectionState>,
    /// Notifications not yet delivered, oldest first.
    #[serde(default)]
    pub outbox: Vec<WatchNotification>,
    /// Counter for notification ids (never reused).
    #[serde(default)]
    pub next_notification: u64,
}

/// What one watch remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct WatchState {
    /// The JQL `seen` belongs to: a changed query starts over.
    pub jql: String,
    /// Whether a first full run took the baseline.
    #[serde(default)]
    pub baseline: bool,
    pub last_run_at: Option<u64>,
    pub last_ok_at: Option<u64>,
    pub next_run_at: Option<u64>,
    pub last_error: Option<String>,
    #[serde(default)]
    pub unseen: u32,
    #[serde(default)]
    pub matching: u32,
    /// Issue key → the `updated` value last told (or first seen), for every current match.
    #[serde(default)]
    pub seen: BTreeMap<String, String>,
}

/// Why a connection is left alone for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) enum Block {
    RateLimited,
    Unreachable,
    AuthExpired,
}

/// What one connection remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ConnectionState {
    /// Consecutive runs that could not reach the site (for the backoff).
    #[serde(default)]
    pub failures: u32,
    /// No request to this connection before this time, ms since 1970.
    pub blocked_until: Option<u64>,
    /// Why it is blocked.
    pub block: Option<Block>,
    /// A reconnect notification was queued for the current expiry.
    #[serde(default)]
    pub reconnect_notified: bool,
}

/// The folder and an in-process lock (threads of one process share the file lock's owner).
#[derive(Debug)]
pub(super) struct Files {
    dir: PathBuf,
    lock: Mutex<()>,
}

impl Files {
    pub fn new(dir: PathBuf) -> Self {
        Files {
            dir,
            lock: Mutex::new(()),
        }
    }

    /// Runs `f` holding the short lock: every read-modify-write of either file goes through
    /// here so changes from another thread or process are never overwritten.
    ///
    /// Errors: [`Error::Internal`] when the lock file cannot be opened or locked; `f`'s own.
    pub fn locked<T>(&self, f: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let file = self.open_lock(FILE_LOCK)?;
        let path = self.dir.join(FILE_LOCK);
        file.lock().map_err(|e| io_error("lock", &path, &e))?;
        // The OS releases the lock when `file` is closed at the end of this function.
        f(self)
    }

    /// Waits (without blocking the async runtime) for the run lock; dropping the file
    /// releases it.
    ///
    /// Errors: [`Error::Internal`] when the lock file cannot be opened or locked.
    pub async fn run_lock(&self) -> Result<File> {
        let file = self.open_lock(RUN_LOCK)?;
        let path = self.dir.join(RUN_LOCK);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(TryLockError::Error(e)) => return Err(io_error("lock", &path, &e)),
            }
        }
    }

    fn open_lock(&self, name: &str) -> Result<File> {
        std::fs::create_dir_all(&self.dir).map_err(|e| io_error("create", &self.dir, &e))?;
        let path = self.dir.join(name);
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io_error("open", &path, &e))
    }

    /// The config folder the files live in (the connections are there too).
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    pub fn read_defs(&self) -> Result<DefsFile> {
        let file: DefsFile = read(&self.dir.join(DEFS_FILE), "watches file", |f: &DefsFile| {
            f.schema_version
        })?;
        Ok(file)
    }

    pub fn write_defs(&self, mut file: DefsFile) -> Result<()> {
        file.schema_version = SCHEMA_VERSION;
        write_atomic(&self.dir, &self.dir.join(DEFS_FILE), &file, "the watches")
    }

    pub fn read_state(&self) -> Result<StateFile> {
        read(
            &self.dir.join(STATE_FILE),
            "watch state file",
            |f: &StateFile| f.schema_version,
        )
    }

    pub fn write_state(&self, mut file: StateFile) -> Result<()> {
        file.schema_version = SCHEMA_VERSION;
        write_atomic(
            &self.dir,
            &self.dir.join(STATE_FILE),
            &file,
            "the watch state",
        )
    }
}

/// A file's contents: missing → empty; unreadable → moved aside, empty. A file from a newer
/// Jiffy is refused, not moved aside: an older app sharing the folder with a newer CLI must
/// not throw the newer one's watches away.
fn read<T: DeserializeOwned + Default>(
    path: &Path,
    what: &str,
    version: impl Fn(&T) -> u32,
) -> Result<T> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            move_aside(path, what, "it is not UTF-8 text")?;
            return Ok(T::default());
        }
        Err(e) => return Err(io_error("read", path, &e)),
    };
    // The version first: a newer file may not even parse as this build's types.
    let newer = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("schemaVersion").and_then(serde_json::Value::as_u64))
        .filter(|v| *v > u64::from(SCHEMA_VERSION));
    if let Some(v) = newer {
        return Err(Error::InvalidInput(format!(
            "{what} in {} were written by a newer Jiffy (format {v}); update Jiffy to use them",
            path.display()
        )));
    }
    match serde_json::from_str::<T>(&text) {
        Ok(file) if version(&file) <= SCHEMA_VERSION => Ok(file),
        Ok(file) => Err(Error::InvalidInput(format!(
            "{what} in {} were written by a newer Jiffy (format {}); update Jiffy to use them",
            path.display(),
            version(&file)
        ))),
        Err(e) => {
            move_aside(path, what, &e.to_string())?;
            Ok(T::default())
        }
    }
}

/// [`Error::NotFound`] for an unknown watch.
pub(super) fn missing(what: &str, id: &str) -> Error {
    Error::NotFound(format!("there is no {what} \"{id}\""))
}
