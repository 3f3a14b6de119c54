//! The DC OAuth 2.0 provider: form-encoded token endpoint, PKCE S256, READ/WRITE scopes,
//! HTTPS redirect rule behind the admin flag.

mod common;

use common::{body, pkce_challenge as challenge, query_param, start, Site, CALLBACK as CB};
use jiffy_sandbox::Mode;
use serde_json::json;

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

#[tokio::test]
async fn dc_read_scope_cannot_write() {
    let s = start(Mode::DataCenter).await;
    let form = [
        ("client_id", "sandbox-dc-client"),
        ("redirect_uri", CB),
        ("scope", "READ"),
        ("state", "s"),
        ("os_username", "alice"),
        ("os_password", "alice-pw"),
        ("decision", "accept"),
    ];
    let r = s
        .http
        .post(s.url("/rest/oauth2/latest/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let code = query_param(r.headers()["location"].to_str().unwrap(), "code").unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", "sandbox-dc-client"),
        ("client_secret", "sandbox-dc-secret"),
        ("code", &code),
        ("redirect_uri", CB),
    ];
    let t = body(
        s.http
            .post(s.url("/rest/oauth2/latest/token"))
            .form(&form)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(t["scope"], "READ");
    let access = t["access_token"].as_str().unwrap();
    assert_eq!(
        s.http
            .get(s.url("/rest/api/2/issue/DEV-1"))
            .bearer_auth(access)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = s
        .http
        .put(s.url("/rest/api/2/issue/DEV-1"))
        .bearer_auth(access)
        .json(&json!({"fields": {"summary": "x"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The code is single-use.
    let r = s
        .http
        .post(s.url("/rest/oauth2/latest/token"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(body(r).await["error"], "invalid_grant");
}
