//! The Cloud sandbox's REST v3 answers (and v2 where Cloud has the same operation), validated
//! against Atlassian's Cloud platform OpenAPI document
//! (`../shared/reference/jira-cloud-platform.openapi.json`).
//!
//! Each test walks one area as a demo user (email + API token) and reports every
//! non-conforming exchange at the end (run with `--nocapture` to see the whole walk).

mod support;

use jiffy_sandbox::Mode;
use serde_json::json;
use support::openapi::{Spec, Which};
use support::sandbox::{account_id, adf, basic, start};
use support::walk::{query, Walk};

const ISSUE: &str = "DEV-1";

#[tokio::test]
async fn cloud_reference_data_conforms() {
    let Some(spec) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    let sandbox = start(Mode::Cloud).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let api = "/rest/api/3";
    walk.call("GET", &format!("{api}/serverInfo"), None, 200)
        .await;
    walk.call("GET", &format!("{api}/myself"), None, 200).await;
    walk.call("GET", "/rest/api/2/myself", None, 200).await;
    let bob = query(&[("accountId", &account_id(&sandbox, "bob"))]);
    walk.call("GET", &format!("{api}/user?{bob}"), None, 200)
        .await;
    walk.call("GET", &format!("{api}/user/search?query=a"), None, 200)
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
    walk.call(
        "GET",
        &format!("{api}/project/search?maxResults=2"),
        None,
        200,
    )
    .await;
    walk.call("GET", &format!("{api}/project/DEV"), None, 200)
        .await;
    walk.call("GET", &format!("{api}/project/DOCS/statuses"), None, 200)
        .await;
    let lists = [
        "priority",
        "status",
        "issuetype",
        "field",
        "label",
        "resolution",
        "statuscategory",
    ];
    for list in lists {
        walk.call("GET", &format!("{api}/{list}"), None, 200).await;
    }
    let permissions = query(&[
        ("projectKey", "DEV"),
        ("permissions", "BROWSE_PROJECTS,EDIT_ISSUES"),
    ]);
    walk.call(
        "GET",
        &format!("{api}/mypermissions?{permissions}"),
        None,
        200,
    )
    .await;
    walk.call("GET", &format!("{api}/jql/autocompletedata"), None, 200)
        .await;
    let filter = json!({ "projectIds": [10000], "includeCollapsedFields": true });
    let path = format!("{api}/jql/autocompletedata");
    walk.call("POST", &path, Some(&filter), 200).await;
    let suggest = query(&[("fieldName", "project"), ("fieldValue", "D")]);
    let path = format!("{api}/jql/autocompletedata/suggestions?{suggest}");
    walk.call("GET", &path, None, 200).await;
    walk.call("GET", &format!("{api}/attachment/meta"), None, 200)
        .await;
    sandbox.shutdown().await;
    walk.finish("cloud reference data");
}

