//! `jiffy-sandbox`: runs the sandbox and prints one JSON line (StartInfo) on stdout.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use jiffy_sandbox::{Config, Mode, Sandbox, Seed};

#[derive(Parser, Debug)]
#[command(
    name = "jiffy-sandbox",
    about = "A stateful, Jira-compatible local site"
)]
struct Args {
    /// cloud | datacenter
    #[arg(long, default_value = "datacenter", value_parser = parse_mode)]
    mode: Mode,
    /// Address to bind (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Directory for persistent state (SQLite); in memory without it.
    #[arg(long)]
    data: Option<PathBuf>,
    /// demo | bench:N | empty
    #[arg(long, default_value = "demo", value_parser = parse_seed)]
    seed: Seed,
    /// Added latency per request (ms).
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Random extra latency, 0..=N ms.
    #[arg(long, default_value_t = 0)]
    jitter_ms: u64,
    /// Rate limit, e.g. `10/s` (answered with 429 + Retry-After).
    #[arg(long, value_parser = parse_rate)]
    rate_limit: Option<u32>,
    /// Probability (0..1) of a 503 or a dropped connection.
    #[arg(long, default_value_t = 0.0)]
    fail_rate: f64,
    /// Version reported by serverInfo.
    #[arg(long)]
    version: Option<String>,
    /// OAuth 2.0 access-token lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    access_token_ttl: u64,
    /// Turn off DC's skip.redirect.url.https.requirement (on by default in the sandbox).
    #[arg(long)]
    require_https_redirects: bool,
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    match s {
        "cloud" => Ok(Mode::Cloud),
        "datacenter" | "dc" => Ok(Mode::DataCenter),
        _ => Err("expected cloud or datacenter".into()),
    }
}

fn parse_seed(s: &str) -> Result<Seed, String> {
    match s {
        "demo" => Ok(Seed::Demo),
        "empty" => Ok(Seed::Empty),
        _ => s
            .strip_prefix("bench:")
            .and_then(|n| n.parse().ok())
            .map(Seed::Bench)
            .ok_or_else(|| "expected demo, empty or bench:N".into()),
    }
}

fn parse_rate(s: &str) -> Result<u32, String> {
    s.trim_end_matches("/s")
        .parse()
        .map_err(|_| "expected N/s, e.g. 10/s".to_string())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    if !(0.0..=1.0).contains(&a.fail_rate) {
        anyhow::bail!("--fail-rate must be between 0 and 1");
    }
    let config = Config {
        mode: a.mode,
        addr: a.addr,
        data_dir: a.data,
        seed: a.seed,
        latency_ms: a.latency_ms,
        jitter_ms: a.jitter_ms,
        rate_limit_per_sec: a.rate_limit,
        fail_rate: a.fail_rate,
        version: a.version,
        access_token_ttl_secs: a.access_token_ttl,
        oauth2_skip_https_requirement: !a.require_https_redirects,
    };
    let sandbox = Sandbox::start(config).await?;
    println!("{}", serde_json::to_string(sandbox.info())?);
    wait_for_stop().await?;
    sandbox.shutdown().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix (how test harnesses and `kill` stop it), so `--data` is flushed.
async fn wait_for_stop() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r?,
            _ = term.recv() => {}
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await?;
        Ok(())
    }
}
