//! The app's wizard engine against the sandbox: every sign-in method in the mode it belongs
//! to, the Check step, saving, reconnecting onto an existing connection, and the failure and
//! cancel paths — the same calls the wizard window makes, without the window.

use jiffy_core::auth::oauth1::OAuth1PrivateKey;
use jiffy_core::config::{AuthSettings, ConfigStore, NetworkSettings};
use jiffy_core::secrets::{InMemoryStore, SecretKind, SecretStore};
use jiffy_core::wizard::session::{
    Capability, FlowOutcome, OAuth1CallbackChoice, OAuth2Redirect, OAuth2Start, SaveAs, SignIn,
    SignedIn, Site, WizardEngine,
};
use jiffy_core::{connections, Error};
use jiffy_integration::browser;
use jiffy_integration::scenario::ok;
use jiffy_integration::{client_config, deployment, sandbox_control, start, user};
use jiffy_sandbox::{Mode, Sandbox};
use serde_json::json;

fn site(sandbox: &Sandbox) -> Site {
    Site {
        base_url: sandbox.base_url().to_owned(),
        deployment: deployment(sandbox),
        version: None,
        network: NetworkSettings::default(),
        title: None,
    }
}

fn engine(sandbox: &Sandbox) -> WizardEngine {
    WizardEngine::new(client_config(sandbox))
}

fn basic(sandbox: &Sandbox, username: &str) -> SignIn {
    let u = user(sandbox, username);
    SignIn::Basic {
        username: u.username.clone(),
        password: u.password.clone(),
    }
}

const ALICE_APPROVES: [(&str, &str); 3] = [
    ("os_username", "alice"),
    ("os_password", "alice-pw"),
    ("approve", "Allow"),
];

#[tokio::test]
async fn data_center_password_check_save_reconnect_rename_remove() {
    let sandbox = start(Mode::DataCenter).await;
    let engine = engine(&sandbox);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = ConfigStore::new(dir.path());
    let secrets = InMemoryStore::new();

    // A wrong password is refused, and nothing is kept or written.
    let wrong = SignIn::Basic {
        username: "alice".into(),
        password: "not-her-password".into(),
    };
    let err = engine.sign_in(&site(&sandbox), wrong).await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized(_)), "{err}");
    assert!(store.load().expect("config").connections.is_empty());

    let signed = ok(
        "sign in",
        engine
            .sign_in(&site(&sandbox), basic(&sandbox, "alice"))
            .await,
    );
    assert_eq!(signed.user.name.as_deref(), Some("alice"));
    assert_eq!(signed.suggested_name, "127.0.0.1");

    // Check: Alice (an administrator) may do everything in the demo projects.
    let summary = ok("check", engine.check(&signed.draft_id).await);
    assert!(!summary.projects.is_empty());
    let first = &summary.projects[0];
    assert!(first.can.contains(&Capability::Browse), "{summary:?}");
    assert!(first.can.contains(&Capability::Create), "{summary:?}");

    // An empty name is refused and the draft survives for the retry.
    let nameless = SaveAs {
        name: " ".into(),
        make_default: false,
        replaces: None,
    };
    assert!(engine
        .save(&store, &secrets, &signed.draft_id, &nameless)
        .is_err());
    let save_as = SaveAs {
        name: "Work".into(),
        make_default: false,
        replaces: None,
    };
    let saved = ok(
        "save",
        engine.save(&store, &secrets, &signed.draft_id, &save_as),
    );
    let config = store.load().expect("config");
    assert_eq!(config.connections.len(), 1);
    // The first connection is the default even when not asked.
    assert_eq!(
        config.default_connection.as_deref(),
        Some(saved.id.as_str())
    );
    let stored = secrets.get(&saved.id, SecretKind::Password).expect("store");
    assert_eq!(
        stored.map(|s| s.expose().clone()),
        Some(user(&sandbox, "alice").password.clone())
    );
    // A saved draft is gone.
    assert!(matches!(
        engine.draft_user(&signed.draft_id),
        Err(Error::NotFound(_))
    ));
    let on_disk = std::fs::read_to_string(store.path()).expect("config file");
    assert!(
        !on_disk.contains(&user(&sandbox, "alice").password),
        "no secret on disk"
    );

    // Reconnect with a PAT Jiffy creates: same id and name, new method, the password gone.
    let pat = SignIn::PatCreate {
        username: "alice".into(),
        password: user(&sandbox, "alice").password.clone(),
        token_name: "Jiffy test".into(),
        expiry_days: 30,
    };
    let again = ok("pat create", engine.sign_in(&site(&sandbox), pat).await);
    let replace = SaveAs {
        name: String::new(),
        make_default: false,
        replaces: Some(saved.id.clone()),
    };
    let reconnected = ok(
        "reconnect",
        engine.save(&store, &secrets, &again.draft_id, &replace),
    );
    assert_eq!(reconnected.id, saved.id);
    assert_eq!(reconnected.name, "Work");
    assert!(matches!(reconnected.auth, AuthSettings::Pat { .. }));
    assert!(secrets
        .get(&saved.id, SecretKind::Password)
        .expect("store")
        .is_none());
    assert!(secrets
        .get(&saved.id, SecretKind::PersonalAccessToken)
        .expect("store")
        .is_some());

    let renamed = ok(
        "rename",
        connections::rename(&store, &saved.id, "  Day job "),
    );
    assert_eq!(renamed.name, "Day job");
    ok("remove", connections::remove(&store, &secrets, "Day job"));
    assert!(
        secrets.is_empty(),
        "every keyring entry of the connection is deleted"
    );
}

