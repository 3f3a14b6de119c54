//! How Jira's refusals reach the caller: typed errors the app can explain, and the failures
//! jiffy-core absorbs by itself (rate limits).

use jiffy_core::api::requests::IssueUpdate;
use jiffy_core::api::users::UserId;
use jiffy_core::ops;
use jiffy_core::Error;
use jiffy_integration::scenario::ok;
use jiffy_integration::{basic_client, password_client, start, start_with};
use jiffy_sandbox::{Config, Mode};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_wrong_password_is_unauthorized_and_the_fourth_try_needs_a_captcha() {
    let sandbox = start(Mode::DataCenter).await;
    let wrong = password_client(&sandbox, "carol", "not-carols-password");
    for attempt in 1..=3 {
        match ops::myself(&wrong).await {
            Err(Error::Unauthorized(_)) => {}
            other => panic!("attempt {attempt}: expected Unauthorized, got {other:?}"),
        }
    }
    // Now even the right password is refused until the user logs in once in a browser.
    let right = basic_client(&sandbox, "carol");
    let login_url = match ops::myself(&right).await {
        Err(Error::CaptchaRequired { login_url }) => login_url,
        other => panic!("expected CaptchaRequired, got {other:?}"),
    };
    assert!(login_url.ends_with("/login.jsp"), "{login_url}");
    assert!(login_url.starts_with(sandbox.base_url()), "{login_url}");

    // The user solves it on the login page; the saved password works again.
    let solved = reqwest::Client::new()
        .post(&login_url)
        .form(&[
            ("os_username", "carol"),
            ("os_password", "carol-pw"),
            ("os_captcha", "jiffy"),
        ])
        .send()
        .await
        .map(|r| r.status().as_u16());
    assert_eq!(solved.ok(), Some(200));
    let me = ok("myself after the CAPTCHA", ops::myself(&right).await);
    assert_eq!(me.name.as_deref(), Some("carol"));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_wrong_cloud_api_token_is_unauthorized() {
    let sandbox = start(Mode::Cloud).await;
    let store = std::sync::Arc::new(jiffy_core::secrets::InMemoryStore::new());
    let client = jiffy_integration::client_with(
        &sandbox,
        jiffy_integration::connection(
            &sandbox,
            "cloud-wrong",
            jiffy_core::config::AuthSettings::ApiToken {
                email: "alice@example.com".into(),
                cloud_id: None,
                use_gateway: false,
            },
        ),
        store,
        &[(jiffy_core::secrets::SecretKind::ApiToken, "ATATT-wrong")],
    );
    match ops::myself(&client).await {
        Err(Error::Unauthorized(_)) => {}
        other => panic!("expected Unauthorized, got {other:?}"),
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn rate_limited_reads_are_retried_after_retry_after() {
    let sandbox = start_with(Config {
        mode: Mode::DataCenter,
        rate_limit_per_sec: Some(2),
        ..Config::default()
    })
    .await;
    let client = basic_client(&sandbox, "alice");
    let started = Instant::now();
    for n in 0..6 {
        ok(&format!("read {n}"), ops::project(&client, "DEV").await);
    }
    // Six reads at two a second cannot all pass at once: the sandbox answered 429 and the
    // client waited as told instead of failing.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_create_refused_by_the_rate_limit_is_reported_not_repeated() {
    let sandbox = start_with(Config {
        mode: Mode::Cloud,
        rate_limit_per_sec: Some(1),
        ..Config::default()
    })
    .await;
    let client = basic_client(&sandbox, "alice");
    let body = IssueUpdate::create("DOCS", "Task", "Only once");
    let mut created = 0;
    let mut limited = 0;
    for _ in 0..3 {
        match ops::issue_create(&client, &body).await {
            Ok(_) => created += 1,
            Err(Error::RateLimited { retry_after_secs }) => {
                assert!(retry_after_secs >= 1);
                limited += 1;
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert!(limited >= 1, "three creates in a burst at 1/s");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let found = ok(
        "search",
        ops::search_all(&client, "summary ~ \"Only once\"", &[], None).await,
    );
    assert_eq!(found.len(), created, "no create may be sent twice");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn users_without_rights_get_not_found_or_forbidden() {
    for mode in [Mode::DataCenter, Mode::Cloud] {
        let sandbox = start(mode).await;
        // dave is in no project: sees nothing, and issues answer 404 as Jira does.
        let dave = basic_client(&sandbox, "dave");
        assert_eq!(ok("projects", ops::projects(&dave).await).len(), 0);
        assert!(matches!(
            ops::issue_get(&dave, "DEV-1", "").await,
            Err(Error::NotFound(_))
        ));
        assert!(matches!(
            ops::project(&dave, "DEV").await,
            Err(Error::NotFound(_))
        ));
        // As Jira does, JQL naming a project the user cannot see is refused as invalid.
        match ops::search_all(&dave, "project = DEV", &[], None).await {
            Err(Error::Validation { message, .. }) => assert!(message.contains("DEV"), "{message}"),
            other => panic!("expected a validation error, got {other:?}"),
        }
        assert_eq!(
            ok(
                "search",
                ops::search_all(&dave, "issuetype = Task", &[], Some(5)).await
            )
            .len(),
            0
        );

        // carol may browse and comment in DOCS but not edit, assign or delete.
        let carol = basic_client(&sandbox, "carol");
        ok("browse", ops::issue_get(&carol, "DOCS-1", "").await);
        let mut edit = IssueUpdate::default();
        edit.set("summary", json!("carol was here"));
        assert!(
            matches!(
                ops::issue_edit(&carol, "DOCS-1", &edit).await,
                Err(Error::Forbidden(_))
            ),
            "{mode:?}"
        );
        assert!(matches!(
            ops::assign(&carol, "DOCS-1", None::<&UserId>).await,
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            ops::issue_delete(&carol, "DOCS-1", false).await,
            Err(Error::Forbidden(_))
        ));
        let perms = ok("perms", ops::my_permissions(&carol, Some("DOCS")).await);
        assert!(perms.has("BROWSE_PROJECTS"));
        assert!(!perms.has("EDIT_ISSUES"), "{perms:?}");
        sandbox.shutdown().await;
    }
}
