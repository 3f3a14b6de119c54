use super::*;
use crate::api::test_server::{serve, Reply};
use crate::api::ClientConfig;
use crate::config::{AuthSettings, Connection, Deployment, NetworkSettings};
use crate::secrets::{InMemoryStore, SecretKind, SecretStore};
use serde_json::json;
use std::sync::{Arc, Mutex};

fn client(base: &str, deployment: Deployment) -> JiraClient {
    let store = Arc::new(InMemoryStore::new());
    let (kind, auth) = match deployment {
        Deployment::Cloud => (
            SecretKind::ApiToken,
            AuthSettings::ApiToken {
                email: "a@example.com".into(),
                cloud_id: None,
                use_gateway: false,
            },
        ),
        _ => (
            SecretKind::PersonalAccessToken,
            AuthSettings::Pat { username: None },
        ),
    };
    store.set("c1", kind, &"secret".into()).expect("store");
    let connection = Connection {
        id: "c1".into(),
        name: "Test".into(),
        base_url: base.into(),
        deployment,
        version: None,
        auth,
        network: NetworkSettings::default(),
    };
    JiraClient::new(connection, store, ClientConfig::new("0.1.0")).expect("client")
}

fn issues(from: u64, to: u64) -> Vec<serde_json::Value> {
    (from..to)
        .map(|n| json!({ "id": n.to_string(), "key": format!("A-{n}"), "fields": {} }))
        .collect()
}

fn query_value(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Runs a search with progress and returns what the callback saw.
async fn reports(client: &JiraClient, limit: Option<usize>) -> (usize, Vec<SearchProgress>) {
    let seen = Mutex::new(Vec::new());
    let found = search_all_with_progress(client, "project = A", &[], limit, &|p| {
        seen.lock().unwrap_or_else(|e| e.into_inner()).push(p);
    })
    .await
    .expect("search");
    (
        found.len(),
        seen.into_inner().unwrap_or_else(|e| e.into_inner()),
    )
}

fn progress(fetched: usize, total: u64, exact: bool) -> SearchProgress {
    SearchProgress {
        fetched,
        total: Some(total),
        exact,
    }
}

#[tokio::test]
async fn data_center_reports_each_page_against_the_exact_total() {
    let (base, _) = serve(|seen| {
        let start: u64 = query_value(&seen.target, "startAt")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let end = (start + 100).min(250);
        let body = json!({ "startAt": start, "maxResults": 100, "total": 250, "issues": issues(start, end) });
        Reply(200, vec![], body.to_string())
    })
    .await;
    let client = client(&base, Deployment::DataCenter);
    let (count, seen) = reports(&client, None).await;
    assert_eq!(count, 250);
    assert_eq!(
        seen,
        vec![
            progress(100, 250, true),
            progress(200, 250, true),
            progress(250, 250, true)
        ]
    );
    // A limit caps both numbers.
    let (count, seen) = reports(&client, Some(150)).await;
    assert_eq!(count, 150);
    assert_eq!(seen.last(), Some(&progress(150, 150, true)));
    assert!(seen.iter().all(|p| p.total == Some(150)), "{seen:?}");
}

#[tokio::test]
async fn cloud_reports_against_the_approximate_count() {
    let (base, log) = serve(|seen| {
        if seen
            .target
            .starts_with("/rest/api/3/search/approximate-count")
        {
            return Reply(200, vec![], r#"{"count":131}"#.into());
        }
        let body = match query_value(&seen.target, "nextPageToken").as_deref() {
            None => json!({ "issues": issues(0, 100), "nextPageToken": "t2", "isLast": false }),
            Some(_) => json!({ "issues": issues(100, 130), "isLast": true }),
        };
        Reply(200, vec![], body.to_string())
    })
    .await;
    let client = client(&base, Deployment::Cloud);
    let (count, seen) = reports(&client, None).await;
    assert_eq!(count, 130);
    assert_eq!(
        seen,
        vec![progress(100, 131, false), progress(130, 131, false)]
    );
    let asked = log.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let counted = asked
        .iter()
        .filter(|s| s.target.contains("approximate-count"))
        .count();
    assert_eq!(counted, 1);
    // Without a listener no count is asked for.
    log.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let found = search_all(&client, "project = A", &[], None)
        .await
        .expect("search");
    assert_eq!(found.len(), 130);
    let asked = log.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(asked
        .iter()
        .all(|s| !s.target.contains("approximate-count")));
}

#[tokio::test]
async fn a_failing_count_leaves_the_total_unknown() {
    let (base, _) = serve(|seen| {
        if seen.target.contains("approximate-count") {
            return Reply(
                403,
                vec![],
                r#"{"errorMessages":["no"],"errors":{}}"#.into(),
            );
        }
        let body = json!({ "issues": issues(0, 5), "isLast": true });
        Reply(200, vec![], body.to_string())
    })
    .await;
    let (count, seen) = reports(&client(&base, Deployment::Cloud), None).await;
    assert_eq!(count, 5);
    assert_eq!(
        seen,
        vec![SearchProgress {
            fetched: 5,
            total: None,
            exact: false
        }]
    );
}