#[tokio::test]
async fn cloud_issue_reads_and_writes_conform() {
    let Some(spec) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    let sandbox = start(Mode::Cloud).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let issue = format!("/rest/api/3/issue/{ISSUE}");
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
    let v2 = format!("/rest/api/2/issue/{ISSUE}?{schema}");
    walk.call("GET", &v2, None, 200).await;
    walk.call(
        "GET",
        &format!("/rest/api/2/issue/{ISSUE}?{expand}"),
        None,
        200,
    )
    .await;

    let create = json!({ "fields": {
        "project": { "key": "DEV" },
        "issuetype": { "id": "10001" },
        "summary": "Created by the conformance suite",
        "description": adf("Some text."),
        "labels": ["conformance"]
    } });
    let created = walk
        .call("POST", "/rest/api/3/issue", Some(&create), 201)
        .await;
    if created.text("/key").is_none() {
        walk.problem("create", "the 201 answer has no `key`".into());
    }
    let missing_summary = json!({ "fields": {
        "project": { "key": "DEV" }, "issuetype": { "id": "10001" }
    } });
    walk.call("POST", "/rest/api/3/issue", Some(&missing_summary), 400)
        .await;

    let edit = json!({
        "fields": { "summary": "Edited by the conformance suite" },
        "update": { "labels": [{ "add": "edited" }] }
    });
    walk.call("PUT", &issue, Some(&edit), 204).await;
    let assignee = json!({ "accountId": account_id(&sandbox, "alice") });
    walk.call("PUT", &format!("{issue}/assignee"), Some(&assignee), 204)
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
    let comment = json!({ "body": adf("A comment from the conformance suite.") });
    let added = walk
        .call("POST", &format!("{issue}/comment"), Some(&comment), 201)
        .await;
    match added.text("/id") {
        Some(id) => {
            let path = format!("{issue}/comment/{id}");
            let update = json!({ "body": adf("An edited comment.") });
            walk.call("PUT", &path, Some(&update), 200).await;
            walk.call("GET", &path, None, 200).await;
        }
        None => walk.problem("comment", "the added comment has no `id`".into()),
    }
    // v2 takes and returns wiki-markup strings where v3 has ADF.
    let wiki = json!({ "body": "A *wiki* comment through v2." });
    let path = format!("/rest/api/2/issue/{ISSUE}/comment");
    walk.call("POST", &path, Some(&wiki), 201).await;
    walk.call("GET", &path, None, 200).await;

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
            walk.call("GET", &format!("/rest/api/3/attachment/{id}"), None, 200)
                .await;
        }
        None => walk.problem("attachment", "the upload answer has no `[0].id`".into()),
    }

    let createmeta = "/rest/api/3/issue/createmeta/DEV/issuetypes";
    let types = walk.call("GET", createmeta, None, 200).await;
    match types.text("/issueTypes/0/id") {
        Some(id) => {
            walk.call("GET", &format!("{createmeta}/{id}"), None, 200)
                .await;
        }
        None => walk.problem("createmeta", "no issue type in `issueTypes`".into()),
    }
    sandbox.shutdown().await;
    walk.finish("cloud issues");
}

#[tokio::test]
async fn cloud_search_conforms() {
    let Some(spec) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    let sandbox = start(Mode::Cloud).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let get = query(&[
        ("jql", "project = DEV ORDER BY key"),
        ("maxResults", "5"),
        (
            "fields",
            "summary,status,assignee,labels,created,description,comment",
        ),
        ("expand", "renderedFields,names,schema"),
    ]);
    let first = walk
        .call("GET", &format!("/rest/api/3/search/jql?{get}"), None, 200)
        .await;
    if let Some(token) = first.text("/nextPageToken") {
        let next = query(&[
            ("jql", "project = DEV ORDER BY key"),
            ("nextPageToken", &token),
        ]);
        walk.call("GET", &format!("/rest/api/3/search/jql?{next}"), None, 200)
            .await;
    }
    walk.call("GET", &format!("/rest/api/2/search/jql?{get}"), None, 200)
        .await;
    let post = json!({
        "jql": "project = DOCS AND status != Done ORDER BY created DESC",
        "maxResults": 3,
        "fields": ["summary", "status", "priority"]
    });
    walk.call("POST", "/rest/api/3/search/jql", Some(&post), 200)
        .await;
    let count = json!({ "jql": "project = DEV" });
    walk.call(
        "POST",
        "/rest/api/3/search/approximate-count",
        Some(&count),
        200,
    )
    .await;
    let bulk = json!({ "issueIdsOrKeys": ["DEV-1", "DEV-2"], "fields": ["summary", "status"] });
    walk.call("POST", "/rest/api/3/issue/bulkfetch", Some(&bulk), 200)
        .await;
    let bad = query(&[("jql", "project = = DEV")]);
    walk.call("GET", &format!("/rest/api/3/search/jql?{bad}"), None, 400)
        .await;
    // The retired search answers 410 Gone (see support/exceptions.rs).
    let old = query(&[("jql", "project = DEV")]);
    walk.call("GET", &format!("/rest/api/3/search?{old}"), None, 410)
        .await;
    walk.call("GET", &format!("/rest/api/2/search?{old}"), None, 410)
        .await;
    let body = json!({ "jql": "project = DEV" });
    walk.call("POST", "/rest/api/3/search", Some(&body), 410)
        .await;
    sandbox.shutdown().await;
    walk.finish("cloud search");
}
