//! The outbox (notifications not yet shown), unseen counts, and the notifications' text.

use super::{NotificationKind, Watch, WatchMatch, WatchNotification, Watches};
use crate::error::Result;

/// How many keys a notification's body lists before "…".
pub const KEYS_IN_BODY: usize = 5;

impl Watches {
    /// Notifications not yet delivered, oldest first.
    ///
    /// Errors: [`crate::Error::Internal`] when the state cannot be read.
    pub fn outbox(&self) -> Result<Vec<WatchNotification>> {
        Ok(self.files.locked(|f| f.read_state())?.outbox)
    }

    /// Removes a notification from the outbox once it was shown (an unknown id is ignored:
    /// it was delivered already).
    ///
    /// Errors: [`crate::Error::Internal`] on file errors.
    pub fn mark_delivered(&self, notification_id: &str) -> Result<()> {
        self.files.locked(|f| {
            let mut state = f.read_state()?;
            let before = state.outbox.len();
            state.outbox.retain(|n| n.id != notification_id);
            if state.outbox.len() == before {
                return Ok(());
            }
            f.write_state(state)
        })
    }

    /// Clears the unseen count of one watch, or of all (`None`), when the user looked.
    ///
    /// Errors: [`crate::Error::Internal`] on file errors.
    pub fn mark_seen(&self, watch_id: Option<&str>) -> Result<()> {
        self.files.locked(|f| {
            let mut state = f.read_state()?;
            for (id, s) in &mut state.watches {
                if watch_id.is_none_or(|w| w == id) {
                    s.unseen = 0;
                }
            }
            f.write_state(state)
        })
    }

    /// The unseen matches of every enabled watch (the tray's count).
    ///
    /// Errors: [`crate::Error::Internal`] when a file cannot be read.
    pub fn unseen_total(&self) -> Result<u32> {
        Ok(self
            .list()?
            .iter()
            .filter(|s| s.watch.enabled)
            .fold(0u32, |sum, s| sum.saturating_add(s.unseen)))
    }
}

/// The notification for `matches` of `watch`: its name as the title and a body like
/// "3 issues Ready to Publish: DOCS-12, DOCS-19, DOCS-23".
pub(super) fn matches_notification(
    id: String,
    watch: &Watch,
    matches: &[WatchMatch],
) -> WatchNotification {
    let n = matches.len();
    let noun = if n == 1 { "issue" } else { "issues" };
    let mut statuses: Vec<&str> = Vec::new();
    for m in matches {
        if !m.status.is_empty() && !statuses.contains(&m.status.as_str()) {
            statuses.push(&m.status);
        }
    }
    let what = match statuses.as_slice() {
        [one] => format!("{n} {noun} {one}"),
        [a, b] => format!("{n} {noun} {a} or {b}"),
        _ => format!("{n} {noun} matching"),
    };
    let keys: Vec<String> = matches.iter().map(|m| m.key.clone()).collect();
    let mut listed = keys
        .iter()
        .take(KEYS_IN_BODY)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if keys.len() > KEYS_IN_BODY {
        listed.push_str(", …");
    }
    WatchNotification {
        id,
        watch_id: watch.id.clone(),
        connection: watch.connection.clone(),
        title: watch.name.clone(),
        body: format!("{what}: {listed}"),
        keys,
        jql: watch.jql.clone(),
        kind: NotificationKind::Matches,
    }
}

/// The one notification per expired sign-in of a connection.
pub(super) fn reconnect_notification(
    id: String,
    connection_id: &str,
    name: &str,
) -> WatchNotification {
    WatchNotification {
        id,
        watch_id: String::new(),
        connection: connection_id.to_owned(),
        title: format!("Jiffy: {name} needs you to sign in again"),
        body: format!("Watches on {name} are paused until you reconnect."),
        keys: Vec::new(),
        jql: String::new(),
        kind: NotificationKind::Reconnect,
    }
}
