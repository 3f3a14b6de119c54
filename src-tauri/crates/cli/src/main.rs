//! The `jiffy-cli` binary: parse, run with the OS keyring, print, exit 0 / 1 error / 2 usage.

use clap::Parser;
use jiffy_cli::args::Cli;
use jiffy_cli::output::{error_json, error_text, exit_code, EXIT_USAGE};
use jiffy_cli::{run, Ctx, SecretInput};
use jiffy_core::secrets::KeyringStore;
use jiffy_core::Error;
use std::path::PathBuf;
use std::sync::Arc;

/// Tauri's app config dir: `<OS config dir>/<bundle identifier>`, shared with the app.
fn default_config_dir() -> Result<PathBuf, Error> {
    dirs::config_dir()
        .map(|d| d.join("dev.jiffy.desktop"))
        .ok_or_else(|| {
            Error::InvalidInput(
                "this system has no user config directory; pass --config-dir DIR".into(),
            )
        })
}

/// Help and version go to stdout with 0; usage errors exit 2, as JSON on stderr with `--json`
/// (clap has not parsed the flag yet, so the raw arguments are checked).
fn usage_error(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let informational = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if !informational && std::env::args().any(|a| a == "--json") {
        // clap's text up to its usage hint, on one line.
        let message = e.to_string();
        let first = message
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        let first = first.trim_start_matches("error: ").to_owned();
        eprintln!(
            "{}",
            serde_json::json!({ "error": { "kind": "Usage", "message": first } })
        );
        std::process::exit(EXIT_USAGE);
    }
    e.exit()
}

#[tokio::main]
async fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => usage_error(e),
    };
    jiffy_cli::logging::init(cli.verbose);
    let result = match cli.config_dir.clone().map_or_else(default_config_dir, Ok) {
        Ok(dir) => {
            let mut ctx = Ctx::new(
                dir,
                Arc::new(KeyringStore::new()),
                SecretInput::from_process(),
            );
            let json = cli.json;
            ctx.opener = Box::new(move |url, no_browser| {
                if json {
                    eprintln!("{}", serde_json::json!({ "authorizeUrl": url.as_str() }));
                } else {
                    eprintln!("Open this address to authorize Jiffy:\n{url}");
                }
                if !no_browser {
                    if let Err(e) = webbrowser::open(url.as_str()) {
                        eprintln!("Could not open a browser ({e}); open the address yourself.");
                    }
                }
                Ok(())
            });
            if json {
                ctx.progress = Box::new(|p| {
                    eprintln!("{}", serde_json::json!({ "progress": p }));
                });
            }
            run(&cli, &ctx).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(output) => {
            let shown = output.render(cli.json);
            if !shown.is_empty() {
                println!("{shown}");
            }
        }
        Err(error) => {
            if cli.json {
                eprintln!("{}", error_json(&error));
            } else {
                eprintln!("{}", error_text(&error));
            }
            std::process::exit(exit_code(&error));
        }
    }
}
