//! `--data` persistence across restarts, the demo seed's shape, the bench seed, start-up time.

mod common;

use std::time::Instant;

use common::{body, start_with, Site};
use jiffy_sandbox::{Config, Mode, Seed};
use serde_json::json;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("jiffy-sandbox-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[tokio::test]
async fn state_survives_a_restart_with_data_dir() {
    let dir = temp_dir("persist");
    let cfg = Config {
        data_dir: Some(dir.clone()),
        ..Config::default()
    };
    let s = start_with(cfg.clone()).await;
    let r = s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DEV"}, "summary": "Persist me", "issuetype": {"name": "Bug"}}})).send().await.unwrap();
    let key = body(r).await["key"].as_str().unwrap().to_string();
    let pat = body(
        s.post("/rest/pat/latest/tokens", "bob")
            .json(&json!({"name": "keep"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let raw = pat["rawToken"].as_str().unwrap().to_string();
    s.sb.shutdown().await;
    let s2: Site = start_with(cfg).await;
    let v = s2.json(&format!("/rest/api/2/issue/{key}"), "alice").await;
    assert_eq!(v["fields"]["summary"], "Persist me");
    assert_eq!(
        s2.http
            .get(s2.url("/rest/api/2/myself"))
            .bearer_auth(&raw)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    s2.sb.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn demo_seed_shape_and_fast_start() {
    let t = Instant::now();
    let s = start_with(Config {
        mode: Mode::Cloud,
        ..Config::default()
    })
    .await;
    let elapsed = t.elapsed();
    assert!(elapsed.as_millis() < 1000, "start-up took {elapsed:?}");
    let count = body(
        s.post("/rest/api/3/search/approximate-count", "admin")
            .json(&json!({"jql": "created >= -3650d"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(count["count"], 150);
    let with_parent = body(
        s.post("/rest/api/3/search/approximate-count", "admin")
            .json(&json!({"jql": "issuetype = Sub-task"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(with_parent["count"].as_u64().unwrap() >= 5);
    let info = s.sb.info();
    assert_eq!(info.users.len(), 5);
    assert!(info.oauth2.is_some());
    let line = serde_json::to_value(info).unwrap();
    assert_eq!(line["mode"], "cloud");
    assert!(line["users"][0]["apiToken"].is_string());
}

#[tokio::test]
async fn bench_seed_is_deterministic_and_fast() {
    let t = Instant::now();
    let s = start_with(Config {
        seed: Seed::Bench(20_000),
        ..Config::default()
    })
    .await;
    assert!(
        t.elapsed().as_secs() < 20,
        "bench seed took {:?}",
        t.elapsed()
    );
    let v = s
        .json(
            "/rest/api/2/search?jql=project%3DBENCH&maxResults=1&fields=summary",
            "admin",
        )
        .await;
    assert_eq!(v["total"], 20_000);
    let first = s
        .json("/rest/api/2/issue/BENCH-1?fields=summary", "admin")
        .await["fields"]["summary"]
        .clone();
    let again = start_with(Config {
        seed: Seed::Bench(10),
        ..Config::default()
    })
    .await;
    assert_eq!(
        again
            .json("/rest/api/2/issue/BENCH-1?fields=summary", "admin")
            .await["fields"]["summary"],
        first
    );
}