#[tokio::test]
async fn cloud_api_token_and_the_methods_cloud_refuses() {
    let sandbox = start(Mode::Cloud).await;
    let engine = engine(&sandbox);
    let alice = user(&sandbox, "alice");
    let err = engine
        .sign_in(&site(&sandbox), basic(&sandbox, "alice"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("API token")),
        "{err}"
    );
    let token = SignIn::ApiToken {
        email: alice.email.clone(),
        token: alice.api_token.clone(),
    };
    let signed = ok("api token", engine.sign_in(&site(&sandbox), token).await);
    assert_eq!(
        signed.user.account_id.as_deref(),
        Some(alice.account_id.as_str())
    );
    let summary = ok("check", engine.check(&signed.draft_id).await);
    assert!(!summary.projects.is_empty());
}

async fn register_consumer(sandbox: &Sandbox, public_key: &str, consumer_key: &str) {
    sandbox_control(
        sandbox,
        reqwest::Method::POST,
        "/rest/sandbox/oauth1/consumers",
        json!({ "consumerKey": consumer_key, "name": "Jiffy", "publicKey": public_key }),
    )
    .await;
}

fn signed_in(outcome: FlowOutcome) -> SignedIn {
    match outcome {
        FlowOutcome::SignedIn(s) => s,
        FlowOutcome::ChooseSite { sites } => panic!("asked to choose among {sites:?}"),
    }
}

#[tokio::test]
async fn oauth1_through_the_loopback_and_out_of_band() {
    let sandbox = start(Mode::DataCenter).await;
    let engine = engine(&sandbox);
    let key = ok("generate", engine.oauth1_generate_key().await);
    assert_eq!(key.bits, 2048);

    // Before the Application Link exists Jira does not know the consumer.
    let err = engine
        .oauth1_begin(
            &site(&sandbox),
            &key.key_id,
            &key.consumer_key,
            OAuth1CallbackChoice::Loopback,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Unauthorized(_) | Error::InvalidInput(_)),
        "{err}"
    );

    register_consumer(&sandbox, &key.public_key_pem, &key.consumer_key).await;
    let flow = ok(
        "begin",
        engine
            .oauth1_begin(
                &site(&sandbox),
                &key.key_id,
                &key.consumer_key,
                OAuth1CallbackChoice::Loopback,
            )
            .await,
    );
    assert!(flow
        .callback_url
        .as_deref()
        .is_some_and(|c| c.starts_with("http://127.0.0.1:")));
    let authorize = url::Url::parse(&flow.authorize_url).expect("url");
    browser::approve_in_background(&authorize, &ALICE_APPROVES);
    let signed = signed_in(ok("wait", engine.oauth_wait(&flow.flow_id).await));
    assert_eq!(signed.user.name.as_deref(), Some("alice"));

    // Out of band: the code the approval page shows, typed in.
    let flow = ok(
        "begin oob",
        engine
            .oauth1_begin(
                &site(&sandbox),
                &key.key_id,
                &key.consumer_key,
                OAuth1CallbackChoice::Oob,
            )
            .await,
    );
    let authorize = url::Url::parse(&flow.authorize_url).expect("url");
    let page = browser::submit(&authorize, &ALICE_APPROVES).await;
    let verifier = page
        .body
        .split("<p id=\"verifier\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("no verifier on the page: {}", page.body))
        .to_owned();
    ok(
        "verifier",
        engine.oauth1_verifier(&flow.flow_id, &format!(" {verifier} ")),
    );
    let signed = signed_in(ok("wait oob", engine.oauth_wait(&flow.flow_id).await));

    let dir = tempfile::tempdir().expect("temp dir");
    let store = ConfigStore::new(dir.path());
    let secrets = InMemoryStore::new();
    let save_as = SaveAs {
        name: "Linked".into(),
        make_default: true,
        replaces: None,
    };
    let saved = ok(
        "save",
        engine.save(&store, &secrets, &signed.draft_id, &save_as),
    );
    // Reconnect keeps the key already pasted into Jira.
    let reused = ok("reuse", engine.oauth1_key_of(&secrets, &saved.id));
    assert_eq!(reused.public_key_pem, key.public_key_pem);
    assert!(OAuth1PrivateKey::from_pem(
        secrets
            .get(&saved.id, SecretKind::OAuth1PrivateKey)
            .expect("store")
            .expect("key")
            .expose()
    )
    .is_ok());
}

