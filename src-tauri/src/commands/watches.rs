//! JQL watches (core's [`jiffy_core::watches::Watches`] in the config folder, shared with
//! `jiffy-cli watch`) and the app preferences that go with them. The runner that checks them
//! in the background is [`crate::watcher`].

use crate::error::CmdResult;
use crate::state::AppState;
use crate::watcher;
use jiffy_core::config::Preferences;
use jiffy_core::watches::{Watch, WatchDraft, WatchStatus};
use tauri::{AppHandle, Runtime, State};

/// Every watch with its last run, next run and unseen count.
///
/// Errors: `internal` when the watch files cannot be read.
#[tauri::command]
pub fn watches_list(state: State<'_, AppState>) -> CmdResult<Vec<WatchStatus>> {
    Ok(state.watches.list()?)
}

/// Adds a watch; the runner checks it at once.
///
/// Errors: `invalidInput` (with a sentence) for an empty name or JQL, a name already used on
/// the connection, an impossible schedule or time zone; `notFound` for an unknown connection.
#[tauri::command]
pub fn watch_add(state: State<'_, AppState>, mut draft: WatchDraft) -> CmdResult<Watch> {
    // Kept by id: names change, ids never do.
    draft.connection = state.connection(&draft.connection)?.id;
    let watch = state.watches.add(draft, watcher::now_ms())?;
    state.watch_wake.notify_one();
    Ok(watch)
}

/// Replaces watch `id`'s definition (a changed query starts its memory afresh).
///
/// Errors: as [`watch_add`]; `notFound` for an unknown watch.
#[tauri::command]
pub fn watch_update(
    state: State<'_, AppState>,
    id: String,
    mut draft: WatchDraft,
) -> CmdResult<Watch> {
    draft.connection = state.connection(&draft.connection)?.id;
    let watch = state.watches.update(&id, draft, watcher::now_ms())?;
    state.watch_wake.notify_one();
    Ok(watch)
}

/// Turns watch `id` on or off.
///
/// Errors: `notFound` for an unknown watch; `internal` on file errors.
#[tauri::command]
pub fn watch_set_enabled(
    state: State<'_, AppState>,
    id: String,
    enabled: bool,
) -> CmdResult<Watch> {
    let watch = state.watches.set_enabled(&id, enabled)?;
    state.watch_wake.notify_one();
    Ok(watch)
}

/// Deletes watch `id` and what it remembered.
///
/// Errors: `notFound` for an unknown watch; `internal` on file errors.
#[tauri::command]
pub fn watch_remove<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<()> {
    state.watches.remove(&id)?;
    crate::tray::refresh(&app);
    Ok(())
}

/// Checks watch `id` now, whatever its schedule; notifications go out as usual. Returns the
/// watches afresh (the run's result is in the watch's status).
///
/// Errors: `notFound` for an unknown watch; `internal` on file errors. A failed check (site
/// unreachable, sign-in expired) is not an error: it is the watch's `lastError`.
#[tauri::command]
pub async fn watch_run_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Vec<WatchStatus>> {
    let watch = state.watches.get(&id)?;
    watcher::run(&app, &[watch]).await?;
    Ok(state.watches.list()?)
}

/// Counts the matches of watch `id` (or of every watch) as seen: the tray's count drops.
///
/// Errors: `internal` on file errors.
#[tauri::command]
pub fn watches_mark_seen<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Option<String>,
) -> CmdResult<()> {
    state.watches.mark_seen(id.as_deref())?;
    crate::tray::refresh(&app);
    Ok(())
}

/// The app's preferences.
///
/// Errors: `internal` when the settings file cannot be read.
#[tauri::command]
pub fn preferences_get(state: State<'_, AppState>) -> CmdResult<Preferences> {
    Ok(state.config.load()?.preferences)
}

/// Saves the app's preferences; returns them as saved.
///
/// Errors: `internal` when the settings file cannot be written.
#[tauri::command]
pub fn preferences_set(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> CmdResult<Preferences> {
    let mut config = state.config.load()?;
    config.preferences = preferences;
    state.config.save(&config)?;
    Ok(config.preferences)
}
