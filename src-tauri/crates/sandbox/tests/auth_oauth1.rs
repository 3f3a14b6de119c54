//! OAuth 1.0a provider (DC): the whole dance with a real RSA-SHA1 signer written here (not
//! jiffy-core), then every `oauth_problem` Jira answers.

mod common;

use std::sync::OnceLock;

use base64::Engine;
use common::{form_pairs, start, Site};
use jiffy_sandbox::Mode;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::RsaPrivateKey;
use sha1::Sha1;

fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("key"))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Minimal RFC 5849 RSA-SHA1 signer: returns the Authorization header.
fn sign(
    method: &str,
    url: &str,
    extra: &[(&str, &str)],
    consumer: &str,
    token: Option<&str>,
    ts: i64,
    nonce: &str,
) -> String {
    let parsed = url::Url::parse(url).unwrap();
    let base_uri = format!(
        "{}://{}{}",
        parsed.scheme(),
        parsed.host_str().unwrap(),
        parsed.port().map(|p| format!(":{p}")).unwrap_or_default()
    ) + parsed.path();
    let mut oauth: Vec<(String, String)> = vec![
        ("oauth_consumer_key".into(), consumer.into()),
        ("oauth_signature_method".into(), "RSA-SHA1".into()),
        ("oauth_timestamp".into(), ts.to_string()),
        ("oauth_nonce".into(), nonce.into()),
        ("oauth_version".into(), "1.0".into()),
    ];
    if let Some(t) = token {
        oauth.push(("oauth_token".into(), t.into()));
    }
    for (k, v) in extra {
        oauth.push((k.to_string(), v.to_string()));
    }
    let mut all: Vec<(String, String)> = oauth.iter().map(|(k, v)| (enc(k), enc(v))).collect();
    all.extend(parsed.query_pairs().map(|(k, v)| (enc(&k), enc(&v))));
    all.sort();
    let params = all
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let base = format!("{}&{}&{}", method, enc(&base_uri), enc(&params));
    let sig = SigningKey::<Sha1>::new(key().clone()).sign(base.as_bytes());
    let sig = base64::engine::general_purpose::STANDARD.encode(sig.to_bytes());
    oauth.push(("oauth_signature".into(), sig));
    let parts: Vec<String> = oauth
        .iter()
        .map(|(k, v)| format!("{}=\"{}\"", enc(k), enc(v)))
        .collect();
    format!("OAuth realm=\"\", {}", parts.join(", "))
}

fn nonce() -> String {
    format!("n{}", rand::random::<u64>())
}

async fn register(s: &Site, consumer: &str) {
    let pem = key()
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap();
    let r = s
        .http
        .post(s.url("/rest/sandbox/oauth1/consumers"))
        .json(&serde_json::json!({"consumerKey": consumer, "name": "Jiffy test", "publicKey": pem}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

async fn signed_post(
    s: &Site,
    path: &str,
    extra: &[(&str, &str)],
    token: Option<&str>,
    ts: i64,
) -> reqwest::Response {
    let url = s.url(path);
    let h = sign("POST", &url, extra, "jiffy", token, ts, &nonce());
    s.http
        .post(url)
        .header("authorization", h)
        .send()
        .await
        .unwrap()
}

fn problem(r: &reqwest::Response) -> String {
    r.headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Runs request-token → authorize (as alice, out-of-band) → access-token.
async fn dance(s: &Site) -> String {
    let now = s.now_secs().await;
    let r = signed_post(
        s,
        "/plugins/servlet/oauth/request-token",
        &[("oauth_callback", "oob")],
        None,
        now,
    )
    .await;
    assert_eq!(r.status(), 200);
    let rt = form_pairs(&r.text().await.unwrap());
    let token = rt["oauth_token"].clone();
    assert_eq!(rt["oauth_callback_confirmed"], "true");
    let page = s
        .http
        .get(s.url(&format!(
            "/plugins/servlet/oauth/authorize?oauth_token={token}"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Jiffy test"));
    let form = [
        ("oauth_token", token.as_str()),
        ("os_username", "alice"),
        ("os_password", "alice-pw"),
        ("approve", "Allow"),
    ];
    let html = s
        .http
        .post(s.url("/plugins/servlet/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let verifier = html
        .split("<p id=\"verifier\">")
        .nth(1)
        .and_then(|r| r.split("</p>").next())
        .expect("verifier shown")
        .to_string();
    let r = signed_post(
        s,
        "/plugins/servlet/oauth/access-token",
        &[("oauth_verifier", &verifier)],
        Some(&token),
        now,
    )
    .await;
    assert_eq!(r.status(), 200);
    let at = form_pairs(&r.text().await.unwrap());
    assert_eq!(at["oauth_expires_in"], "157680000");
    at["oauth_token"].clone()
}

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
