//! `--field NAME=VALUE` through jiffy-core's field model (createmeta / editmeta), in both
//! modes: a priority by name, labels as a list, a custom field by its name, a date.

mod common;

use jiffy_sandbox::Mode;

async fn fields_by_name(mode: Mode, version: u8) {
    let env = common::start(mode).await;
    env.connect().await;
    let created = env
        .ok(&[
            "--json",
            "issue",
            "create",
            "--project",
            "DEV",
            "--type",
            "Task",
            "--summary",
            "Fields by name",
            "--field",
            "Priority=High",
            "--field",
            "labels=alpha,beta",
            "--field",
            "Story Points=3",
            "--field",
            "Due date=2025-01-31",
        ])
        .await;
    let key = created.json["key"].as_str().expect("key").to_owned();
    let path = format!("/rest/api/{version}/issue/{key}");
    let issue = env.ok(&["api", "GET", &path]).await.json;
    let f = &issue["fields"];
    assert_eq!(f["priority"]["name"], "High", "{issue}");
    assert_eq!(f["labels"], serde_json::json!(["alpha", "beta"]));
    assert_eq!(f["customfield_10010"].as_f64(), Some(3.0), "{issue}");
    assert_eq!(f["duedate"], "2025-01-31");

    env.ok(&[
        "issue",
        "edit",
        &key,
        "--field",
        "priority=low",
        "--field",
        "Story Points=5.5",
    ])
    .await;
    let issue = env.ok(&["api", "GET", &path]).await.json;
    let f = &issue["fields"];
    assert_eq!(f["priority"]["name"], "Low", "{issue}");
    assert_eq!(f["customfield_10010"].as_f64(), Some(5.5), "{issue}");

    // Refused before anything is sent, with the field named.
    let err = env
        .run(&["issue", "edit", &key, "--field", "Priority=Whenever"])
        .await
        .expect_err("no such priority");
    assert_eq!(err.kind(), "Validation");
    assert!(err.to_string().contains("High"), "{err}");
    let err = env
        .run(&["issue", "edit", &key, "--field", "Due date=31/01/2025"])
        .await
        .expect_err("not a date");
    assert_eq!(err.kind(), "Validation");
}

#[tokio::test]
async fn cloud_fields_by_name() {
    fields_by_name(Mode::Cloud, 3).await;
}

#[tokio::test]
async fn data_center_fields_by_name() {
    fields_by_name(Mode::DataCenter, 2).await;
}
