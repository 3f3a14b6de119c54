//! No secret ever reaches the logs or the config dir: every auth method connects and works
//! with jiffy-core and jiffy-cli logging at TRACE into a buffer, then every secret involved
//! (passwords, API and scoped tokens, PATs, OAuth tokens and secrets, the private key) is
//! looked for in the captured logs and in every file of the config dir.

mod common;
mod secrets_support;

use jiffy_cli::ctx::Opener;
use jiffy_sandbox::Mode;
use secrets_support::{
    approve_oauth2, assert_nowhere, basic, capture_logs, control, logs, stored_secrets, work,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_methods_log_no_secret() {
    capture_logs();
    let env = common::start(Mode::Cloud).await;
    let base = env.sb.base_url().to_owned();
    let files = tempfile::tempdir().expect("dir");
    let file = files.path().join("note.txt");
    std::fs::write(&file, "attached").expect("write");
    let alice = env.user("alice");

    // Classic API token.
    env.connect().await;
    work(&env, "main", "DEV", &file).await;

    // A scoped API token on the site: moved to the gateway.
    let scoped = control(&env, reqwest::Method::POST, "/rest/sandbox/scoped-tokens", serde_json::json!({"user": "alice", "scopes": ["read:jira-work", "write:jira-work", "read:jira-user"]})).await;
    let scoped = scoped["token"].as_str().expect("token").to_owned();
    env.run_with(
        &[
            "connection",
            "add",
            "scoped",
            "--url",
            &base,
            "--auth",
            "api-token",
            "--email",
            &alice.email,
            "--token-stdin",
        ],
        &format!("{scoped}\n"),
        &[],
    )
    .await
    .expect("scoped token connects");
    work(&env, "scoped", "DEV", &file).await;

    // OAuth 2.0 (3LO), then an expired access token refreshed with rotation.
    let app = env.sb.info().oauth2.clone().expect("cloud OAuth app");
    env.run_full(
        &[
            "connection",
            "add",
            "o2",
            "--url",
            &base,
            "--auth",
            "oauth2",
            "--client-id",
            &app.client_id,
            "--port",
            "0",
            "--no-browser",
            "--auth-host",
            &base,
            "--api-host",
            &base,
        ],
        Box::new(std::io::empty()),
        &[("JIFFY_CLIENT_SECRET", &app.client_secret)],
        Some(approve_oauth2("alice@example.com")),
    )
    .await
    .expect("OAuth 2.0 connects");
    let first_tokens = stored_secrets(&env);
    work(&env, "o2", "DEV", &file).await;
    control(
        &env,
        reqwest::Method::PUT,
        "/rest/sandbox/clock",
        serde_json::json!({"advanceSecs": 7200}),
    )
    .await;
    env.ok(&["-c", "o2", "whoami"]).await;

    let logs = logs();
    // The logs are really there: requests, the gateway switch, the refresh.
    assert!(logs.contains("HTTP request"), "{logs}");
    assert!(logs.contains("/rest/api/3/myself"), "{logs}");
    assert!(logs.contains("switching to the API gateway"), "{logs}");
    assert!(logs.contains("refreshing it"), "{logs}");

    let mut secrets = stored_secrets(&env);
    secrets.extend(first_tokens);
    secrets.extend([
        basic(&alice.email, &alice.api_token),
        basic(&alice.email, &scoped),
        alice.api_token.clone(),
        alice.password.clone(),
        scoped,
        app.client_secret.clone(),
    ]);
    assert!(secrets.len() >= 8, "{}", secrets.len());
    assert_nowhere(&env, &secrets);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_center_methods_log_no_secret() {
    capture_logs();
    let env = common::start(Mode::DataCenter).await;
    let base = env.sb.base_url().to_owned();
    let files = tempfile::tempdir().expect("dir");
    let file = files.path().join("note.txt");
    std::fs::write(&file, "attached").expect("write");
    let alice = env.user("alice");

    // Username + password.
    env.connect().await;
    work(&env, "main", "DOCS", &file).await;

    // A PAT created from the password, then the same token pasted.
    env.run_with(
        &[
            "connection",
            "add",
            "made",
            "--url",
            &base,
            "--auth",
            "pat",
            "--create",
            "--user",
            "alice",
            "--password-stdin",
        ],
        "alice-pw\n",
        &[],
    )
    .await
    .expect("PAT created");
    work(&env, "made", "DOCS", &file).await;
    let pat = stored_secrets(&env)
        .into_iter()
        .find(|s| s != &alice.password && s.len() > 20)
        .expect("the created PAT");
    env.run_with(
        &[
            "connection",
            "add",
            "pasted",
            "--url",
            &base,
            "--auth",
            "pat",
        ],
        "",
        &[("JIFFY_TOKEN", &pat)],
    )
    .await
    .expect("pasted PAT connects");
    work(&env, "pasted", "DOCS", &file).await;

    // OAuth 1.0a with a generated key (kept outside the config dir, as a user would).
    let keys = tempfile::tempdir().expect("dir");
    let key = keys.path().join("jira.pem");
    let generated = jiffy_cli::keys::generate(2048, &key).expect("key generated");
    control(&env, reqwest::Method::POST, "/rest/sandbox/oauth1/consumers", serde_json::json!({"consumerKey": "jiffy-cli", "name": "Jiffy", "publicKey": generated.json["publicKeyPem"]})).await;
    let b = base.clone();
    let opener: Opener = Box::new(move |url, _| {
        let (b, url) = (b.clone(), url.clone());
        tokio::spawn(async move {
            let token = url
                .query_pairs()
                .find(|(k, _)| k == "oauth_token")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            let form = [
                ("oauth_token", token.as_str()),
                ("os_username", "alice"),
                ("os_password", "alice-pw"),
                ("approve", "Allow"),
            ];
            let _ = reqwest::Client::new()
                .post(format!("{b}/plugins/servlet/oauth/authorize"))
                .form(&form)
                .send()
                .await;
        });
        Ok(())
    });
    let key_arg = key.display().to_string();
    env.run_full(
        &[
            "connection",
            "add",
            "o1",
            "--url",
            &base,
            "--auth",
            "oauth1",
            "--consumer-key",
            "jiffy-cli",
            "--private-key",
            &key_arg,
            "--no-browser",
        ],
        Box::new(std::io::empty()),
        &[],
        Some(opener),
    )
    .await
    .expect("OAuth 1.0a connects");
    work(&env, "o1", "DOCS", &file).await;

    // Data Center OAuth 2.0 (PKCE).
    env.run_full(
        &[
            "connection",
            "add",
            "dc-o2",
            "--url",
            &base,
            "--auth",
            "oauth2",
            "--client-id",
            "sandbox-dc-client",
            "--port",
            "0",
            "--no-browser",
        ],
        Box::new(std::io::empty()),
        &[("JIFFY_CLIENT_SECRET", "sandbox-dc-secret")],
        Some(approve_oauth2("alice")),
    )
    .await
    .expect("DC OAuth 2.0 connects");
    work(&env, "dc-o2", "DOCS", &file).await;

    let logs = logs();
    assert!(logs.contains("/rest/api/2/myself"), "{logs}");
    assert!(logs.contains("/rest/pat/latest/tokens"), "{logs}");
    assert!(
        logs.contains("/plugins/servlet/oauth/access-token"),
        "{logs}"
    );

    let mut secrets = stored_secrets(&env);
    secrets.extend([
        basic("alice", &alice.password),
        alice.password.clone(),
        pat,
        "sandbox-dc-secret".to_owned(),
    ]);
    secrets.push(std::fs::read_to_string(&key).expect("private key"));
    assert!(secrets.len() >= 8, "{}", secrets.len());
    assert_nowhere(&env, &secrets);
}
