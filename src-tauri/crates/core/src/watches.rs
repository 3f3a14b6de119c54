//! JQL watches: a saved query checked on a schedule, telling the user what is new or changed.
//!
//! Definitions live in `<config dir>/watches.json`, run state (seen issue versions, backoff,
//! the outbox of notifications not yet shown) in `<config dir>/watch-state.json`; both are
//! written atomically and an unreadable file is moved aside. The app and a cron'd CLI share
//! the folder: a run holds an exclusive advisory lock on `<config dir>/watch-state.lock` from
//! its first request to its state commit, and every read-modify-write of either file holds a
//! short lock on `<config dir>/watch-state.file.lock`, so two runners never notify the same
//! match twice and a "mark delivered" during a run is not lost.
//!
//! "Restart loses nothing, repeats nothing": the matches a run notifies enter the outbox in the
//! same atomic write that records them as seen; [`Watches::mark_delivered`] removes them.

mod check;
mod defs;
mod jql;
mod outbox;
mod run;
mod schedule;
mod store;

pub use check::OVERLAP_MINUTES;
pub use defs::{MAX_JQL_BYTES, MAX_NAME_CHARS};
pub use jql::strip_order_by;
pub use outbox::KEYS_IN_BODY;
pub use run::{ClientFor, ClientFuture, REQUESTS_PER_CONNECTION};
pub use schedule::{next_run_at, parse_weekday, MAX_EVERY_MINUTES};

/// The clock watches are scheduled on: milliseconds since 1970 (0 before it).
pub fn now_ms() -> u64 {
    crate::store_file::now_millis()
}

use serde::{Deserialize, Serialize};
use store::Files;
use ts_rs::TS;

/// A saved JQL query checked on a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Watch {
    /// Stable id (`w-` and 16 hex digits).
    pub id: String,
    /// The connection's id.
    pub connection: String,
    /// The name people gave it (unique per connection, ignoring case); the notification title.
    pub name: String,
    /// The query, as typed (an ORDER BY of its own is replaced when it runs).
    pub jql: String,
    /// When it runs.
    pub schedule: Schedule,
    /// What it tells.
    pub notify: NotifyRule,
    /// Whether it runs at all.
    pub enabled: bool,
    /// When it was created, in milliseconds since 1970.
    #[ts(type = "number")]
    pub created_at: u64,
}

/// When a watch runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum Schedule {
    /// Every `minutes` minutes (1..=10080, a week) after the previous run.
    Every {
        /// Minutes between runs.
        minutes: u32,
    },
    /// Every day at `at` ("HH:MM") in `time_zone`.
    #[serde(rename_all = "camelCase")]
    Daily {
        /// Local time, "HH:MM" (24 h).
        at: String,
        /// IANA time zone name; `None` is the system's zone.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
    },
    /// Every week on `weekday` at `at` ("HH:MM") in `time_zone`.
    #[serde(rename_all = "camelCase")]
    Weekly {
        /// The day of the week.
        weekday: Weekday,
        /// Local time, "HH:MM" (24 h).
        at: String,
        /// IANA time zone name; `None` is the system's zone.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
    },
}

/// A day of the week, `"mon"` to `"sun"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// What a watch tells about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum NotifyRule {
    /// Every match, each run.
    All,
    /// An issue the first time it matches (again after it stopped matching for a while).
    New,
    /// New matches, and matches updated since the last time they were told.
    Changed,
}

/// What the UI and the CLI send to create or change a watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WatchDraft {
    /// The connection's id.
    pub connection: String,
    /// The watch's name.
    pub name: String,
    /// The query.
    pub jql: String,
    /// When it runs.
    pub schedule: Schedule,
    /// What it tells.
    pub notify: NotifyRule,
    /// Whether it runs.
    pub enabled: bool,
}

/// How a match compares with what the watch saw before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MatchChange {
    /// Not matching at the previous run (or the first run).
    New,
    /// Matching before, updated since.
    Changed,
    /// As it was.
    Same,
}

/// One issue a run found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WatchMatch {
    /// Issue key.
    pub key: String,
    /// Summary.
    pub summary: String,
    /// Status name.
    pub status: String,
    /// Jira's `updated` timestamp, as Jira wrote it.
    pub updated: String,
    /// New, changed or the same as before.
    pub change: MatchChange,
}

/// A watch and how its runs went, for Settings → Watches and `watch list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WatchStatus {
    /// The definition.
    pub watch: Watch,
    /// When it last ran (requests made or not), ms since 1970.
    #[ts(type = "number | null")]
    pub last_run_at: Option<u64>,
    /// When it last ran successfully.
    #[ts(type = "number | null")]
    pub last_ok_at: Option<u64>,
    /// When it runs next (`None` when disabled; never run: its creation time, i.e. now).
    #[ts(type = "number | null")]
    pub next_run_at: Option<u64>,
    /// Why the last run failed, in a sentence.
    pub last_error: Option<String>,
    /// Matches notified and not yet seen by the user.
    pub unseen: u32,
    /// How many issues matched at the last successful run.
    pub matching: u32,
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum NotificationKind {
    /// Issues matched (the keys are in `keys`).
    Matches,
    /// The connection's sign-in expired: watches on it are paused until it is reconnected.
    Reconnect,
}

/// A desktop notification waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WatchNotification {
    /// Unique and stable (pass it to [`Watches::mark_delivered`]).
    pub id: String,
    /// The watch (empty for a reconnect notification, which is per connection).
    pub watch_id: String,
    /// The connection's id.
    pub connection: String,
    /// Title: the watch's name, or "Jiffy: <connection> needs you to sign in again".
    pub title: String,
    /// Body, e.g. "3 issues Ready to Publish: DOCS-12, DOCS-19, DOCS-23".
    pub body: String,
    /// The issues told about (all of them, not only the ones in the body).
    pub keys: Vec<String>,
    /// The watch's query (to open the search); empty for a reconnect notification.
    pub jql: String,
    /// Matches or reconnect.
    pub kind: NotificationKind,
}

/// What one watch's run came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunSummary {
    /// The watch.
    pub watch_id: String,
    /// What happened.
    pub outcome: RunOutcome,
}

/// The outcome of one watch's run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum RunOutcome {
    /// The query ran: `matches` are the new/changed issues (every match for rule All),
    /// `notified` how many of them went into a notification.
    Ok {
        /// What the run found.
        matches: Vec<WatchMatch>,
        /// How many were notified.
        notified: u32,
    },
    /// The connection's sign-in expired or was refused: reconnect it.
    AuthExpired,
    /// The site could not be reached; the connection is left alone until `retry_at`.
    #[serde(rename_all = "camelCase")]
    Unreachable {
        /// When the connection is tried again, ms since 1970.
        #[ts(type = "number")]
        retry_at: u64,
    },
    /// Jira asked to slow down; the connection is left alone until `retry_at`.
    #[serde(rename_all = "camelCase")]
    RateLimited {
        /// When the connection is tried again, ms since 1970.
        #[ts(type = "number")]
        retry_at: u64,
    },
    /// This watch failed (e.g. its JQL is no longer valid); the message says why.
    Failed {
        /// Why, in a sentence.
        message: String,
    },
}

/// The watches of one config dir: definitions, state, runs and the outbox. Send + Sync; every
/// method re-reads the files, so several values (or processes) over one folder agree.
#[derive(Debug)]
pub struct Watches {
    files: Files,
}

impl Watches {
    /// The watches kept in `config_dir` (files are created on first change).
    pub fn new(config_dir: std::path::PathBuf) -> Self {
        Watches {
            files: Files::new(config_dir),
        }
    }
}

#[cfg(test)]
mod tests;
