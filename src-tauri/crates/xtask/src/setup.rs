//! `cargo xtask setup`: installs what building and testing Jiffy needs, once, quickly.

use crate::proc;
use anyhow::{bail, Result};
use std::path::Path;
use std::process::Command;

/// Debian packages: to build (WebKitGTK, GTK, tray, rsvg, OpenSSL, xdo) and to test headless
/// (Xvfb, WebKitWebDriver, a throwaway Secret Service keyring, a notification service,
/// screenshots, a file manager's drag).
pub const APT_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "gnome-keyring",
    "dbus-x11",
    "libsecret-tools",
    "xdotool",
    // The e2e drag source (ui/e2e/drag-source.py): a GTK 3 window in the system Python.
    "python3-gi",
    "gir1.2-gtk-3.0",
    "dunst",
    "libglib2.0-bin",
    "x11-utils",
    "imagemagick",
    "openssl",
    "curl",
];

/// Installs what is missing; quick (a few `dpkg`/`--version` probes) when all is there.
pub fn setup(root: &Path) -> Result<()> {
    system_packages()?;
    npm_packages(root)?;
    tauri_driver()?;
    Ok(())
}

fn system_packages() -> Result<()> {
    if !Path::new("/usr/bin/dpkg").exists() {
        println!(
            "xtask setup: not a Debian/Ubuntu system; install the equivalents of: {}",
            APT_PACKAGES.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            let out = Command::new("dpkg-query").args(["-W", "-f=${Status}", p]).output();
            !matches!(out, Ok(o) if String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("xtask setup: installing {}", missing.join(" "));
    let is_root = proc::output(Command::new("id").arg("-u")).map(|s| s.trim() == "0")?;
    let apt = |args: &[&str]| -> Result<()> {
        let mut cmd = if is_root {
            Command::new("apt-get")
        } else if proc::has("sudo") {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            bail!(
                "not root and no sudo: install these packages yourself: {}",
                missing.join(" ")
            )
        };
        cmd.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        proc::run(&mut cmd)
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(missing.iter().copied());
    apt(&install)
}

fn npm_packages(root: &Path) -> Result<()> {
    let ui = root.join("ui");
    if !proc::has("npm") {
        bail!("npm is missing: install Node.js 20 or newer (https://nodejs.org or your package manager)");
    }
    // npm ci records the lock it installed in node_modules/.package-lock.json; when that is
    // newer than package-lock.json, the install is current.
    let lock = ui.join("package-lock.json");
    let installed = ui.join("node_modules/.package-lock.json");
    let current = match (modified(&lock), modified(&installed)) {
        (Some(l), Some(i)) => i >= l,
        _ => false,
    };
    if !current {
        println!("xtask setup: npm ci in ui/");
        proc::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&ui),
        )?;
    }
    Ok(())
}

fn tauri_driver() -> Result<()> {
    // tauri-driver has no --version flag; --help succeeds.
    if proc::answers("tauri-driver", "--help") {
        return Ok(());
    }
    println!("xtask setup: installing tauri-driver 2.x");
    proc::run(Command::new("cargo").args([
        "install",
        "tauri-driver",
        "--locked",
        "--version",
        "^2",
    ]))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}
