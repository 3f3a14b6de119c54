//! Issues: get (fields, expand), create (validation), edit (fields, update), delete
//! (subtasks), assignee, createmeta/editmeta, permissions (404 when not browsable, 403).

mod common;

use common::{body, error_text, start};
use jiffy_sandbox::Mode;
use serde_json::{json, Value};

#[tokio::test]
async fn get_with_fields_filter_and_expand() {
    let s = start(Mode::DataCenter).await;
    let v = s.json("/rest/api/2/issue/DOCS-1?fields=summary,status&expand=names,renderedFields,transitions,editmeta,changelog,schema", "alice").await;
    assert_eq!(v["key"], "DOCS-1");
    let fields = v["fields"].as_object().unwrap();
    assert_eq!(fields.len(), 2, "{fields:?}");
    assert!(fields["summary"].is_string());
    assert_eq!(v["names"]["status"], "Status");
    assert!(v["renderedFields"].is_object());
    assert!(v["transitions"].is_array());
    assert!(v["editmeta"]["fields"]["summary"]["required"]
        .as_bool()
        .unwrap());
    assert!(v["changelog"]["histories"].is_array());
    assert_eq!(v["schema"]["status"]["type"], "status");
    // Default: all fields, custom included.
    let all = s.json("/rest/api/2/issue/DOCS-1", "alice").await;
    assert!(all["fields"]
        .as_object()
        .unwrap()
        .contains_key("customfield_10010"));
    assert!(all["fields"]["comment"]["comments"].is_array());
    // By id too.
    let id = all["id"].as_str().unwrap();
    assert_eq!(
        s.json(&format!("/rest/api/2/issue/{id}?fields=-comment"), "alice")
            .await["key"],
        "DOCS-1"
    );
}

