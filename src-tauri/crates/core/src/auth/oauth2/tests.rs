use super::*;
use crate::secrets::{InMemoryStore, SecretKind, SecretStore};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Mutex;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn cloud_client(auth_host: &str) -> OAuth2Client {
    OAuth2Client {
        provider: OAuth2Provider::Cloud {
            auth_host: auth_host.to_owned(),
            api_host: DEFAULT_CLOUD_API_HOST.to_owned(),
        },
        client_id: "cid".to_owned(),
        redirect_uri: "http://127.0.0.1:47802/callback".to_owned(),
        scopes: DEFAULT_CLOUD_SCOPES.iter().map(|s| s.to_string()).collect(),
    }
}

fn dc_client(base: &str) -> OAuth2Client {
    OAuth2Client {
        provider: OAuth2Provider::DataCenter {
            base_url: base.to_owned(),
        },
        client_id: "dc-id".to_owned(),
        redirect_uri: "http://127.0.0.1:47802/callback".to_owned(),
        scopes: vec!["WRITE".to_owned()],
    }
}

fn query(url: &Url) -> BTreeMap<String, String> {
    url.query_pairs().into_owned().collect()
}

#[test]
fn cloud_authorization_url_has_audience_consent_scopes_and_state() {
    let auth = cloud_client(DEFAULT_CLOUD_AUTH_HOST)
        .authorization()
        .unwrap();
    assert_eq!(auth.url.host_str(), Some("auth.atlassian.com"));
    assert_eq!(auth.url.path(), "/authorize");
    let q = query(&auth.url);
    assert_eq!(q["audience"], "api.atlassian.com");
    assert_eq!(q["prompt"], "consent");
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], "cid");
    assert_eq!(q["redirect_uri"], "http://127.0.0.1:47802/callback");
    assert_eq!(
        q["scope"],
        "read:jira-work write:jira-work read:jira-user offline_access"
    );
    assert_eq!(&q["state"], auth.state.expose());
    assert!(auth.state.expose().len() >= 16);
    assert!(
        !q.contains_key("code_challenge"),
        "Atlassian 3LO does not take PKCE"
    );
    assert!(auth.pkce_verifier.is_none());
    let again = cloud_client(DEFAULT_CLOUD_AUTH_HOST)
        .authorization()
        .unwrap();
    assert_ne!(again.state, auth.state, "state is fresh per authorization");
}

#[test]
fn data_center_authorization_uses_pkce_s256() {
    let auth = dc_client("https://jira.corp/jira/")
        .authorization()
        .unwrap();
    assert_eq!(
        auth.url.as_str().split('?').next(),
        Some("https://jira.corp/jira/rest/oauth2/latest/authorize")
    );
    let q = query(&auth.url);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["scope"], "WRITE");
    assert!(!q.contains_key("audience"));
    let verifier = auth.pkce_verifier.expect("PKCE verifier");
    // RFC 7636 §4.2, computed independently of the oauth2 crate.
    let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(verifier.expose().as_bytes()));
    assert_eq!(q["code_challenge"], expected);
}

#[test]
fn token_requests_are_json_on_cloud_and_forms_on_data_center() {
    let secret = Sensitive("shh".to_owned());
    let cloud = cloud_client("https://auth.example/").code_exchange("the-code", &secret, None);
    assert_eq!(cloud.url, "https://auth.example/oauth/token");
    assert_eq!(
        cloud.body,
        TokenBody::Json(serde_json::json!({
            "grant_type": "authorization_code",
            "client_id": "cid",
            "client_secret": "shh",
            "code": "the-code",
            "redirect_uri": "http://127.0.0.1:47802/callback",
        }))
    );
    assert!(!format!("{cloud:?}").contains("shh"));
    let refresh = cloud_client("https://auth.example").refresh(&"r1".into(), &secret);
    assert_eq!(
        refresh.body,
        TokenBody::Json(serde_json::json!({
            "grant_type": "refresh_token",
            "client_id": "cid",
            "client_secret": "shh",
            "refresh_token": "r1",
        }))
    );
    let verifier = Sensitive("v".repeat(43));
    let dc = dc_client("https://jira.corp").code_exchange("c", &secret, Some(&verifier));
    assert_eq!(dc.url, "https://jira.corp/rest/oauth2/latest/token");
    let TokenBody::Form(form) = dc.body else {
        panic!("Data Center uses a form body")
    };
    let form: BTreeMap<_, _> = form.into_iter().collect();
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["code_verifier"], "v".repeat(43));
    assert_eq!(form["client_secret"], "shh");
    let TokenBody::Form(form) = dc_client("https://jira.corp")
        .refresh(&"r1".into(), &secret)
        .body
    else {
        panic!("Data Center uses a form body")
    };
    let form: BTreeMap<_, _> = form.into_iter().collect();
    assert_eq!(form["grant_type"], "refresh_token");
    assert_eq!(form["redirect_uri"], "http://127.0.0.1:47802/callback");
}

