//! Data Center personal access tokens, end to end: created with the user's password
//! through jiffy-core's `pat::create_token`, used for every operation, then revoked.

use jiffy_core::api::users::UserId;
use jiffy_core::auth::pat;
use jiffy_core::config::AuthSettings;
use jiffy_core::ops;
use jiffy_core::secrets::{InMemoryStore, SecretKind, Sensitive};
use jiffy_core::Error;
use jiffy_integration::scenario::{self, ok};
use jiffy_integration::{client_with, connection, start};
use jiffy_sandbox::Mode;
use std::sync::Arc;

#[tokio::test]
async fn data_center_personal_access_token_created_used_and_revoked() {
    let sandbox = start(Mode::DataCenter).await;
    let http = reqwest::Client::new();
    let password = Sensitive("alice-pw".to_owned());
    let created = ok(
        "create_token",
        pat::create_token(
            &http,
            sandbox.base_url(),
            "alice",
            &password,
            "jiffy-e2e",
            90,
        )
        .await,
    );
    let wrong = Sensitive("nope".to_owned());
    assert!(matches!(
        pat::create_token(&http, sandbox.base_url(), "alice", &wrong, "x", 90).await,
        Err(Error::Unauthorized(_))
    ));

    let auth = AuthSettings::Pat {
        username: Some("alice".into()),
    };
    let client = client_with(
        &sandbox,
        connection(&sandbox, "dc-pat", auth),
        Arc::new(InMemoryStore::new()),
        &[(SecretKind::PersonalAccessToken, created.token.expose())],
    );
    assert_eq!(
        ok("myself", ops::myself(&client).await).name.as_deref(),
        Some("alice")
    );
    scenario::read_operations(&client).await;
    scenario::write_operations(&client, &UserId::Name("bob".into())).await;

    // Revoked in Jira (by the user, elsewhere): the stored token stops working.
    let id = created.id.expect("Jira reports the token's id");
    let revoked = http
        .delete(format!(
            "{}/rest/pat/latest/tokens/{id}",
            sandbox.base_url()
        ))
        .basic_auth("alice", Some("alice-pw"))
        .send()
        .await
        .map(|r| r.status().as_u16());
    assert!(matches!(revoked, Ok(200..=299)), "{revoked:?}");
    match ops::myself(&client).await {
        Err(Error::Unauthorized(_) | Error::TokenExpired(_)) => {}
        other => panic!("a revoked token must be refused, got {other:?}"),
    }
    sandbox.shutdown().await;
}
