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
    // A comment, an attachment and a deletion must persist too.
    let r = s
        .post(&format!("/rest/api/2/issue/{key}/comment"), "alice")
        .json(&json!({"body": "kept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let part = reqwest::multipart::Part::bytes(b"saved bytes".to_vec()).file_name("a.txt");
    let r = s
        .post(&format!("/rest/api/2/issue/{key}/attachments"), "alice")
        .header("X-Atlassian-Token", "no-check")
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let content = body(r).await[0]["content"]
        .as_str()
        .unwrap()
        .replace(s.sb.base_url(), "");
    assert_eq!(
        s.delete("/rest/api/2/issue/DEV-7", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    s.sb.shutdown().await;
    let s2: Site = start_with(cfg).await;
    assert_eq!(
        s2.get("/rest/api/2/issue/DEV-7", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let comments = s2
        .json(&format!("/rest/api/2/issue/{key}/comment"), "alice")
        .await;
    assert_eq!(comments["comments"][0]["body"], "kept");
    let bytes = s2
        .get(&content, "alice")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(bytes, "saved bytes");
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
    // Without an explicit shutdown (dropped handle), changes made just before still land.
    let r = s2.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "OPS"}, "summary": "Dropped", "issuetype": {"name": "Task"}}})).send().await.unwrap();
    let dropped_key = body(r).await["key"].as_str().unwrap().to_string();
    drop(s2);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let s3: Site = start_with(Config {
        data_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    assert_eq!(
        s3.json(
            &format!("/rest/api/2/issue/{dropped_key}?fields=summary"),
            "alice"
        )
        .await["fields"]["summary"],
        "Dropped"
    );
    s3.sb.shutdown().await;
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
    // 100,000 issues must seed "well under a minute" (about a second in a debug build).
    let t = Instant::now();
    let s = start_with(Config {
        seed: Seed::Bench(100_000),
        ..Config::default()
    })
    .await;
    assert!(
        t.elapsed().as_secs() < 30,
        "bench seed took {:?}",
        t.elapsed()
    );
    let v = s
        .json(
            "/rest/api/2/search?jql=project%3DBENCH&maxResults=1&fields=summary",
            "admin",
        )
        .await;
    assert_eq!(v["total"], 100_000);
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

#[tokio::test]
async fn empty_seed_has_users_and_catalogue_but_no_projects() {
    let s = start_with(Config {
        seed: Seed::Empty,
        ..Config::default()
    })
    .await;
    assert_eq!(s.json("/rest/api/2/myself", "alice").await["name"], "alice");
    assert_eq!(s.json("/rest/api/2/project", "admin").await, json!([]));
    assert_eq!(s.json("/rest/api/2/search", "admin").await["total"], 0);
    assert_eq!(
        s.json("/rest/api/2/priority", "admin")
            .await
            .as_array()
            .map(Vec::len),
        Some(5)
    );
}
