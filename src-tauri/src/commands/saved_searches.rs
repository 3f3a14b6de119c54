//! Saved searches and recently opened issues, per connection (core's
//! [`jiffy_core::saved_searches::SavedSearchStore`] in the app's data folder).

use crate::error::CmdResult;
use crate::state::AppState;
use jiffy_core::saved_searches::{RecentIssue, SavedSearch};
use tauri::State;

/// The connection's saved searches, by name.
///
/// Errors: `internal` when the file cannot be read.
#[tauri::command]
pub fn saved_searches_list(
    state: State<'_, AppState>,
    connection: String,
) -> CmdResult<Vec<SavedSearch>> {
    Ok(state.saved_searches.list(&connection)?)
}

/// Saves `jql` as `name`, replacing the query of a search of that name.
///
/// Errors: `invalidInput` for an empty or too long name or query; `internal` on file errors.
#[tauri::command]
pub fn saved_searches_save(
    state: State<'_, AppState>,
    connection: String,
    name: String,
    jql: String,
) -> CmdResult<SavedSearch> {
    Ok(state.saved_searches.save(&connection, &name, &jql)?)
}

/// Renames the saved search `from` to `to`.
///
/// Errors: `notFound` when there is no search `from`; `invalidInput` for an empty name or one
/// already taken; `internal` on file errors.
#[tauri::command]
pub fn saved_searches_rename(
    state: State<'_, AppState>,
    connection: String,
    from: String,
    to: String,
) -> CmdResult<SavedSearch> {
    Ok(state.saved_searches.rename(&connection, &from, &to)?)
}

/// Deletes the saved search `name`; whether there was one.
///
/// Errors: `internal` when the file cannot be written.
#[tauri::command]
pub fn saved_searches_delete(
    state: State<'_, AppState>,
    connection: String,
    name: String,
) -> CmdResult<bool> {
    Ok(state.saved_searches.delete(&connection, &name)?)
}

/// The connection's last ten opened issues, newest first.
///
/// Errors: `internal` when the file cannot be read.
#[tauri::command]
pub fn recent_issues_list(
    state: State<'_, AppState>,
    connection: String,
) -> CmdResult<Vec<RecentIssue>> {
    Ok(state.saved_searches.recent(&connection)?)
}

/// Remembers that `key` was opened; returns the updated list, newest first.
///
/// Errors: `invalidInput` for an empty key; `internal` on file errors.
#[tauri::command]
pub fn recent_issues_add(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    summary: String,
) -> CmdResult<Vec<RecentIssue>> {
    Ok(state
        .saved_searches
        .recent_add(&connection, &key, &summary)?)
}
