//! Creating, changing, listing and removing watch definitions.

use super::schedule::{next_run_at, validate};
use super::store::{missing, WatchState};
use super::{jql, Watch, WatchDraft, WatchStatus, Watches};
use crate::error::{Error, Result};

/// The longest watch name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest JQL a watch may hold, in bytes.
pub const MAX_JQL_BYTES: usize = 64 * 1024;

impl Watches {
    /// Every watch with how its runs went, by connection then name.
    ///
    /// Errors: [`Error::Internal`] when a file cannot be read.
    pub fn list(&self) -> Result<Vec<WatchStatus>> {
        let (defs, state) = self
            .files
            .locked(|f| Ok((f.read_defs()?, f.read_state()?)))?;
        let mut list: Vec<WatchStatus> = defs
            .watches
            .into_iter()
            .map(|watch| {
                let s = state
                    .watches
                    .get(&watch.id)
                    .filter(|s| s.jql == watch.jql)
                    .cloned()
                    .unwrap_or_default();
                let next_run_at = watch
                    .enabled
                    .then(|| s.next_run_at.unwrap_or(watch.created_at));
                WatchStatus {
                    last_run_at: s.last_run_at,
                    last_ok_at: s.last_ok_at,
                    next_run_at,
                    last_error: s.last_error,
                    unseen: s.unseen,
                    matching: s.matching,
                    watch,
                }
            })
            .collect();
        list.sort_by_key(|s| (s.watch.connection.clone(), s.watch.name.to_lowercase()));
        Ok(list)
    }

    /// The watch `id`.
    ///
    /// Errors: [`Error::NotFound`]; [`Error::Internal`] when the file cannot be read.
    pub fn get(&self, id: &str) -> Result<Watch> {
        let defs = self.files.locked(|f| f.read_defs())?;
        defs.watches
            .into_iter()
            .find(|w| w.id == id.trim())
            .ok_or_else(|| missing("watch", id))
    }

