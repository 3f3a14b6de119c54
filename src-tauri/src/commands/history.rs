//! The history of an issue, for the detail view's "History" section.

use crate::error::CmdResult;
use crate::state::AppState;
use jiffy_core::api::issues::ChangeHistory;
use jiffy_core::ops;
use tauri::State;

/// Every change of an issue, oldest first (all pages on Cloud; `expand=changelog` on Data
/// Center).
///
/// Errors: `notFound` for an issue that does not exist or is not visible; `unauthorized`,
/// `network`.
#[tauri::command]
pub async fn issue_history(
    state: State<'_, AppState>,
    connection: String,
    key: String,
) -> CmdResult<Vec<ChangeHistory>> {
    let client = state.live_client(&connection).await?;
    Ok(ops::changelog(&client, &key).await?)
}
