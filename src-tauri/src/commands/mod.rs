//! The `#[tauri::command]` layer: one file per domain, each command a few lines over jiffy-core.

pub mod app;