    /// The watch with this id, or this name (ignoring case; on `connection` when given).
    ///
    /// Errors: [`Error::NotFound`]; [`Error::InvalidInput`] when the name is on several
    /// connections and none was given.
    pub fn find(&self, id_or_name: &str, connection: Option<&str>) -> Result<Watch> {
        let defs = self.files.locked(|f| f.read_defs())?;
        let wanted = id_or_name.trim();
        if let Some(w) = defs.watches.iter().find(|w| w.id == wanted) {
            return Ok(w.clone());
        }
        let named: Vec<&Watch> = defs
            .watches
            .iter()
            .filter(|w| same_name(&w.name, wanted))
            .filter(|w| connection.is_none_or(|c| w.connection == c))
            .collect();
        match named.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(missing("watch", wanted)),
            _ => Err(Error::InvalidInput(format!(
                "Several connections have a watch \"{wanted}\": pick one with --connection."
            ))),
        }
    }

    /// Saves a new watch (it is due at once).
    ///
    /// Errors: [`Error::InvalidInput`] with a sentence for an empty or too long name or query,
    /// a name the connection already uses, or a bad schedule; [`Error::Internal`] on file
    /// errors.
    pub fn add(&self, draft: WatchDraft, now_ms: u64) -> Result<Watch> {
        let draft = check(draft)?;
        self.files.locked(|f| {
            let mut defs = f.read_defs()?;
            unique_name(&defs.watches, &draft, None)?;
            let watch = Watch {
                id: format!("w-{:016x}", rand::random::<u64>()),
                connection: draft.connection,
                name: draft.name,
                jql: draft.jql,
                schedule: draft.schedule,
                notify: draft.notify,
                enabled: draft.enabled,
                created_at: now_ms,
            };
            defs.watches.push(watch.clone());
            f.write_defs(defs)?;
            Ok(watch)
        })
    }

    /// Replaces watch `id`'s definition. A changed query (or connection) starts over: what
    /// was seen is forgotten and the watch is due at once. A changed schedule counts from now.
    ///
    /// Errors: as [`Watches::add`]; [`Error::NotFound`] for an unknown id.
    pub fn update(&self, id: &str, draft: WatchDraft, now_ms: u64) -> Result<Watch> {
        let draft = check(draft)?;
        self.files.locked(|f| {
            let mut defs = f.read_defs()?;
            unique_name(&defs.watches, &draft, Some(id))?;
            let watch = defs
                .watches
                .iter_mut()
                .find(|w| w.id == id)
                .ok_or_else(|| missing("watch", id))?;
            let restart = watch.jql != draft.jql || watch.connection != draft.connection;
            let reschedule = watch.schedule != draft.schedule;
            watch.connection = draft.connection;
            watch.name = draft.name;
            watch.jql = draft.jql;
            watch.schedule = draft.schedule;
            watch.notify = draft.notify;
            watch.enabled = draft.enabled;
            let watch = watch.clone();
            f.write_defs(defs)?;
            let mut state = f.read_state()?;
            if restart {
                state.watches.remove(id);
                state.outbox.retain(|n| n.watch_id != id);
            } else if let Some(s) = state.watches.get_mut(id).filter(|_| reschedule) {
                if s.last_run_at.is_some() {
                    s.next_run_at = Some(next_run_at(&watch.schedule, now_ms)?);
                }
            }
            f.write_state(state)?;
            Ok(watch)
        })
    }

    /// Deletes watch `id`, its state and its undelivered notifications.
    ///
    /// Errors: [`Error::NotFound`]; [`Error::Internal`] on file errors.
    pub fn remove(&self, id: &str) -> Result<()> {
        self.files.locked(|f| {
            let mut defs = f.read_defs()?;
            let before = defs.watches.len();
            defs.watches.retain(|w| w.id != id);
            if defs.watches.len() == before {
                return Err(missing("watch", id));
            }
            f.write_defs(defs)?;
            let mut state = f.read_state()?;
            state.watches.remove(id);
            state.outbox.retain(|n| n.watch_id != id);
            f.write_state(state)
        })
    }

    /// Deletes every watch of a connection (when the connection is removed), with its state.
    ///
    /// Errors: [`Error::Internal`] on file errors.
    pub fn remove_for_connection(&self, connection_id: &str) -> Result<()> {
        self.files.locked(|f| {
            let mut defs = f.read_defs()?;
            let gone: Vec<String> = defs
                .watches
                .iter()
                .filter(|w| w.connection == connection_id)
                .map(|w| w.id.clone())
                .collect();
            defs.watches.retain(|w| w.connection != connection_id);
            f.write_defs(defs)?;
            let mut state = f.read_state()?;
            for id in &gone {
                state.watches.remove(id);
            }
            state.connections.remove(connection_id);
            state.outbox.retain(|n| n.connection != connection_id);
            f.write_state(state)
        })
    }

    /// Turns watch `id` on or off.
    ///
    /// Errors: [`Error::NotFound`]; [`Error::Internal`] on file errors.
    pub fn set_enabled(&self, id: &str, enabled: bool) -> Result<Watch> {
        self.files.locked(|f| {
            let mut defs = f.read_defs()?;
            let watch = defs
                .watches
                .iter_mut()
                .find(|w| w.id == id)
                .ok_or_else(|| missing("watch", id))?;
            watch.enabled = enabled;
            let watch = watch.clone();
            f.write_defs(defs)?;
            Ok(watch)
        })
    }

    /// The enabled watches whose next run is at or before `now_ms` (never run: due).
    ///
    /// Errors: [`Error::Internal`] when a file cannot be read.
    pub fn due(&self, now_ms: u64) -> Result<Vec<Watch>> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|s| s.next_run_at.is_some_and(|at| at <= now_ms))
            .map(|s| s.watch)
            .collect())
    }
}

/// The state a watch's run starts from: only if it belongs to the same query.
pub(super) fn state_for<'a>(
    states: &'a std::collections::BTreeMap<String, WatchState>,
    watch: &Watch,
) -> Option<&'a WatchState> {
    states.get(&watch.id).filter(|s| s.jql == watch.jql)
}

/// A draft with trimmed fields, or the first thing wrong with it.
fn check(mut draft: WatchDraft) -> Result<WatchDraft> {
    draft.connection = draft.connection.trim().to_owned();
    draft.name = draft.name.trim().to_owned();
    draft.jql = draft.jql.trim().to_owned();
    if draft.connection.is_empty() {
        return Err(invalid("A watch needs a connection."));
    }
    if draft.name.is_empty() {
        return Err(invalid("A watch needs a name."));
    }
    if draft.name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(&format!(
            "The name is too long (at most {MAX_NAME_CHARS} characters)."
        )));
    }
    if jql::strip_order_by(&draft.jql).is_empty() {
        return Err(invalid(
            "A watch needs a query that selects issues (not only an ORDER BY).",
        ));
    }
    if draft.jql.len() > MAX_JQL_BYTES {
        return Err(invalid(&format!(
            "The query is too long (at most {MAX_JQL_BYTES} bytes)."
        )));
    }
    validate(&draft.schedule)?;
    Ok(draft)
}

fn unique_name(watches: &[Watch], draft: &WatchDraft, except: Option<&str>) -> Result<()> {
    let taken = watches.iter().any(|w| {
        w.connection == draft.connection
            && same_name(&w.name, &draft.name)
            && except.is_none_or(|id| w.id != id)
    });
    if taken {
        return Err(invalid(&format!(
            "There is already a watch named \"{}\" on this connection.",
            draft.name
        )));
    }
    Ok(())
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn invalid(message: &str) -> Error {
    Error::InvalidInput(message.to_owned())
}