#[tokio::test]
async fn oauth2_data_center_loopback_and_cloud_deep_link() {
    // Data Center, PKCE, loopback.
    let sandbox = start(Mode::DataCenter).await;
    let engine = engine(&sandbox);
    let start_dc = OAuth2Start {
        client_id: jiffy_sandbox::DC_OAUTH2_CLIENT_ID.into(),
        client_secret: jiffy_sandbox::DC_OAUTH2_CLIENT_SECRET.into(),
        scopes: Vec::new(),
        redirect: OAuth2Redirect::Loopback { port: 0 },
        auth_host: None,
        api_host: None,
    };
    let flow = ok(
        "begin",
        engine.oauth2_begin(&site(&sandbox), start_dc).await,
    );
    assert!(
        flow.authorize_url.contains("code_challenge="),
        "{}",
        flow.authorize_url
    );
    let form = [
        ("os_username", "alice"),
        ("os_password", "alice-pw"),
        ("decision", "accept"),
    ];
    browser::approve_in_background(&url::Url::parse(&flow.authorize_url).expect("url"), &form);
    let signed = signed_in(ok("wait", engine.oauth_wait(&flow.flow_id).await));
    assert_eq!(signed.user.name.as_deref(), Some("alice"));

    // Cloud 3LO through the jiffy:// deep link.
    let cloud = start(Mode::Cloud).await;
    let engine = self::engine(&cloud);
    let app = cloud.info().oauth2.clone().expect("cloud OAuth app");
    let start_cloud = OAuth2Start {
        client_id: app.client_id.clone(),
        client_secret: app.client_secret.clone(),
        scopes: Vec::new(),
        redirect: OAuth2Redirect::DeepLink,
        auth_host: Some(cloud.base_url().to_owned()),
        api_host: Some(format!("{}/", cloud.base_url())),
    };
    let flow = ok(
        "begin cloud",
        engine.oauth2_begin(&site(&cloud), start_cloud).await,
    );
    assert_eq!(flow.callback_url.as_deref(), Some("jiffy://oauth/callback"));
    let authorize = url::Url::parse(&flow.authorize_url).expect("url");
    let alice = user(&cloud, "alice");
    let form = [
        ("os_username", alice.email.as_str()),
        ("os_password", alice.password.as_str()),
        ("decision", "accept"),
        ("site", app.cloud_id.as_str()),
    ];
    let location = browser::approve(&authorize, &form).await;
    assert!(
        location.starts_with("jiffy://oauth/callback?"),
        "{location}"
    );
    // A forged link (another state) is refused and the real sign-in still waits.
    let forged = "jiffy://oauth/callback?code=abc&state=not-the-state";
    assert!(matches!(
        engine.oauth2_deep_link(forged),
        Err(Error::Unauthorized(_))
    ));
    ok("deep link", engine.oauth2_deep_link(&location));
    let signed = signed_in(ok("wait cloud", engine.oauth_wait(&flow.flow_id).await));
    assert_eq!(
        signed.user.account_id.as_deref(),
        Some(alice.account_id.as_str())
    );
    assert_eq!(signed.method, jiffy_core::auth::AuthMethod::OAuth2);
}

#[tokio::test]
async fn a_cancelled_sign_in_ends_the_wait_and_frees_the_port() {
    let sandbox = start(Mode::DataCenter).await;
    let engine = std::sync::Arc::new(engine(&sandbox));
    let start_dc = || OAuth2Start {
        client_id: jiffy_sandbox::DC_OAUTH2_CLIENT_ID.into(),
        client_secret: jiffy_sandbox::DC_OAUTH2_CLIENT_SECRET.into(),
        scopes: vec!["READ".into()],
        redirect: OAuth2Redirect::Loopback { port: 0 },
        auth_host: None,
        api_host: None,
    };
    let flow = ok(
        "begin",
        engine.oauth2_begin(&site(&sandbox), start_dc()).await,
    );
    let port: u16 = flow
        .callback_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.port())
        .expect("loopback port");
    let waiting = {
        let engine = engine.clone();
        let id = flow.flow_id.clone();
        tokio::spawn(async move { engine.oauth_wait(&id).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    engine.oauth_cancel(&flow.flow_id);
    let result = waiting.await.expect("join");
    assert!(
        matches!(result, Err(Error::InvalidInput(ref m)) if m.contains("cancelled")),
        "{result:?}"
    );
    // The listener is closed: the fixed port can be used by the next attempt.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let again = OAuth2Start {
        redirect: OAuth2Redirect::Loopback { port },
        ..start_dc()
    };
    ok(
        "begin on the same port",
        engine.oauth2_begin(&site(&sandbox), again).await,
    );
}
