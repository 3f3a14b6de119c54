use super::*;
use crate::api::test_server::{serve, Reply};
use crate::auth::oauth1::OAuth1PrivateKey;
use crate::auth::oauth2::OAuth2Provider;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

fn signer() -> OAuth1Signer {
    static KEY: OnceLock<OAuth1PrivateKey> = OnceLock::new();
    let key = KEY.get_or_init(|| OAuth1PrivateKey::generate(2048).unwrap());
    OAuth1Signer::new("jiffy-ck", key.clone())
}

/// Plays the browser: after a short delay, GETs `redirect` with `params`.
fn browser(redirect: String, params: Vec<(String, String)>) {
    tokio::spawn(async move {
        let mut url = Url::parse(&redirect).unwrap();
        url.query_pairs_mut().extend_pairs(params);
        let _ = reqwest::get(url).await;
    });
}

fn query_of(url: &Url) -> BTreeMap<String, String> {
    url.query_pairs().into_owned().collect()
}

#[tokio::test]
async fn oauth1_dance_through_the_loopback() {
    let (base, log) = serve(|seen| {
        let auth = seen
            .headers
            .get("authorization")
            .cloned()
            .unwrap_or_default();
        match seen.target.as_str() {
            "/jira/plugins/servlet/oauth/request-token"
                if auth.contains("oauth_callback=\"http%3A%2F%2F127.0.0.1") =>
            {
                Reply(
                    200,
                    vec![],
                    "oauth_token=RT&oauth_token_secret=x&oauth_callback_confirmed=true".into(),
                )
            }
            "/jira/plugins/servlet/oauth/access-token"
                if auth.contains("oauth_token=\"RT\"")
                    && auth.contains("oauth_verifier=\"V1\"") =>
            {
                Reply(
                    200,
                    vec![],
                    "oauth_token=AT&oauth_token_secret=y&oauth_expires_in=157680000".into(),
                )
            }
            _ => Reply(401, vec![], "oauth_problem=parameter_absent".into()),
        }
    })
    .await;
    let listener = LoopbackListener::bind(0).await.unwrap();
    let redirect = listener.redirect_uri();
    let http = reqwest::Client::new();
    let base_url = format!("{base}/jira");
    let token = oauth1_with_loopback(
        &http,
        &signer(),
        &base_url,
        listener,
        |url| {
            assert!(url
                .as_str()
                .starts_with(&format!("{base_url}/plugins/servlet/oauth/authorize?")));
            let rt = query_of(url)["oauth_token"].clone();
            browser(
                redirect,
                vec![
                    ("oauth_token".into(), rt),
                    ("oauth_verifier".into(), "V1".into()),
                ],
            );
            Ok(())
        },
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    assert_eq!(token.token.expose(), "AT");
    assert_eq!(token.expires_in, Some(157_680_000));
    let seen = log.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| s.method == "POST"));
    assert!(seen[0].headers["authorization"].contains("oauth_signature_method=\"RSA-SHA1\""));
}

#[tokio::test]
async fn oauth1_out_of_band_and_problems() {
    let (base, _log) = serve(|seen| {
        let auth = seen
            .headers
            .get("authorization")
            .cloned()
            .unwrap_or_default();
        if auth.contains("oauth_consumer_key=\"unknown\"") {
            return Reply(
                401,
                vec![(
                    "WWW-Authenticate",
                    r#"OAuth realm="x", oauth_problem="consumer_key_unknown""#.into(),
                )],
                String::new(),
            );
        }
        if auth.contains("oauth_callback=\"oob\"") {
            Reply(200, vec![], "oauth_token=RT2&oauth_token_secret=x".into())
        } else if auth.contains("oauth_verifier=\"typed\"") {
            Reply(200, vec![], "oauth_token=AT2&oauth_token_secret=y".into())
        } else {
            Reply(401, vec![], "oauth_problem=token_rejected".into())
        }
    })
    .await;
    let http = reqwest::Client::new();
    let pending = oauth1_start(&http, &signer(), &base, None).await.unwrap();
    assert_eq!(pending.request_token.expose(), "RT2");
    let token = oauth1_finish(&http, &signer(), &base, &pending, &" typed\n".into())
        .await
        .unwrap();
    assert_eq!(token.token.expose(), "AT2");
    let err = oauth1_finish(&http, &signer(), &base, &pending, &"wrong".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "TokenExpired");
    let unknown = OAuth1Signer::new("unknown", OAuth1PrivateKey::from_pem(signer_pem()).unwrap());
    let err = oauth1_start(&http, &unknown, &base, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("consumer key"), "{err}");
}

fn signer_pem() -> &'static str {
    static PEM: OnceLock<String> = OnceLock::new();
    PEM.get_or_init(|| {
        OAuth1PrivateKey::generate(2048)
            .unwrap()
            .to_pkcs8_pem()
            .unwrap()
            .into_inner()
    })
}

