//! The end-to-end suite: the real app window, driven through tauri-driver and WebKitWebDriver
//! under Xvfb, inside a private D-Bus session with a throwaway unlocked keyring, with HOME and
//! XDG folders in a temp dir so nothing touches the developer's own settings.

use crate::proc;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the UI and the app binary with the UI embedded; returns the binary's path.
pub fn build_app(root: &Path) -> Result<PathBuf> {
    proc::run(
        Command::new("npm")
            .args(["run", "--silent", "build"])
            .current_dir(root.join("ui")),
    )?;
    // `custom-protocol` serves the embedded ui/dist instead of Vite's dev server.
    proc::run(
        Command::new("cargo")
            .args([
                "build",
                "--package",
                "jiffy",
                "--features",
                "custom-protocol",
            ])
            .current_dir(root),
    )?;
    // The tests start sandboxes of their own (TLS, failures) besides the app's demo sites.
    proc::run(
        Command::new("cargo")
            .args([
                "build",
                "--package",
                "jiffy-sandbox",
                "--bin",
                "jiffy-sandbox",
            ])
            .current_dir(root),
    )?;
    let binary =
        target_dir(root)?
            .join("debug")
            .join(if cfg!(windows) { "jiffy.exe" } else { "jiffy" });
    if !binary.exists() {
        bail!(
            "the app binary is not where cargo puts it: {}",
            binary.display()
        );
    }
    // A copy the suite owns: another `cargo build -p jiffy` (without the embedded UI) must
    // not swap the binary under a running suite.
    let own = target_dir(root)?.join("e2e-bin");
    std::fs::create_dir_all(&own)?;
    let copy = own.join(
        binary
            .file_name()
            .context("the app binary has no file name")?,
    );
    std::fs::copy(&binary, &copy)
        .with_context(|| format!("copying {} to {}", binary.display(), copy.display()))?;
    Ok(copy)
}

/// Builds everything and runs the suite; never skips silently.
pub fn build_and_run(root: &Path) -> Result<()> {
    if !cfg!(target_os = "linux") {
        bail!("the end-to-end suite runs on Linux only (WebKitWebDriver); it did not run here");
    }
    for tool in [
        "xvfb-run",
        "dbus-run-session",
        "gnome-keyring-daemon",
        "WebKitWebDriver",
    ] {
        if which(tool).is_none() {
            bail!(
                "`{tool}` is missing, so the end-to-end suite cannot run: run `cargo xtask setup`"
            );
        }
    }
    let binary = build_app(root)?;
    let target = target_dir(root)?;
    let shots = target.join("e2e-screenshots");
    std::fs::create_dir_all(&shots)?;
    let home = target.join("e2e-home");
    // A keyring made with another password would not unlock: start from nothing every run.
    let _ = std::fs::remove_dir_all(&home);
    for sub in [".config", ".local/share", ".cache", "runtime"] {
        std::fs::create_dir_all(home.join(sub))?;
    }
    let runtime = home.join("runtime");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))?;
    }
    let mut cmd = Command::new("xvfb-run");
    cmd.args([
        "-a",
        "-s",
        "-screen 0 1200x780x24",
        "dbus-run-session",
        "--",
        "bash",
    ])
    .arg(root.join("ui/e2e/session.sh"))
    .current_dir(root.join("ui"))
    .env("HOME", &home)
    .env("XDG_CONFIG_HOME", home.join(".config"))
    .env("XDG_DATA_HOME", home.join(".local/share"))
    .env("XDG_CACHE_HOME", home.join(".cache"))
    .env("XDG_RUNTIME_DIR", &runtime)
    .env("JIFFY_APP_BIN", &binary)
    .env("JIFFY_SANDBOX_BIN", sandbox_binary(&target)?)
    .env("JIFFY_E2E_SCREENSHOTS", &shots)
    .env("JIFFY_E2E_LOGS", &target)
    // Compositing needs GPU paths Xvfb lacks; without it WebKit draws reliably and lighter.
    .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
    .env_remove("DBUS_SESSION_BUS_ADDRESS");
    proc::run(&mut cmd).context("the end-to-end suite failed")?;
    println!("xtask: end-to-end screenshots are in {}", shots.display());
    Ok(())
}

/// The sandbox binary, copied next to the app's for the same reason.
fn sandbox_binary(target: &Path) -> Result<PathBuf> {
    let name = if cfg!(windows) {
        "jiffy-sandbox.exe"
    } else {
        "jiffy-sandbox"
    };
    let copy = target.join("e2e-bin").join(name);
    std::fs::copy(target.join("debug").join(name), &copy)
        .with_context(|| format!("copying the sandbox binary to {}", copy.display()))?;
    Ok(copy)
}

fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// Where cargo puts build output (honours CARGO_TARGET_DIR and config).
pub fn target_dir(root: &Path) -> Result<PathBuf> {
    let json = proc::output(
        Command::new("cargo")
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .current_dir(root),
    )?;
    let meta: serde_json::Value = serde_json::from_str(&json)?;
    meta["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata did not name the target directory")
}
