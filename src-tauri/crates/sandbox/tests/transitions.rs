//! Workflows: available transitions (with screen fields), performing them with fields,
//! resolution handling, the docs workflow's On Hold / Ready to Publish path.

mod common;

use common::{body, error_text, start};
use jiffy_sandbox::Mode;
use serde_json::{json, Value};

async fn create_docs_task(s: &common::Site) -> String {
    let r = s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DOCS"}, "summary": "Flow", "issuetype": {"name": "Task"}}})).send().await.unwrap();
    body(r).await["key"].as_str().unwrap().to_string()
}

fn find(ts: &Value, name: &str) -> Value {
    ts["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn docs_workflow_through_on_hold_and_ready_to_publish() {
    let s = start(Mode::DataCenter).await;
    let key = create_docs_task(&s).await;
    let path = format!("/rest/api/2/issue/{key}/transitions");
    let ts = s.json(&path, "alice").await;
    let names: Vec<&str> = ts["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Start writing", "Put on hold"]);
    assert!(find(&ts, "Put on hold").get("fields").is_none());
    let with_fields = s
        .json(&format!("{path}?expand=transitions.fields"), "alice")
        .await;
    assert!(find(&with_fields, "Put on hold")["fields"]["comment"].is_object());
    let go = |id: &str, extra: Value| {
        let mut b = json!({"transition": {"id": id}});
        if let Some(o) = extra.as_object() {
            for (k, v) in o {
                b[k] = v.clone();
            }
        }
        b
    };
    let hold = find(&ts, "Put on hold")["id"].as_str().unwrap().to_string();
    let r = s
        .post(&path, "alice")
        .json(&go(
            &hold,
            json!({"update": {"comment": [{"add": {"body": "Waiting for legal"}}]}}),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let v = s.json(&format!("/rest/api/2/issue/{key}"), "alice").await;
    assert_eq!(v["fields"]["status"]["name"], "On Hold");
    assert_eq!(
        v["fields"]["comment"]["comments"][0]["body"],
        "Waiting for legal"
    );
    for name in ["Start writing", "Send to review", "Approve"] {
        let ts = s.json(&path, "alice").await;
        let id = find(&ts, name)["id"].as_str().unwrap().to_string();
        assert_eq!(
            s.post(&path, "alice")
                .json(&go(&id, json!({})))
                .send()
                .await
                .unwrap()
                .status(),
            204,
            "{name}"
        );
    }
    assert_eq!(
        s.json(&format!("/rest/api/2/issue/{key}"), "alice").await["fields"]["status"]["name"],
        "Ready to Publish"
    );
    let ts = s
        .json(&format!("{path}?expand=transitions.fields"), "alice")
        .await;
    let publish = find(&ts, "Publish");
    assert_eq!(publish["fields"]["resolution"]["required"], true);
    let r = s
        .post(&path, "alice")
        .json(&go(
            publish["id"].as_str().unwrap(),
            json!({"fields": {"resolution": {"name": "Fixed"}}}),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let v = s.json(&format!("/rest/api/2/issue/{key}"), "alice").await;
    assert_eq!(v["fields"]["status"]["statusCategory"]["key"], "done");
    assert_eq!(v["fields"]["resolution"]["name"], "Fixed");
    assert!(v["fields"]["resolutiondate"].is_string());
    // Reopen clears the resolution.
    let ts = s.json(&path, "alice").await;
    s.post(&path, "alice")
        .json(&go(find(&ts, "Reopen")["id"].as_str().unwrap(), json!({})))
        .send()
        .await
        .unwrap();
    assert!(
        s.json(&format!("/rest/api/2/issue/{key}"), "alice").await["fields"]["resolution"]
            .is_null()
    );
}

#[tokio::test]
async fn invalid_transitions_fields_and_permissions() {
    let s = start(Mode::DataCenter).await;
    let key = create_docs_task(&s).await;
    let path = format!("/rest/api/2/issue/{key}/transitions");
    let r = s
        .post(&path, "alice")
        .json(&json!({"transition": {"id": "61"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(error_text(&body(r).await).contains("not valid for this issue"));
    // A field that is not on the transition screen.
    let r = s
        .post(&path, "alice")
        .json(&json!({"transition": {"id": "11"}, "fields": {"summary": "nope"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(body(r).await["errors"]["summary"].is_string());
    // carol has no Transition permission: no transitions listed, and 403 on perform.
    assert_eq!(s.json(&path, "carol").await["transitions"], json!([]));
    assert_eq!(
        s.post(&path, "carol")
            .json(&json!({"transition": {"id": "11"}}))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn software_workflow_transitions_are_global() {
    let s = start(Mode::Cloud).await;
    let ts = s.json("/rest/api/3/issue/DEV-1/transitions", "alice").await;
    let list = ts["transitions"].as_array().unwrap();
    assert_eq!(
        list.len(),
        3,
        "all global transitions but the one to the current status"
    );
    assert!(list.iter().all(|t| t["isGlobal"] == true));
}

#[tokio::test]
async fn cloud_changelog_pages_history() {
    let s = start(Mode::Cloud).await;
    for summary in ["one", "two", "three"] {
        let r = s
            .put("/rest/api/3/issue/DEV-9", "alice")
            .json(&json!({"fields": {"summary": summary}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
    }
    let page = s
        .json("/rest/api/3/issue/DEV-9/changelog?maxResults=2", "alice")
        .await;
    assert_eq!(page["total"], 3);
    assert_eq!(page["isLast"], false);
    assert_eq!(page["values"][0]["items"][0]["field"], "summary");
    assert_eq!(page["values"][1]["items"][0]["toString"], "two");
    let last = s
        .json("/rest/api/3/issue/DEV-9/changelog?startAt=2", "alice")
        .await;
    assert_eq!(last["values"][0]["items"][0]["toString"], "three");
    assert_eq!(last["isLast"], true);
    let dc = start(Mode::DataCenter).await;
    assert_eq!(
        dc.get("/rest/api/2/issue/DEV-9/changelog", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