#[tokio::test]
async fn permissions_hide_and_forbid() {
    let s = start(Mode::DataCenter).await;
    // dave has no project role anywhere: the issue "does not exist" for him.
    let r = s
        .get("/rest/api/2/issue/DOCS-1", "dave")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // carol (Users role in DOCS) may browse but not edit.
    assert_eq!(
        s.get("/rest/api/2/issue/DOCS-1", "carol")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = s
        .put("/rest/api/2/issue/DOCS-1", "carol")
        .json(&json!({"fields": {"summary": "hijack"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // carol cannot see OPS at all.
    assert_eq!(
        s.get("/rest/api/2/issue/OPS-1", "carol")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    // editmeta is empty without Edit.
    assert_eq!(
        s.json("/rest/api/2/issue/DOCS-1/editmeta", "carol").await["fields"],
        json!({})
    );
}

#[tokio::test]
async fn create_validates_field_by_field_then_succeeds() {
    let s = start(Mode::DataCenter).await;
    let r = s
        .post("/rest/api/2/issue", "alice")
        .json(&json!({"fields": {"project": {"key": "DOCS"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e = body(r).await;
    assert_eq!(
        e["errors"]["summary"],
        "You must specify a summary of the issue."
    );
    assert_eq!(e["errors"]["issuetype"], "Specify an issue type");
    let r = s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "NOPE"}, "summary": "x", "issuetype": {"name": "Task"}}})).send().await.unwrap();
    assert_eq!(
        body(r).await["errors"]["project"],
        "Specify a valid project ID or key"
    );
    let r = s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DOCS"}, "summary": "x", "issuetype": {"name": "Task"}, "labels": ["has space"], "priority": {"name": "Urgentest"}, "customfield_10011": {"value": "Mars"}}})).send().await.unwrap();
    let e = body(r).await;
    assert!(e["errors"]["labels"].as_str().unwrap().contains("spaces"));
    assert!(e["errors"]["priority"].is_string());
    assert!(e["errors"]["customfield_10011"].is_string());
    let r = s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {
        "project": {"key": "DOCS"}, "summary": "Write the sandbox chapter", "issuetype": {"name": "Task"},
        "description": "Covers *every* endpoint.", "labels": ["docs"], "priority": {"name": "High"},
        "assignee": {"name": "bob"}, "duedate": "2026-12-24",
        "customfield_10010": 5, "customfield_10011": {"value": "Staging"}, "customfield_10012": [{"value": "API"}],
        "customfield_10013": {"name": "carol"}, "customfield_10014": "2026-12-01", "customfield_10015": ["admins"],
        "customfield_10016": "Reviewed by two people"
    }})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let created = body(r).await;
    let key = created["key"].as_str().unwrap();
    assert!(key.starts_with("DOCS-"));
    let v = s.json(&format!("/rest/api/2/issue/{key}"), "alice").await;
    assert_eq!(v["fields"]["assignee"]["name"], "bob");
    assert_eq!(v["fields"]["reporter"]["name"], "alice");
    assert_eq!(v["fields"]["customfield_10011"]["value"], "Staging");
    assert_eq!(v["fields"]["customfield_10013"]["name"], "carol");
    assert_eq!(v["fields"]["status"]["name"], "To Do");
    // A failed create consumed no key: the next one is consecutive.
    let n: i64 = key.trim_start_matches("DOCS-").parse().unwrap();
    let next = body(s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DOCS"}, "summary": "y", "issuetype": {"id": "10001"}}})).send().await.unwrap()).await;
    assert_eq!(next["key"], format!("DOCS-{}", n + 1));
    // dave may not create anywhere.
    let r = s.post("/rest/api/2/issue", "dave").json(&json!({"fields": {"project": {"key": "DOCS"}, "summary": "y", "issuetype": {"id": "10001"}}})).send().await.unwrap();
    assert_eq!(
        r.status(),
        400,
        "a project dave cannot browse is 'not valid'"
    );
}

#[tokio::test]
async fn cloud_v3_uses_adf_and_account_ids() {
    let s = start(Mode::Cloud).await;
    let bob = s.user("bob").account_id;
    let r = s.post("/rest/api/3/issue", "alice").json(&json!({"fields": {"project": {"key": "DOCS"}, "summary": "ADF", "issuetype": {"name": "Task"}, "description": "plain"}})).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(error_text(&body(r).await).contains("Atlassian Document"));
    let doc = json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Hello ADF"}]}]});
    let r = s.post("/rest/api/3/issue", "alice").json(&json!({"fields": {"project": {"key": "DOCS"}, "summary": "ADF", "issuetype": {"name": "Task"}, "description": doc, "assignee": {"accountId": bob}}})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let key = body(r).await["key"].as_str().unwrap().to_string();
    let v3 = s.json(&format!("/rest/api/3/issue/{key}"), "alice").await;
    assert_eq!(v3["fields"]["description"]["type"], "doc");
    assert_eq!(v3["fields"]["assignee"]["accountId"], bob.as_str());
    let v2 = s.json(&format!("/rest/api/2/issue/{key}"), "alice").await;
    assert_eq!(v2["fields"]["description"], "Hello ADF");
    // Cloud identifies users by accountId only.
    let r = s
        .put(&format!("/rest/api/3/issue/{key}"), "alice")
        .json(&json!({"fields": {"assignee": {"name": "bob"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(body(r).await["errors"]["assignee"]
        .as_str()
        .unwrap()
        .contains("accountId"));
}

#[tokio::test]
async fn edit_with_fields_and_update_operations() {
    let s = start(Mode::DataCenter).await;
    let r = s.put("/rest/api/2/issue/DEV-2", "alice").json(&json!({"fields": {"summary": "Renamed"}, "update": {"labels": [{"add": "triaged"}], "comment": [{"add": {"body": "edited"}}]}})).send().await.unwrap();
    assert_eq!(r.status(), 204);
    let v = s
        .json("/rest/api/2/issue/DEV-2?expand=changelog", "alice")
        .await;
    assert_eq!(v["fields"]["summary"], "Renamed");
    assert!(v["fields"]["labels"]
        .as_array()
        .unwrap()
        .contains(&json!("triaged")));
    assert_eq!(
        v["fields"]["comment"]["comments"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["body"],
        "edited"
    );
    let items: Vec<Value> = v["changelog"]["histories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["items"].as_array().unwrap().clone())
        .collect();
    assert!(items
        .iter()
        .any(|i| i["field"] == "summary" && i["toString"] == "Renamed"));
    let r = s
        .put("/rest/api/2/issue/DEV-2", "alice")
        .json(&json!({"fields": {"status": {"id": "3"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(body(r).await["errors"]["status"]
        .as_str()
        .unwrap()
        .contains("cannot be set"));
    let r = s
        .put("/rest/api/2/issue/DEV-2?returnIssue=true", "alice")
        .json(&json!({"fields": {"duedate": "2027-01-31"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["fields"]["duedate"], "2027-01-31");
}

#[tokio::test]
async fn assignee_and_delete_with_subtasks() {
    let s = start(Mode::DataCenter).await;
    assert_eq!(
        s.put("/rest/api/2/issue/DEV-5/assignee", "alice")
            .json(&json!({"name": "alice"}))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        s.json("/rest/api/2/issue/DEV-5", "alice").await["fields"]["assignee"]["name"],
        "alice"
    );
    // bob is only in the Users role of DEV: not assignable there.
    let r = s
        .put("/rest/api/2/issue/DEV-5/assignee", "alice")
        .json(&json!({"name": "bob"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        s.put("/rest/api/2/issue/DEV-5/assignee", "alice")
            .json(&json!({"name": null}))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert!(s.json("/rest/api/2/issue/DEV-5", "alice").await["fields"]["assignee"].is_null());
    // Create a parent and a sub-task, then delete.
    let parent = body(s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DEV"}, "summary": "parent", "issuetype": {"name": "Task"}}})).send().await.unwrap()).await;
    let pk = parent["key"].as_str().unwrap();
    let r = s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DEV"}, "summary": "child", "issuetype": {"name": "Sub-task"}}})).send().await.unwrap();
    assert!(body(r).await["errors"]["parent"].is_string());
    let child = body(s.post("/rest/api/2/issue", "alice").json(&json!({"fields": {"project": {"key": "DEV"}, "summary": "child", "issuetype": {"name": "Sub-task"}, "parent": {"key": pk}}})).send().await.unwrap()).await;
    assert_eq!(
        s.json(&format!("/rest/api/2/issue/{pk}"), "alice").await["fields"]["subtasks"][0]["key"],
        child["key"]
    );
    // bob (Users role) cannot delete.
    assert_eq!(
        s.delete(&format!("/rest/api/2/issue/{pk}"), "bob")
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let r = s
        .delete(&format!("/rest/api/2/issue/{pk}"), "alice")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(error_text(&body(r).await).contains("deleteSubtasks"));
    assert_eq!(
        s.delete(
            &format!("/rest/api/2/issue/{pk}?deleteSubtasks=true"),
            "alice"
        )
        .send()
        .await
        .unwrap()
        .status(),
        204
    );
    assert_eq!(
        s.get(
            &format!("/rest/api/2/issue/{}", child["key"].as_str().unwrap()),
            "alice"
        )
        .send()
        .await
        .unwrap()
        .status(),
        404
    );
}

#[tokio::test]
async fn createmeta_per_project_and_issue_type() {
    let dc = start(Mode::DataCenter).await;
    let types = dc
        .json("/rest/api/2/issue/createmeta/DOCS/issuetypes", "alice")
        .await;
    assert_eq!(types["total"], 3);
    assert!(types["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "Sub-task"));
    let fields = dc
        .json(
            "/rest/api/2/issue/createmeta/DOCS/issuetypes/10002",
            "alice",
        )
        .await;
    let parent = fields["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fieldId"] == "parent")
        .unwrap()
        .clone();
    assert_eq!(parent["required"], true);
    let tier = fields["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fieldId"] == "customfield_10011")
        .unwrap()
        .clone();
    assert_eq!(tier["allowedValues"].as_array().unwrap().len(), 3);
    assert_eq!(
        dc.get("/rest/api/2/issue/createmeta/OPS/issuetypes", "carol")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let cloud = start(Mode::Cloud).await;
    let t = cloud
        .json("/rest/api/3/issue/createmeta/DEV/issuetypes", "alice")
        .await;
    assert!(t["issueTypes"].is_array());
    let f = cloud
        .json("/rest/api/3/issue/createmeta/DEV/issuetypes/10004", "alice")
        .await;
    assert!(f["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["fieldId"] == "summary" && x["required"] == true));
}

#[tokio::test]
async fn cloud_legacy_createmeta_and_transition_fields_on_get() {
    let s = start(Mode::Cloud).await;
    let v = s
        .json("/rest/api/3/issue/createmeta?projectKeys=DOCS&issuetypeNames=Task&expand=projects.issuetypes.fields", "carol")
        .await;
    assert_eq!(v["projects"].as_array().unwrap().len(), 1);
    let task = &v["projects"][0]["issuetypes"][0];
    assert_eq!(task["name"], "Task");
    assert_eq!(task["fields"]["summary"]["required"], true);
    assert!(task["fields"]["project"]["allowedValues"].is_array());
    // dave may create nowhere: no projects.
    let none = s.json("/rest/api/3/issue/createmeta", "dave").await;
    assert_eq!(none["projects"], json!([]));
    let dc = start(Mode::DataCenter).await;
    assert_eq!(
        dc.get("/rest/api/2/issue/createmeta", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let t = dc
        .json(
            "/rest/api/2/issue/DOCS-1?expand=transitions.fields&fields=summary",
            "alice",
        )
        .await;
    assert!(t["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["fields"].is_object()));
}
