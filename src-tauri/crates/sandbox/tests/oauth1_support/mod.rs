//! A minimal RFC 5849 RSA-SHA1 signer and the OAuth 1.0a dance, written for the tests
//! (independent of jiffy-core, as the sandbox must be).
#![allow(dead_code)]

use std::sync::OnceLock;

use crate::common::{form_pairs, Site};
use base64::Engine;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::RsaPrivateKey;
use sha1::Sha1;

pub fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("key"))
}

pub fn enc(s: &str) -> String {
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
pub fn sign(
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

pub fn nonce() -> String {
    format!("n{}", rand::random::<u64>())
}

pub async fn register(s: &Site, consumer: &str) {
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

pub async fn signed_post(
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

pub fn problem(r: &reqwest::Response) -> String {
    r.headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Runs request-token → authorize (as alice, out-of-band) → access-token.
pub async fn dance(s: &Site) -> String {
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
