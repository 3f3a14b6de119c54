//! OAuth 2.0: Cloud 3LO (JSON token endpoint, client secret required, rotating refresh tokens,
//! gateway-only bearer) and the DC provider (form-encoded, PKCE S256, HTTPS redirect rule).

mod common;

use base64::Engine;
use common::{body, start, start_with, Site};
use jiffy_sandbox::{Config, Mode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const CB: &str = "http://127.0.0.1:8765/callback";

fn challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn query_param(location: &str, name: &str) -> Option<String> {
    url::Url::parse(location)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.to_string())
}

/// Cloud: consent as `email` and return the code from the redirect.
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

async fn dc_code(s: &Site, client_id: &str, redirect: &str, verifier: &str) -> reqwest::Response {
    let q = [
        ("client_id", client_id),
        ("redirect_uri", redirect),
        ("response_type", "code"),
        ("scope", "READ WRITE"),
        ("state", "st"),
        ("code_challenge", &challenge(verifier)),
        ("code_challenge_method", "S256"),
    ];
    let page = s
        .http
        .get(s.url("/rest/oauth2/latest/authorize"))
        .query(&q)
        .send()
        .await
        .unwrap();
    if page.status() != 200 {
        return page;
    }
    let form = [
        ("client_id", client_id),
        ("redirect_uri", redirect),
        ("state", "st"),
        ("scope", "READ WRITE"),
        ("code_challenge", &challenge(verifier)),
        ("os_username", "bob"),
        ("os_password", "bob-pw"),
        ("decision", "accept"),
    ];
    s.http
        .post(s.url("/rest/oauth2/latest/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn dc_provider_with_pkce_and_form_bodies() {
    let s = start(Mode::DataCenter).await;
    let reg = body(
        s.http
            .post(s.url("/rest/sandbox/oauth2/clients"))
            .json(&json!({"name": "Jiffy", "redirectUri": CB}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let (id, secret) = (
        reg["clientId"].as_str().unwrap().to_string(),
        reg["clientSecret"].as_str().unwrap().to_string(),
    );
    let verifier = "dc-verifier-abcdefghijklmnopqrstuvwxyz-0123456789";
    // A different redirect URL than the link's is refused.
    assert_eq!(
        dc_code(&s, &id, "http://127.0.0.1:1/other", verifier)
            .await
            .status(),
        400
    );
    // A forged consent POST is re-checked too.
    let forged = [
        ("client_id", id.as_str()),
        ("redirect_uri", "http://evil.example/cb"),
        ("os_username", "bob"),
        ("os_password", "bob-pw"),
        ("decision", "accept"),
    ];
    let r = s
        .http
        .post(s.url("/rest/oauth2/latest/authorize"))
        .form(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = dc_code(&s, &id, CB, verifier).await;
    assert_eq!(r.status(), 303);
    let code = query_param(r.headers()["location"].to_str().unwrap(), "code").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", &id),
        ("client_secret", &secret),
        ("code", &code),
        ("redirect_uri", CB),
        ("code_verifier", verifier),
    ];
    let r = s
        .http
        .post(s.url("/rest/oauth2/latest/token"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let t = body(r).await;
    let access = t["access_token"].as_str().unwrap();
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(body(r).await["name"], "bob");
    // Refresh (form-encoded) rotates.
    let refresh = t["refresh_token"].as_str().unwrap();
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", &id),
        ("client_secret", &secret),
        ("refresh_token", refresh),
        ("redirect_uri", CB),
    ];
    let r = s
        .http
        .post(s.url("/rest/oauth2/latest/token"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_ne!(body(r).await["refresh_token"], refresh);
    // Wrong secret.
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", id.as_str()),
        ("client_secret", "nope"),
        ("refresh_token", refresh),
    ];
    let r = s
        .http
        .post(s.url("/rest/oauth2/latest/token"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn dc_requires_https_redirects_unless_the_admin_flag_is_on() {
    let s = start(Mode::DataCenter).await;
    s.http
        .put(s.url("/rest/sandbox/flags"))
        .json(&json!({"oauth2SkipHttpsRequirement": false}))
        .send()
        .await
        .unwrap();
    let r = s
        .http
        .post(s.url("/rest/sandbox/oauth2/clients"))
        .json(&json!({"name": "J", "redirectUri": CB}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = dc_code(
        &s,
        "sandbox-dc-client",
        CB,
        "v-0123456789012345678901234567890123456789",
    )
    .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("HTTPS"));
    let r = dc_code(
        &s,
        "sandbox-dc-client",
        "https://app.example/cb",
        "v-0123456789012345678901234567890123456789",
    )
    .await;
    assert_eq!(r.status(), 303);
}
