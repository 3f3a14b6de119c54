//! The built `jiffy-cli` binary: exit codes (0 ok, 1 error, 2 usage), one JSON document on
//! stdout with `--json`, errors as JSON on stderr. Only commands that never reach the OS
//! keyring run here (the keyring-backed ones are driven as library calls in the other tests).

use serde_json::Value;
use std::process::{Command, Output};

fn jiffy(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiffy-cli"))
        .arg("--config-dir")
        .arg(dir)
        .args(args)
        .env_remove("JIFFY_TOKEN")
        .env_remove("JIFFY_PASSWORD")
        .env_remove("RUST_LOG")
        .output()
        .expect("jiffy-cli runs")
}

fn stderr_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stderr).expect("stderr is one JSON document")
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    let out = jiffy(dir.path(), &["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
    let out = jiffy(dir.path(), &["search"]);
    assert_eq!(out.status.code(), Some(2), "missing JQL is a usage error");
    let out = jiffy(dir.path(), &["--json", "search"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_json(&out);
    assert_eq!(err["error"]["kind"], "Usage");
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("<JQL>")));
    let out = jiffy(dir.path(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: jiffy-cli"));
}

#[test]
fn errors_exit_1_with_a_json_error_on_stderr() {
    let dir = tempfile::tempdir().expect("dir");
    let out = jiffy(dir.path(), &["--json", "whoami"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr_json(&out);
    assert_eq!(err["error"]["kind"], "InvalidInput");
    assert!(err["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("connection add")));

    let out = jiffy(dir.path(), &["--json", "connection", "show", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr_json(&out)["error"]["kind"], "NotFound");

    // Without --json the error is a sentence.
    let out = jiffy(dir.path(), &["connection", "show", "nope"]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.starts_with("error: Not found"), "{text}");
}

#[test]
fn json_output_is_one_document() {
    let dir = tempfile::tempdir().expect("dir");
    let out = jiffy(dir.path(), &["--json", "connection", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["connections"], serde_json::json!([]));
    let out = jiffy(dir.path(), &["connection", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("No connections yet"));
}

#[test]
fn keys_generate_writes_a_private_key_only_the_owner_can_read() {
    let dir = tempfile::tempdir().expect("dir");
    let key = dir.path().join("jira.pem");
    let key_arg = key.display().to_string();
    let out = jiffy(
        dir.path(),
        &["--json", "keys", "generate", "--out", &key_arg],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(doc["publicKeyPem"]
        .as_str()
        .is_some_and(|p| p.starts_with("-----BEGIN PUBLIC KEY-----")));
    assert!(doc["consumerKey"]
        .as_str()
        .is_some_and(|k| k.starts_with("jiffy-")));
    let pem = std::fs::read_to_string(&key).expect("key file");
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("PRIVATE KEY"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never overwrites an existing key.
    let again = jiffy(dir.path(), &["keys", "generate", "--out", &key_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&key).expect("key file"), pem);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbose_logs_requests_on_stderr_and_keeps_stdout_clean() {
    let sandbox = jiffy_sandbox::Sandbox::start(jiffy_sandbox::Config {
        mode: jiffy_sandbox::Mode::DataCenter,
        ..jiffy_sandbox::Config::default()
    })
    .await
    .expect("sandbox starts");
    let url = sandbox.base_url().to_owned();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().to_path_buf();
    let (quiet, verbose) = tokio::task::spawn_blocking(move || {
        (
            jiffy(&path, &["--json", "connection", "probe", &url]),
            jiffy(&path, &["-vv", "--json", "connection", "probe", &url]),
        )
    })
    .await
    .expect("runs");
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "no logs without -v");
    assert_eq!(verbose.status.code(), Some(0));
    let probed: Value = serde_json::from_slice(&verbose.stdout).expect("stdout is JSON only");
    assert!(probed["version"].is_string(), "{probed}");
    let logs = String::from_utf8_lossy(&verbose.stderr);
    assert!(logs.contains("HTTP request"), "{logs}");
    assert!(logs.contains("path=/rest/api/2/serverInfo"), "{logs}");
    assert!(logs.contains("status=200"), "{logs}");
    sandbox.shutdown().await;
}
