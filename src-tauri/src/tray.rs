//! The tray icon: keeps Jiffy reachable (and watching) when its window is closed, and shows
//! how many watch matches nobody has looked at yet.

use crate::state::AppState;
use crate::watcher::{self, Navigate};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, CloseRequestApi, Manager, Runtime, Window};

/// The tray icon's id.
const TRAY_ID: &str = "jiffy";

/// The menu entry that shows the unseen count (kept to update its text).
struct UnseenItem<R: Runtime>(MenuItem<R>);

/// The tray's tooltip and menu text for `unseen` matches.
pub fn unseen_text(unseen: u32) -> String {
    match unseen {
        0 => "No new watch matches".to_string(),
        1 => "1 new watch match".to_string(),
        n => format!("{n} new watch matches"),
    }
}

/// Makes the tray icon with its menu: the unseen count (opens Settings → Watches), Open
/// Jiffy, Check watches now, Quit.
///
/// Errors: the desktop has no tray (the app runs on without one).
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let unseen = MenuItem::with_id(app, "unseen", unseen_text(0), true, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "Open Jiffy", true, None::<&str>)?;
    let check = MenuItem::with_id(app, "check", "Check watches now", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Jiffy", true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&unseen, &open, &check, &separator, &quit])?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Jiffy")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "unseen" => watcher::show_main(app, Navigate::Watches),
            "open" => watcher::show_main(app, Navigate::Stay),
            "check" => watcher::check_all_now(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(UnseenItem(unseen));
    refresh(app);
    Ok(())
}

/// Whether closing the main window should hide it in the tray rather than quit: the
/// preference says so and there is a tray to come back from.
fn keeps_running_in_tray<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(state) = app.try_state::<AppState>() else {
        return false;
    };
    app.tray_by_id(TRAY_ID).is_some()
        && state
            .config
            .load()
            .map(|c| c.preferences.keep_running_in_tray)
            .unwrap_or(true)
}

/// Said once per run, the first time the window hides: some desktops (stock GNOME) show no
/// tray icons, and a window that vanished without a word looks like a crash.
static TOLD_STILL_RUNNING: AtomicBool = AtomicBool::new(false);

/// The main window is being closed: with "keep running in the tray" on, it hides instead
/// (watches go on; the tray, a notification or starting Jiffy again brings it back).
pub fn on_main_window_close<R: Runtime>(window: &Window<R>, api: &CloseRequestApi) {
    if !keeps_running_in_tray(window.app_handle()) {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    if !TOLD_STILL_RUNNING.swap(true, Ordering::SeqCst) {
        let _ = crate::desktop_notify::show_plain(
            "Jiffy is still running",
            "Your watches go on. Open Jiffy again from its tray icon or by starting it; \
             Settings → In the background lets closing the window quit instead.",
        );
    }
}

/// Brings the tray's count up to date (does nothing when there is no tray).
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let unseen = state.watches.unseen_total().unwrap_or(0);
    let text = unseen_text(unseen);
    if let Some(item) = app.try_state::<UnseenItem<R>>() {
        let _ = item.0.set_text(&text);
    }
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = tray.set_tooltip(Some(format!("Jiffy — {text}")));
        // Shown next to the icon where the desktop supports it (Linux app indicators).
        let _ = tray.set_title(if unseen > 0 {
            Some(unseen.to_string())
        } else {
            None
        });
    }
}

#[cfg(test)]
mod tests {
    use super::unseen_text;

    #[test]
    fn the_count_reads_as_a_sentence() {
        assert_eq!(unseen_text(0), "No new watch matches");
        assert_eq!(unseen_text(1), "1 new watch match");
        assert_eq!(unseen_text(12), "12 new watch matches");
    }
}
