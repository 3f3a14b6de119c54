//! The demo seed holds what the issue asks for: three projects (60/50/40 issues), the
//! documentation workflow with "On Hold" and "Ready to Publish", comments, attachments,
//! sub-tasks, labels, values in each of the seven custom fields, and users whose rights differ.

mod common;

use common::start;
use jiffy_sandbox::Mode;
use serde_json::Value;

const CUSTOM: [&str; 7] = [
    "customfield_10010",
    "customfield_10011",
    "customfield_10012",
    "customfield_10013",
    "customfield_10014",
    "customfield_10015",
    "customfield_10016",
];

/// Every issue `user` can see in `project`, with the fields this file checks.
async fn issues(s: &common::Site, user: &str, project: &str) -> Vec<Value> {
    let fields = format!(
        "comment,attachment,labels,subtasks,status,{}",
        CUSTOM.join(",")
    );
    let path =
        format!("/rest/api/2/search?jql=project%3D{project}&maxResults=1000&fields={fields}");
    let v = s.json(&path, user).await;
    v["issues"].as_array().cloned().unwrap_or_default()
}

fn count(issues: &[Value], has: impl Fn(&Value) -> bool) -> usize {
    issues.iter().filter(|i| has(&i["fields"])).count()
}

#[tokio::test]
async fn demo_content_is_there() {
    let s = start(Mode::DataCenter).await;
    let projects = s.json("/rest/api/2/project", "admin").await;
    let keys: Vec<&str> = projects
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["key"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["DEV", "DOCS", "OPS"]);
    let mut all = Vec::new();
    for (project, expected) in [("DEV", 60), ("DOCS", 50), ("OPS", 40)] {
        let found = issues(&s, "admin", project).await;
        assert_eq!(found.len(), expected, "{project}");
        all.extend(found);
    }
    let docs = s.json("/rest/api/2/project/DOCS/statuses", "admin").await;
    let names: Vec<&str> = docs[0]["statuses"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["name"].as_str()).collect())
        .unwrap_or_default();
    for status in ["On Hold", "Ready to Publish"] {
        assert!(
            names.contains(&status),
            "DOCS workflow lacks {status}: {names:?}"
        );
    }
    let nonempty = |f: &Value, k: &str| f[k].as_array().is_some_and(|a| !a.is_empty());
    let with_comments = count(&all, |f| f["comment"]["total"].as_u64() > Some(0));
    let with_attachments = count(&all, |f| nonempty(f, "attachment"));
    let with_subtasks = count(&all, |f| nonempty(f, "subtasks"));
    let with_labels = count(&all, |f| nonempty(f, "labels"));
    assert!(with_comments >= 30, "{with_comments} issues with comments");
    assert!(
        with_attachments >= 5,
        "{with_attachments} issues with attachments"
    );
    assert!(with_subtasks >= 3, "{with_subtasks} issues with sub-tasks");
    assert!(with_labels >= 30, "{with_labels} issues with labels");
    for id in CUSTOM {
        let set = count(&all, |f| !f[id].is_null());
        assert!(set >= 5, "{id} is set on only {set} issues");
    }
}

#[tokio::test]
async fn demo_users_see_what_their_roles_allow() {
    let s = start(Mode::DataCenter).await;
    let visible = |user: &'static str| {
        let s = &s;
        async move {
            let v = s.json("/rest/api/2/search?jql=&maxResults=0", user).await;
            v["total"].as_u64().unwrap_or(u64::MAX)
        }
    };
    assert_eq!(visible("admin").await, 150);
    assert_eq!(
        visible("alice").await,
        150,
        "DEV admin, DOCS + OPS developer"
    );
    assert_eq!(visible("bob").await, 110, "DOCS + DEV");
    assert_eq!(visible("carol").await, 50, "DOCS only");
    assert_eq!(visible("dave").await, 0, "no project at all");
}
