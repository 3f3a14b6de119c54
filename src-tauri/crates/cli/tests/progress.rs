//! `search --all` reports its progress through the context's sink (stderr in the binary),
//! never in the result document.

mod common;

use clap::Parser;
use jiffy_cli::args::Cli;
use jiffy_cli::ctx::progress_line;
use jiffy_cli::{run, Ctx, SecretInput};
use jiffy_core::ops::SearchProgress;
use jiffy_sandbox::Mode;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

async fn search_all_progress(mode: Mode) -> (serde_json::Value, Vec<SearchProgress>) {
    let env = common::start(mode).await;
    env.connect().await;
    let dir = env.dir.path().display().to_string();
    let argv = [
        "jiffy-cli",
        "--config-dir",
        &dir,
        "--json",
        "search",
        "project in (DEV, DOCS, OPS) order by key",
        "--all",
        "--fields",
        "summary",
    ];
    let cli = Cli::try_parse_from(argv).expect("arguments parse");
    let input = SecretInput::new(Box::new(std::io::empty()), HashMap::new());
    let mut ctx = Ctx::new(env.dir.path().to_path_buf(), env.store.clone(), input);
    ctx.client_config.api_host = env.sb.base_url().to_owned();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    ctx.progress = Box::new(move |p| sink.lock().expect("lock").push(p));
    let out = run(&cli, &ctx).await.expect("search --all");
    let seen = seen.lock().expect("lock").clone();
    (out.json, seen)
}

fn check(json: &serde_json::Value, seen: &[SearchProgress], exact: bool) {
    let count = json["count"].as_u64().expect("count") as usize;
    assert!(count > 100, "{count}");
    assert!(seen.len() >= 2, "one report per page: {seen:?}");
    assert!(
        seen.windows(2).all(|w| w[0].fetched < w[1].fetched),
        "{seen:?}"
    );
    let last = seen.last().expect("a report");
    assert_eq!(last.fetched, count);
    assert_eq!(last.exact, exact);
    let total = last.total.expect("a total") as usize;
    if exact {
        assert_eq!(total, count);
    }
    assert!(
        !json.to_string().contains("Fetched"),
        "progress stays out of the document"
    );
}

#[tokio::test]
async fn data_center_progress_has_the_exact_total() {
    let (json, seen) = search_all_progress(Mode::DataCenter).await;
    check(&json, &seen, true);
}

#[tokio::test]
async fn cloud_progress_has_the_approximate_count() {
    let (json, seen) = search_all_progress(Mode::Cloud).await;
    check(&json, &seen, false);
}

#[test]
fn progress_lines_say_when_the_total_is_an_estimate() {
    let p = |fetched, total, exact| SearchProgress {
        fetched,
        total,
        exact,
    };
    assert_eq!(
        progress_line(p(100, Some(250), true)),
        "Fetched 100 of 250 issues…"
    );
    assert_eq!(
        progress_line(p(100, Some(131), false)),
        "Fetched 100 of ~131 issues…"
    );
    assert_eq!(progress_line(p(5, None, false)), "Fetched 5 issues…");
}
