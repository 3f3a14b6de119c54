use super::*;

#[test]
fn suggested_names_are_short() {
    assert_eq!(suggested_name(None, "https://acme.atlassian.net"), "acme");
    assert_eq!(
        suggested_name(Some("Jira"), "https://jira.corp/jira"),
        "jira.corp"
    );
    assert_eq!(
        suggested_name(Some(" ACME Jira "), "https://jira.corp"),
        "ACME Jira"
    );
    assert_eq!(suggested_name(None, "not a url"), "not a url");
}

#[test]
fn sign_in_secrets_never_reach_debug_output() {
    let s = SignIn::Basic {
        username: "alice".into(),
        password: "hunter2-secret".into(),
    };
    let printed = format!("{s:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(!printed.contains("alice"), "{printed}");
}

#[tokio::test]
async fn empty_fields_are_refused_before_any_request() {
    let engine = WizardEngine::new(ClientConfig::new("0.0.0-test"));
    let site = Site {
        // Nothing listens on port 9: a request would fail with a network error, not this.
        base_url: "http://127.0.0.1:9".into(),
        deployment: Deployment::DataCenter,
        version: Some("9.12.0".into()),
        network: NetworkSettings::default(),
        title: None,
    };
    let err = engine
        .sign_in(
            &site,
            SignIn::Basic {
                username: " ".into(),
                password: "x".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(ref m) if m.contains("username")),
        "{err}"
    );
    let err = engine
        .sign_in(
            &site,
            SignIn::ApiToken {
                email: "a@b.c".into(),
                token: "t".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput(_)),
        "API token on DC: {err}"
    );
}

#[test]
fn unknown_drafts_and_flows_say_so() {
    let engine = WizardEngine::new(ClientConfig::new("0.0.0-test"));
    assert!(matches!(engine.draft_user("nope"), Err(Error::NotFound(_))));
    assert!(matches!(
        engine.oauth1_verifier("nope", "code"),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        engine.oauth2_deep_link("jiffy://oauth/callback?code=c&state=s"),
        Err(Error::Unauthorized(_))
    ));
    engine.oauth_cancel("nope");
}

#[test]
fn an_imported_key_gives_its_public_half_and_a_stable_consumer_key() {
    let engine = WizardEngine::new(ClientConfig::new("0.0.0-test"));
    let key = crate::auth::oauth1::OAuth1PrivateKey::generate(2048).expect("key");
    let pem = key.to_pkcs8_pem().expect("pem");
    let a = engine.oauth1_import_key(pem.expose()).expect("import");
    let b = engine
        .oauth1_import_key(pem.expose())
        .expect("import again");
    assert!(a.public_key_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
    assert_eq!(a.consumer_key, b.consumer_key);
    assert_ne!(a.key_id, b.key_id);
    assert!(matches!(
        engine.oauth1_import_key("-----BEGIN NOTHING-----"),
        Err(Error::InvalidInput(_))
    ));
}
