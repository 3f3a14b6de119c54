//! The exact requests a watch sends, against a scripted Jira: the user's ORDER BY replaced,
//! one cheap keys-only request when nothing changed, the incremental window sized from the
//! last successful run, and `key in (…)` only for what the window missed.

use super::super::{ClientFuture, NotifyRule, RunOutcome, Schedule, WatchDraft, Watches};
use crate::api::test_server::{serve, Reply, Seen};
use crate::api::{ClientConfig, JiraClient};
use crate::config::{AuthSettings, Connection, Deployment, NetworkSettings};
use crate::secrets::{InMemoryStore, SecretKind, SecretStore};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

const NOW: u64 = 1_790_000_000_000;

/// What the scripted Jira holds: (key, updated) of every match, and the keys its
/// `updated >= "-Nm"` window returns.
#[derive(Default)]
struct Site {
    issues: Vec<(String, String)>,
    recent: Vec<String>,
}

fn query(seen: &Seen, name: &str) -> String {
    let query = seen.target.split_once('?').map_or("", |(_, q)| q);
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn answer(site: &Site, jql: &str) -> Value {
    let wanted: Vec<&(String, String)> = if let Some(rest) = jql.strip_prefix("key in (") {
        let keys: Vec<&str> = rest.split(')').next().unwrap_or("").split(", ").collect();
        site.issues
            .iter()
            .filter(|(k, _)| keys.contains(&k.as_str()))
            .collect()
    } else if jql.contains("updated >=") {
        site.issues
            .iter()
            .filter(|(k, _)| site.recent.contains(k))
            .collect()
    } else {
        site.issues.iter().collect()
    };
    let issues: Vec<Value> = wanted
        .iter()
        .map(|(key, updated)| {
            json!({ "id": "1", "key": key, "fields": {
                "summary": format!("About {key}"), "status": { "id": "1", "name": "On Hold" },
                "updated": updated } })
        })
        .collect();
    json!({ "startAt": 0, "maxResults": 1000, "total": issues.len(), "issues": issues })
}

fn client(base: &str) -> JiraClient {
    let store = Arc::new(InMemoryStore::new());
    let stored = store.set("c1", SecretKind::PersonalAccessToken, &"secret".into());
    assert!(stored.is_ok());
    let connection = Connection {
        id: "c1".into(),
        name: "Test".into(),
        base_url: base.into(),
        deployment: Deployment::DataCenter,
        version: None,
        auth: AuthSettings::Pat { username: None },
        network: NetworkSettings::default(),
    };
    JiraClient::new(connection, store, ClientConfig::new("0.1.0"))
        .unwrap_or_else(|e| panic!("client: {e}"))
}

#[tokio::test]
async fn a_watch_asks_little_and_only_what_it_needs() {
    let site = Arc::new(Mutex::new(Site {
        issues: vec![("A-1".into(), "t1".into()), ("A-2".into(), "t1".into())],
        recent: Vec::new(),
    }));
    let scripted = Arc::clone(&site);
    let (base, log) = serve(move |seen| {
        let site = scripted.lock().unwrap_or_else(|e| e.into_inner());
        Reply(200, vec![], answer(&site, &query(seen, "jql")).to_string())
    })
    .await;
    let client = Arc::new(client(&base));
    let client_for =
        move |_: String| -> ClientFuture { Box::pin(std::future::ready(Ok(Arc::clone(&client)))) };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let draft = WatchDraft {
        connection: "c1".into(),
        name: "Held".into(),
        jql: "project = A order by key".into(),
        schedule: Schedule::Every { minutes: 10 },
        notify: NotifyRule::Changed,
        enabled: true,
    };
    let watch = watches.add(draft, NOW).unwrap_or_else(|e| panic!("{e}"));
    let requests = |from: usize| -> Vec<(String, String, String)> {
        let log = log.lock().unwrap_or_else(|e| e.into_inner());
        log.get(from..)
            .unwrap_or_default()
            .iter()
            .map(|s| (query(s, "jql"), query(s, "fields"), query(s, "maxResults")))
            .collect()
    };
    let reported = |runs: Vec<super::super::RunSummary>| -> Vec<String> {
        match runs.first().map(|r| &r.outcome) {
            Some(RunOutcome::Ok { matches, .. }) => matches
                .iter()
                .map(|m| format!("{}:{:?}", m.key, m.change))
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    let one = [watch];
    let detail = "summary,status,updated".to_owned();

    // First run: the whole query once, the user's ORDER BY replaced.
    let runs = watches.run(&one, NOW, &client_for).await;
    assert_eq!(reported(runs.unwrap_or_default()), ["A-1:New", "A-2:New"]);
    let sent = requests(0);
    assert_eq!(
        sent,
        [(
            "project = A ORDER BY updated DESC".into(),
            detail.clone(),
            "100".into()
        )]
    );

    // Nothing changed: one keys-only request.
    let runs = watches.run(&one, NOW + 60_000, &client_for).await;
    assert!(reported(runs.unwrap_or_default()).is_empty());
    let sent = requests(1);
    assert_eq!(
        sent,
        [(
            "project = A ORDER BY updated DESC".into(),
            "updated".into(),
            "1000".into()
        )]
    );

    // A-2 updated 9 minutes after the last good run: the window is 9 + 2 minutes.
    {
        let mut s = site.lock().unwrap_or_else(|e| e.into_inner());
        s.issues[1].1 = "t2".into();
        s.recent = vec!["A-2".into()];
    }
    let runs = watches
        .run(&one, NOW + 60_000 + 8 * 60_000 + 1, &client_for)
        .await;
    assert_eq!(reported(runs.unwrap_or_default()), ["A-2:Changed"]);
    let sent = requests(2);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(
        sent[1].0,
        "(project = A) AND updated >= \"-11m\" ORDER BY updated ASC"
    );

    // A-3 entered the set without an update in the window: fetched by key; A-1 left.
    {
        let mut s = site.lock().unwrap_or_else(|e| e.into_inner());
        s.issues = vec![("A-2".into(), "t2".into()), ("A-3".into(), "t0".into())];
        s.recent = Vec::new();
    }
    let runs = watches.run(&one, NOW + 20 * 60_000, &client_for).await;
    assert_eq!(reported(runs.unwrap_or_default()), ["A-3:New"]);
    let sent = requests(4);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert_eq!(sent[2].0, "key in (A-3) ORDER BY updated ASC");
    // A-1 comes back unchanged: it was forgotten, so it is new again.
    site.lock()
        .unwrap_or_else(|e| e.into_inner())
        .issues
        .push(("A-1".into(), "t1".into()));
    let runs = watches.run(&one, NOW + 30 * 60_000, &client_for).await;
    assert_eq!(reported(runs.unwrap_or_default()), ["A-1:New"]);
}
