//! Search: DC `/rest/api/2/search` (GET, POST, paging, total, JQL errors), Cloud
//! `/rest/api/3/search/jql` (nextPageToken, bounded JQL), approximate-count, bulkfetch, 410.

mod common;

use common::{body, error_text, start};
use jiffy_sandbox::Mode;
use serde_json::{json, Value};

fn keys(v: &Value) -> Vec<String> {
    v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn dc_search_pages_with_total_and_posts() {
    let s = start(Mode::DataCenter).await;
    let all = s
        .json(
            "/rest/api/2/search?jql=project%20%3D%20DOCS&maxResults=1000&fields=summary",
            "alice",
        )
        .await;
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total, 50);
    let p1 = s
        .json(
            "/rest/api/2/search?jql=project%20%3D%20DOCS%20ORDER%20BY%20key%20ASC&maxResults=20",
            "alice",
        )
        .await;
    assert_eq!(p1["issues"].as_array().unwrap().len(), 20);
    assert_eq!(p1["total"], 50);
    assert_eq!(keys(&p1)[0], "DOCS-1");
    assert!(
        p1["issues"][0]["fields"]["status"].is_object(),
        "default fields are *navigable"
    );
    let r = s.post("/rest/api/2/search", "alice").json(&json!({"jql": "project = DOCS ORDER BY key ASC", "startAt": 40, "maxResults": 20, "fields": ["summary"]})).send().await.unwrap();
    let p3 = body(r).await;
    assert_eq!(p3["startAt"], 40);
    assert_eq!(p3["issues"].as_array().unwrap().len(), 10);
    assert_eq!(p3["issues"][0]["fields"].as_object().unwrap().len(), 1);
    // The docs workflow statuses are searchable.
    let held = s
        .json(
            "/rest/api/2/search?jql=status%20%3D%20%22On%20Hold%22",
            "alice",
        )
        .await;
    assert!(held["total"].as_u64().unwrap() > 0);
    let ready = s
        .json(
            "/rest/api/2/search?jql=status%20%3D%20%22Ready%20to%20Publish%22",
            "alice",
        )
        .await;
    assert!(ready["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn dc_search_respects_browse_permission_and_reports_jql_errors() {
    let s = start(Mode::DataCenter).await;
    let carol = s
        .json("/rest/api/2/search?maxResults=1000&fields=project", "carol")
        .await;
    assert!(carol["issues"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["fields"]["project"]["key"] == "DOCS"));
    let dave = s.json("/rest/api/2/search", "dave").await;
    assert_eq!(dave["total"], 0);
    let r = s
        .get("/rest/api/2/search?jql=project%20%3D%20", "alice")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(!body(r).await["errorMessages"]
        .as_array()
        .unwrap()
        .is_empty());
    let r = s
        .get("/rest/api/2/search?jql=nosuchfield%20%3D%201", "alice")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = s
        .get(
            "/rest/api/2/search?jql=assignee%20%3D%20currentUser()&maxResults=1000&fields=assignee",
            "alice",
        )
        .send()
        .await
        .unwrap();
    let mine = body(r).await;
    assert!(mine["issues"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["fields"]["assignee"]["name"] == "alice"));
}

#[tokio::test]
async fn cloud_search_jql_pages_with_tokens_and_refuses_the_old_endpoint() {
    let s = start(Mode::Cloud).await;
    for path in [
        "/rest/api/3/search?jql=project=DEV",
        "/rest/api/2/search?jql=project=DEV",
    ] {
        let r = s.get(path, "alice").send().await.unwrap();
        assert_eq!(r.status(), 410);
        assert!(error_text(&body(r).await).contains("/rest/api/3/search/jql"));
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut req = json!({"jql": "project = DEV ORDER BY key ASC", "maxResults": 25, "fields": ["summary"]});
        if let Some(t) = &token {
            req["nextPageToken"] = json!(t);
        }
        let page = body(
            s.post("/rest/api/3/search/jql", "alice")
                .json(&req)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(page.get("total").is_none());
        seen.extend(keys(&page));
        match page.get("nextPageToken").and_then(Value::as_str) {
            Some(t) => {
                assert_eq!(page["isLast"], false);
                token = Some(t.to_string());
            }
            None => {
                assert_eq!(page["isLast"], true);
                break;
            }
        }
    }
    assert_eq!(seen.len(), 60);
    // With fields beyond id, a page holds at most 100 issues; with id only, up to 5000.
    let s2 = start(Mode::Cloud).await;
    let admin_all = s2
        .json(
            "/rest/api/3/search/jql?jql=created%20%3E%3D%20-3650d&maxResults=500&fields=summary",
            "admin",
        )
        .await;
    assert_eq!(admin_all["issues"].as_array().unwrap().len(), 100);
    assert!(admin_all["nextPageToken"].is_string());
    let ids_only = s2
        .json(
            "/rest/api/3/search/jql?jql=created%20%3E%3D%20-3650d&maxResults=500",
            "admin",
        )
        .await;
    assert_eq!(ids_only["issues"].as_array().unwrap().len(), 150);
    assert_eq!(ids_only["isLast"], true);
    // Default fields: id only.
    let v = s
        .json(
            "/rest/api/3/search/jql?jql=project%3DDEV&maxResults=1",
            "alice",
        )
        .await;
    assert_eq!(
        v["issues"][0]["fields"]
            .as_object()
            .map(|f| f.len())
            .unwrap_or(0),
        0
    );
    let r = s
        .get(
            "/rest/api/3/search/jql?jql=order%20by%20key%20desc",
            "alice",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(error_text(&body(r).await).contains("Unbounded"));
    let r = s
        .get(
            "/rest/api/3/search/jql?jql=project%3DDEV&nextPageToken=garbage",
            "alice",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let count = body(
        s.post("/rest/api/3/search/approximate-count", "alice")
            .json(&json!({"jql": "project = DEV"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(count["count"], 60);
}

#[tokio::test]
async fn cloud_bulkfetch() {
    let s = start(Mode::Cloud).await;
    let r = s
        .post("/rest/api/3/issue/bulkfetch", "carol")
        .json(&json!({"issueIdsOrKeys": ["DOCS-1", "DEV-1"], "fields": ["summary"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v = body(r).await;
    assert_eq!(keys(&v), vec!["DOCS-1"]);
    assert_eq!(v["issueErrors"][0]["issueIdsOrKeys"][0], "DEV-1");
    let dc = start(Mode::DataCenter).await;
    assert_eq!(
        dc.post("/rest/api/2/issue/bulkfetch", "alice")
            .json(&json!({"issueIdsOrKeys": ["DEV-1"]}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
