//! Commands about the app itself.

use crate::error::{CmdResult, IpcError};
use jiffy_core::app_info::AppInfo;
use tauri::{AppHandle, Manager, Runtime};

/// Version, platform and the folders Jiffy uses (Settings → About).
///
/// Errors: `internal` when the OS does not tell where the config or data folder is.
#[tauri::command]
pub fn app_info<R: Runtime>(app: AppHandle<R>) -> CmdResult<AppInfo> {
    let paths = app.path();
    let config_dir = paths.app_config_dir().map_err(internal)?;
    let data_dir = paths.app_data_dir().map_err(internal)?;
    let version = app.package_info().version.to_string();
    Ok(AppInfo::new(&version, &config_dir, &data_dir))
}

fn internal(err: tauri::Error) -> IpcError {
    IpcError::Internal {
        message: format!("The app's folders are unknown: {err}"),
    }
}
