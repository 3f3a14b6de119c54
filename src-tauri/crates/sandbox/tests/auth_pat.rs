//! DC personal access tokens: create (rawToken once), use as Bearer, list, revoke, expiry.

mod common;

use common::{body, start};
use jiffy_sandbox::Mode;
use serde_json::json;

#[tokio::test]
async fn create_use_list_revoke_and_expire() {
    let s = start(Mode::DataCenter).await;
    let r = s
        .post("/rest/pat/latest/tokens", "carol")
        .json(&json!({"name": "laptop", "expirationDuration": 30}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created = body(r).await;
    let raw = created["rawToken"].as_str().unwrap().to_string();
    let id = created["id"].as_i64().unwrap();
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .bearer_auth(&raw)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["name"], "carol");
    // Listing never shows the token again.
    let list = s.json("/rest/pat/latest/tokens", "carol").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("rawToken").is_none());
    assert!(list[0]["lastAccessedAt"].is_string());
    // A token cannot mint tokens.
    let r = s
        .http
        .post(s.url("/rest/pat/latest/tokens"))
        .bearer_auth(&raw)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Validation.
    let r = s
        .post("/rest/pat/latest/tokens", "carol")
        .json(&json!({"name": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // Expiry: 31 days later the token is refused.
    s.advance_clock(31 * 86_400).await;
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .bearer_auth(&raw)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Revoke.
    let r = s
        .delete(&format!("/rest/pat/latest/tokens/{id}"), "carol")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        s.json("/rest/pat/latest/tokens", "carol")
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let r = s
        .delete(&format!("/rest/pat/latest/tokens/{id}"), "carol")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn revoked_token_is_refused_and_cloud_has_no_pats() {
    let s = start(Mode::DataCenter).await;
    let created = body(
        s.post("/rest/pat/latest/tokens", "alice")
            .json(&json!({"name": "ci"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let raw = created["rawToken"].as_str().unwrap();
    s.delete(
        &format!("/rest/pat/latest/tokens/{}", created["id"]),
        "alice",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(
        s.http
            .get(s.url("/rest/api/2/myself"))
            .bearer_auth(raw)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let c = start(Mode::Cloud).await;
    assert_eq!(
        c.post("/rest/pat/latest/tokens", "alice")
            .json(&json!({"name": "x"}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
