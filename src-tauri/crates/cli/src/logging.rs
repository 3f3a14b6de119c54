//! `-v/--verbose` and `RUST_LOG`: jiffy-core's logs (requests, retries, auth switches) on
//! stderr, so stdout stays the command's output (one JSON document with `--json`).
//!
//! jiffy-core never logs headers, bodies, tokens or query strings. Other crates make no such
//! promise, so `-v` turns on Jiffy's own logs only; `RUST_LOG` can ask for more on purpose.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// The filter directives for `-v` given `count` times, unless `RUST_LOG` says otherwise:
/// warnings only by default, then info (retries, auth switches), debug (every request),
/// trace.
pub fn directives(count: u8, rust_log: Option<&str>) -> String {
    if let Some(explicit) = rust_log.map(str::trim).filter(|s| !s.is_empty()) {
        return explicit.to_owned();
    }
    let level = match count {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    format!("jiffy_core={level},jiffy_cli={level}")
}

/// Sends logs to stderr with the filter of [`directives`] (the process's `RUST_LOG`).
/// A `RUST_LOG` that does not parse falls back to the `-v` level rather than failing the
/// command; a second call (tests) leaves the first subscriber in place.
pub fn init(count: u8) {
    let rust_log = std::env::var("RUST_LOG").ok();
    let filter = EnvFilter::try_new(directives(count, rust_log.as_deref()))
        .unwrap_or_else(|_| EnvFilter::new(directives(count, None)));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::directives;

    #[test]
    fn each_v_raises_the_level_of_jiffys_own_logs() {
        assert_eq!(directives(0, None), "jiffy_core=warn,jiffy_cli=warn");
        assert_eq!(directives(1, None), "jiffy_core=info,jiffy_cli=info");
        assert_eq!(directives(2, None), "jiffy_core=debug,jiffy_cli=debug");
        assert_eq!(directives(5, None), "jiffy_core=trace,jiffy_cli=trace");
    }

    #[test]
    fn rust_log_wins_unless_empty() {
        assert_eq!(directives(1, Some("hyper=debug")), "hyper=debug");
        assert_eq!(directives(1, Some("  ")), "jiffy_core=info,jiffy_cli=info");
    }
}
