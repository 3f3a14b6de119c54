//! Issue work against a real sandbox in both modes: projects, search with paging, and a whole
//! issue's life (create, edit, transition, assign, comment, attach, delete) through the same
//! command functions `main.rs` calls, checking the `--json` documents.

mod common;

use common::Env;
use jiffy_sandbox::Mode;
use std::collections::BTreeSet;

async fn projects_and_search(env: &Env) {
    let projects = env.ok(&["projects"]).await;
    let keys: Vec<&str> = projects
        .json
        .as_array()
        .expect("array of projects")
        .iter()
        .filter_map(|p| p["key"].as_str())
        .collect();
    assert!(keys.contains(&"DEV") && keys.contains(&"DOCS"), "{keys:?}");
    assert!(projects.text.starts_with("KEY"), "{}", projects.text);

    let five = env
        .ok(&[
            "search",
            "project in (DEV, DOCS, OPS) order by key",
            "--limit",
            "5",
        ])
        .await;
    assert_eq!(five.json["count"], 5);
    assert_eq!(five.json["issues"].as_array().map(Vec::len), Some(5));

    // More than one page (pages hold at most 100): every issue once.
    let all = env
        .ok(&[
            "search",
            "project in (DEV, DOCS, OPS) order by key",
            "--all",
            "--fields",
            "summary",
        ])
        .await;
    let issues = all.json["issues"].as_array().expect("issues");
    assert!(issues.len() > 100, "only {} issues", issues.len());
    let unique: BTreeSet<&str> = issues.iter().filter_map(|i| i["key"].as_str()).collect();
    assert_eq!(unique.len(), issues.len(), "an issue came twice");
    assert!(all.text.contains(&format!("({} issues)", issues.len())));

    let dev = env.ok(&["search", "project = DEV", "--limit", "500"]).await;
    let dev_issues = dev.json["issues"].as_array().expect("issues");
    assert!(!dev_issues.is_empty());
    assert!(dev_issues
        .iter()
        .all(|i| i["key"].as_str().is_some_and(|k| k.starts_with("DEV-"))));
}

async fn issue_life(env: &Env) {
    // Jira's field errors come back typed, and as `fieldErrors` in the JSON error.
    let err = env
        .run(&[
            "issue",
            "create",
            "--project",
            "DEV",
            "--type",
            "Task",
            "--summary",
            "",
        ])
        .await
        .expect_err("summary is required");
    assert_eq!(err.kind(), "Validation", "{err}");
    let shown = jiffy_cli::output::error_json(&err);
    assert!(
        shown["error"]["fieldErrors"]["summary"].is_string(),
        "{shown}"
    );

    let created = env
        .ok(&[
            "issue",
            "create",
            "--project",
            "DEV",
            "--type",
            "Task",
            "--summary",
            "Made by the CLI",
            "--description",
            "Some **bold** words",
            "--field",
            "Labels=[\"cli\"]",
        ])
        .await;
    let key = created.json["key"]
        .as_str()
        .expect("created key")
        .to_owned();
    assert!(key.starts_with("DEV-"), "{key}");

    let got = env.ok(&["issue", "get", &key]).await;
    assert_eq!(got.json["fields"]["summary"], "Made by the CLI");
    assert_eq!(got.json["fields"]["labels"], serde_json::json!(["cli"]));
    assert!(got.text.contains("bold"), "{}", got.text);

    env.ok(&["issue", "edit", &key, "--summary", "Renamed"])
        .await;
    env.ok(&["issue", "edit", &key, "--field", "labels=[\"cli\",\"two\"]"])
        .await;
    let err = env
        .run(&["issue", "edit", &key, "--field", "No Such Field=1"])
        .await
        .expect_err("unknown field");
    assert!(err.to_string().contains("Summary (summary)"), "{err}");
    let err = env
        .run(&["issue", "edit", &key])
        .await
        .expect_err("nothing to change");
    assert_eq!(err.kind(), "InvalidInput");

    let moved = env.ok(&["issue", "transition", &key, "In Progress"]).await;
    assert_eq!(moved.json["status"], "In Progress");
    let err = env
        .run(&["issue", "transition", &key, "No such step"])
        .await
        .expect_err("unknown transition");
    assert!(err.to_string().contains("available"), "{err}");

    env.ok(&["issue", "assign", &key, "me"]).await;
    let got = env.ok(&["issue", "get", &key]).await;
    assert_eq!(got.json["fields"]["summary"], "Renamed");
    assert_eq!(
        got.json["fields"]["labels"],
        serde_json::json!(["cli", "two"])
    );
    assert_eq!(got.json["fields"]["status"]["name"], "In Progress");
    assert_eq!(got.json["fields"]["assignee"]["displayName"], "Ada Admin");
    env.ok(&["issue", "assign", &key, "none"]).await;
    let got = env.ok(&["issue", "get", &key]).await;
    assert!(
        got.json["fields"]["assignee"].is_null(),
        "{}",
        got.json["fields"]["assignee"]
    );

    let added = env.ok(&["comment", "add", &key, "First *note*"]).await;
    let cid = added.json["id"].as_str().expect("comment id").to_owned();
    env.ok(&["comment", "edit", &key, &cid, "Edited note"])
        .await;
    let listed = env.ok(&["comment", "list", &key]).await;
    assert_eq!(listed.json.as_array().map(Vec::len), Some(1));
    assert!(listed.text.contains("Edited note"), "{}", listed.text);
    env.ok(&["comment", "delete", &key, &cid]).await;
    assert_eq!(
        env.ok(&["comment", "list", &key]).await.json,
        serde_json::json!([])
    );

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, b"attached bytes\n").expect("write");
    let up = env
        .ok(&["attachment", "upload", &key, &file.display().to_string()])
        .await;
    assert_eq!(up.json[0]["filename"], "notes.txt");
    assert_eq!(up.json[0]["size"], 15);
    let aid = up.json[0]["id"].as_str().expect("attachment id").to_owned();
    let copy = dir.path().join("copy.txt");
    let down = env
        .ok(&[
            "attachment",
            "download",
            &aid,
            "--out",
            &copy.display().to_string(),
        ])
        .await;
    assert_eq!(down.json["bytes"], 15);
    assert_eq!(std::fs::read(&copy).expect("read"), b"attached bytes\n");
    env.ok(&["attachment", "delete", &aid]).await;

    env.ok(&["issue", "delete", &key]).await;
    let err = env.run(&["issue", "get", &key]).await.expect_err("deleted");
    assert_eq!(err.kind(), "NotFound");
}

