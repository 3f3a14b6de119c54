//! Saved searches (a named JQL query) and recently opened issues, per connection, kept on
//! disk so they survive a restart.
//!
//! One small JSON file (`saved-searches.json`) in a folder the caller chooses (the app's data
//! folder), written atomically (temp file + rename, as [`crate::drafts::DraftStore`] does). A
//! file that cannot be read back is moved aside (`saved-searches.json.corrupt-<seconds>`)
//! rather than crashing or being overwritten silently, and the store starts over empty.
//! Only names, JQL and issue keys are stored: never secrets.

use crate::error::{Error, Result};
use crate::store_file::{io_error, move_aside, now_millis, write_atomic};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// The version of the file this build writes.
const SCHEMA_VERSION: u32 = 1;
/// The file's name in the store's folder.
const FILE_NAME: &str = "saved-searches.json";
/// How many recently opened issues are remembered per connection.
pub const MAX_RECENT_ISSUES: usize = 10;
/// The longest name a saved search may have, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest JQL a saved search may hold, in bytes.
pub const MAX_JQL_BYTES: usize = 64 * 1024;

/// A named JQL query of one connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SavedSearch {
    /// The connection's id.
    pub connection: String,
    /// The name people gave it (unique per connection, ignoring case).
    pub name: String,
    /// The query.
    pub jql: String,
    /// When it was last saved, in milliseconds since 1970.
    #[ts(type = "number")]
    pub saved_at: u64,
}

/// An issue opened recently on one connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecentIssue {
    /// The connection's id.
    pub connection: String,
    /// The issue key, e.g. `DEMO-1`.
    pub key: String,
    /// Its summary when it was opened (may be empty).
    pub summary: String,
    /// When it was opened, in milliseconds since 1970.
    #[ts(type = "number")]
    pub opened_at: u64,
}

/// What the file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SavedFile {
    schema_version: u32,
    #[serde(default)]
    searches: Vec<SavedSearch>,
    #[serde(default)]
    recent: Vec<RecentIssue>,
}

/// Reads and writes saved searches and recent issues in a folder chosen by the caller. Safe
/// to share between threads: every change is a read-modify-write under one lock.
#[derive(Debug)]
pub struct SavedSearchStore {
    dir: PathBuf,
    lock: Mutex<()>,
}

