//! Gates the app's own commands behind an explicit manifest, so a capability must name each
//! command a window may call (no command is reachable by default).

/// Keep in step with `src/commands/mod.rs` (`ALL`); a test checks they match.
const COMMANDS: &[&str] = &[
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

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
