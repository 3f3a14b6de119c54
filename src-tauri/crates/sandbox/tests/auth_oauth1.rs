//! OAuth 1.0a provider (DC): the whole dance with a real RSA-SHA1 signer (`oauth1_support`,
//! written for these tests, not jiffy-core), then every `oauth_problem` Jira answers.

mod common;
mod oauth1_support;

use common::{form_pairs, start};
use jiffy_sandbox::Mode;
use oauth1_support::*;
use rsa::pkcs8::{EncodePublicKey, LineEnding};

#[tokio::test]
async fn full_dance_then_signed_api_calls() {
    let s = start(Mode::DataCenter).await;
    register(&s, "jiffy").await;
    let access = dance(&s).await;
    let now = s.now_secs().await;
    let url = s.url("/rest/api/2/search?jql=project%3DDOCS&maxResults=1");
    let h = sign("GET", &url, &[], "jiffy", Some(&access), now, &nonce());
    let r = s
        .http
        .get(&url)
        .header("authorization", &h)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-ausername"], "alice");
    // The same signed request again: the nonce is spent.
    let r = s
        .http
        .get(&url)
        .header("authorization", &h)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(problem(&r).contains("oauth_problem=\"nonce_used\""));
    assert_eq!(
        form_pairs(&r.text().await.unwrap())["oauth_problem"],
        "nonce_used"
    );
    // A signature over a different URL does not verify.
    let other = sign(
        "GET",
        &s.url("/rest/api/2/myself?x=1"),
        &[],
        "jiffy",
        Some(&access),
        now,
        &nonce(),
    );
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .header("authorization", other)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(problem(&r).contains("signature_invalid"));
    // Ten minutes off the clock.
    let h = sign(
        "GET",
        &s.url("/rest/api/2/myself"),
        &[],
        "jiffy",
        Some(&access),
        now - 600,
        &nonce(),
    );
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .header("authorization", h)
        .send()
        .await
        .unwrap();
    assert!(problem(&r).contains("timestamp_refused"));
    // Unknown consumer, unknown token.
    let h = sign(
        "GET",
        &s.url("/rest/api/2/myself"),
        &[],
        "stranger",
        Some(&access),
        now,
        &nonce(),
    );
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .header("authorization", h)
        .send()
        .await
        .unwrap();
    assert!(problem(&r).contains("consumer_key_unknown"));
    let h = sign(
        "GET",
        &s.url("/rest/api/2/myself"),
        &[],
        "jiffy",
        Some("not-a-token"),
        now,
        &nonce(),
    );
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .header("authorization", h)
        .send()
        .await
        .unwrap();
    assert!(problem(&r).contains("token_rejected"));
}

#[tokio::test]
async fn access_tokens_expire_after_five_years() {
    let s = start(Mode::DataCenter).await;
    register(&s, "jiffy").await;
    let access = dance(&s).await;
    s.advance_clock(157_680_000 + 86_400).await;
    let now = s.now_secs().await;
    let h = sign(
        "GET",
        &s.url("/rest/api/2/myself"),
        &[],
        "jiffy",
        Some(&access),
        now,
        &nonce(),
    );
    let r = s
        .http
        .get(s.url("/rest/api/2/myself"))
        .header("authorization", h)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(problem(&r).contains("token_expired"));
}

#[tokio::test]
async fn callback_redirect_and_denial() {
    let s = start(Mode::DataCenter).await;
    register(&s, "jiffy").await;
    let now = s.now_secs().await;
    let r = signed_post(
        &s,
        "/plugins/servlet/oauth/request-token",
        &[("oauth_callback", "http://127.0.0.1:9/cb")],
        None,
        now,
    )
    .await;
    let token = form_pairs(&r.text().await.unwrap())["oauth_token"].clone();
    let form = [
        ("oauth_token", token.as_str()),
        ("os_username", "alice"),
        ("os_password", "alice-pw"),
        ("approve", "Allow"),
    ];
    let r = s
        .http
        .post(s.url("/plugins/servlet/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("http://127.0.0.1:9/cb?oauth_token="));
    let verifier = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "oauth_verifier")
        .unwrap()
        .1
        .to_string();
    // A wrong verifier is refused; the right one works.
    let r = signed_post(
        &s,
        "/plugins/servlet/oauth/access-token",
        &[("oauth_verifier", "wrong")],
        Some(&token),
        now,
    )
    .await;
    assert!(problem(&r).contains("token_rejected"));
    let r = signed_post(
        &s,
        "/plugins/servlet/oauth/access-token",
        &[("oauth_verifier", &verifier)],
        Some(&token),
        now,
    )
    .await;
    assert_eq!(r.status(), 200);

    // Denied: the access-token step answers permission_denied.
    let r = signed_post(
        &s,
        "/plugins/servlet/oauth/request-token",
        &[("oauth_callback", "oob")],
        None,
        now,
    )
    .await;
    let token = form_pairs(&r.text().await.unwrap())["oauth_token"].clone();
    let form = [
        ("oauth_token", token.as_str()),
        ("os_username", "alice"),
        ("os_password", "alice-pw"),
        ("approve", "Deny"),
    ];
    s.http
        .post(s.url("/plugins/servlet/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let r = signed_post(
        &s,
        "/plugins/servlet/oauth/access-token",
        &[("oauth_verifier", "x")],
        Some(&token),
        now,
    )
    .await;
    assert!(problem(&r).contains("permission_denied"));
}

#[tokio::test]
async fn hmac_signatures_are_rejected() {
    let s = start(Mode::DataCenter).await;
    register(&s, "jiffy").await;
    let now = s.now_secs().await;
    let h = sign(
        "POST",
        &s.url("/plugins/servlet/oauth/request-token"),
        &[],
        "jiffy",
        None,
        now,
        &nonce(),
    )
    .replace("RSA-SHA1", "HMAC-SHA1");
    let r = s
        .http
        .post(s.url("/plugins/servlet/oauth/request-token"))
        .header("authorization", h)
        .send()
        .await
        .unwrap();
    // net.oauth answers the malformed-request problems with 400.
    assert_eq!(r.status(), 400);
    assert!(
        problem(&r).contains("signature_method_rejected"),
        "{}",
        problem(&r)
    );
}

#[tokio::test]
async fn application_links_admin_page() {
    let s = start(Mode::DataCenter).await;
    let page = "/plugins/servlet/applinks/listApplicationLinks";
    assert_eq!(s.http.get(s.url(page)).send().await.unwrap().status(), 401);
    assert_eq!(s.get(page, "alice").send().await.unwrap().status(), 401);
    let pem = key()
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap();
    let form = [
        ("action", "create"),
        ("consumerKey", "from-page"),
        ("name", "Page App"),
        ("publicKey", pem.as_str()),
    ];
    let r = s.post(page, "admin").form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let html = s
        .get(page, "admin")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Page App") && html.contains("from-page"));
    let bad = [
        ("action", "create"),
        ("consumerKey", "bad"),
        ("name", "Bad"),
        ("publicKey", "not a key"),
    ];
    assert_eq!(
        s.post(page, "admin")
            .form(&bad)
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    let del = [("action", "delete"), ("consumerKey", "from-page")];
    s.post(page, "admin").form(&del).send().await.unwrap();
    let html = s
        .get(page, "admin")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("from-page"));
}
