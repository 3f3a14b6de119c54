//! The Data Center sandbox's REST v2 answers, validated against Atlassian's Data Center
//! OpenAPI document (`../shared/reference/jira-datacenter.openapi.json`).
//!
//! Each test walks one area as a demo user and reports every non-conforming exchange at the
//! end (run with `--nocapture` to see the whole walk).

mod support;

use jiffy_sandbox::Mode;
use serde_json::json;
use support::openapi::{Spec, Which};
use support::sandbox::{basic, start};
use support::walk::{query, Walk};

const ISSUE: &str = "DEV-1";

#[tokio::test]
async fn datacenter_reference_data_conforms() {
    let Some(spec) = Spec::load_or_skip(Which::DataCenter) else {
        return;
    };
    let sandbox = start(Mode::DataCenter).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let api = "/rest/api/2";
    walk.call("GET", &format!("{api}/serverInfo"), None, 200)
        .await;
    walk.call("GET", "/rest/api/latest/myself", None, 200).await;
    walk.call("GET", &format!("{api}/myself"), None, 200).await;
    walk.call("GET", &format!("{api}/user?username=bob"), None, 200)
        .await;
    walk.call("GET", &format!("{api}/user/search?username=a"), None, 200)
        .await;
    let assignable = query(&[("project", "DEV")]);
    walk.call(
        "GET",
        &format!("{api}/user/assignable/search?{assignable}"),
        None,
        200,
    )
    .await;
    walk.call("GET", &format!("{api}/project"), None, 200).await;
    walk.call("GET", &format!("{api}/project/DEV"), None, 200)
        .await;
    walk.call("GET", &format!("{api}/project/DOCS/statuses"), None, 200)
        .await;
    for list in [
        "priority",
        "status",
        "issuetype",
        "field",
        "resolution",
        "statuscategory",
    ] {
        walk.call("GET", &format!("{api}/{list}"), None, 200).await;
    }
    let permissions = query(&[("projectKey", "DEV"), ("permissions", "BROWSE_PROJECTS")]);
    walk.call(
        "GET",
        &format!("{api}/mypermissions?{permissions}"),
        None,
        200,
    )
    .await;
    walk.call("GET", &format!("{api}/jql/autocompletedata"), None, 200)
        .await;
    let suggest = query(&[("fieldName", "project"), ("fieldValue", "D")]);
    let path = format!("{api}/jql/autocompletedata/suggestions?{suggest}");
    walk.call("GET", &path, None, 200).await;
    walk.call("GET", &format!("{api}/attachment/meta"), None, 200)
        .await;
    sandbox.shutdown().await;
    walk.finish("datacenter reference data");
}