async fn users_and_permissions(env: &Env) {
    let found = env.ok(&["user", "search", "alice"]).await;
    let names: Vec<&str> = found
        .json
        .as_array()
        .expect("users")
        .iter()
        .filter_map(|u| u["displayName"].as_str())
        .collect();
    assert!(names.contains(&"Alice Nguyen"), "{names:?}");
    let perms = env.ok(&["permissions", "--project", "DEV"]).await;
    assert_eq!(
        perms.json["permissions"]["CREATE_ISSUES"]["havePermission"],
        true
    );
}

#[tokio::test]
async fn cloud_issue_work() {
    let env = common::start(Mode::Cloud).await;
    env.connect().await;
    projects_and_search(&env).await;
    issue_life(&env).await;
    users_and_permissions(&env).await;
}

#[tokio::test]
async fn data_center_issue_work() {
    let env = common::start(Mode::DataCenter).await;
    env.connect().await;
    projects_and_search(&env).await;
    issue_life(&env).await;
    users_and_permissions(&env).await;
    let me = env.ok(&["user", "get", "alice"]).await;
    assert_eq!(me.json["name"], "alice");
}

#[tokio::test]
async fn raw_api_requests_use_the_connection() {
    let env = common::start(Mode::DataCenter).await;
    env.connect().await;
    let out = env
        .ok(&[
            "api",
            "GET",
            "/rest/api/2/search",
            "--query",
            "jql=project = DOCS",
            "-q",
            "maxResults=1",
        ])
        .await;
    assert_eq!(out.json["maxResults"], 1);
    assert!(out.json["total"].as_u64().is_some_and(|t| t > 1));
    let created = env
        .ok(&[
            "raw",
            "post",
            "/rest/api/2/issue",
            "--body",
            r#"{"fields":{"project":{"key":"DEV"},"issuetype":{"name":"Task"},"summary":"raw"}}"#,
        ])
        .await;
    assert!(created.json["key"]
        .as_str()
        .is_some_and(|k| k.starts_with("DEV-")));
    let err = env
        .run(&["api", "GET", "/rest/api/2/issue/NOPE-1"])
        .await
        .expect_err("404");
    assert_eq!(err.kind(), "NotFound");
    // A bare resource is resolved against the connection's REST version.
    let me = env.ok(&["api", "GET", "myself"]).await;
    assert_eq!(me.json["name"], "admin");
    let err = env
        .run(&["api", "NOT A METHOD", "myself"])
        .await
        .expect_err("bad method");
    assert_eq!(err.kind(), "InvalidInput");
    let err = env
        .run(&["api", "POST", "/rest/api/2/issue", "--data", "{not json"])
        .await
        .expect_err("bad json");
    assert!(err.to_string().contains("--data"), "{err}");
}
