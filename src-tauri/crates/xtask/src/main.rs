//! `cargo xtask <command>`: the one entry point for building, running and testing Jiffy.
//!
//! - `setup`  installs what is missing (Debian/Ubuntu packages, npm packages, tauri-driver)
//! - `run`    sets up if needed, builds the UI and starts the app
//! - `test`   the whole gate: fmt, clippy, Rust tests, bindings, UI checks, end-to-end
//! - `bundle` installable packages (.deb and .rpm on Linux) under target/release/bundle/
//! - `bench`  benchmarks (none exist yet; it says so)

mod clients;
mod e2e;
mod proc;
mod setup;
mod test;

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(&root()),
        Some("run") => run(&root()),
        Some("test") => test::test(&root(), &args[1..]),
        Some("e2e") => e2e::build_and_run(&root()),
        Some("clients") => clients::run(&root()),
        Some("bundle") => bundle(&root()),
        Some("bench") => bench(),
        _ => {
            eprintln!("usage: cargo xtask <setup|run|test [--no-e2e]|e2e|clients|bundle|bench>");
            std::process::exit(2);
        }
    };
    if let Err(err) = result {
        eprintln!("xtask: {err:#}");
        std::process::exit(1);
    }
}

/// The workspace root (this crate lives at `src-tauri/crates/xtask`).
pub fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().nth(3).unwrap_or(here).to_path_buf()
}

fn run(root: &Path) -> Result<()> {
    setup::setup(root)?;
    let binary = e2e::build_app(root)?;
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        bail!(
            "there is no display to open Jiffy's window on (DISPLAY and WAYLAND_DISPLAY are \
             unset); run it from a desktop session, or headless with `xvfb-run -a cargo xtask run`"
        );
    }
    println!("xtask: starting {}", binary.display());
    proc::run(std::process::Command::new(&binary).current_dir(root))
}

/// Release build and installable bundles through Tauri's CLI (from ui/node_modules).
fn bundle(root: &Path) -> Result<()> {
    setup::setup(root)?;
    let cli = root.join("ui/node_modules/.bin/tauri");
    // The CLI finds src-tauri/tauri.conf.json by searching from the workspace root; its
    // beforeBuildCommand builds the UI.
    proc::run(
        std::process::Command::new(cli)
            .arg("build")
            .current_dir(root),
    )
}

fn bench() -> Result<()> {
    bail!(
        "no benchmarks exist yet: they arrive with the sandbox and the core client \
         (each reported as a ratio against a baseline measured in the same run)"
    )
}
