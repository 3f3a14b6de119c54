//! The Data Center sandbox's error answers, deletions,
//! validated against Atlassian's Data Center OpenAPI document (see the sibling
//! `conformance_datacenter.rs` for the successful reads and writes).

mod support;

use jiffy_sandbox::Mode;
use serde_json::json;
use support::openapi::{Spec, Which};
use support::sandbox::{basic, start};
use support::walk::{query, Auth, Walk};

const ISSUE: &str = "DEV-1";

#[tokio::test]
async fn datacenter_error_answers_conform() {
    let Some(spec) = Spec::load_or_skip(Which::DataCenter) else {
        return;
    };
    let sandbox = start(Mode::DataCenter).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    walk.call("GET", "/rest/api/2/issue/NOPE-999", None, 404)
        .await;
    // dave has no project role: Jira hides the issue rather than refusing it.
    let dave = basic(&sandbox, "dave");
    walk.call_as(
        &dave,
        "GET",
        &format!("/rest/api/2/issue/{ISSUE}"),
        None,
        404,
    )
    .await;
    // carol only has the Users role in DOCS: no Edit Issues permission.
    let carol = basic(&sandbox, "carol");
    let edit = json!({ "fields": { "summary": "Not allowed" } });
    walk.call_as(&carol, "PUT", "/rest/api/2/issue/DOCS-1", Some(&edit), 403)
        .await;
    // One wrong password (three would trigger the CAPTCHA, tested elsewhere).
    let wrong = Auth::Basic("bob".into(), "not-bobs-password".into());
    walk.call_as(&wrong, "GET", "/rest/api/2/myself", None, 401)
        .await;
    walk.call_as(&Auth::Anonymous, "GET", "/rest/api/2/myself", None, 401)
        .await;
    walk.call("GET", "/rest/api/2/project/NOPE", None, 404)
        .await;
    walk.call("GET", "/rest/api/2/user?username=nobody", None, 404)
        .await;
    walk.call("GET", "/rest/api/2/issue/NOPE-1/comment", None, 404)
        .await;
    let unknown_project = json!({ "fields": {
        "project": { "key": "NOPE" }, "issuetype": { "id": "10001" }, "summary": "s"
    } });
    walk.call("POST", "/rest/api/2/issue", Some(&unknown_project), 400)
        .await;
    let bogus = json!({ "transition": { "id": "999999" } });
    let path = format!("/rest/api/2/issue/{ISSUE}/transitions");
    walk.call("POST", &path, Some(&bogus), 400).await;
    sandbox.shutdown().await;
    walk.finish("datacenter errors");
}

#[tokio::test]
async fn datacenter_deletes_conform() {
    let Some(spec) = Spec::load_or_skip(Which::DataCenter) else {
        return;
    };
    let sandbox = start(Mode::DataCenter).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let api = "/rest/api/2";
    let issue = format!("{api}/issue/{ISSUE}");
    let page = query(&[
        ("startAt", "0"),
        ("maxResults", "2"),
        ("expand", "renderedBody"),
    ]);
    walk.call("GET", &format!("{issue}/comment?{page}"), None, 200)
        .await;
    let comment = json!({ "body": "A comment to delete." });
    let added = walk
        .call("POST", &format!("{issue}/comment"), Some(&comment), 201)
        .await;
    match added.text("/id") {
        Some(id) => {
            walk.call("DELETE", &format!("{issue}/comment/{id}"), None, 204)
                .await;
            walk.call("GET", &format!("{issue}/comment/{id}"), None, 404)
                .await;
        }
        None => walk.problem("comment", "the added comment has no `id`".into()),
    }
    let uploaded = walk
        .upload(&format!("{issue}/attachments"), "gone.txt", b"bye", 200)
        .await;
    match uploaded.text("/0/id") {
        Some(id) => {
            walk.call("DELETE", &format!("{api}/attachment/{id}"), None, 204)
                .await;
            walk.call("GET", &format!("{api}/attachment/{id}"), None, 404)
                .await;
        }
        None => walk.problem("attachment", "the upload answer has no `[0].id`".into()),
    }
    // A parent is only deleted together with its sub-tasks.
    let subtasks = query(&[
        ("jql", "project = DEV AND issuetype = Sub-task"),
        ("fields", "parent"),
    ]);
    let found = walk
        .call("GET", &format!("/rest/api/2/search?{subtasks}"), None, 200)
        .await;
    match found.text("/issues/0/fields/parent/key") {
        Some(parent) => {
            walk.call("DELETE", &format!("{api}/issue/{parent}"), None, 400)
                .await;
            let path = format!("{api}/issue/{parent}?deleteSubtasks=true");
            walk.call("DELETE", &path, None, 204).await;
            walk.call("GET", &format!("{api}/issue/{parent}"), None, 404)
                .await;
        }
        None => walk.problem("delete", "no sub-task with a parent in DEV".into()),
    }
    walk.call("GET", &format!("{api}/user/picker?query=a"), None, 200)
        .await;
    sandbox.shutdown().await;
    walk.finish("datacenter deletes");
}

/// The harness itself: a walk must record what does not conform, or a green suite means
/// nothing.
#[tokio::test]
async fn the_walk_records_what_does_not_conform() {
    let Some(spec) = Spec::load_or_skip(Which::DataCenter) else {
        return;
    };
    let sandbox = start(Mode::DataCenter).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    walk.call("GET", "/rest/api/2/myself", None, 200).await;
    assert_eq!(walk.problems(), Vec::<String>::new());
    walk.call("GET", "/rest/api/2/myself", None, 404).await;
    walk.call("GET", "/rest/sandbox/clock", None, 200).await;
    let not_a_create = json!({ "fields": "summary" });
    walk.call("POST", "/rest/api/2/issue", Some(&not_a_create), 400)
        .await;
    let problems = walk.problems();
    sandbox.shutdown().await;
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].contains("status 200 instead of 404"),
        "{problems:#?}"
    );
    assert!(
        problems[1].contains("no path in jira-datacenter"),
        "{problems:#?}"
    );
    assert!(problems[2].contains("(test's request)"), "{problems:#?}");
}
