//! OAuth 2.0 end to end, Cloud 3LO and Data Center (PKCE): the authorization with a plain
//! HTTP client in the browser's place, the loopback redirect, every operation, and the
//! refresh of expired access tokens with the rotated refresh token persisted.

use jiffy_core::api::users::UserId;
use jiffy_core::auth::flows::{accessible_resources, oauth2_with_loopback};
use jiffy_core::auth::loopback::LoopbackListener;
use jiffy_core::auth::oauth2::{
    load_tokens, store_tokens, OAuth2Client, OAuth2Provider, DEFAULT_CLOUD_SCOPES,
    DEFAULT_DC_SCOPES,
};
use jiffy_core::config::AuthSettings;
use jiffy_core::ops;
use jiffy_core::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use jiffy_core::Error;
use jiffy_integration::browser;
use jiffy_integration::scenario::{self, ok};
use jiffy_integration::{advance_clock, client_with, connection, start, start_with, user};
use jiffy_sandbox::{Config, Mode, Sandbox};
use std::sync::Arc;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

/// Signs in through OAuth 2.0 on `sandbox` as `login`/`password` and returns the connection's
/// store and profile, as the wizard would save them.
async fn oauth2_connect(
    sandbox: &Sandbox,
    login: &str,
    password: &str,
) -> (Arc<InMemoryStore>, jiffy_core::config::Connection) {
    let http = reqwest::Client::new();
    let base = sandbox.base_url().to_owned();
    let listener = ok("bind", LoopbackListener::bind(0).await);
    let port = listener.port();
    let redirect_uri = listener.redirect_uri();
    let cloud = sandbox.info().mode == Mode::Cloud;
    let (provider, client_id, secret, scopes) = if cloud {
        let app = sandbox.info().oauth2.clone().expect("cloud OAuth app");
        let provider = OAuth2Provider::Cloud {
            auth_host: base.clone(),
            api_host: base.clone(),
        };
        let scopes = DEFAULT_CLOUD_SCOPES.map(str::to_owned).to_vec();
        (provider, app.client_id, app.client_secret, scopes)
    } else {
        let provider = OAuth2Provider::DataCenter {
            base_url: base.clone(),
        };
        let scopes = DEFAULT_DC_SCOPES.map(str::to_owned).to_vec();
        let id = "sandbox-dc-client".to_owned();
        (provider, id, "sandbox-dc-secret".to_owned(), scopes)
    };
    let client = OAuth2Client {
        provider,
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        scopes: scopes.clone(),
    };
    let cloud_id = sandbox.info().oauth2.as_ref().map(|o| o.cloud_id.clone());
    let mut form = vec![
        ("os_username", login.to_owned()),
        ("os_password", password.to_owned()),
        ("decision", "accept".to_owned()),
    ];
    if let Some(id) = &cloud_id {
        form.push(("site", id.clone()));
    }
    let secret = Sensitive(secret);
    let tokens = ok(
        "oauth2 flow",
        oauth2_with_loopback(
            &http,
            &client,
            &secret,
            listener,
            |url| {
                assert!(url.as_str().starts_with(&base), "{url}");
                let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                if cloud {
                    assert!(query.contains(&("audience".into(), "api.atlassian.com".into())));
                    assert!(query.contains(&("prompt".into(), "consent".into())));
                } else {
                    assert!(query.iter().any(|(k, _)| k == "code_challenge"));
                }
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                browser::approve_in_background(url, &pairs);
                Ok(())
            },
            TIMEOUT,
        )
        .await,
    );
    assert!(
        tokens.refresh_token.is_some(),
        "offline access was asked for"
    );
    let chosen = if cloud {
        let sites = ok(
            "accessible_resources",
            accessible_resources(&http, &base, &tokens.access_token).await,
        );
        let site = sites.first().expect("one site");
        assert_eq!(Some(&site.id), cloud_id.as_ref());
        Some(site.id.clone())
    } else {
        None
    };
    let store = Arc::new(InMemoryStore::new());
    let conn = connection(
        sandbox,
        "oauth2",
        AuthSettings::OAuth2 {
            client_id,
            scopes,
            redirect_port: port,
            redirect_uri: Some(redirect_uri),
            cloud_id: chosen,
            auth_host: cloud.then(|| base.clone()),
            api_host: cloud.then(|| base.clone()),
        },
    );
    ok(
        "store tokens",
        store_tokens(store.as_ref(), &conn.id, &tokens),
    );
    ok(
        "store secret",
        store.set(&conn.id, SecretKind::OAuth2ClientSecret, &secret),
    );
    (store, conn)
}

fn refresh_token(store: &InMemoryStore, id: &str) -> String {
    ok("get", store.get(id, SecretKind::OAuth2RefreshToken))
        .map(Sensitive::into_inner)
        .expect("a refresh token is stored")
}