#[tokio::test]
async fn datacenter_issue_reads_and_writes_conform() {
    let Some(spec) = Spec::load_or_skip(Which::DataCenter) else {
        return;
    };
    let sandbox = start(Mode::DataCenter).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let issue = format!("/rest/api/2/issue/{ISSUE}");
    let expand = query(&[(
        "expand",
        "renderedFields,names,transitions,editmeta,changelog",
    )]);
    walk.call("GET", &format!("{issue}?{expand}"), None, 200)
        .await;
    // With the field schemas, custom field values are checked too (support/custom_fields.rs).
    let schema = query(&[("expand", "names,schema")]);
    walk.call("GET", &format!("{issue}?{schema}"), None, 200)
        .await;
    walk.call("GET", &format!("{issue}?fields=summary,status"), None, 200)
        .await;

    let create = json!({ "fields": {
        "project": { "key": "DEV" },
        "issuetype": { "id": "10001" },
        "summary": "Created by the conformance suite",
        "description": "Some *wiki* text.",
        "labels": ["conformance"]
    } });
    let created = walk
        .call("POST", "/rest/api/2/issue", Some(&create), 201)
        .await;
    if created.text("/key").is_none() {
        walk.problem("create", "the 201 answer has no `key`".into());
    }
    let missing_summary = json!({ "fields": {
        "project": { "key": "DEV" }, "issuetype": { "id": "10001" }
    } });
    walk.call("POST", "/rest/api/2/issue", Some(&missing_summary), 400)
        .await;

    let edit = json!({
        "fields": { "summary": "Edited by the conformance suite" },
        "update": { "labels": [{ "add": "edited" }] }
    });
    walk.call("PUT", &issue, Some(&edit), 204).await;
    walk.call(
        "PUT",
        &format!("{issue}/assignee"),
        Some(&json!({ "name": "alice" })),
        204,
    )
    .await;
    walk.call("GET", &format!("{issue}/editmeta"), None, 200)
        .await;

    let transitions = walk
        .call(
            "GET",
            &format!("{issue}/transitions?expand=transitions.fields"),
            None,
            200,
        )
        .await;
    match transitions.text("/transitions/0/id") {
        Some(id) => {
            let perform = json!({ "transition": { "id": id } });
            walk.call("POST", &format!("{issue}/transitions"), Some(&perform), 204)
                .await;
        }
        None => walk.problem("transitions", format!("{ISSUE} offers no transition")),
    }

    walk.call("GET", &format!("{issue}/comment"), None, 200)
        .await;
    let comment = json!({ "body": "A comment from the conformance suite." });
    let added = walk
        .call("POST", &format!("{issue}/comment"), Some(&comment), 201)
        .await;
    match added.text("/id") {
        Some(id) => {
            let path = format!("{issue}/comment/{id}");
            let update = json!({ "body": "An edited comment." });
            walk.call("PUT", &path, Some(&update), 200).await;
            walk.call("GET", &path, None, 200).await;
        }
        None => walk.problem("comment", "the added comment has no `id`".into()),
    }

    let uploaded = walk
        .upload(
            &format!("{issue}/attachments"),
            "notes.txt",
            b"conformance",
            200,
        )
        .await;
    match uploaded.text("/0/id") {
        Some(id) => {
            walk.call("GET", &format!("/rest/api/2/attachment/{id}"), None, 200)
                .await;
        }
        None => walk.problem("attachment", "the upload answer has no `[0].id`".into()),
    }

    let createmeta = "/rest/api/2/issue/createmeta/DEV/issuetypes";
    let types = walk.call("GET", createmeta, None, 200).await;
    match types.text("/values/0/id") {
        Some(id) => {
            walk.call("GET", &format!("{createmeta}/{id}"), None, 200)
                .await;
        }
        None => walk.problem("createmeta", "no issue type in `values`".into()),
    }
    sandbox.shutdown().await;
    walk.finish("datacenter issues");
}

#[tokio::test]
async fn datacenter_search_conforms() {
    let Some(spec) = Spec::load_or_skip(Which::DataCenter) else {
        return;
    };
    let sandbox = start(Mode::DataCenter).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let get = query(&[
        ("jql", "project = DEV ORDER BY key"),
        ("startAt", "0"),
        ("maxResults", "5"),
        (
            "fields",
            "summary,status,assignee,labels,created,description,comment",
        ),
        ("expand", "renderedFields,names,schema"),
    ]);
    walk.call("GET", &format!("/rest/api/2/search?{get}"), None, 200)
        .await;
    let post = json!({
        "jql": "project = DOCS AND status != Done ORDER BY created DESC",
        "startAt": 0,
        "maxResults": 3,
        "fields": ["summary", "status", "priority"]
    });
    walk.call("POST", "/rest/api/2/search", Some(&post), 200)
        .await;
    let bad = query(&[("jql", "project = = DEV")]);
    walk.call("GET", &format!("/rest/api/2/search?{bad}"), None, 400)
        .await;
    let unknown_field = json!({ "jql": "nosuchfield = 1" });
    walk.call("POST", "/rest/api/2/search", Some(&unknown_field), 400)
        .await;
    sandbox.shutdown().await;
    walk.finish("datacenter search");
}
