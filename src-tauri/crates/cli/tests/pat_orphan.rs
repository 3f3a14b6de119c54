//! `connection add --auth pat --create`: when the token was created in Jira but the
//! connection then cannot be saved (here: the keyring refuses it), the token is revoked so
//! no unused token is left behind.

use clap::Parser;
use jiffy_cli::args::Cli;
use jiffy_cli::{run, Ctx, SecretInput};
use jiffy_core::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use jiffy_core::{Error, Result};
use jiffy_sandbox::{Config, Mode, Sandbox};
use std::collections::HashMap;
use std::sync::Arc;

/// A keyring that is unavailable for writes, as a locked Secret Service would be.
struct LockedKeyring(InMemoryStore);

impl SecretStore for LockedKeyring {
    fn get(&self, id: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>> {
        self.0.get(id, kind)
    }

    fn set(&self, _: &str, _: SecretKind, _: &Sensitive<String>) -> Result<()> {
        Err(Error::KeyringUnavailable("the keyring is locked".into()))
    }

    fn delete(&self, id: &str, kind: SecretKind) -> Result<()> {
        self.0.delete(id, kind)
    }
}

/// alice's tokens, as Jira lists them.
async fn tokens(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    reqwest::Client::new()
        .get(format!("{}/rest/pat/latest/tokens", sandbox.base_url()))
        .basic_auth("alice", Some("alice-pw"))
        .send()
        .await
        .expect("list tokens")
        .json()
        .await
        .expect("JSON")
}

async fn add_pat(
    sandbox: &Sandbox,
    store: Arc<dyn SecretStore>,
    dir: &std::path::Path,
) -> Result<jiffy_cli::Output> {
    let dir_arg = dir.display().to_string();
    let argv = [
        "jiffy-cli",
        "--config-dir",
        &dir_arg,
        "connection",
        "add",
        "made",
        "--url",
        sandbox.base_url(),
        "--auth",
        "pat",
        "--create",
        "--user",
        "alice",
        "--password-stdin",
    ];
    let cli = Cli::try_parse_from(argv).expect("arguments parse");
    let input = SecretInput::new(Box::new(std::io::Cursor::new("alice-pw\n")), HashMap::new());
    let ctx = Ctx::new(dir.to_path_buf(), store, input);
    run(&cli, &ctx).await
}

#[tokio::test]
async fn a_created_token_is_revoked_when_the_connection_cannot_be_saved() {
    let sandbox = Sandbox::start(Config {
        mode: Mode::DataCenter,
        ..Config::default()
    })
    .await
    .expect("sandbox starts");
    let before = tokens(&sandbox).await.len();
    let dir = tempfile::tempdir().expect("dir");

    let err = add_pat(
        &sandbox,
        Arc::new(LockedKeyring(InMemoryStore::new())),
        dir.path(),
    )
    .await
    .expect_err("the keyring refuses the token");
    assert_eq!(err.kind(), "KeyringUnavailable");
    assert_eq!(
        tokens(&sandbox).await.len(),
        before,
        "the created token was revoked"
    );
    let config = jiffy_core::config::ConfigStore::new(dir.path())
        .load()
        .expect("config");
    assert!(config.connections.is_empty());

    // With a working keyring the same command keeps its token.
    let out = add_pat(&sandbox, Arc::new(InMemoryStore::new()), dir.path())
        .await
        .expect("saved");
    assert_eq!(out.json["user"]["name"], "alice");
    assert_eq!(tokens(&sandbox).await.len(), before + 1);
    sandbox.shutdown().await;
}