/// The OAuth 2.0 connection works for everything, an expired access token is refreshed
/// transparently, and the rotated refresh token is what the store keeps.
async fn oauth2_end_to_end(mode: Mode, login: &str, password: &str, assignee: UserId) {
    let sandbox = start(mode).await;
    let (store, conn) = oauth2_connect(&sandbox, login, password).await;
    let client = client_with(&sandbox, conn.clone(), store.clone(), &[]);
    if mode == Mode::Cloud {
        assert!(
            client.api_root().contains("/ex/jira/"),
            "{}",
            client.api_root()
        );
    }
    scenario::read_operations(&client).await;
    scenario::write_operations(&client, &assignee).await;

    let before = refresh_token(&store, &conn.id);
    let old_tokens = ok("load", load_tokens(store.as_ref(), &conn.id)).expect("stored tokens");
    // Two hours later on the server: the access token jiffy-core still trusts has expired.
    advance_clock(&sandbox, 7200).await;
    let me = ok("myself after expiry", ops::myself(&client).await);
    assert!(!me.display_name.is_empty());
    let after = refresh_token(&store, &conn.id);
    assert_ne!(before, after, "the rotated refresh token must be persisted");
    // A client started from the store alone (the next app start) works with what was saved.
    let restarted = client_with(&sandbox, conn.clone(), store.clone(), &[]);
    ok("myself after restart", ops::myself(&restarted).await);

    // A copy that kept the old tokens (say, a crash before saving) replays the dead refresh
    // token: Atlassian answers invalid_grant, which means "reconnect".
    let stale = Arc::new(InMemoryStore::new());
    ok("store", store_tokens(stale.as_ref(), &conn.id, &old_tokens));
    let secret = ok(
        "secret",
        store.get(&conn.id, SecretKind::OAuth2ClientSecret),
    )
    .expect("secret");
    ok(
        "store",
        stale.set(&conn.id, SecretKind::OAuth2ClientSecret, &secret),
    );
    let replay = client_with(&sandbox, conn, stale, &[]);
    match ops::myself(&replay).await {
        Err(Error::TokenExpired(_)) => {}
        other => panic!("a replayed refresh token must ask to reconnect, got {other:?}"),
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn cloud_oauth2_three_legged() {
    let sandbox = start(Mode::Cloud).await;
    let bob = UserId::AccountId(user(&sandbox, "bob").account_id.clone());
    sandbox.shutdown().await;
    oauth2_end_to_end(Mode::Cloud, "alice@example.com", "alice-pw", bob).await;
}

#[tokio::test]
async fn data_center_oauth2_with_pkce() {
    oauth2_end_to_end(
        Mode::DataCenter,
        "alice",
        "alice-pw",
        UserId::Name("bob".into()),
    )
    .await;
}

#[tokio::test]
async fn oauth2_access_token_expiring_soon_is_refreshed_before_use() {
    // Tokens that live less than the refresh margin: every use refreshes first, so no request
    // ever goes out with a dead token.
    let sandbox = start_with(Config {
        mode: Mode::DataCenter,
        access_token_ttl_secs: 30,
        ..Config::default()
    })
    .await;
    let (store, conn) = oauth2_connect(&sandbox, "alice", "alice-pw").await;
    let client = client_with(&sandbox, conn.clone(), store.clone(), &[]);
    let first = refresh_token(&store, &conn.id);
    ok("myself", ops::myself(&client).await);
    let second = refresh_token(&store, &conn.id);
    assert_ne!(first, second);
    ok("projects", ops::projects(&client).await);
    assert_ne!(second, refresh_token(&store, &conn.id));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn cloud_attachment_redirect_accepts_the_bearer_that_comes_along() {
    // `attachment/content/{id}` without `redirect=false` answers 303 to a media URL with a
    // `media_token`; a client following it sends its Authorization header again, which
    // Atlassian's media host ignores rather than refuses.
    let sandbox = start(Mode::Cloud).await;
    let (store, conn) = oauth2_connect(&sandbox, "alice@example.com", "alice-pw").await;
    let client = client_with(&sandbox, conn, store, &[]);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let uploaded = ok(
        "upload",
        ops::attachment_upload(&client, "DEV-1", "media.bin", bytes.clone()).await,
    );
    let path = client.api_path(&format!("attachment/content/{}", uploaded[0].id));
    let response = ok(
        "follow the redirect",
        client
            .send_custom(reqwest::Method::GET, &path, &[], &|b| b)
            .await,
    );
    assert!(
        response
            .url()
            .query()
            .unwrap_or("")
            .contains("media_token="),
        "{}",
        response.url()
    );
    let body = response.bytes().await.expect("body");
    assert!(body.as_ref() == bytes.as_slice(), "the media bytes differ");
    // The streamed download (redirect=false through the gateway) agrees.
    let dir = tempfile::tempdir().expect("temp dir");
    let dest = dir.path().join("media.bin");
    let written = ok(
        "download to file",
        ops::attachment_download_to_file(&client, &uploaded[0].id, &dest).await,
    );
    assert_eq!(written, bytes.len() as u64);
    assert!(std::fs::read(&dest).expect("file") == bytes);
    sandbox.shutdown().await;
}
