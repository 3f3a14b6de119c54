//! A Cloud API token with scopes, which Atlassian honours only through the API gateway
//! (`/ex/jira/{cloudId}`): a connection that knows its cloud id goes there directly.

use jiffy_core::config::AuthSettings;
use jiffy_core::ops;
use jiffy_core::secrets::{InMemoryStore, SecretKind};
use jiffy_integration::scenario::{self, ok};
use jiffy_integration::{client_with, connection, sandbox_control, start};
use jiffy_sandbox::Mode;
use serde_json::json;
use std::sync::Arc;

#[tokio::test]
async fn a_scoped_api_token_works_through_the_gateway() {
    let sandbox = start(Mode::Cloud).await;
    let created = sandbox_control(
        &sandbox,
        reqwest::Method::POST,
        "/rest/sandbox/scoped-tokens",
        json!({
            "user": "alice",
            "scopes": ["read:jira-work", "write:jira-work", "read:jira-user"]
        }),
    )
    .await;
    let token = created["token"].as_str().expect("a token").to_owned();
    let cloud_id = sandbox
        .info()
        .oauth2
        .as_ref()
        .expect("cloud")
        .cloud_id
        .clone();
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
