//! The app's watch runner: a background task that runs due watches (jiffy-core's
//! [`Watches`](jiffy_core::watches::Watches) does the polling and keeps the state), hands
//! their notifications to the desktop, keeps the tray's count current and tells the windows
//! that something changed. It wakes every [`TICK`], or at once when a watch is saved or
//! "Check watches now" is chosen in the tray.

use crate::desktop_notify::{self, ClickTarget};
use crate::state::AppState;
pub use jiffy_core::watches::now_ms;
use jiffy_core::watches::{ClientFuture, RunSummary, Watch};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// How often the runner looks for due watches. Schedules are in minutes, so a tick of
/// 20 s runs a watch at most 20 s late while costing nothing when nothing is due.
const TICK: Duration = Duration::from_secs(20);

/// The event every window gets after a run (payload: none): lists of watches refresh.
pub const WATCHES_CHANGED: &str = "watches-changed";
/// The event the main window gets when a notification asks it to show something.
pub const NAVIGATE: &str = "app-navigate";

/// Set by the tray's "Check watches now": the next wake runs every enabled watch.
static CHECK_ALL: AtomicBool = AtomicBool::new(false);
/// One delivery at a time (the loop and "Check now" may finish together): without it both
/// could read the same undelivered notification and show it twice.
static DELIVERING: Mutex<()> = Mutex::new(());

/// Where the main window should go (the payload of [`NAVIGATE`]).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Navigate {
    /// The Search section of `connection`, running `jql`.
    Search { connection: String, jql: String },
    /// The Connections section (a connection needs signing in again).
    Connections,
    /// Settings → Watches.
    Watches,
    /// Wherever the window was.
    Stay,
}

/// Starts the runner for the app's lifetime.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let Some(state) = app.try_state::<AppState>() else {
                return;
            };
            let wake = state.watch_wake.clone();
            if let Err(e) = tick(&app).await {
                log_line(&format!("watches: {e}"));
            }
            tokio::select! {
                () = tokio::time::sleep(TICK) => {}
                () = wake.notified() => {}
            }
        }
    });
}

/// Asks the runner to check every enabled watch now, due or not (the tray's "Check now").
pub fn check_all_now<R: Runtime>(app: &AppHandle<R>) {
    CHECK_ALL.store(true, Ordering::SeqCst);
    if let Some(state) = app.try_state::<AppState>() {
        state.watch_wake.notify_one();
    }
}

/// One wake of the runner: due watches (or all, when asked), then delivery.
async fn tick<R: Runtime>(app: &AppHandle<R>) -> jiffy_core::Result<()> {
    let state = app.state::<AppState>();
    let ran = if CHECK_ALL.swap(false, Ordering::SeqCst) {
        let all: Vec<Watch> = state
            .watches
            .list()?
            .into_iter()
            .map(|s| s.watch)
            .filter(|w| w.enabled)
            .collect();
        state.watches.run(&all, now_ms(), &clients(app)).await?
    } else {
        // What is due is decided under the run lock, so a cron'd `jiffy-cli watch run` that
        // just ran a watch is not followed by a second run here.
        state.watches.run_due(now_ms(), &clients(app)).await?
    };
    let delivered = deliver_in_background(app).await;
    if !ran.is_empty() || delivered > 0 {
        let _ = app.emit(WATCHES_CHANGED, ());
    }
    Ok(())
}

/// One client per connection per run; a demo connection's embedded site is started first.
fn clients<R: Runtime>(app: &AppHandle<R>) -> impl Fn(String) -> ClientFuture + Send + Sync {
    let handle = app.clone();
    move |id: String| -> ClientFuture {
        let handle = handle.clone();
        Box::pin(async move {
            let state = handle.state::<AppState>();
            state.live_client(&id).await.map(Arc::new)
        })
    }
}

/// Runs `watches` now (due or not), delivers their notifications and tells the windows.
///
/// Errors: the watch files could not be read or written.
pub async fn run<R: Runtime>(
    app: &AppHandle<R>,
    watches: &[Watch],
) -> jiffy_core::Result<Vec<RunSummary>> {
    let state = app.state::<AppState>();
    let summaries = state.watches.run(watches, now_ms(), &clients(app)).await?;
    deliver_in_background(app).await;
    let _ = app.emit(WATCHES_CHANGED, ());
    Ok(summaries)
}

/// [`deliver`] off the async runtime: talking to the notification service is blocking D-Bus
/// calls, which can take the bus's whole time-out when nothing answers.
async fn deliver_in_background<R: Runtime>(app: &AppHandle<R>) -> usize {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || deliver(&handle))
        .await
        .unwrap_or(0)
}

/// Hands every undelivered notification to the desktop; what the desktop took is marked
/// delivered (the rest stays queued for the next tick, so nothing is lost when the
/// notification service is briefly away). Then refreshes the tray. Returns how many went out.
pub fn deliver<R: Runtime>(app: &AppHandle<R>) -> usize {
    let _one_at_a_time = DELIVERING.lock().unwrap_or_else(|e| e.into_inner());
    let state = app.state::<AppState>();
    let mut delivered = 0;
    match state.watches.outbox() {
        Ok(outbox) => {
            for n in outbox {
                let target = desktop_notify::click_target(&n);
                let watch_id = n.watch_id.clone();
                let handle = app.clone();
                let shown = desktop_notify::show(&n, move || {
                    on_click(&handle, &target, &watch_id);
                });
                match shown {
                    Ok(()) => {
                        delivered += 1;
                        if let Err(e) = state.watches.mark_delivered(&n.id) {
                            log_line(&format!("watches: could not mark delivered: {e}"));
                        }
                    }
                    Err(e) => {
                        log_line(&format!("watches: the desktop took no notification: {e}"));
                        break;
                    }
                }
            }
        }
        Err(e) => log_line(&format!("watches: could not read the outbox: {e}")),
    }
    crate::tray::refresh(app);
    delivered
}

/// A click on a notification: open what it is about and count its matches as seen.
fn on_click<R: Runtime>(app: &AppHandle<R>, target: &ClickTarget, watch_id: &str) {
    if let Some(state) = app.try_state::<AppState>() {
        if !watch_id.is_empty() {
            let _ = state.watches.mark_seen(Some(watch_id));
        }
    }
    match target {
        ClickTarget::Issue { connection, key } => {
            if let Err(e) = crate::commands::issue_actions::open_issue_window(app, connection, key)
            {
                log_line(&format!("watches: could not open {key}: {e}"));
            }
        }
        ClickTarget::Search { connection, jql } => show_main(
            app,
            Navigate::Search {
                connection: connection.clone(),
                jql: jql.clone(),
            },
        ),
        ClickTarget::Connections => show_main(app, Navigate::Connections),
    }
    crate::tray::refresh(app);
    let _ = app.emit(WATCHES_CHANGED, ());
}

/// Brings the main window back (it may be hidden in the tray) and sends it somewhere.
pub fn show_main<R: Runtime>(app: &AppHandle<R>, to: Navigate) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
        let _ = window.emit(NAVIGATE, to);
    }
}

/// The app's own diagnostics go to stderr, one line each, never a secret (these carry watch
/// ids, issue keys and error sentences only).
fn log_line(line: &str) {
    eprintln!("jiffy: {line}");
}
