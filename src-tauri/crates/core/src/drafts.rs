//! Drafts of unsent forms (an issue being created, a comment being written), kept on disk so
//! they survive a crash or a restart.
//!
//! One small JSON file per kind of draft (`create.json`, `comment.json`) in a folder the caller
//! chooses (the app's data folder). Each draft is keyed by connection and context: project and
//! issue type for a create, the issue key for a comment. Files are written atomically (temp
//! file + rename, as [`crate::config::ConfigStore`] does). A file that cannot be read back is
//! moved aside (`create.json.corrupt-<seconds>`) rather than crashing or being overwritten
//! silently, and the store starts over empty.
//!
//! Only what people typed into a form is stored: never tokens, passwords or other secrets
//! (connections are referred to by id; their secrets stay in the keyring).

use crate::error::{Error, Result};
use crate::store_file::{io_error, move_aside, now_millis, write_atomic};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// The version of the drafts files this build writes.
const SCHEMA_VERSION: u32 = 1;
/// How much one draft's values may weigh once serialised: a form, not a file store.
pub const MAX_DRAFT_BYTES: usize = 1024 * 1024;
/// How many drafts of one kind are kept; saving more forgets the oldest.
pub const MAX_DRAFTS_PER_KIND: usize = 200;

/// What a draft is the draft of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum DraftTarget {
    /// A new issue of `issue_type` (its id) in `project` (its key).
    #[serde(rename_all = "camelCase")]
    Create {
        /// Project key (or id).
        project: String,
        /// Issue type id (or name).
        issue_type: String,
    },
    /// A new comment on an issue.
    #[serde(rename_all = "camelCase")]
    Comment {
        /// The issue key, e.g. `DEMO-1`.
        issue_key: String,
    },
}

impl DraftTarget {
    /// The file this kind of draft lives in.
    fn file_name(&self) -> &'static str {
        match self {
            DraftTarget::Create { .. } => "create.json",
            DraftTarget::Comment { .. } => "comment.json",
        }
    }

    /// The same target with keys in one spelling (`demo-1` and `DEMO-1` are one issue), so a
    /// draft is found however the caller wrote the key.
    fn normalized(&self) -> DraftTarget {
        match self {
            DraftTarget::Create {
                project,
                issue_type,
            } => DraftTarget::Create {
                project: project.trim().to_uppercase(),
                issue_type: issue_type.trim().to_owned(),
            },
            DraftTarget::Comment { issue_key } => DraftTarget::Comment {
                issue_key: issue_key.trim().to_uppercase(),
            },
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            DraftTarget::Create {
                project,
                issue_type,
            } => project.trim().is_empty() || issue_type.trim().is_empty(),
            DraftTarget::Comment { issue_key } => issue_key.trim().is_empty(),
        }
    }
}

/// One saved draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Draft {
    /// The connection's id.
    pub connection: String,
    /// What it is the draft of.
    pub target: DraftTarget,
    /// The form's values as the form keeps them (field id → value).
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
    /// When it was last saved, in milliseconds since 1970.
    #[ts(type = "number")]
    pub saved_at: u64,
}

/// What one drafts file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DraftsFile {
    schema_version: u32,
    drafts: Vec<Draft>,
}

/// Reads and writes drafts in a folder chosen by the caller. Safe to share between threads:
/// every change is a read-modify-write under one lock.
#[derive(Debug)]
pub struct DraftStore {
    dir: PathBuf,
    lock: Mutex<()>,
}

