//! Desktop notifications for watches, and what clicking one does.
//!
//! Why notify-rust and not tauri-plugin-notification: the plugin (2.x) shows a notification
//! through notify-rust and drops the handle, so on desktop a click reaches nobody (its
//! `onAction` is mobile-only; tauri-apps/plugins-workspace#2150). Jiffy needs the click to
//! open the issue, so it talks to notify-rust itself, declares the freedesktop `default`
//! action (without it a click on the body is not reported) and waits for it on a thread.

use jiffy_core::watches::WatchNotification;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Notifications whose click is still being waited for, at most [`MAX_WAITING`]: each waits
/// on a thread until it is clicked or closed, and some desktops keep notifications in a
/// history for days without saying they closed. Beyond the cap a notification still shows;
/// Settings → Watches and the tray lead to its issues.
static WAITING: AtomicUsize = AtomicUsize::new(0);
const MAX_WAITING: usize = 16;
/// A search of more keys than this would make an unwieldy query: the watch's own is used.
const MAX_KEYS_IN_SEARCH: usize = 50;

/// Counts a waiting thread for as long as it lives (also when it panics).
struct Waiting;

impl Waiting {
    fn start() -> Option<Waiting> {
        let before = WAITING.fetch_add(1, Ordering::SeqCst);
        if before >= MAX_WAITING {
            WAITING.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Waiting)
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The body as the notification service reads it: freedesktop bodies may carry markup, so
/// `&`, `<` and `>` from Jira (status names) are escaped.
fn body_markup(body: &str) -> String {
    body.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What a click on a notification asks the app to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClickTarget {
    /// One issue: its own window.
    Issue { connection: String, key: String },
    /// Several issues: the Search section over exactly those keys.
    Search { connection: String, jql: String },
    /// A connection that needs signing in again: the Connections section.
    Connections,
}

/// Where a click on this notification should lead.
pub fn click_target(n: &WatchNotification) -> ClickTarget {
    use jiffy_core::watches::NotificationKind;
    if matches!(n.kind, NotificationKind::Reconnect) {
        return ClickTarget::Connections;
    }
    match n.keys.as_slice() {
        [key] => ClickTarget::Issue {
            connection: n.connection.clone(),
            key: key.clone(),
        },
        keys if keys.is_empty() || keys.len() > MAX_KEYS_IN_SEARCH => ClickTarget::Search {
            connection: n.connection.clone(),
            jql: n.jql.clone(),
        },
        keys => ClickTarget::Search {
            connection: n.connection.clone(),
            jql: format!("key in ({}) ORDER BY updated DESC", keys.join(", ")),
        },
    }
}

/// Shows a plain notification from Jiffy (no click action).
///
/// Errors: the notification service could not be reached.
pub fn show_plain(title: &str, body: &str) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("Jiffy")
        .summary(title)
        .body(&body_markup(body))
        .icon("dev.jiffy.desktop")
        .show()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Shows `n` on the desktop; `on_click` runs (on a helper thread) when the person clicks it.
///
/// Errors: the notification service could not be reached (no session bus, no daemon).
pub fn show(n: &WatchNotification, on_click: impl FnOnce() + Send + 'static) -> Result<(), String> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Jiffy")
        .summary(&n.title)
        .body(&body_markup(&n.body))
        .icon("dev.jiffy.desktop");
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        notification.hint(notify_rust::Hint::Category("x-jiffy.watch".into()));
        let Some(waiting) = Waiting::start() else {
            return notification.show().map(|_| ()).map_err(|e| e.to_string());
        };
        notification.action("default", "Open in Jiffy");
        let handle = notification.show().map_err(|e| e.to_string())?;
        std::thread::Builder::new()
            .name("jiffy-notification".into())
            .spawn(move || {
                let _waiting = waiting;
                let mut on_click = Some(on_click);
                handle.wait_for_action(|action| {
                    // "__closed" is notify-rust's word for dismissed without a click.
                    if action != "__closed" {
                        if let Some(f) = on_click.take() {
                            f();
                        }
                    }
                });
            })
            .map_err(|e| e.to_string())?;
        Ok(())
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        // Elsewhere notify-rust reports no clicks; the tray and Settings → Watches lead there.
        drop(on_click);
        notification.show().map(|_| ()).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiffy_core::watches::NotificationKind;

    fn notification(keys: &[&str], kind: NotificationKind) -> WatchNotification {
        WatchNotification {
            id: "n1".into(),
            watch_id: "w1".into(),
            connection: "c1".into(),
            title: "Docs to publish".into(),
            body: "…".into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            jql: "project = DOCS".into(),
            kind,
        }
    }

    #[test]
    fn markup_in_a_body_is_shown_as_text() {
        assert_eq!(
            body_markup("1 issue <b>R&D</b>: X-1"),
            "1 issue &lt;b&gt;R&amp;D&lt;/b&gt;: X-1"
        );
    }

    #[test]
    fn a_long_list_of_keys_opens_the_watch_query_instead() {
        let keys: Vec<String> = (1..=60).map(|i| format!("DOCS-{i}")).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(
            click_target(&notification(&refs, NotificationKind::Matches)),
            ClickTarget::Search {
                connection: "c1".into(),
                jql: "project = DOCS".into()
            }
        );
    }

    #[test]
    fn one_key_opens_the_issue_several_open_a_search_of_exactly_them() {
        assert_eq!(
            click_target(&notification(&["DOCS-12"], NotificationKind::Matches)),
            ClickTarget::Issue {
                connection: "c1".into(),
                key: "DOCS-12".into()
            }
        );
        assert_eq!(
            click_target(&notification(
                &["DOCS-12", "DOCS-19"],
                NotificationKind::Matches
            )),
            ClickTarget::Search {
                connection: "c1".into(),
                jql: "key in (DOCS-12, DOCS-19) ORDER BY updated DESC".into()
            }
        );
        assert_eq!(
            click_target(&notification(&[], NotificationKind::Matches)),
            ClickTarget::Search {
                connection: "c1".into(),
                jql: "project = DOCS".into()
            }
        );
        assert_eq!(
            click_target(&notification(&["DOCS-1"], NotificationKind::Reconnect)),
            ClickTarget::Connections
        );
    }
}
