//! Users, projects, mypermissions, catalogues (priorities, statuses, issue types, fields,
//! labels) and JQL autocomplete.

mod common;

use common::start;
use jiffy_sandbox::Mode;
use serde_json::Value;

#[tokio::test]
async fn users_get_search_assignable_picker() {
    let s = start(Mode::DataCenter).await;
    assert_eq!(
        s.json("/rest/api/2/user?username=bob", "alice").await["displayName"],
        "Bob Okafor"
    );
    assert_eq!(
        s.get("/rest/api/2/user?username=nobody", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let found = s.json("/rest/api/2/user/search?username=ca", "alice").await;
    assert_eq!(found[0]["name"], "carol");
    assert_eq!(
        s.get("/rest/api/2/user/search", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    let assignable = s
        .json("/rest/api/2/user/assignable/search?project=DOCS", "alice")
        .await;
    let names: Vec<&str> = assignable
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"alice") && names.contains(&"bob") && !names.contains(&"carol"),
        "{names:?}"
    );
    let picker = s.json("/rest/api/2/user/picker?query=ali", "bob").await;
    assert_eq!(picker["users"][0]["name"], "alice");
    let cloud = start(Mode::Cloud).await;
    let a = cloud.user("alice").account_id;
    assert_eq!(
        cloud
            .json(&format!("/rest/api/3/user?accountId={a}"), "bob")
            .await["accountId"],
        a.as_str()
    );
    let found = cloud
        .json("/rest/api/3/user/search?query=bob", "alice")
        .await;
    assert_eq!(found[0]["accountId"], cloud.user("bob").account_id);
}

#[tokio::test]
async fn projects_list_search_get() {
    let s = start(Mode::DataCenter).await;
    let list = s.json("/rest/api/2/project", "carol").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["key"], "DOCS");
    assert_eq!(
        s.json("/rest/api/2/project", "admin")
            .await
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let p = s.json("/rest/api/2/project/DOCS", "carol").await;
    assert_eq!(p["issueTypes"].as_array().unwrap().len(), 3);
    assert_eq!(
        s.get("/rest/api/2/project/OPS", "carol")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let statuses = s.json("/rest/api/2/project/DOCS/statuses", "carol").await;
    let names: Vec<&str> = statuses[0]["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"On Hold") && names.contains(&"Ready to Publish"));
    let cloud = start(Mode::Cloud).await;
    let page = cloud
        .json("/rest/api/3/project/search?maxResults=2", "admin")
        .await;
    assert_eq!(page["total"], 3);
    assert_eq!(page["isLast"], false);
    assert!(page["nextPage"].is_string());
    let last = cloud
        .json("/rest/api/3/project/search?startAt=2&maxResults=2", "admin")
        .await;
    assert_eq!(last["isLast"], true);
}

#[tokio::test]
async fn mypermissions_in_both_modes() {
    let cloud = start(Mode::Cloud).await;
    assert_eq!(
        cloud
            .get("/rest/api/3/mypermissions", "carol")
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    let v = cloud
        .json(
            "/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES&projectKey=DOCS",
            "carol",
        )
        .await;
    assert_eq!(v["permissions"]["BROWSE_PROJECTS"]["havePermission"], true);
    assert_eq!(v["permissions"]["EDIT_ISSUES"]["havePermission"], false);
    assert_eq!(v["permissions"].as_object().unwrap().len(), 2);
    assert_eq!(
        cloud
            .get("/rest/api/3/mypermissions?permissions=MADE_UP", "carol")
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    let dc = start(Mode::DataCenter).await;
    let v = dc
        .json("/rest/api/2/mypermissions?issueKey=DOCS-1", "bob")
        .await;
    assert_eq!(v["permissions"]["EDIT_ISSUES"]["havePermission"], true);
    assert_eq!(v["permissions"]["ADMINISTER"]["havePermission"], false);
    assert!(v["permissions"].as_object().unwrap().len() > 15);
}

#[tokio::test]
async fn catalogues_and_jql_autocomplete() {
    let s = start(Mode::DataCenter).await;
    let pr = s.json("/rest/api/2/priority", "carol").await;
    assert_eq!(pr.as_array().unwrap().len(), 5);
    let st = s.json("/rest/api/2/status", "carol").await;
    assert!(st
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["name"] == "On Hold"));
    assert_eq!(
        s.json("/rest/api/2/issuetype", "carol")
            .await
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        s.json("/rest/api/2/resolution", "carol").await[0]["name"],
        "Done"
    );
    assert_eq!(
        s.json("/rest/api/2/statuscategory", "carol")
            .await
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let fields = s.json("/rest/api/2/field", "carol").await;
    let custom: Vec<&Value> = fields
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["custom"] == true)
        .collect();
    assert_eq!(custom.len(), 7);
    let types: Vec<&str> = custom
        .iter()
        .map(|f| f["schema"]["custom"].as_str().unwrap())
        .collect();
    for t in [
        "float",
        "select",
        "multiselect",
        "userpicker",
        "datepicker",
        "labels",
        "textarea",
    ] {
        assert!(types.iter().any(|x| x.ends_with(&format!(":{t}"))), "{t}");
    }
    let labels = s.json("/rest/api/2/label", "carol").await;
    assert!(labels["values"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "docs"));
    let ac = s.json("/rest/api/2/jql/autocompletedata", "carol").await;
    assert!(ac["visibleFieldNames"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "status"));
    let sug = s
        .json(
            "/rest/api/2/jql/autocompletedata/suggestions?fieldName=status&fieldValue=on",
            "carol",
        )
        .await;
    assert_eq!(sug["results"][0]["value"], "On Hold");
    assert_eq!(sug["results"][0]["displayName"], "<b>On</b> Hold");
}
