//! The Cloud sandbox's error answers, deletions and the API gateway path,
//! validated against Atlassian's Cloud OpenAPI document (see the sibling
//! `conformance_cloud.rs` for the successful reads and writes).

mod support;

use jiffy_sandbox::Mode;
use serde_json::json;
use support::openapi::{Spec, Which};
use support::sandbox::{adf, basic, demo_user, start};
use support::walk::{query, Auth, Walk};

const ISSUE: &str = "DEV-1";

#[tokio::test]
async fn cloud_error_answers_conform() {
    let Some(spec) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    let sandbox = start(Mode::Cloud).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    walk.call("GET", "/rest/api/3/issue/NOPE-999", None, 404)
        .await;
    let dave = basic(&sandbox, "dave");
    walk.call_as(
        &dave,
        "GET",
        &format!("/rest/api/3/issue/{ISSUE}"),
        None,
        404,
    )
    .await;
    let carol = basic(&sandbox, "carol");
    let edit = json!({ "fields": { "summary": "Not allowed" } });
    walk.call_as(&carol, "PUT", "/rest/api/3/issue/DOCS-1", Some(&edit), 403)
        .await;
    // Cloud refuses a password where an API token is expected.
    let bob = demo_user(&sandbox, "bob");
    let password = Auth::Basic(bob.email.clone(), bob.password.clone());
    walk.call_as(&password, "GET", "/rest/api/3/myself", None, 401)
        .await;
    walk.call_as(&Auth::Anonymous, "GET", "/rest/api/3/myself", None, 401)
        .await;
    // Cloud requires `permissions` on mypermissions.
    walk.call("GET", "/rest/api/3/mypermissions?projectKey=DEV", None, 400)
        .await;
    walk.call("GET", "/rest/api/3/project/NOPE", None, 404)
        .await;
    walk.call(
        "GET",
        "/rest/api/3/user?accountId=000000000000000000000000",
        None,
        404,
    )
    .await;
    walk.call("GET", "/rest/api/3/issue/NOPE-1/comment", None, 404)
        .await;
    let unknown_project = json!({ "fields": {
        "project": { "key": "NOPE" }, "issuetype": { "id": "10001" }, "summary": "s"
    } });
    walk.call("POST", "/rest/api/3/issue", Some(&unknown_project), 400)
        .await;
    let bogus = json!({ "transition": { "id": "999999" } });
    let path = format!("/rest/api/3/issue/{ISSUE}/transitions");
    walk.call("POST", &path, Some(&bogus), 400).await;
    sandbox.shutdown().await;
    walk.finish("cloud errors");
}

#[tokio::test]
async fn cloud_deletes_conform() {
    let Some(spec) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    let sandbox = start(Mode::Cloud).await;
    let mut walk = Walk::new(&spec, sandbox.base_url(), basic(&sandbox, "alice"));
    let api = "/rest/api/3";
    let issue = format!("{api}/issue/{ISSUE}");
    let page = query(&[
        ("startAt", "0"),
        ("maxResults", "2"),
        ("expand", "renderedBody"),
    ]);
    walk.call("GET", &format!("{issue}/comment?{page}"), None, 200)
        .await;
    let comment = json!({ "body": adf("A comment to delete.") });
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
        .call(
            "GET",
            &format!("/rest/api/3/search/jql?{subtasks}"),
            None,
            200,
        )
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
    walk.finish("cloud deletes");
}

#[tokio::test]
async fn cloud_gateway_answers_conform() {
    let Some(spec) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    let sandbox = start(Mode::Cloud).await;
    let Some(cloud_id) = sandbox.info().oauth2.as_ref().map(|o| o.cloud_id.clone()) else {
        panic!("a Cloud sandbox announces its cloud id");
    };
    // The same API through api.atlassian.com's path: only the base differs.
    let gateway = format!("{}/ex/jira/{cloud_id}", sandbox.base_url());
    let mut walk = Walk::new(&spec, &gateway, basic(&sandbox, "alice"));
    walk.call("GET", "/rest/api/3/myself", None, 200).await;
    walk.call("GET", "/rest/api/3/serverInfo", None, 200).await;
    walk.call("GET", &format!("/rest/api/3/issue/{ISSUE}"), None, 200)
        .await;
    let jql = query(&[
        ("jql", "project = DOCS"),
        ("maxResults", "2"),
        ("fields", "*all"),
    ]);
    walk.call("GET", &format!("/rest/api/3/search/jql?{jql}"), None, 200)
        .await;
    walk.call_as(&Auth::Anonymous, "GET", "/rest/api/3/myself", None, 401)
        .await;
    sandbox.shutdown().await;
    walk.finish("cloud gateway");
}
