//! Comments: list (paginated), add, get, update, delete, visibility, permissions.

mod common;

use common::{body, start};
use jiffy_sandbox::Mode;
use serde_json::json;

#[tokio::test]
async fn add_list_update_delete() {
    let s = start(Mode::DataCenter).await;
    let before = s.json("/rest/api/2/issue/DOCS-2/comment", "carol").await["total"]
        .as_u64()
        .unwrap();
    let r = s
        .post("/rest/api/2/issue/DOCS-2/comment", "carol")
        .json(&json!({"body": "Looks good to me"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let c = body(r).await;
    assert_eq!(c["author"]["name"], "carol");
    let id = c["id"].as_str().unwrap().to_string();
    let page = s
        .json(
            "/rest/api/2/issue/DOCS-2/comment?startAt=0&maxResults=1&expand=renderedBody",
            "carol",
        )
        .await;
    assert_eq!(page["total"].as_u64().unwrap(), before + 1);
    assert_eq!(page["comments"].as_array().unwrap().len(), 1);
    assert!(page["comments"][0]["renderedBody"]
        .as_str()
        .unwrap()
        .starts_with("<p>"));
    let r = s
        .put(&format!("/rest/api/2/issue/DOCS-2/comment/{id}"), "carol")
        .json(&json!({"body": "Edited"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        s.json(&format!("/rest/api/2/issue/DOCS-2/comment/{id}"), "carol")
            .await["body"],
        "Edited"
    );
    // bob (DOCS developer) may not edit or delete carol's comment.
    assert_eq!(
        s.put(&format!("/rest/api/2/issue/DOCS-2/comment/{id}"), "bob")
            .json(&json!({"body": "x"}))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        s.delete(&format!("/rest/api/2/issue/DOCS-2/comment/{id}"), "bob")
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        s.delete(&format!("/rest/api/2/issue/DOCS-2/comment/{id}"), "carol")
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        s.get(&format!("/rest/api/2/issue/DOCS-2/comment/{id}"), "carol")
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let r = s
        .post("/rest/api/2/issue/DOCS-2/comment", "carol")
        .json(&json!({"body": "  "}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        body(r).await["errors"]["comment"],
        "Comment body can not be empty!"
    );
    // dave cannot see the issue at all.
    assert_eq!(
        s.post("/rest/api/2/issue/DOCS-2/comment", "dave")
            .json(&json!({"body": "hi"}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn role_visibility_hides_comments() {
    let s = start(Mode::DataCenter).await;
    let r = s.post("/rest/api/2/issue/DOCS-3/comment", "alice").json(&json!({"body": "developers only", "visibility": {"type": "role", "value": "Developers"}})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let c = body(r).await;
    assert_eq!(c["visibility"]["value"], "Developers");
    let id = c["id"].as_str().unwrap();
    let for_bob = s.json("/rest/api/2/issue/DOCS-3/comment", "bob").await;
    assert!(for_bob["comments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == id));
    let for_carol = s.json("/rest/api/2/issue/DOCS-3/comment", "carol").await;
    assert!(!for_carol["comments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == id));
}

#[tokio::test]
async fn cloud_comments_are_adf() {
    let s = start(Mode::Cloud).await;
    let doc = json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "ADF comment"}]}]});
    let r = s
        .post("/rest/api/3/issue/DEV-3/comment", "alice")
        .json(&json!({"body": doc}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let c = body(r).await;
    assert_eq!(c["body"]["type"], "doc");
    assert_eq!(c["author"]["accountId"], s.user("alice").account_id);
    let v2 = s
        .json(
            &format!(
                "/rest/api/2/issue/DEV-3/comment/{}",
                c["id"].as_str().unwrap()
            ),
            "alice",
        )
        .await;
    assert_eq!(v2["body"], "ADF comment");
    let r = s
        .post("/rest/api/3/issue/DEV-3/comment", "alice")
        .json(&json!({"body": "plain text"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn form_posts_to_rest_need_the_xsrf_header() {
    let s = start(Mode::DataCenter).await;
    let r = s
        .post("/rest/api/2/issue/DOCS-2/comment", "alice")
        .form(&[("body", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.text().await.unwrap(), "XSRF check failed");
    // With the header the request reaches the resource (which then wants JSON).
    let r = s
        .post("/rest/api/2/issue/DOCS-2/comment", "alice")
        .header("X-Atlassian-Token", "no-check")
        .form(&[("body", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}