#[test]
fn token_responses_and_errors_are_interpreted() {
    let client = cloud_client(DEFAULT_CLOUD_AUTH_HOST);
    let ok = parse_token_response(
        &client,
        200,
        r#"{"access_token":"a","refresh_token":"r","expires_in":3600,"scope":"read:jira-work","token_type":"bearer"}"#,
        1_000,
    )
    .unwrap();
    assert_eq!(ok.access_token.expose(), "a");
    assert_eq!(ok.expires_at, Some(4_600));
    assert!(!ok.needs_refresh(4_500) && ok.needs_refresh(4_541));
    let grant =
        r#"{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}"#;
    let err = parse_token_response(&client, 403, grant, 0).unwrap_err();
    assert_eq!(err.kind(), "TokenExpired");
    assert!(
        err.to_string().contains("Unknown or invalid refresh token"),
        "{err}"
    );
    let err = parse_token_response(&client, 401, r#"{"error":"access_denied"}"#, 0).unwrap_err();
    assert_eq!(err.kind(), "Unauthorized");
    assert_eq!(
        parse_token_response(&client, 502, "<html>", 0)
            .unwrap_err()
            .kind(),
        "Internal"
    );
    assert_eq!(
        parse_token_response(&client, 200, "<html>", 0)
            .unwrap_err()
            .kind(),
        "Internal"
    );
    assert_eq!(
        parse_token_response(&client, 200, "{}", 0)
            .unwrap_err()
            .kind(),
        "Internal"
    );

    let dc = dc_client("https://jira.corp");
    let body = r#"{"error":"invalid_request","error_description":"Redirect URI must use HTTPS"}"#;
    let err = parse_token_response(&dc, 400, body, 0).unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(
        err.to_string()
            .contains("skip.redirect.url.https.requirement"),
        "{err}"
    );
}

/// A store that records the order of writes.
#[derive(Default)]
struct Recording {
    inner: InMemoryStore,
    writes: Mutex<Vec<SecretKind>>,
}

impl SecretStore for Recording {
    fn get(&self, id: &str, kind: SecretKind) -> crate::Result<Option<Sensitive<String>>> {
        self.inner.get(id, kind)
    }
    fn set(&self, id: &str, kind: SecretKind, value: &Sensitive<String>) -> crate::Result<()> {
        self.writes.lock().unwrap().push(kind);
        self.inner.set(id, kind, value)
    }
    fn delete(&self, id: &str, kind: SecretKind) -> crate::Result<()> {
        self.inner.delete(id, kind)
    }
}

#[test]
fn rotated_refresh_token_is_stored_before_the_access_token() {
    let store = Recording::default();
    let tokens = TokenSet {
        access_token: "a2".into(),
        refresh_token: Some("r2".into()),
        expires_at: Some(99),
        scope: None,
    };
    store_tokens(&store, "c1", &tokens).unwrap();
    assert_eq!(
        *store.writes.lock().unwrap(),
        vec![
            SecretKind::OAuth2RefreshToken,
            SecretKind::OAuth2AccessToken
        ]
    );
    let loaded = load_tokens(&store, "c1").unwrap().unwrap();
    assert_eq!(loaded.access_token.expose(), "a2");
    assert_eq!(
        loaded.refresh_token.map(Sensitive::into_inner).as_deref(),
        Some("r2")
    );
    assert_eq!(loaded.expires_at, Some(99));
    assert_eq!(load_tokens(&store, "other").unwrap(), None);
}

/// A one-shot token endpoint on 127.0.0.1: answers `status`/`body` and hands back the request.
async fn token_endpoint(
    status: u16,
    body: &'static str,
) -> (String, tokio::task::JoinHandle<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = stream.read(&mut chunk).await.unwrap();
            buf.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&buf).to_string();
            if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                let len = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if rest.len() >= len || n == 0 {
                    break;
                }
            }
        }
        let response = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await.unwrap();
        String::from_utf8_lossy(&buf).to_string()
    });
    (url, handle)
}

