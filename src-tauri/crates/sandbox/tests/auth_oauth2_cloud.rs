//! OAuth 2.0 (3LO) on Cloud: JSON token endpoint, client secret required, rotating refresh
//! tokens, PKCE when sent, bearer tokens only through the gateway path.

mod common;

use common::{
    body, pkce_challenge as challenge, query_param, start, start_with, Site, CALLBACK as CB,
};
use jiffy_sandbox::{Config, Mode};
use serde_json::{json, Value};

async fn cloud_code(s: &Site, scope: &str, pkce: Option<&str>) -> String {
    let client = s.sb.info().oauth2.clone().unwrap();
    let mut q = vec![
        ("audience", "api.atlassian.com".to_string()),
        ("client_id", client.client_id.clone()),
        ("scope", scope.into()),
        ("redirect_uri", CB.into()),
        ("state", "xyz".into()),
        ("response_type", "code".into()),
        ("prompt", "consent".into()),
    ];
    if let Some(v) = pkce {
        q.push(("code_challenge", challenge(v)));
        q.push(("code_challenge_method", "S256".into()));
    }
    let page = s
        .http
        .get(s.url("/authorize"))
        .query(&q)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("read:jira-work") && html.contains("select name=\"site\""));
    let mut form: Vec<(&str, String)> = vec![
        ("client_id", client.client_id.clone()),
        ("redirect_uri", CB.into()),
        ("state", "xyz".into()),
        ("scope", scope.into()),
        ("os_username", "alice@example.com".into()),
        ("os_password", "alice-pw".into()),
        ("decision", "accept".into()),
    ];
    if let Some(v) = pkce {
        form.push(("code_challenge", challenge(v)));
    }
    let r = s
        .http
        .post(s.url("/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz"));
    query_param(&loc, "code").expect("code")
}

