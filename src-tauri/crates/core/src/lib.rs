//! jiffy-core: the Jira client, auth flows, models, secrets and config.
//!
//! Everything here is Tauri-free so that the app, the CLI and the tests share one
//! implementation. The app crate maps [`error::Error`] onto its IPC error.

pub mod adf;
pub mod api;
pub mod app_info;
pub mod auth;
pub mod config;
pub mod connections;
pub mod drafts;
pub mod error;
pub mod http;
pub mod ops;
pub mod saved_searches;
pub mod secrets;
mod store_file;
pub mod watches;
pub mod wizard;

pub use error::{Error, Result};
