use super::*;

#[test]
fn sensitive_never_prints_its_value() {
    let secret = Sensitive::new("hunter2".to_owned());
    assert_eq!(format!("{secret:?}"), "<redacted>");
    assert_eq!(format!("{secret}"), "<redacted>");
    #[derive(Debug)]
    #[allow(dead_code)] // only Debug reads the field, which is the point of the test
    struct Creds {
        token: Sensitive<String>,
    }
    let creds = Creds {
        token: "abc123".into(),
    };
    assert!(!format!("{creds:?}").contains("abc123"));
    assert_eq!(secret.expose(), "hunter2");
}

#[test]
fn sensitive_is_transparent_to_serde() {
    let secret = Sensitive::new("tok".to_owned());
    assert_eq!(serde_json::to_string(&secret).unwrap(), "\"tok\"");
    let back: Sensitive<String> = serde_json::from_str("\"tok\"").unwrap();
    assert_eq!(back, secret);
}

#[test]
fn keyring_user_is_connection_id_and_kind() {
    assert_eq!(keyring_user("c-42", SecretKind::ApiToken), "c-42:api-token");
    assert_eq!(
        keyring_user("c-42", SecretKind::OAuth2RefreshToken),
        "c-42:oauth2-refresh-token"
    );
    let names: std::collections::BTreeSet<_> = SecretKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names.len(),
        SecretKind::ALL.len(),
        "kind names must be distinct"
    );
}

#[test]
fn in_memory_store_round_trips_and_deletes() {
    let store = InMemoryStore::new();
    assert_eq!(store.get("a", SecretKind::Password).unwrap(), None);
    store.set("a", SecretKind::Password, &"pw".into()).unwrap();
    store.set("a", SecretKind::ApiToken, &"tok".into()).unwrap();
    store
        .set("b", SecretKind::Password, &"other".into())
        .unwrap();
    assert_eq!(
        store.get("a", SecretKind::Password).unwrap(),
        Some(Sensitive("pw".to_owned()))
    );
    store.set("a", SecretKind::Password, &"pw2".into()).unwrap();
    assert_eq!(
        store
            .get("a", SecretKind::Password)
            .unwrap()
            .map(Sensitive::into_inner),
        Some("pw2".to_owned())
    );
    store.delete("a", SecretKind::Password).unwrap();
    assert_eq!(store.get("a", SecretKind::Password).unwrap(), None);
    // Deleting what is not there is fine.
    store.delete("a", SecretKind::Password).unwrap();
    store.delete_all("a").unwrap();
    assert_eq!(store.len(), 1, "only connection b's secret remains");
    assert!(store.get("b", SecretKind::Password).unwrap().is_some());
}

#[test]
fn platform_failures_become_keyring_unavailable_with_a_sentence() {
    let cases: Vec<keyring::Error> = vec![
        keyring::Error::PlatformFailure("no result found".into()),
        keyring::Error::PlatformFailure(
            "D-Bus error: Unable to autolaunch a dbus-daemon without a $DISPLAY for X11".into(),
        ),
        keyring::Error::NoStorageAccess("locked collection".into()),
    ];
    for err in cases {
        let detail = err.to_string();
        let mapped = map_keyring_error(err, SecretKind::ApiToken);
        assert_eq!(mapped.kind(), "KeyringUnavailable", "{detail}");
        let text = mapped.to_string();
        assert!(text.contains("Secret Service"), "{text}");
        assert!(text.contains("api-token"), "{text}");
    }
}

#[test]
fn other_keyring_errors_do_not_pretend_the_keyring_is_missing() {
    let bad = map_keyring_error(
        keyring::Error::BadEncoding(b"s3cret\xff".to_vec()),
        SecretKind::Password,
    );
    assert_eq!(bad.kind(), "Internal");
    assert!(
        !bad.to_string().contains("s3cret"),
        "stored bytes must not leak"
    );
    let long = map_keyring_error(
        keyring::Error::TooLong("user".into(), 255),
        SecretKind::Password,
    );
    assert_eq!(long.kind(), "InvalidInput");
}

/// Against the real OS keyring: either it works (set, read back through a *new* entry, delete),
/// or it fails as `KeyringUnavailable`. A silent in-memory fallback (keyring built without a
/// backend) would lose the value between entries and fail this test.
#[test]
fn keyring_store_round_trips_or_reports_unavailable() {
    let store = KeyringStore::with_service("dev.jiffy.desktop.unit-test");
    let id = format!("test-{}", std::process::id());
    match store.set(&id, SecretKind::PersonalAccessToken, &"pat-value".into()) {
        Ok(()) => {
            let read = store.get(&id, SecretKind::PersonalAccessToken).unwrap();
            assert_eq!(
                read.map(Sensitive::into_inner),
                Some("pat-value".to_owned())
            );
            store.delete(&id, SecretKind::PersonalAccessToken).unwrap();
            assert_eq!(
                store.get(&id, SecretKind::PersonalAccessToken).unwrap(),
                None
            );
        }
        Err(e) => assert_eq!(e.kind(), "KeyringUnavailable", "{e}"),
    }
}