impl SavedSearchStore {
    /// A store over `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        SavedSearchStore {
            dir: dir.into(),
            lock: Mutex::new(()),
        }
    }

    /// The connection's saved searches, by name.
    ///
    /// Errors: [`Error::Internal`] when the file cannot be read.
    pub fn list(&self, connection: &str) -> Result<Vec<SavedSearch>> {
        let _guard = self.locked();
        let mut found: Vec<SavedSearch> = self
            .read()?
            .searches
            .into_iter()
            .filter(|s| s.connection == connection.trim())
            .collect();
        found.sort_by_key(|s| s.name.to_lowercase());
        Ok(found)
    }

    /// Saves `jql` as `name` on `connection`, replacing the query of a search of that name.
    ///
    /// Errors: [`Error::InvalidInput`] for an empty connection, name or query, or one too
    /// long; [`Error::Internal`] when the file cannot be written.
    pub fn save(&self, connection: &str, name: &str, jql: &str) -> Result<SavedSearch> {
        let (connection, name) = (check_connection(connection)?, check_name(name)?);
        let jql = jql.trim();
        if jql.is_empty() {
            return Err(invalid("a saved search needs a query"));
        }
        if jql.len() > MAX_JQL_BYTES {
            return Err(invalid(&format!(
                "the query is too long (at most {MAX_JQL_BYTES} bytes)"
            )));
        }
        let search = SavedSearch {
            connection: connection.to_owned(),
            name: name.to_owned(),
            jql: jql.to_owned(),
            saved_at: now_millis(),
        };
        let _guard = self.locked();
        let mut file = self.read()?;
        file.searches
            .retain(|s| !(s.connection == connection && same_name(&s.name, name)));
        file.searches.push(search.clone());
        self.write(file)?;
        Ok(search)
    }

    /// Renames the search `from` to `to`.
    ///
    /// Errors: [`Error::NotFound`] when there is no search `from`; [`Error::InvalidInput`] for
    /// an empty or too long name, or one another search has; [`Error::Internal`] on file errors.
    pub fn rename(&self, connection: &str, from: &str, to: &str) -> Result<SavedSearch> {
        let (connection, to) = (check_connection(connection)?, check_name(to)?);
        let from = from.trim();
        let _guard = self.locked();
        let mut file = self.read()?;
        if !same_name(from, to)
            && file
                .searches
                .iter()
                .any(|s| s.connection == connection && same_name(&s.name, to))
        {
            return Err(invalid(&format!(
                "there is already a saved search \"{to}\""
            )));
        }
        let Some(search) = file
            .searches
            .iter_mut()
            .find(|s| s.connection == connection && same_name(&s.name, from))
        else {
            return Err(Error::NotFound(format!(
                "there is no saved search \"{from}\""
            )));
        };
        to.clone_into(&mut search.name);
        let renamed = search.clone();
        self.write(file)?;
        Ok(renamed)
    }

    /// Deletes the search `name`; whether there was one.
    ///
    /// Errors: [`Error::Internal`] when the file cannot be written.
    pub fn delete(&self, connection: &str, name: &str) -> Result<bool> {
        let _guard = self.locked();
        let mut file = self.read()?;
        let before = file.searches.len();
        file.searches
            .retain(|s| !(s.connection == connection.trim() && same_name(&s.name, name.trim())));
        if file.searches.len() == before {
            return Ok(false);
        }
        self.write(file)?;
        Ok(true)
    }

    /// The connection's recently opened issues, newest first (at most [`MAX_RECENT_ISSUES`]).
    ///
    /// Errors: [`Error::Internal`] when the file cannot be read.
    pub fn recent(&self, connection: &str) -> Result<Vec<RecentIssue>> {
        let _guard = self.locked();
        let mut found: Vec<RecentIssue> = self
            .read()?
            .recent
            .into_iter()
            .filter(|r| r.connection == connection.trim())
            .collect();
        found.sort_by_key(|r| std::cmp::Reverse(r.opened_at));
        found.truncate(MAX_RECENT_ISSUES);
        Ok(found)
    }

    /// Remembers that `key` was opened now; the oldest beyond [`MAX_RECENT_ISSUES`] are
    /// forgotten. Returns the updated list, newest first.
    ///
    /// Errors: [`Error::InvalidInput`] for an empty connection or key; [`Error::Internal`] on
    /// file errors.
    pub fn recent_add(
        &self,
        connection: &str,
        key: &str,
        summary: &str,
    ) -> Result<Vec<RecentIssue>> {
        let connection = check_connection(connection)?;
        let key = key.trim().to_uppercase();
        if key.is_empty() {
            return Err(invalid("a recent issue needs a key"));
        }
        {
            let _guard = self.locked();
            let mut file = self.read()?;
            // Never earlier than the newest entry, so the order holds even when the clock
            // does not move between two opens.
            let newest = file
                .recent
                .iter()
                .filter(|r| r.connection == connection)
                .map(|r| r.opened_at)
                .max()
                .unwrap_or(0);
            file.recent
                .retain(|r| !(r.connection == connection && r.key == key));
            file.recent.push(RecentIssue {
                connection: connection.to_owned(),
                key,
                summary: summary.trim().chars().take(MAX_NAME_CHARS * 5).collect(),
                opened_at: now_millis().max(newest + 1),
            });
            file.recent.sort_by_key(|r| std::cmp::Reverse(r.opened_at));
            let mut kept = 0;
            file.recent.retain(|r| {
                if r.connection != connection {
                    return true;
                }
                kept += 1;
                kept <= MAX_RECENT_ISSUES
            });
            self.write(file)?;
        }
        self.recent(connection)
    }

    /// Forgets a recently opened issue (it was deleted); whether it was there.
    ///
    /// Errors: [`Error::Internal`] when the file cannot be written.
    pub fn recent_remove(&self, connection: &str, key: &str) -> Result<bool> {
        let key = key.trim().to_uppercase();
        let _guard = self.locked();
        let mut file = self.read()?;
        let before = file.recent.len();
        file.recent
            .retain(|r| !(r.connection == connection.trim() && r.key == key));
        if file.recent.len() == before {
            return Ok(false);
        }
        self.write(file)?;
        Ok(true)
    }

    /// Forgets everything of a connection (when the connection is removed).
    ///
    /// Errors: [`Error::Internal`] when the file cannot be written.
    pub fn remove_connection(&self, connection: &str) -> Result<()> {
        let _guard = self.locked();
        let mut file = self.read()?;
        file.searches.retain(|s| s.connection != connection.trim());
        file.recent.retain(|r| r.connection != connection.trim());
        self.write(file)
    }

    fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    fn locked(&self) -> std::sync::MutexGuard<'_, ()> {
        // The lock guards no data of its own: take it back after a panic elsewhere.
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The file's contents; a missing file is empty, an unreadable one is moved aside.
    fn read(&self) -> Result<SavedFile> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SavedFile::default()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return keep_aside(&path, "it is not UTF-8 text");
            }
            Err(e) => return Err(io_error("read", &path, &e)),
        };
        match serde_json::from_str::<SavedFile>(&text) {
            Ok(file) if file.schema_version <= SCHEMA_VERSION => Ok(file),
            Ok(file) => keep_aside(
                &path,
                &format!("a newer Jiffy wrote it (schema {})", file.schema_version),
            ),
            Err(e) => keep_aside(&path, &e.to_string()),
        }
    }

    fn write(&self, mut file: SavedFile) -> Result<()> {
        file.schema_version = SCHEMA_VERSION;
        write_atomic(&self.dir, &self.path(), &file, "the saved searches")
    }
}

/// Renames an unreadable file out of the way so the next save cannot destroy what may still be
/// recovered by hand, and carries on empty.
fn keep_aside(path: &Path, why: &str) -> Result<SavedFile> {
    move_aside(path, "saved searches file", why)?;
    Ok(SavedFile::default())
}

fn check_connection(connection: &str) -> Result<&str> {
    let connection = connection.trim();
    if connection.is_empty() {
        return Err(invalid("a saved search needs a connection"));
    }
    Ok(connection)
}

fn check_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("a saved search needs a name"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(&format!(
            "the name is too long (at most {MAX_NAME_CHARS} characters)"
        )));
    }
    Ok(name)
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn invalid(message: &str) -> Error {
    Error::InvalidInput(message.to_owned())
}

#[cfg(test)]
mod tests;
