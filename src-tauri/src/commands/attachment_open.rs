//! "Open" on an attachment: download it into Jiffy's cache folder and hand it to the
//! desktop's default app for its type — except files the desktop would run as a program.

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::ops;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;

/// Endings of files a desktop runs instead of showing (launchers, scripts, installers,
/// executables). Such attachments can be downloaded and checked, never opened with a click.
/// Web pages and SVG are here too: opened from disk they run their scripts in a browser.
const RUNNABLE: &[&str] = &[
    // Linux
    "desktop",
    "sh",
    "bash",
    "zsh",
    "csh",
    "fish",
    "run",
    "appimage",
    "deb",
    "rpm",
    "snap",
    "flatpakref",
    "flatpakrepo",
    "so",
    // Windows
    "exe",
    "msi",
    "msix",
    "appx",
    "appxbundle",
    "appinstaller",
    "bat",
    "cmd",
    "com",
    "scr",
    "pif",
    "ps1",
    "psm1",
    "vbs",
    "vbe",
    "js",
    "jse",
    "wsf",
    "wsh",
    "hta",
    "lnk",
    "url",
    "reg",
    "msc",
    "cpl",
    "dll",
    "inf",
    "scf",
    "chm",
    "jnlp",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "settingcontent-ms",
    "library-ms",
    // macOS
    "app",
    "command",
    "tool",
    "terminal",
    "workflow",
    "scpt",
    "dmg",
    "pkg",
    "mpkg",
    "webloc",
    "inetloc",
    "fileloc",
    // Anywhere
    "jar",
    "py",
    "pyw",
    "pl",
    "rb",
    "apk",
    "html",
    "htm",
    "xhtml",
    "svg",
    "mht",
    "mhtml",
    "docm",
    "xlsm",
    "pptm",
];

/// `filename` made safe as one file name: no folders, no leading dots (hidden files), no
/// control characters; something readable when nothing is left.
pub fn safe_file_name(filename: &str) -> String {
    let last = filename.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_control() || c == ':' { '_' } else { c })
        .collect();
    // Windows drops trailing dots and spaces ("x.exe. " is x.exe): so does this.
    let trimmed = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .to_owned();
    if trimmed.is_empty() {
        "attachment".to_owned()
    } else {
        trimmed
    }
}

/// Whether the desktop would run `filename` (by its ending, case-insensitively).
pub fn is_runnable(filename: &str) -> bool {
    filename
        .rsplit_once('.')
        .is_some_and(|(_, ext)| RUNNABLE.iter().any(|r| r.eq_ignore_ascii_case(ext)))
}

/// Only letters, digits, `-` and `_` (ids become folder names).
fn folder_name(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Downloads attachment `id` (named `filename`) into the app's cache folder and opens it
/// with the system's default app; returns where it was saved.
///
/// Errors: `invalidInput` for a file the desktop would run (download it instead);
/// `notFound`; `network`; `internal` when there is no cache folder or nothing can open it.
#[tauri::command]
pub async fn attachment_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    connection: String,
    id: String,
    filename: String,
) -> CmdResult<String> {
    let name = safe_file_name(&filename);
    if is_runnable(&name) {
        return Err(IpcError::InvalidInput {
            message: format!(
                "“{name}” could run a program on this computer, so Jiffy does not open it. \
                 Download it instead, and open it yourself only if you trust where it came from."
            ),
        });
    }
    let internal = |message: String| IpcError::Internal { message };
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| internal(format!("This system has no cache folder for Jiffy: {e}")))?
        .join("attachments")
        .join(folder_name(&connection))
        .join(folder_name(&id));
    std::fs::create_dir_all(&dir)
        .map_err(|e| internal(format!("Could not make {}: {e}", dir.display())))?;
    let path = dir.join(&name);
    let client = state.live_client(&connection).await?;
    ops::attachment_download_to_file(&client, &id, &path).await?;
    let shown = path.to_string_lossy().into_owned();
    app.opener()
        .open_path(shown.clone(), None::<&str>)
        .map_err(|e| internal(format!("No app on this computer opened {name}: {e}")))?;
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_one_plain_file_in_the_cache_folder() {
        assert_eq!(safe_file_name("report.pdf"), "report.pdf");
        assert_eq!(safe_file_name("../../.bashrc"), "bashrc");
        assert_eq!(safe_file_name("C:\\Users\\x\\evil.png"), "evil.png");
        assert_eq!(safe_file_name("a\u{0}b\nc.txt"), "a_b_c.txt");
        assert_eq!(safe_file_name("..."), "attachment");
        assert_eq!(safe_file_name("x.exe. "), "x.exe");
        assert_eq!(safe_file_name(""), "attachment");
        assert_eq!(folder_name("10042"), "10042");
        assert_eq!(folder_name("../x"), "___x");
    }

    #[test]
    fn programs_and_launchers_are_not_opened() {
        for name in [
            "run.sh",
            "Setup.EXE",
            "jiffy.desktop",
            "x.AppImage",
            "a.tar.jar",
        ] {
            assert!(is_runnable(name), "{name}");
        }
        assert!(is_runnable(&safe_file_name("x.exe. ")));
        assert!(is_runnable("page.html"));
        for name in [
            "shot.png",
            "notes.txt",
            "report.pdf",
            "sh",
            "data.json",
            "a.docx",
            "x.bin",
        ] {
            assert!(!is_runnable(name), "{name}");
        }
    }
}
