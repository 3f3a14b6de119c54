//! Connection management: list, test, rename, set default, remove.

use crate::demo::DemoSites;
use crate::error::CmdResult;
use crate::state::AppState;
use jiffy_core::api::users::User;
use jiffy_core::config::Connection;
use jiffy_core::{connections, ops};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// A saved connection as the Connections page lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionView {
    /// The profile (no secrets).
    pub connection: Connection,
    /// Whether it is the default.
    pub is_default: bool,
    /// Whether it points at one of Jiffy's own demo sites.
    pub is_demo: bool,
}

/// Every saved connection, default first marked.
///
/// Errors: file errors.
#[tauri::command]
pub fn connections_list(state: State<'_, AppState>) -> CmdResult<Vec<ConnectionView>> {
    let config = state.config.load()?;
    let default = config.default_connection.clone();
    Ok(config
        .connections
        .into_iter()
        .map(|c| ConnectionView {
            is_default: default.as_deref() == Some(c.id.as_str()),
            is_demo: DemoSites::kind_for_url(&c.base_url).is_some(),
            connection: c,
        })
        .collect())
}

/// Signs in with the saved secrets (GET myself) and says as whom.
///
/// Errors: `tokenExpired`/`unauthorized` (offer Reconnect), `network`, `keyringUnavailable`.
#[tauri::command]
pub async fn connection_test(state: State<'_, AppState>, id: String) -> CmdResult<User> {
    if let Ok(connection) = state.connection(&id) {
        // A demo connection needs its demo site running (after a restart, say).
        if let Some(kind) = DemoSites::kind_for_url(&connection.base_url) {
            state.demo.start(kind).await?;
        }
    }
    let client = state.client(&id)?;
    Ok(ops::myself(&client).await?)
}

/// Renames a connection.
///
/// Errors: an empty or taken name; `notFound`.
#[tauri::command]
pub fn connection_rename(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> CmdResult<Connection> {
    Ok(connections::rename(&state.config, &id, &name)?)
}

/// Makes a connection the default.
///
/// Errors: `notFound`; file errors.
#[tauri::command]
pub fn connection_set_default(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let mut config = state.config.load()?;
    config.set_default(&id)?;
    state.config.save(&config)?;
    Ok(())
}

/// Removes a connection, every keyring entry it had, its unsent drafts, saved searches and
/// recent issues.
///
/// Errors: `notFound`; `keyringUnavailable` when the profile went but secrets could not.
#[tauri::command]
pub fn connection_remove(state: State<'_, AppState>, id: String) -> CmdResult<Connection> {
    let removed = connections::remove(&state.config, state.secrets.as_ref(), &id)?;
    // The connection is gone either way; drafts that cannot be deleted are only clutter.
    let _ = state.drafts.remove_connection(&removed.id);
    let _ = state.saved_searches.remove_connection(&removed.id);
    let _ = state.watches.remove_for_connection(&removed.id);
    Ok(removed)
}