#[tokio::test]
async fn cloud_refresh_rotates_and_persists_through_the_store() {
    let (host, seen) = token_endpoint(
        200,
        r#"{"access_token":"a2","refresh_token":"r2","expires_in":3600,"token_type":"bearer"}"#,
    )
    .await;
    let client = cloud_client(&host);
    let store = InMemoryStore::new();
    store
        .set("c1", SecretKind::OAuth2RefreshToken, &"r1".into())
        .unwrap();
    let http = reqwest::Client::new();
    let tokens = refresh_and_store(&http, &client, &store, "c1", &"shh".into())
        .await
        .unwrap();
    assert_eq!(tokens.access_token.expose(), "a2");
    let request = seen.await.unwrap();
    assert!(request.starts_with("POST /oauth/token "), "{request}");
    assert!(
        request
            .to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{request}"
    );
    let body: serde_json::Value =
        serde_json::from_str(request.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(body["refresh_token"], "r1");
    assert_eq!(body["grant_type"], "refresh_token");
    assert_eq!(
        store
            .get("c1", SecretKind::OAuth2RefreshToken)
            .unwrap()
            .map(Sensitive::into_inner),
        Some("r2".to_owned())
    );
    assert_eq!(
        load_tokens(&store, "c1")
            .unwrap()
            .unwrap()
            .access_token
            .expose(),
        "a2"
    );
}

#[tokio::test]
async fn data_center_refresh_sends_a_form_and_invalid_grant_means_reconnect() {
    let (base, seen) = token_endpoint(400, r#"{"error":"invalid_grant"}"#).await;
    let client = dc_client(&base);
    let store = InMemoryStore::new();
    store
        .set("c1", SecretKind::OAuth2RefreshToken, &"r1".into())
        .unwrap();
    let http = reqwest::Client::new();
    let err = refresh_and_store(&http, &client, &store, "c1", &"shh".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "TokenExpired");
    let request = seen.await.unwrap();
    assert!(
        request.starts_with("POST /rest/oauth2/latest/token "),
        "{request}"
    );
    assert!(
        request.contains("application/x-www-form-urlencoded"),
        "{request}"
    );
    assert!(request.contains("grant_type=refresh_token&"), "{request}");
    // Nothing was overwritten by the failed refresh.
    assert_eq!(store.len(), 1);
    let empty = InMemoryStore::new();
    let err = refresh_and_store(&http, &client, &empty, "c1", &"shh".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "TokenExpired");
}

#[test]
fn accessible_resources_parse() {
    let body = r#"[{"id":"1324a887-45db-1bf4-1e99-ef0ff456d421","name":"Site name","url":"https://your-domain.atlassian.net","scopes":["write:jira-work"],"avatarUrl":"https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png"}]"#;
    let sites = parse_accessible_resources(body).unwrap();
    assert_eq!(sites[0].id, "1324a887-45db-1bf4-1e99-ef0ff456d421");
    assert_eq!(sites[0].url, "https://your-domain.atlassian.net");
    assert_eq!(
        parse_accessible_resources("{}").unwrap_err().kind(),
        "Internal"
    );
    assert_eq!(
        accessible_resources_url("https://api.atlassian.com/"),
        "https://api.atlassian.com/oauth/token/accessible-resources"
    );
}

#[test]
fn deep_link_redirects_are_checked_like_loopback_ones() {
    let code = code_from_redirect("jiffy://oauth/callback?code=abc&state=s1", "s1").unwrap();
    assert_eq!(code.expose(), "abc");
    let wrong = code_from_redirect("jiffy://oauth/callback?code=abc&state=evil", "s1");
    assert_eq!(wrong.unwrap_err().kind(), "Unauthorized");
    let refused = code_from_redirect("jiffy://oauth/callback?error=access_denied&state=s1", "s1");
    assert!(refused.unwrap_err().to_string().contains("access_denied"));
    assert_eq!(
        code_from_redirect("jiffy://oauth/callback?state=s1", "s1")
            .unwrap_err()
            .kind(),
        "Unauthorized"
    );
    assert_eq!(
        code_from_redirect("not a url", "s1").unwrap_err().kind(),
        "InvalidInput"
    );
}
