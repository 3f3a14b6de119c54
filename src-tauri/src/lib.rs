//! The Jiffy desktop app: the Tauri shell around jiffy-core.
//!
//! This crate is deliberately thin. Commands take their arguments, call one jiffy-core
//! function and map its error onto [`error::IpcError`]; everything else lives in the
//! Tauri-free crates so it can be tested without a window.

pub mod commands;
pub mod error;
mod navigation;

use tauri::{Builder, Runtime};

/// Wires plugins and commands onto a builder. Generic over the runtime so tests can use
/// `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(navigation::guard())
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
}

/// Starts the desktop app. Prints one plain sentence instead of GTK's panic when there is
/// no display to open a window on.
pub fn run() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "Jiffy needs a graphical display, and none was found (DISPLAY and WAYLAND_DISPLAY \
             are unset). Run it from a desktop session, or headless under \
             `xvfb-run -a cargo xtask run`."
        );
        std::process::exit(2);
    }
    if let Err(err) = build_app(tauri::Builder::default()).run(tauri::generate_context!()) {
        eprintln!("Jiffy could not start: {err}");
        std::process::exit(1);
    }
}
