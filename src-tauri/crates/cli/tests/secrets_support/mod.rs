//! Helpers of `no_secrets.rs`: the captured logs, the config dir's files, where secrets could
//! hide, and the commands run on every connection.

use crate::common;
use jiffy_cli::ctx::Opener;
use jiffy_core::secrets::{SecretKind, SecretStore};
use std::path::Path;
use std::sync::{Mutex, Once};

static LOGS: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Appends what the subscriber writes to [`LOGS`].
struct Sink;

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOGS.lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the capturing subscriber once for this test binary (both tests share it).
pub fn capture_logs() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "jiffy_core=trace,jiffy_cli=trace",
            ))
            .with_writer(|| Sink)
            .with_ansi(false)
            .try_init()
            .expect("the only subscriber");
    });
}

pub fn logs() -> String {
    String::from_utf8_lossy(&LOGS.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
}

/// Every file under `dir`, as text.
pub fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            let bytes = std::fs::read(&path).expect("read file");
            out.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    out
}

/// Every secret value the store holds for any saved connection.
pub fn stored_secrets(env: &common::Env) -> Vec<String> {
    let config = jiffy_core::config::ConfigStore::new(env.dir.path())
        .load()
        .expect("config");
    let mut values = Vec::new();
    for connection in &config.connections {
        for kind in SecretKind::ALL {
            if let Some(v) = env.store.get(&connection.id, kind).expect("store") {
                values.push(v.into_inner());
            }
        }
    }
    values
}

/// What a Basic `Authorization` header carries for `login:secret`, which a leaked header
/// would show instead of the secret itself.
pub fn basic(login: &str, secret: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{login}:{secret}"))
}

/// Asserts that no secret (nor, for PEM, any line of its body) shows in the logs or the
/// config dir.
pub fn assert_nowhere(env: &common::Env, secrets: &[String]) {
    let logs = logs();
    let files = files_under(env.dir.path());
    assert!(!files.is_empty(), "the config dir holds connections.json");
    let mut needles = Vec::new();
    for secret in secrets {
        if secret.contains("-----BEGIN") {
            needles.extend(
                secret
                    .lines()
                    .filter(|l| !l.starts_with("-----") && l.len() >= 16)
                    .map(str::to_owned),
            );
        } else {
            assert!(secret.len() >= 6, "too short to search for: {secret:?}");
            needles.push(secret.clone());
        }
    }
    for needle in &needles {
        assert!(!logs.contains(needle.as_str()), "a secret is in the logs");
        for (name, text) in &files {
            assert!(!text.contains(needle.as_str()), "a secret is in {name}");
        }
    }
}

/// Approves an OAuth 2.0 consent page as `username` (password alice-pw).
pub fn approve_oauth2(username: &'static str) -> Opener {
    Box::new(move |url, _| {
        let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        form.push(("os_username".into(), username.into()));
        form.push(("os_password".into(), "alice-pw".into()));
        form.push(("decision".into(), "accept".into()));
        let mut page = url.clone();
        page.set_query(None);
        tokio::spawn(async move {
            let _ = reqwest::Client::new().post(page).form(&form).send().await;
        });
        Ok(())
    })
}

pub async fn control(
    env: &common::Env,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", env.sb.base_url()))
        .json(&body)
        .send()
        .await
        .expect("sandbox control");
    assert!(response.status().is_success(), "{path}");
    response.json().await.unwrap_or(serde_json::Value::Null)
}

/// whoami, a search, an issue with a comment and an attachment round trip, a raw call.
pub async fn work(env: &common::Env, connection: &str, project: &str, file: &Path) {
    let c = ["-c", connection];
    let jql = format!("project = {project} order by key");
    let run = |rest: Vec<&str>| {
        let mut args = c.to_vec();
        args.extend(rest);
        args.into_iter().map(str::to_owned).collect::<Vec<String>>()
    };
    for args in [
        run(vec!["whoami"]),
        run(vec!["search", &jql, "--limit", "3"]),
        run(vec!["issue", "get", &format!("{project}-1")]),
        run(vec!["comment", "add", &format!("{project}-1"), "logged"]),
        run(vec![
            "attachment",
            "upload",
            &format!("{project}-1"),
            &file.display().to_string(),
        ]),
        run(vec!["api", "GET", "/rest/api/2/serverInfo"]),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.ok(&args).await;
        if args.contains(&"upload") {
            let id = out.json[0]["id"]
                .as_str()
                .expect("attachment id")
                .to_owned();
            let dest = file.with_extension("down");
            env.ok(&[
                "-c",
                connection,
                "attachment",
                "download",
                &id,
                "--out",
                &dest.display().to_string(),
            ])
            .await;
        }
    }
}
