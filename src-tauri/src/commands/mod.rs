//! The `#[tauri::command]` layer: one file per domain, each command a few lines over jiffy-core.

pub mod app;
pub mod attachments;
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
    "create_meta_projects",
    "create_issue_types",
    "create_fields",
    "issue_create",
    "draft_save",
    "draft_load",
    "draft_remove",
    "drafts_list",
    "saved_searches_list",
    "saved_searches_save",
    "saved_searches_rename",
    "saved_searches_delete",
    "recent_issues_list",
    "recent_issues_add",
    "issue_edit_fields",
    "issue_edit",
    "issue_transitions",
    "issue_transition",
    "issue_assign",
    "issue_delete",
    "users_assignable",
    "issue_open_window",
    "issue_history",
    "comments_list",
    "comment_add",
    "comment_update",
    "comment_delete",
    "comment_visibility_options",
    "attachment_upload",
    "attachment_download",
    "attachment_delete",
    "attachment_thumbnail",
    "users_search",
    "user_get",
    "user_avatar",
    "console_send",
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
