use super::*;
use crate::config::{new_connection_id, AuthSettings, Deployment, NetworkSettings};
use crate::secrets::InMemoryStore;

fn basic(name: &str) -> Connection {
    Connection {
        id: new_connection_id(),
        name: name.into(),
        base_url: "https://jira.corp".into(),
        deployment: Deployment::DataCenter,
        version: Some("9.12.0".into()),
        auth: AuthSettings::Basic {
            username: "bob".into(),
        },
        network: NetworkSettings::default(),
    }
}

/// Every file under `dir`, concatenated.
fn everything_in(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(path).unwrap()));
        }
    }
    text
}

#[test]
fn secrets_go_to_the_store_and_never_to_the_config_dir() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConfigStore::new(dir.path());
    let secrets = InMemoryStore::new();
    let conn = basic("Corp");
    let id = conn.id.clone();
    let values = [
        (SecretKind::Password, Sensitive("hunter2-SECRET".to_owned())),
        (
            SecretKind::PersonalAccessToken,
            Sensitive("pat-SECRET-42".to_owned()),
        ),
    ];
    let config = save_new(&store, &secrets, conn, &values).unwrap();
    assert_eq!(config.default_connection.as_deref(), Some(id.as_str()));
    assert_eq!(secrets.len(), 2);
    let on_disk = everything_in(dir.path());
    assert!(on_disk.contains("Corp") && on_disk.contains(&id));
    assert!(
        !on_disk.contains("SECRET"),
        "a secret reached the config dir: {on_disk}"
    );
    assert!(
        !format!("{values:?}").contains("SECRET"),
        "Debug output hides secrets"
    );
}

#[test]
fn a_name_clash_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConfigStore::new(dir.path());
    let secrets = InMemoryStore::new();
    save_new(&store, &secrets, basic("Corp"), &[]).unwrap();
    let err = save_new(
        &store,
        &secrets,
        basic("corp"),
        &[(SecretKind::Password, "pw".into())],
    );
    assert_eq!(err.unwrap_err().kind(), "InvalidInput");
    assert!(secrets.is_empty());
}

/// A keyring that fails after `ok` successful writes.
struct Flaky {
    inner: InMemoryStore,
    ok: std::sync::atomic::AtomicUsize,
}

impl SecretStore for Flaky {
    fn get(&self, id: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>> {
        self.inner.get(id, kind)
    }
    fn set(&self, id: &str, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        use std::sync::atomic::Ordering;
        if self.ok.load(Ordering::SeqCst) == 0 {
            return Err(Error::KeyringUnavailable("locked".into()));
        }
        self.ok.fetch_sub(1, Ordering::SeqCst);
        self.inner.set(id, kind, value)
    }
    fn delete(&self, id: &str, kind: SecretKind) -> Result<()> {
        self.inner.delete(id, kind)
    }
}

#[test]
fn a_failing_keyring_rolls_back_and_saves_no_profile() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConfigStore::new(dir.path());
    let secrets = Flaky {
        inner: InMemoryStore::new(),
        ok: 1.into(),
    };
    let values = [
        (SecretKind::OAuth1PrivateKey, Sensitive("key".to_owned())),
        (SecretKind::OAuth1AccessToken, Sensitive("tok".to_owned())),
    ];
    let err = save_new(&store, &secrets, basic("Corp"), &values).unwrap_err();
    assert_eq!(err.kind(), "KeyringUnavailable");
    assert!(secrets.inner.is_empty(), "the first secret was rolled back");
    assert!(store.load().unwrap().connections.is_empty());
}

#[test]
fn remove_deletes_profile_and_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConfigStore::new(dir.path());
    let secrets = InMemoryStore::new();
    let keep = basic("Keep");
    save_new(
        &store,
        &secrets,
        keep.clone(),
        &[(SecretKind::Password, "a".into())],
    )
    .unwrap();
    save_new(
        &store,
        &secrets,
        basic("Drop"),
        &[(SecretKind::Password, "b".into())],
    )
    .unwrap();
    let removed = remove(&store, &secrets, "drop").unwrap();
    assert_eq!(removed.name, "Drop");
    assert_eq!(secrets.len(), 1);
    assert!(secrets
        .get(&keep.id, SecretKind::Password)
        .unwrap()
        .is_some());
    assert_eq!(store.load().unwrap().connections.len(), 1);
    assert_eq!(
        remove(&store, &secrets, "drop").unwrap_err().kind(),
        "NotFound"
    );
}