async fn cloud_token(s: &Site, body: Value) -> reqwest::Response {
    s.http
        .post(s.url("/oauth/token"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn cloud_3lo_code_exchange_gateway_and_rotation() {
    let s = start(Mode::Cloud).await;
    let c = s.sb.info().oauth2.clone().unwrap();
    let code = cloud_code(
        &s,
        "read:jira-work read:jira-user write:jira-work offline_access",
        None,
    )
    .await;
    // Without the client secret: refused (Atlassian's 3LO does not take PKCE instead).
    let r = cloud_token(&s, json!({"grant_type": "authorization_code", "client_id": c.client_id, "code": code, "redirect_uri": CB})).await;
    assert_eq!(r.status(), 401);
    // With the secret, a fresh code is exchanged.
    let code = cloud_code(
        &s,
        "read:jira-work read:jira-user write:jira-work offline_access",
        None,
    )
    .await;
    let r = cloud_token(&s, json!({"grant_type": "authorization_code", "client_id": c.client_id, "client_secret": c.client_secret, "code": code, "redirect_uri": CB})).await;
    assert_eq!(r.status(), 200);
    let t = body(r).await;
    assert_eq!(t["expires_in"], 3600);
    let access = t["access_token"].as_str().unwrap().to_string();
    let refresh1 = t["refresh_token"].as_str().unwrap().to_string();
    // Bearer works on the gateway path only.
    let gw = format!("/ex/jira/{}/rest/api/3/myself", c.cloud_id);
    let r = s
        .http
        .get(s.url(&gw))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(body(r).await["accountId"], s.user("alice").account_id);
    let r = s
        .http
        .get(s.url("/rest/api/3/myself"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Links in gateway answers point back through the gateway, so a bearer client can follow
    // them (here: an attachment's content URL, then its short-lived download URL).
    let issue = body(
        s.http
            .get(s.url(&format!(
                "/ex/jira/{}/rest/api/3/issue/DEV-3?fields=attachment",
                c.cloud_id
            )))
            .bearer_auth(&access)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let gw_base = s.url(&format!("/ex/jira/{}/", c.cloud_id));
    assert!(issue["self"].as_str().unwrap().starts_with(&gw_base));
    let content = issue["fields"]["attachment"][0]["content"]
        .as_str()
        .unwrap();
    assert!(content.starts_with(&gw_base));
    let r = s
        .http
        .get(content)
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let bytes = s
        .http
        .get(location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(bytes.starts_with("sandbox log for DEV-3"));
    let res = body(
        s.http
            .get(s.url("/oauth/token/accessible-resources"))
            .bearer_auth(&access)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(res[0]["id"], c.cloud_id.as_str());
    // Rotation: a refresh returns a new refresh token; the old one is disabled.
    let r = cloud_token(&s, json!({"grant_type": "refresh_token", "client_id": c.client_id, "client_secret": c.client_secret, "refresh_token": refresh1})).await;
    assert_eq!(r.status(), 200);
    let t2 = body(r).await;
    let refresh2 = t2["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(refresh1, refresh2);
    // Replaying the rotated token revokes the grant: the new refresh token dies too.
    let r = cloud_token(&s, json!({"grant_type": "refresh_token", "client_id": c.client_id, "client_secret": c.client_secret, "refresh_token": refresh1})).await;
    assert_eq!(r.status(), 403);
    assert_eq!(body(r).await["error"], "invalid_grant");
    let r = cloud_token(&s, json!({"grant_type": "refresh_token", "client_id": c.client_id, "client_secret": c.client_secret, "refresh_token": refresh2})).await;
    assert_eq!(r.status(), 403);
    let new_access = t2["access_token"].as_str().unwrap();
    assert_eq!(
        s.http
            .get(s.url(&gw))
            .bearer_auth(new_access)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

#[tokio::test]
async fn cloud_access_tokens_expire_and_pkce_is_checked() {
    let s = start_with(Config {
        mode: Mode::Cloud,
        access_token_ttl_secs: 60,
        ..Config::default()
    })
    .await;
    let c = s.sb.info().oauth2.clone().unwrap();
    let code = cloud_code(
        &s,
        "read:jira-work",
        Some("verifier-0123456789-0123456789-0123456789"),
    )
    .await;
    let r = cloud_token(&s, json!({"grant_type": "authorization_code", "client_id": c.client_id, "client_secret": c.client_secret, "code": code, "redirect_uri": CB, "code_verifier": "wrong"})).await;
    assert_eq!(r.status(), 403);
    let code = cloud_code(
        &s,
        "read:jira-work",
        Some("verifier-0123456789-0123456789-0123456789"),
    )
    .await;
    let r = cloud_token(&s, json!({"grant_type": "authorization_code", "client_id": c.client_id, "client_secret": c.client_secret, "code": code, "redirect_uri": CB, "code_verifier": "verifier-0123456789-0123456789-0123456789"})).await;
    let t = body(r).await;
    assert_eq!(t["expires_in"], 60);
    assert!(
        t.get("refresh_token").is_none(),
        "no offline_access, no refresh token"
    );
    let access = t["access_token"].as_str().unwrap();
    let gw = format!("/ex/jira/{}/rest/api/3/issue/DEV-1", c.cloud_id);
    assert_eq!(
        s.http
            .get(s.url(&gw))
            .bearer_auth(access)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Scope: read only, so writing is refused.
    let r = s
        .http
        .put(s.url(&gw))
        .bearer_auth(access)
        .json(&json!({"fields": {"summary": "x"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    s.advance_clock(61).await;
    assert_eq!(
        s.http
            .get(s.url(&gw))
            .bearer_auth(access)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

/// Extreme flag values (a lifetime beyond i64 milliseconds, a huge version) are clamped,
/// not a panic: the token works and serverInfo answers.
#[tokio::test]
async fn extreme_token_lifetime_and_version_are_clamped() {
    let s = start_with(Config {
        mode: Mode::Cloud,
        access_token_ttl_secs: u64::MAX,
        version: Some("99999999999999.99999999.9".into()),
        ..Config::default()
    })
    .await;
    let info = s
        .http
        .get(s.url("/rest/api/3/serverInfo"))
        .send()
        .await
        .unwrap();
    assert_eq!(info.status(), 200);
    assert_eq!(body(info).await["version"], "99999999999999.99999999.9");
    let c = s.sb.info().oauth2.clone().unwrap();
    let code = cloud_code(&s, "read:jira-work read:jira-user", None).await;
    let t = cloud_token(
        &s,
        json!({"grant_type": "authorization_code", "client_id": c.client_id,
               "client_secret": c.client_secret, "code": code, "redirect_uri": CB}),
    )
    .await;
    assert_eq!(t.status(), 200);
    let access = body(t).await["access_token"].as_str().unwrap().to_string();
    s.advance_clock(10 * 365 * 86_400).await;
    let me = s
        .http
        .get(s.url(&format!("/ex/jira/{}/rest/api/3/myself", c.cloud_id)))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status(),
        200,
        "a token with the longest lifetime has not expired"
    );
}
