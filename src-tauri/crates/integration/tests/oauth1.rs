//! OAuth 1.0a (RSA-SHA1) end to end on Data Center: the consumer registered through the
//! sandbox's admin endpoint, the dance out of band and through the loopback, then every
//! operation signed.

use jiffy_core::api::users::UserId;
use jiffy_core::auth::flows::{oauth1_finish, oauth1_start, oauth1_with_loopback};
use jiffy_core::auth::loopback::LoopbackListener;
use jiffy_core::auth::oauth1::{OAuth1PrivateKey, OAuth1Signer};
use jiffy_core::config::{AuthSettings, OAuth1Callback};
use jiffy_core::ops;
use jiffy_core::secrets::{InMemoryStore, SecretKind, Sensitive};
use jiffy_core::Error;
use jiffy_integration::browser;
use jiffy_integration::scenario::{self, ok};
use jiffy_integration::{client_with, connection, sandbox_control, start};
use jiffy_sandbox::{Mode, Sandbox};
use serde_json::json;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

fn oauth1_key() -> OAuth1PrivateKey {
    static KEY: OnceLock<OAuth1PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| ok("generate", OAuth1PrivateKey::generate(2048)))
        .clone()
}

/// Registers Jiffy's public key as an application link, as the admin would paste it.
async fn register_consumer(sandbox: &Sandbox, key: &OAuth1PrivateKey) -> String {
    let consumer_key = ok("consumer key", key.suggested_consumer_key());
    let public = ok("public key", key.public_key_pem());
    sandbox_control(
        sandbox,
        reqwest::Method::POST,
        "/rest/sandbox/oauth1/consumers",
        json!({ "consumerKey": consumer_key, "name": "Jiffy", "publicKey": public }),
    )
    .await;
    consumer_key
}

fn oauth1_client(
    sandbox: &Sandbox,
    consumer_key: &str,
    key: &OAuth1PrivateKey,
    callback: OAuth1Callback,
    access_token: &Sensitive<String>,
) -> jiffy_core::api::JiraClient {
    let pem = ok("pem", key.to_pkcs8_pem());
    client_with(
        sandbox,
        connection(
            sandbox,
            "oauth1",
            AuthSettings::OAuth1 {
                consumer_key: consumer_key.to_owned(),
                callback,
            },
        ),
        Arc::new(InMemoryStore::new()),
        &[
            (SecretKind::OAuth1PrivateKey, pem.expose()),
            (SecretKind::OAuth1AccessToken, access_token.expose()),
        ],
    )
}

const ALICE_APPROVES: [(&str, &str); 3] = [
    ("os_username", "alice"),
    ("os_password", "alice-pw"),
    ("approve", "Allow"),
];

#[tokio::test]
async fn data_center_oauth1_out_of_band() {
    let sandbox = start(Mode::DataCenter).await;
    let key = oauth1_key();
    let consumer_key = register_consumer(&sandbox, &key).await;
    let signer = OAuth1Signer::new(consumer_key.clone(), key.clone());
    let http = reqwest::Client::new();
    let pending = ok(
        "request token",
        oauth1_start(&http, &signer, sandbox.base_url(), None).await,
    );
    let page = browser::submit(&pending.authorize_url, &ALICE_APPROVES).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let verifier = page
        .body
        .split("<p id=\"verifier\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("no verifier on the page: {}", page.body));
    // Typed in by the user, maybe with a stray space.
    let typed = Sensitive(format!(" {verifier} "));
    let token = ok(
        "access token",
        oauth1_finish(&http, &signer, sandbox.base_url(), &pending, &typed).await,
    );
    // The request token is spent: using it again is Jira's token_rejected / reconnect.
    assert!(
        oauth1_finish(&http, &signer, sandbox.base_url(), &pending, &typed)
            .await
            .is_err()
    );
    let client = oauth1_client(
        &sandbox,
        &consumer_key,
        &key,
        OAuth1Callback::Oob,
        &token.token,
    );
    scenario::read_operations(&client).await;
    scenario::write_operations(&client, &UserId::Name("bob".into())).await;

    // A consumer the server does not know (the application link was deleted).
    let stranger = OAuth1Signer::new("not-registered", key);
    match oauth1_start(&http, &stranger, sandbox.base_url(), None).await {
        Err(Error::Unauthorized(_) | Error::TokenExpired(_)) => {}
        other => panic!("an unknown consumer must be refused, got {other:?}"),
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn data_center_oauth1_through_the_loopback() {
    let sandbox = start(Mode::DataCenter).await;
    let key = oauth1_key();
    let consumer_key = register_consumer(&sandbox, &key).await;
    let signer = OAuth1Signer::new(consumer_key.clone(), key.clone());
    let http = reqwest::Client::new();
    let listener = ok("bind", LoopbackListener::bind(0).await);
    let port = listener.port();
    let token = ok(
        "oauth1 loopback",
        oauth1_with_loopback(
            &http,
            &signer,
            sandbox.base_url(),
            listener,
            |url| {
                browser::approve_in_background(url, &ALICE_APPROVES);
                Ok(())
            },
            TIMEOUT,
        )
        .await,
    );
    let client = oauth1_client(
        &sandbox,
        &consumer_key,
        &key,
        OAuth1Callback::Loopback { port },
        &token.token,
    );
    assert_eq!(
        ok("myself", ops::myself(&client).await).name.as_deref(),
        Some("alice")
    );
    scenario::read_operations(&client).await;
    scenario::write_operations(&client, &UserId::Name("bob".into())).await;
    sandbox.shutdown().await;
}
