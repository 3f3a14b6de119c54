//! Third-party Jira clients against jiffy-sandbox, unchanged: the proof that the sandbox
//! behaves like Jira and not merely like what jiffy-core expects.
//!
//! Today: pycontribs' `jira` for Python (the most used Jira client library), in a private
//! virtualenv under the target dir, against both modes of the sandbox binary.

use crate::{e2e::target_dir, proc};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// The library and the exact version the checks were written against.
const PYTHON_JIRA: &str = "jira==3.10.5";

/// Runs every third-party client against a fresh sandbox in each mode.
pub fn run(root: &Path) -> Result<()> {
    let target = target_dir(root)?;
    let venv = target.join("py-clients");
    let python = venv.join("bin/python");
    let marker = venv.join(format!(".installed-{PYTHON_JIRA}"));
    if !marker.exists() {
        if !proc::has("python3") {
            bail!("python3 is missing, so the third-party client check cannot run: install Python 3.9+");
        }
        proc::run(
            Command::new("python3")
                .args(["-m", "venv", "--clear"])
                .arg(&venv),
        )
        .context("could not create a virtualenv (on Debian: apt-get install python3-venv)")?;
        proc::run(Command::new(&python).args(["-m", "pip", "install", "-q", PYTHON_JIRA]))?;
        std::fs::write(&marker, b"")?;
    }
    proc::run(
        Command::new("cargo")
            .args(["build", "-q", "-p", "jiffy-sandbox"])
            .current_dir(root),
    )?;
    let sandbox = target.join("debug/jiffy-sandbox");
    let script = root.join("src-tauri/crates/sandbox/clients/python_jira.py");
    let mut failures = Vec::new();
    for mode in ["datacenter", "cloud"] {
        let mut child = Command::new(&sandbox)
            .args(["--mode", mode, "--seed", "demo"])
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start {}", sandbox.display()))?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            BufReader::new(out).read_line(&mut line)?;
        }
        let outcome = if line.trim().is_empty() {
            Err(anyhow::anyhow!("the sandbox printed no start-up line"))
        } else {
            // Through the environment, so a failure's command line stays short and readable.
            proc::run(
                Command::new(&python)
                    .arg(&script)
                    .env("JIFFY_SANDBOX_INFO", line.trim()),
            )
        };
        let _ = child.kill();
        let _ = child.wait();
        if let Err(err) = outcome {
            failures.push(format!("{mode}: {err:#}"));
        }
    }
    if !failures.is_empty() {
        bail!("third-party client checks failed: {}", failures.join("; "));
    }
    Ok(())
}
