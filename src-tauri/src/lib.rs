//! The Jiffy desktop app: the Tauri shell around jiffy-core.
//!
//! This crate is deliberately thin. Commands take their arguments, call one jiffy-core
//! function and map its error onto [`error::IpcError`]; everything else lives in the
//! Tauri-free crates so it can be tested without a window.

pub mod commands;
pub mod demo;
mod desktop_notify;
pub mod error;
mod navigation;
pub mod state;
mod tray;
pub mod watcher;

use jiffy_core::secrets::KeyringStore;
use state::AppState;
use std::sync::Arc;
use tauri::{Builder, Manager, Runtime};

/// Wires plugins and commands onto a builder. Generic over the runtime so tests can use
/// `tauri::test::mock_builder()` with their own [`AppState`] (`.manage()`); the app makes its
/// state with [`manage_state`] in its setup hook.
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(navigation::guard())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::watches::watches_list,
            commands::watches::watch_add,
            commands::watches::watch_update,
            commands::watches::watch_set_enabled,
            commands::watches::watch_remove,
            commands::watches::watch_run_now,
            commands::watches::watches_mark_seen,
            commands::watches::preferences_get,
            commands::watches::preferences_set,
            commands::connections::connections_list,
            commands::connections::connection_test,
            commands::connections::connection_rename,
            commands::connections::connection_set_default,
            commands::connections::connection_remove,
            commands::demo::demo_start,
            commands::issues::projects_list,
            commands::issues::issues_search,
            commands::issues::issue_view,
            commands::issues::jql_autocomplete,
            commands::issues::jql_suggest,
            commands::create::create_meta_projects,
            commands::create::create_issue_types,
            commands::create::create_fields,
            commands::create::issue_create,
            commands::create::draft_save,
            commands::create::draft_load,
            commands::create::draft_remove,
            commands::create::drafts_list,
            commands::saved_searches::saved_searches_list,
            commands::saved_searches::saved_searches_save,
            commands::saved_searches::saved_searches_rename,
            commands::saved_searches::saved_searches_delete,
            commands::saved_searches::recent_issues_list,
            commands::saved_searches::recent_issues_add,
            commands::issue_actions::issue_edit_fields,
            commands::issue_actions::issue_edit,
            commands::issue_actions::issue_transitions,
            commands::issue_actions::issue_transition,
            commands::issue_actions::issue_assign,
            commands::issue_actions::issue_delete,
            commands::issue_actions::users_assignable,
            commands::issue_actions::issue_open_window,
            commands::history::issue_history,
            commands::comments::comments_list,
            commands::comments::comment_add,
            commands::comments::comment_update,
            commands::comments::comment_delete,
            commands::comments::comment_visibility_options,
            commands::attachments::attachment_upload,
            commands::attachments::attachment_download,
            commands::attachments::attachment_delete,
            commands::attachment_open::attachment_open,
            commands::attachments::attachment_thumbnail,
            commands::users::users_search,
            commands::users::user_get,
            commands::users::user_avatar,
            commands::avatars::avatar_get,
            commands::console::console_send,
            commands::wizard::open_in_browser,
            commands::wizard::wizard_probe,
            commands::wizard::wizard_sign_in,
            commands::wizard::wizard_oauth1_generate_key,
            commands::wizard::wizard_oauth1_import_key,
            commands::wizard::wizard_oauth1_reuse_key,
            commands::wizard::wizard_oauth1_begin,
            commands::wizard::wizard_oauth1_verifier,
            commands::wizard::wizard_oauth2_begin,
            commands::wizard::wizard_oauth_wait,
            commands::wizard::wizard_oauth_cancel,
            commands::wizard::wizard_oauth2_choose_site,
            commands::wizard::wizard_check,
            commands::wizard::wizard_save,
            commands::wizard::wizard_discard,
        ])
}

/// Makes the app's state over the OS app folders and the OS keyring, unless a test did.
///
/// Errors: when the OS does not tell where the app's folders are.
pub fn manage_state<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    if app.try_state::<AppState>().is_none() {
        let paths = app.path();
        let state = AppState::new(
            paths.app_config_dir()?,
            paths.app_data_dir()?,
            Arc::new(KeyringStore::new()),
            &app.package_info().version.to_string(),
        );
        app.manage(state);
    }
    Ok(())
}

/// Hands `jiffy://oauth/callback?...` links to the waiting OAuth 2.0 sign-in.
fn on_deep_links<R: Runtime>(app: &tauri::AppHandle<R>, urls: &[url::Url]) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    for url in urls {
        if url.scheme() == "jiffy" {
            if let Err(e) = state.wizard.oauth2_deep_link(url.as_str()) {
                eprintln!("jiffy: ignored a jiffy:// link: {e}");
            }
        }
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_focus();
    }
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
    // Single instance first: a second `jiffy jiffy://oauth/callback?...` (what the desktop
    // runs for a deep link) hands its link to the running app and exits.
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.show();
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init());
    let app = build_app(builder)
        // Tauri keeps one setup hook: state first, then the deep links that may need it.
        .setup(|app| {
            use tauri_plugin_deep_link::DeepLinkExt;
            manage_state(app)?;
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                on_deep_links(&handle, &event.urls());
            });
            // Linux and Windows register the scheme at run time (installers do it too).
            #[cfg(any(target_os = "linux", windows))]
            if let Err(e) = app.deep_link().register_all() {
                eprintln!("jiffy: jiffy:// links are not registered with the desktop: {e}");
            }
            if let Ok(Some(urls)) = app.deep_link().get_current() {
                on_deep_links(app.handle(), &urls);
            }
            // Watches run in the background; the tray keeps them going with no window open.
            if let Err(e) = tray::create(app.handle()) {
                eprintln!("jiffy: no tray icon on this desktop: {e}");
            }
            watcher::start(app.handle());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.label() == "main" {
                    tray::on_main_window_close(window, api);
                }
            }
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = handle.try_state::<AppState>() {
                    tauri::async_runtime::block_on(state.demo.stop_all());
                }
            }
        }),
        Err(err) => {
            eprintln!("Jiffy could not start: {err}");
            // A failed start must be visible to whoever launched it (a desktop launcher, a
            // script, tauri-driver): a non-zero status, as before this change.
            std::process::exit(1);
        }
    }
}