impl DraftStore {
    /// A store over `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DraftStore {
            dir: dir.into(),
            lock: Mutex::new(()),
        }
    }

    /// The folder the drafts files live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Saves (or replaces) the draft of `target` on `connection`.
    ///
    /// Errors: [`Error::InvalidInput`] for an empty connection or target, or values larger than
    /// [`MAX_DRAFT_BYTES`]; [`Error::Internal`] when the file cannot be written.
    pub fn save(
        &self,
        connection: &str,
        target: &DraftTarget,
        values: Map<String, Value>,
    ) -> Result<Draft> {
        check_key(connection, target)?;
        let size = serde_json::to_vec(&values).map(|v| v.len()).unwrap_or(0);
        if size > MAX_DRAFT_BYTES {
            return Err(Error::InvalidInput(format!(
                "the draft is too large to keep ({size} bytes; at most {MAX_DRAFT_BYTES})"
            )));
        }
        let draft = Draft {
            connection: connection.trim().to_owned(),
            target: target.normalized(),
            values,
            saved_at: now_millis(),
        };
        let _guard = self.locked();
        let path = self.path(target);
        let mut file = self.read(&path)?;
        file.drafts
            .retain(|d| !(d.connection == draft.connection && d.target == draft.target));
        file.drafts.push(draft.clone());
        // Oldest first after the push, so the overflow is the oldest.
        file.drafts.sort_by_key(|d| d.saved_at);
        let overflow = file.drafts.len().saturating_sub(MAX_DRAFTS_PER_KIND);
        file.drafts.drain(..overflow);
        self.write(&path, file)?;
        Ok(draft)
    }

    /// The draft of `target` on `connection`, if one was saved.
    ///
    /// Errors: [`Error::Internal`] when the folder cannot be read.
    pub fn load(&self, connection: &str, target: &DraftTarget) -> Result<Option<Draft>> {
        let _guard = self.locked();
        let (connection, target) = (connection.trim(), target.normalized());
        Ok(self
            .read(&self.path(&target))?
            .drafts
            .into_iter()
            .find(|d| d.connection == connection && d.target == target))
    }

    /// Every draft, newest first; only `connection`'s when given.
    ///
    /// Errors: [`Error::Internal`] when the folder cannot be read.
    pub fn list(&self, connection: Option<&str>) -> Result<Vec<Draft>> {
        let _guard = self.locked();
        let kinds = [
            DraftTarget::Create {
                project: String::new(),
                issue_type: String::new(),
            },
            DraftTarget::Comment {
                issue_key: String::new(),
            },
        ];
        let mut all = Vec::new();
        for kind in &kinds {
            all.extend(self.read(&self.path(kind))?.drafts);
        }
        if let Some(connection) = connection {
            all.retain(|d| d.connection == connection.trim());
        }
        all.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
        Ok(all)
    }

    /// Forgets the draft of `target` on `connection`; whether there was one.
    ///
    /// Errors: [`Error::Internal`] when the file cannot be written.
    pub fn remove(&self, connection: &str, target: &DraftTarget) -> Result<bool> {
        let _guard = self.locked();
        let (connection, target) = (connection.trim(), target.normalized());
        let path = self.path(&target);
        let mut file = self.read(&path)?;
        let before = file.drafts.len();
        file.drafts
            .retain(|d| !(d.connection == connection && d.target == target));
        if file.drafts.len() == before {
            return Ok(false);
        }
        self.write(&path, file)?;
        Ok(true)
    }

    /// Forgets every draft of a connection (when the connection is removed); how many.
    ///
    /// Errors: [`Error::Internal`] when a file cannot be written.
    pub fn remove_connection(&self, connection: &str) -> Result<usize> {
        let _guard = self.locked();
        let mut removed = 0;
        for name in ["create.json", "comment.json"] {
            let path = self.dir.join(name);
            let mut file = self.read(&path)?;
            let before = file.drafts.len();
            file.drafts.retain(|d| d.connection != connection.trim());
            if file.drafts.len() != before {
                removed += before - file.drafts.len();
                self.write(&path, file)?;
            }
        }
        Ok(removed)
    }

    fn path(&self, target: &DraftTarget) -> PathBuf {
        self.dir.join(target.file_name())
    }

    fn locked(&self) -> std::sync::MutexGuard<'_, ()> {
        // The lock guards no data of its own, so a panic elsewhere cannot leave anything
        // half-changed in it: take it back rather than failing every later call.
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The file's drafts; a missing file has none, an unreadable one is moved aside.
    fn read(&self, path: &Path) -> Result<DraftsFile> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DraftsFile::default()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return self.keep_aside(path, "it is not UTF-8 text");
            }
            Err(e) => return Err(io_error("read", path, &e)),
        };
        match serde_json::from_str::<DraftsFile>(&text) {
            Ok(file) if file.schema_version <= SCHEMA_VERSION => Ok(file),
            Ok(file) => self.keep_aside(
                path,
                &format!("a newer Jiffy wrote it (schema {})", file.schema_version),
            ),
            Err(e) => self.keep_aside(path, &e.to_string()),
        }
    }

    /// Renames an unreadable drafts file out of the way so the next save cannot destroy what
    /// may still be recovered by hand, and carries on with no drafts.
    fn keep_aside(&self, path: &Path, why: &str) -> Result<DraftsFile> {
        move_aside(path, "drafts file", why)?;
        Ok(DraftsFile::default())
    }

    fn write(&self, path: &Path, mut file: DraftsFile) -> Result<()> {
        file.schema_version = SCHEMA_VERSION;
        write_atomic(&self.dir, path, &file, "the drafts")
    }
}

fn check_key(connection: &str, target: &DraftTarget) -> Result<()> {
    if connection.trim().is_empty() || target.is_blank() {
        return Err(Error::InvalidInput(
            "a draft needs a connection and what it is the draft of".to_owned(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
