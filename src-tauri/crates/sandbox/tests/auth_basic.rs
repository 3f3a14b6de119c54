//! Basic auth in both modes, Jira's CAPTCHA lock-out, anonymous access, serverInfo.

mod common;

use common::{body, start};
use jiffy_sandbox::Mode;

#[tokio::test]
async fn server_info_reports_the_deployment_type() {
    let dc = start(Mode::DataCenter).await;
    let v = body(
        dc.http
            .get(dc.url("/rest/api/2/serverInfo"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["deploymentType"], "Server");
    assert_eq!(v["versionNumbers"][0], 9);
    assert_eq!(v["baseUrl"], dc.sb.base_url());
    let cloud = start(Mode::Cloud).await;
    let v = body(
        cloud
            .http
            .get(cloud.url("/rest/api/3/serverInfo"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(v["deploymentType"], "Cloud");
    // DC has no v3 API.
    let r = dc
        .http
        .get(dc.url("/rest/api/3/serverInfo"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn dc_basic_with_password_and_anonymous_refusal() {
    let s = start(Mode::DataCenter).await;
    let r = s.get("/rest/api/2/myself", "alice").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-ausername"], "alice");
    let v = body(r).await;
    assert_eq!(v["name"], "alice");
    assert!(v.get("accountId").is_none());
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(body(r).await["errorMessages"][0]
        .as_str()
        .unwrap()
        .contains("not authenticated"));
}

#[tokio::test]
async fn dc_captcha_after_three_failures_until_solved_on_login_page() {
    let s = start(Mode::DataCenter).await;
    for _ in 0..3 {
        let r = s
            .http
            .get(s.url("/rest/api/2/myself"))
            .basic_auth("bob", Some("wrong"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        assert_eq!(r.headers()["x-seraph-loginreason"], "AUTHENTICATED_FAILED");
    }
    // Now even the right password is refused without being checked.
    let r = s.get("/rest/api/2/myself", "bob").send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.headers()["x-seraph-loginreason"], "AUTHENTICATION_DENIED");
    let reason = r.headers()["x-authentication-denied-reason"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        reason.starts_with("CAPTCHA_CHALLENGE; login-url="),
        "{reason}"
    );
    assert!(reason.ends_with("/login.jsp"));
    // Other users are unaffected.
    assert_eq!(
        s.get("/rest/api/2/myself", "alice")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Logging in on the web page without the CAPTCHA does not help; with it, it does.
    let form = [
        ("os_username", "bob"),
        ("os_password", "bob-pw"),
        ("os_captcha", "nope"),
    ];
    let r = s
        .http
        .post(s.url("/login.jsp"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let form = [
        ("os_username", "bob"),
        ("os_password", "bob-pw"),
        ("os_captcha", "jiffy"),
    ];
    let r = s
        .http
        .post(s.url("/login.jsp"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        s.get("/rest/api/2/myself", "bob")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn cloud_basic_takes_api_token_and_refuses_password() {
    let s = start(Mode::Cloud).await;
    let r = s.get("/rest/api/3/myself", "carol").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let v = body(r).await;
    assert_eq!(v["accountId"], s.user("carol").account_id);
    assert!(v.get("name").is_none());
    let r = s
        .http
        .get(s.url("/rest/api/3/myself"))
        .basic_auth("carol@example.com", Some("carol-pw"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(body(r).await["errorMessages"][0]
        .as_str()
        .unwrap()
        .contains("deprecated"));
    // A username is not an email: refused.
    let r = s
        .http
        .get(s.url("/rest/api/3/myself"))
        .basic_auth("carol", Some("ATATT-sandbox-carol"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn cloud_scoped_tokens_work_only_through_the_gateway() {
    let s = start(Mode::Cloud).await;
    let v = body(s.http.post(s.url("/rest/sandbox/scoped-tokens")).json(&serde_json::json!({"user": "alice", "scopes": ["read:jira-work", "read:jira-user"]})).send().await.unwrap()).await;
    let token = v["token"].as_str().unwrap().to_string();
    let tenant = body(
        s.http
            .get(s.url("/_edge/tenant_info"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let cloud_id = tenant["cloudId"].as_str().unwrap();
    assert_eq!(cloud_id, s.sb.info().oauth2.as_ref().unwrap().cloud_id);
    let site = s
        .http
        .get(s.url("/rest/api/3/myself"))
        .basic_auth("alice@example.com", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(site.status(), 401);
    // Atlassian's own wording, which clients look for to move the token to the gateway.
    assert_eq!(
        body(site).await,
        serde_json::json!({"code": 401, "message": "Unauthorized; scope does not match"})
    );
    let gw = s
        .http
        .get(s.url(&format!("/ex/jira/{cloud_id}/rest/api/3/myself")))
        .basic_auth("alice@example.com", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(gw.status(), 200);
    // Read scopes do not allow writing.
    let r = s
        .http
        .post(s.url(&format!(
            "/ex/jira/{cloud_id}/rest/api/3/issue/DEV-1/comment"
        )))
        .basic_auth("alice@example.com", Some(&token))
        .json(&serde_json::json!({"body": {"type": "doc", "version": 1, "content": []}}))
        .send()
        .await
        .unwrap();
    let status = r.status();
    assert_eq!(status, 403, "{}", r.text().await.unwrap());
    // An unknown cloud id is not a site.
    let r = s
        .http
        .get(s.url("/ex/jira/00000000-0000-0000-0000-000000000000/rest/api/3/myself"))
        .basic_auth("alice@example.com", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
