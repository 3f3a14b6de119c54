//! The small JSON files Jiffy keeps (connections, drafts, saved searches): written atomically,
//! and an unreadable one moved aside rather than overwritten.

use crate::error::{Error, Result};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// An I/O failure on `path` as a sentence.
pub(crate) fn io_error(action: &str, path: &Path, e: &std::io::Error) -> Error {
    Error::Internal(format!("could not {action} {}: {e}", path.display()))
}

/// Writes `value` as pretty JSON to `path` (in `dir`, created if missing): a temp file in the
/// same directory, flushed to disk, then renamed over the old file. `what` names the contents
/// in errors ("the drafts").
///
/// Errors: [`Error::Internal`] when the directory or file cannot be written.
pub(crate) fn write_atomic(
    dir: &Path,
    path: &Path,
    value: &impl Serialize,
    what: &str,
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
    let mut json = serde_json::to_vec_pretty(value)
        .map_err(|e| Error::Internal(format!("could not serialise {what}: {e}")))?;
    json.push(b'\n');
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| io_error("create a temporary file in", dir, &e))?;
    tmp.write_all(&json)
        .map_err(|e| io_error("write", tmp.path(), &e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| io_error("flush", tmp.path(), &e))?;
    tmp.persist(path)
        .map_err(|e| io_error("replace", path, &e.error))?;
    Ok(())
}

/// Renames an unreadable file to `<path>.corrupt-<secs>` so the next save cannot destroy what
/// may still be recovered by hand; `what` names it in the warning ("drafts file").
///
/// Errors: [`Error::Internal`] when it cannot be renamed.
pub(crate) fn move_aside(path: &Path, what: &str, why: &str) -> Result<()> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{}", now_millis() / 1000));
    let aside = PathBuf::from(aside);
    std::fs::rename(path, &aside).map_err(|e| io_error("move aside", path, &e))?;
    tracing::warn!(
        "{what} {} could not be read ({why}); kept as {}",
        path.display(),
        aside.display()
    );
    Ok(())
}

/// Milliseconds since the Unix epoch (0 if the clock is before it).
pub(crate) fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}
