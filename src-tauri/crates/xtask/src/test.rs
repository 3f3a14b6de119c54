//! `cargo xtask test`: the one gate. Runs every part, prints a line per part, fails if any did.

use crate::{clients, e2e, proc, setup};
use anyhow::{bail, Result};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

struct Part {
    name: &'static str,
    outcome: Result<()>,
    secs: f64,
}

/// Runs the whole gate. `--no-e2e` is for quick local loops only: it is reported as skipped
/// and the gate then fails, so it can never pass CI.
pub fn test(root: &Path, args: &[String]) -> Result<()> {
    setup::setup(root)?;
    let skip_e2e = args.iter().any(|a| a == "--no-e2e");
    let mut parts: Vec<Part> = Vec::new();
    let mut step = |name: &'static str, f: &dyn Fn() -> Result<()>| {
        println!("\n=== xtask test: {name} ===");
        let started = Instant::now();
        let outcome = f();
        if let Err(err) = &outcome {
            eprintln!("xtask test: {name} FAILED: {err:#}");
        }
        parts.push(Part {
            name,
            outcome,
            secs: started.elapsed().as_secs_f64(),
        });
    };
    let cargo = |args: &[&str]| proc::run(Command::new("cargo").args(args).current_dir(root));
    let npm = |script: &str| {
        proc::run(
            Command::new("npm")
                .args(["run", "--silent", script])
                .current_dir(root.join("ui")),
        )
    };

    step("cargo fmt --check", &|| {
        cargo(&["fmt", "--all", "--", "--check"])
    });
    step("cargo clippy", &|| {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    });
    step("cargo test", &|| cargo(&["test", "--workspace"]));
    // `cargo test` regenerated ui/src/bindings from the Rust types; the committed copy must match.
    step("bindings up to date", &|| bindings_unchanged(root));
    step("third-party client", &|| clients::run(root));
    step("ui lint", &|| npm("lint"));
    step("ui type-check", &|| npm("typecheck"));
    step("ui unit tests", &|| npm("test"));
    if skip_e2e {
        println!("\n=== xtask test: end-to-end SKIPPED (--no-e2e) ===");
    } else {
        step("end-to-end", &|| e2e::build_and_run(root));
    }

    println!("\n=== xtask test: summary ===");
    let mut failed = 0;
    for p in &parts {
        let verdict = if p.outcome.is_ok() {
            "ok    "
        } else {
            "FAILED"
        };
        failed += usize::from(p.outcome.is_err());
        println!("{verdict} {:<22} {:>7.1} s", p.name, p.secs);
    }
    if skip_e2e {
        println!("SKIPPED end-to-end (--no-e2e): this run cannot pass the gate");
    }
    println!("xtask: {} passed, {} failed", parts.len() - failed, failed);
    if failed > 0 || skip_e2e {
        bail!("the gate did not pass");
    }
    Ok(())
}

fn bindings_unchanged(root: &Path) -> Result<()> {
    let status = proc::output(
        Command::new("git")
            .args([
                "status",
                "--porcelain",
                "--untracked-files=all",
                "--",
                "ui/src/bindings",
            ])
            .current_dir(root),
    )?;
    if !status.trim().is_empty() {
        bail!(
            "ui/src/bindings differs from what the Rust types generate; commit the regenerated \
             files:\n{status}"
        );
    }
    Ok(())
}