#[tokio::test]
async fn oauth2_cloud_flow_exchanges_the_code() {
    let (base, log) = serve(|seen| {
        let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap_or_default();
        if seen.target == "/oauth/token" && body["code"] == "C1" && body["client_secret"] == "shh" {
            Reply(
                200,
                vec![],
                r#"{"access_token":"A1","refresh_token":"R1","expires_in":3600}"#.into(),
            )
        } else {
            Reply(403, vec![], r#"{"error":"invalid_grant"}"#.into())
        }
    })
    .await;
    let listener = LoopbackListener::bind(0).await.unwrap();
    let redirect = listener.redirect_uri();
    let client = OAuth2Client {
        provider: OAuth2Provider::Cloud {
            auth_host: base.clone(),
            api_host: base.clone(),
        },
        client_id: "cid".into(),
        redirect_uri: redirect.clone(),
        scopes: vec!["read:jira-work".into(), "offline_access".into()],
    };
    let http = reqwest::Client::new();
    let tokens = oauth2_with_loopback(
        &http,
        &client,
        &"shh".into(),
        listener,
        |url| {
            let state = query_of(url)["state"].clone();
            browser(
                redirect.clone(),
                vec![("code".into(), "C1".into()), ("state".into(), state)],
            );
            Ok(())
        },
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    assert_eq!(tokens.access_token.expose(), "A1");
    assert_eq!(
        tokens.refresh_token.map(Sensitive::into_inner).as_deref(),
        Some("R1")
    );
    assert_eq!(log.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn oauth2_data_center_flow_proves_pkce() {
    let challenge: Arc<Mutex<String>> = Arc::default();
    let expected = challenge.clone();
    let (base, _log) = serve(move |seen| {
        let form: BTreeMap<String, String> = url::form_urlencoded::parse(seen.body.as_bytes())
            .into_owned()
            .collect();
        let verifier = form.get("code_verifier").cloned().unwrap_or_default();
        let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(Sha256::digest(verifier.as_bytes()));
        if seen.target == "/rest/oauth2/latest/token" && computed == *expected.lock().unwrap() {
            Reply(
                200,
                vec![],
                r#"{"access_token":"DA","refresh_token":"DR","expires_in":3600}"#.into(),
            )
        } else {
            Reply(
                400,
                vec![],
                r#"{"error":"invalid_grant","error_description":"PKCE check failed"}"#.into(),
            )
        }
    })
    .await;
    let listener = LoopbackListener::bind(0).await.unwrap();
    let redirect = listener.redirect_uri();
    let client = OAuth2Client {
        provider: OAuth2Provider::DataCenter {
            base_url: base.clone(),
        },
        client_id: "dc".into(),
        redirect_uri: redirect.clone(),
        scopes: vec!["WRITE".into()],
    };
    let http = reqwest::Client::new();
    let tokens = oauth2_with_loopback(
        &http,
        &client,
        &"s".into(),
        listener,
        |url| {
            let q = query_of(url);
            *challenge.lock().unwrap() = q["code_challenge"].clone();
            browser(
                redirect.clone(),
                vec![
                    ("code".into(), "X".into()),
                    ("state".into(), q["state"].clone()),
                ],
            );
            Ok(())
        },
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    assert_eq!(tokens.access_token.expose(), "DA");
}

#[tokio::test]
async fn oauth2_refuses_a_mismatched_redirect_and_lists_sites() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let client = OAuth2Client {
        provider: OAuth2Provider::atlassian_cloud(),
        client_id: "c".into(),
        redirect_uri: "http://127.0.0.1:1/callback".into(),
        scopes: vec![],
    };
    let err = oauth2_with_loopback(
        &reqwest::Client::new(),
        &client,
        &"s".into(),
        listener,
        |_| Ok(()),
        Duration::from_millis(50),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");

    let (base, log) = serve(|seen| {
        if seen.headers.get("authorization").map(String::as_str) == Some("Bearer A1") {
            Reply(
                200,
                vec![],
                r#"[{"id":"cid","name":"acme","url":"https://acme.atlassian.net","scopes":[]}]"#
                    .into(),
            )
        } else {
            Reply(
                401,
                vec![],
                r#"{"code":401,"message":"Unauthorized"}"#.into(),
            )
        }
    })
    .await;
    let http = reqwest::Client::new();
    let sites = accessible_resources(&http, &base, &"A1".into())
        .await
        .unwrap();
    assert_eq!(sites[0].id, "cid");
    assert_eq!(
        log.lock().unwrap()[0].target,
        "/oauth/token/accessible-resources"
    );
    let err = accessible_resources(&http, &base, &"nope".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "Unauthorized");
}

#[tokio::test]
async fn data_center_refusing_the_loopback_redirect_says_how_to_allow_it() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let redirect = listener.redirect_uri();
    let client = OAuth2Client {
        provider: OAuth2Provider::DataCenter {
            base_url: "https://jira.corp".into(),
        },
        client_id: "dc".into(),
        redirect_uri: redirect.clone(),
        scopes: vec!["WRITE".into()],
    };
    let err = oauth2_with_loopback(
        &reqwest::Client::new(),
        &client,
        &"s".into(),
        listener,
        |url| {
            let state = query_of(url)["state"].clone();
            let params = vec![
                ("error".into(), "invalid_request".into()),
                (
                    "error_description".into(),
                    "Invalid redirect_uri: must use HTTPS".into(),
                ),
                ("state".into(), state),
            ];
            browser(redirect.clone(), params);
            Ok(())
        },
        Duration::from_secs(10),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(
        err.to_string()
            .contains("skip.redirect.url.https.requirement"),
        "{err}"
    );
}
