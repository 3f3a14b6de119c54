//! Fault injection: latency, jitter, rate limit (429 + Retry-After), failures (503 / dropped),
//! absurd settings; and graceful shutdown with a request in flight.

mod common;

use std::time::Instant;

use common::{start, start_with};
use jiffy_sandbox::{Config, Mode};
use serde_json::json;

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let s = start_with(Config {
        mode: Mode::Cloud,
        rate_limit_per_sec: Some(3),
        ..Config::default()
    })
    .await;
    let mut statuses = Vec::new();
    let mut limited = None;
    for _ in 0..6 {
        let r = s.get("/rest/api/3/myself", "alice").send().await.unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            limited = Some(r);
        }
    }
    assert_eq!(&statuses[..3], &[200, 200, 200]);
    assert!(statuses[3..].iter().all(|s| *s == 429), "{statuses:?}");
    let r = limited.unwrap();
    assert_eq!(r.headers()["retry-after"], "1");
    assert_eq!(r.headers()["ratelimit-reason"], "jira-burst-based");
    assert_eq!(r.headers()["x-ratelimit-limit"], "3");
    // After waiting Retry-After, requests pass again.
    tokio::time::sleep(std::time::Duration::from_millis(1050)).await;
    assert_eq!(
        s.get("/rest/api/3/myself", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn latency_and_failures_can_be_set_at_run_time() {
    let s = start(Mode::DataCenter).await;
    let put = |v: serde_json::Value| s.http.put(s.url("/rest/sandbox/faults")).json(&v).send();
    assert_eq!(put(json!({"latencyMs": 150})).await.unwrap().status(), 200);
    let t = Instant::now();
    assert_eq!(
        s.get("/rest/api/2/myself", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(t.elapsed().as_millis() >= 150);
    put(json!({"failRate": 1.0})).await.unwrap();
    let mut saw_503 = false;
    let mut saw_drop = false;
    for _ in 0..40 {
        match s.get("/rest/api/2/myself", "alice").send().await {
            Ok(r) if r.status() == 503 => {
                assert_eq!(r.headers()["retry-after"], "1");
                saw_503 = true;
            }
            Ok(r) => {
                // Headers may arrive before the body fails: reading it must then fail.
                if r.bytes().await.is_err() {
                    saw_drop = true;
                } else {
                    panic!("a request succeeded with failRate 1");
                }
            }
            Err(_) => saw_drop = true,
        }
    }
    assert!(saw_503 && saw_drop);
    assert_eq!(put(json!({"failRate": 2.0})).await.unwrap().status(), 400);
    put(json!({})).await.unwrap();
    assert_eq!(
        s.get("/rest/api/2/myself", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn jitter_varies_the_delay_within_its_bound() {
    let s = start(Mode::DataCenter).await;
    let put = s.http.put(s.url("/rest/sandbox/faults"));
    let r = put.json(&json!({"jitterMs": 120})).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let mut delays = Vec::new();
    for _ in 0..12 {
        let t = Instant::now();
        let r = s.get("/rest/api/2/myself", "alice").send().await.unwrap();
        assert_eq!(r.status(), 200);
        delays.push(t.elapsed().as_millis());
    }
    // Uniform in 0..=120 ms: twelve draws all under 15 ms has odds of about 1e-11.
    assert!(delays.iter().any(|d| *d >= 15), "{delays:?}");
    assert!(delays.iter().all(|d| *d < 2_000), "{delays:?}");
}

#[tokio::test]
async fn huge_latency_settings_delay_instead_of_crashing() {
    let s = start(Mode::Cloud).await;
    let put = |v: serde_json::Value| s.http.put(s.url("/rest/sandbox/faults")).json(&v).send();
    let r = put(json!({"latencyMs": u64::MAX, "jitterMs": u64::MAX}))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // The request waits (the client gives up), rather than losing its connection to a panic.
    let r = s
        .get("/rest/api/3/myself", "alice")
        .timeout(std::time::Duration::from_millis(300))
        .send()
        .await;
    let err = r.expect_err("no answer while the latency lasts");
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(put(json!({})).await.unwrap().status(), 200);
    assert_eq!(
        s.get("/rest/api/3/myself", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

/// Graceful shutdown: a request already in flight (held by latency) still gets its answer,
/// and the port is closed afterwards.
#[tokio::test]
async fn shutdown_lets_a_request_in_flight_finish() {
    let common::Site { sb, http } = start_with(Config {
        latency_ms: 400,
        ..Config::default()
    })
    .await;
    let url = format!("{}/rest/api/2/serverInfo", sb.base_url());
    let in_flight = {
        let (http, url) = (http.clone(), url.clone());
        tokio::spawn(async move { http.get(url).send().await.map(|r| r.status().as_u16()) })
    };
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    sb.shutdown().await;
    assert_eq!(in_flight.await.unwrap().unwrap(), 200);
    let fresh = reqwest::Client::new();
    assert!(
        fresh.get(url).send().await.is_err(),
        "still listening after shutdown"
    );
}
