//! The `#[tauri::command]` layer: one file per domain, each command a few lines over jiffy-core.

pub mod app;
pub mod connections;
pub mod demo;
pub mod issues;
pub mod wizard;

/// Every command the app exposes, for `build.rs`'s manifest and the capability file.
pub const ALL: &[&str] = &[
    "app_info",
    "connections_list",
    "connection_test",
    "connection_rename",
    "connection_set_default",
    "connection_remove",
    "demo_start",
    "projects_list",
    "issues_search",
    "issue_view",
    "jql_autocomplete",
    "jql_suggest",
    "open_in_browser",
    "wizard_probe",
    "wizard_sign_in",
    "wizard_oauth1_generate_key",
    "wizard_oauth1_import_key",
    "wizard_oauth1_reuse_key",
    "wizard_oauth1_begin",
    "wizard_oauth1_verifier",
    "wizard_oauth2_begin",
    "wizard_oauth_wait",
    "wizard_oauth_cancel",
    "wizard_oauth2_choose_site",
    "wizard_check",
    "wizard_save",
    "wizard_discard",
];
