//! A Cloud API token with scopes, which Atlassian honours only through the API gateway
//! (`/ex/jira/{cloudId}`): a connection that knows its cloud id goes there directly, and one
//! that does not is moved there by jiffy-core when the site answers "scope does not match".

use jiffy_core::api::JiraClient;
use jiffy_core::config::{AuthSettings, ConfigStore};
use jiffy_core::secrets::{InMemoryStore, SecretKind, Sensitive};
use jiffy_core::wizard::validate::validate;
use jiffy_core::{connections, ops};
use jiffy_integration::scenario::{self, ok};
use jiffy_integration::{client_config, client_with, connection, sandbox_control, start};
use jiffy_sandbox::{Mode, Sandbox};
use serde_json::json;
use std::sync::Arc;

/// A scoped token for alice with read and write scopes.
async fn scoped_token(sandbox: &Sandbox) -> String {
    let created = sandbox_control(
        sandbox,
        reqwest::Method::POST,
        "/rest/sandbox/scoped-tokens",
        json!({
            "user": "alice",
            "scopes": ["read:jira-work", "write:jira-work", "read:jira-user"]
        }),
    )
    .await;
    created["token"].as_str().expect("a token").to_owned()
}

fn cloud_id(sandbox: &Sandbox) -> String {
    sandbox
        .info()
        .oauth2
        .as_ref()
        .expect("cloud")
        .cloud_id
        .clone()
}

fn site_connection() -> AuthSettings {
    AuthSettings::ApiToken {
        email: "alice@example.com".into(),
        cloud_id: None,
        use_gateway: false,
    }
}

#[tokio::test]
async fn a_scoped_api_token_works_through_the_gateway() {
    let sandbox = start(Mode::Cloud).await;
    let token = scoped_token(&sandbox).await;
    let cloud_id = cloud_id(&sandbox);
    let client = client_with(
        &sandbox,
        connection(
            &sandbox,
            "scoped",
            AuthSettings::ApiToken {
                email: "alice@example.com".into(),
                cloud_id: Some(cloud_id.clone()),
                use_gateway: true,
            },
        ),
        Arc::new(InMemoryStore::new()),
        &[(SecretKind::ApiToken, &token)],
    );
    assert!(
        client.api_root().ends_with(&format!("/ex/jira/{cloud_id}")),
        "{}",
        client.api_root()
    );
    let me = ok("myself", ops::myself(&client).await);
    assert_eq!(me.email_address.as_deref(), Some("alice@example.com"));
    scenario::read_operations(&client).await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_scoped_token_on_the_site_moves_to_the_gateway_by_itself() {
    let sandbox = start(Mode::Cloud).await;
    let token = scoped_token(&sandbox).await;
    let cloud_id = cloud_id(&sandbox);
    let client = client_with(
        &sandbox,
        connection(&sandbox, "scoped-site", site_connection()),
        Arc::new(InMemoryStore::new()),
        &[(SecretKind::ApiToken, &token)],
    );
    assert_eq!(client.api_root(), sandbox.base_url().trim_end_matches('/'));
    assert_eq!(client.gateway_switch(), None);
    // The first call hits the site, is answered 401 "scope does not match", and is repeated
    // through the gateway with the cloud id from /_edge/tenant_info.
    let me = ok("myself", ops::myself(&client).await);
    assert_eq!(me.email_address.as_deref(), Some("alice@example.com"));
    assert_eq!(client.gateway_switch().as_deref(), Some(cloud_id.as_str()));
    assert!(
        client.api_root().ends_with(&format!("/ex/jira/{cloud_id}")),
        "{}",
        client.api_root()
    );
    // Later calls (reads and writes) go straight to the gateway.
    scenario::read_operations(&client).await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn validating_a_scoped_token_saves_the_gateway_for_next_time() {
    let sandbox = start(Mode::Cloud).await;
    let token = scoped_token(&sandbox).await;
    let cloud_id = cloud_id(&sandbox);
    let dir = tempfile::tempdir().expect("temp dir");
    let config_store = ConfigStore::new(dir.path());
    let secrets = vec![(SecretKind::ApiToken, Sensitive(token.clone()))];
    let validated = ok(
        "validate",
        validate(
            connection(&sandbox, "scoped-wizard", site_connection()),
            &secrets,
            client_config(&sandbox),
        )
        .await,
    );
    assert_eq!(
        validated.user.email_address.as_deref(),
        Some("alice@example.com")
    );
    let store = Arc::new(InMemoryStore::new());
    ok(
        "save",
        connections::save_new(
            &config_store,
            store.as_ref(),
            validated.connection,
            &secrets,
        ),
    );

    // A later start reads the saved profile and goes to the gateway without asking the site.
    let saved = ok("load", config_store.load())
        .get("scoped-wizard")
        .cloned()
        .expect("the saved connection");
    match &saved.auth {
        AuthSettings::ApiToken {
            cloud_id: saved_id,
            use_gateway,
            ..
        } => {
            assert_eq!(saved_id.as_deref(), Some(cloud_id.as_str()));
            assert!(use_gateway);
        }
        other => panic!("expected an API token connection, got {other:?}"),
    }
    let client = ok(
        "client",
        JiraClient::new(saved, store, client_config(&sandbox)),
    );
    assert!(
        client.api_root().ends_with(&format!("/ex/jira/{cloud_id}")),
        "{}",
        client.api_root()
    );
    let me = ok("myself", ops::myself(&client).await);
    assert_eq!(me.email_address.as_deref(), Some("alice@example.com"));
    // Already on the gateway: no second switch to remember.
    assert_eq!(client.gateway_switch(), None);
    sandbox.shutdown().await;
}
