//! The `#[tauri::command]` layer: one file per domain, each command a few lines over jiffy-core.

pub mod app;
pub mod attachment_open;
pub mod attachments;
pub mod avatars;
pub mod comments;
pub mod connections;
pub mod console;
pub mod create;
pub mod demo;
pub mod history;
pub mod issue_actions;
pub mod issues;
pub mod saved_searches;
pub mod users;
pub mod watches;
pub mod wizard;

include!("all.rs");
