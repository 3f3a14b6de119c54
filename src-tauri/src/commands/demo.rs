//! Demo mode: start an embedded demo site for the wizard to connect to.

use crate::demo::{DemoKind, DemoSite};
use crate::error::CmdResult;
use crate::state::AppState;
use tauri::State;

/// Starts (or finds) the demo site of `kind`; the wizard then runs against its URL.
///
/// Errors: `internal` when no loopback port or data folder can be used.
#[tauri::command]
pub async fn demo_start(state: State<'_, AppState>, kind: DemoKind) -> CmdResult<DemoSite> {
    Ok(state.demo.start(kind).await?)
}
