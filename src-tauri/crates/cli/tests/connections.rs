//! `connection …` against a real sandbox: probe, add (API token, password, PAT), list, show,
//! test, default, remove; secrets only in the secret store, never in the config file.

mod common;

use jiffy_core::secrets::{SecretKind, SecretStore};
use jiffy_core::Error;
use jiffy_sandbox::Mode;

#[tokio::test]
async fn probe_tells_cloud_from_data_center() {
    let cloud = common::start(Mode::Cloud).await;
    let out = cloud
        .ok(&["connection", "probe", cloud.sb.base_url()])
        .await;
    assert_eq!(out.json["deployment"], "cloud");
    assert_eq!(out.json["baseUrl"], cloud.sb.base_url());
    assert_eq!(out.json["methods"][0], "apiToken");
    assert!(out.text.contains("api-token"), "{}", out.text);

    let dc = common::start(Mode::DataCenter).await;
    let pasted = format!("{}/browse/ABC-1", dc.sb.base_url());
    let out = dc.ok(&["connection", "probe", &pasted]).await;
    // Jira 9 Data Center still says `"deploymentType": "Server"` in serverInfo.
    assert_eq!(out.json["deployment"], "server");
    assert_eq!(out.json["baseUrl"], dc.sb.base_url());
    let methods = out.json["methods"].as_array().expect("methods");
    assert!(methods.iter().any(|m| m == "pat"), "{methods:?}");
    assert!(!methods.iter().any(|m| m == "apiToken"), "{methods:?}");
}

#[tokio::test]
async fn probe_explains_a_site_that_is_not_jira() {
    // A listener that answers every request with a plain page: not a Jira.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let body = "<html>hello</html>";
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(reply.as_bytes()).await;
        }
    });
    let env = common::start(Mode::DataCenter).await;
    let err = env
        .run(&["connection", "probe", &format!("http://{addr}")])
        .await
        .expect_err("not a Jira");
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains("not a Jira site"), "{err}");
}

#[tokio::test]
async fn cloud_api_token_connects_and_keeps_the_token_out_of_the_config() {
    let env = common::start(Mode::Cloud).await;
    let u = env.first_user();
    let out = env.connect().await;
    assert_eq!(out.json["default"], true);
    assert_eq!(out.json["connection"]["auth"]["method"], "apiToken");
    assert_eq!(out.json["user"]["accountId"], u.account_id.as_str());
    assert!(!out.text.contains(&u.api_token));

    let file = std::fs::read_to_string(env.dir.path().join("connections.json")).expect("config");
    assert!(!file.contains(&u.api_token), "token written to disk");
    let id = out.json["connection"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let stored = env.store.get(&id, SecretKind::ApiToken).expect("store");
    assert_eq!(stored.map(|s| s.0), Some(u.api_token.clone()));

    let who = env.ok(&["whoami"]).await;
    assert_eq!(who.json["accountId"], u.account_id.as_str());
    let url = env.sb.base_url().to_owned();
    let err = env
        .run_with(
            &[
                "connection",
                "add",
                "MAIN",
                "--url",
                &url,
                "--auth",
                "api-token",
                "--email",
                &u.email,
            ],
            "",
            &[("JIFFY_TOKEN", &u.api_token)],
        )
        .await
        .expect_err("name taken");
    assert!(err.to_string().contains("already a connection"), "{err}");
    let test = env.ok(&["connection", "test"]).await;
    assert_eq!(test.json["ok"], true);
}

#[tokio::test]
async fn cloud_refuses_passwords_and_a_wrong_token() {
    let env = common::start(Mode::Cloud).await;
    let u = env.first_user();
    let url = env.sb.base_url().to_owned();
    let err = env
        .run_with(
            &[
                "connection",
                "add",
                "x",
                "--url",
                &url,
                "--auth",
                "basic",
                "--user",
                &u.username,
            ],
            "",
            &[("JIFFY_PASSWORD", &u.password)],
        )
        .await
        .expect_err("passwords refused on Cloud");
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains("API token"), "{err}");

    let err = env
        .run_with(
            &[
                "connection",
                "add",
                "x",
                "--url",
                &url,
                "--auth",
                "api-token",
                "--email",
                &u.email,
            ],
            "",
            &[("JIFFY_TOKEN", "wrong-token")],
        )
        .await
        .expect_err("wrong token");
    assert!(matches!(err, Error::Unauthorized(_)), "{err:?}");
    // Nothing saved after a failed validation.
    assert_eq!(
        env.ok(&["connection", "list"]).await.json["connections"],
        serde_json::json!([])
    );
    assert!(env.store.is_empty());
}

#[tokio::test]
async fn secrets_must_be_given_on_stdin_or_in_the_environment() {
    let env = common::start(Mode::Cloud).await;
    let url = env.sb.base_url().to_owned();
    let err = env
        .run(&[
            "connection",
            "add",
            "x",
            "--url",
            &url,
            "--auth",
            "api-token",
            "--email",
            "a@b",
        ])
        .await
        .expect_err("no token");
    assert!(err.to_string().contains("JIFFY_TOKEN"), "{err}");
}

#[tokio::test]
async fn data_center_password_and_pat_connections_are_managed() {
    let env = common::start(Mode::DataCenter).await;
    let u = env.first_user();
    let url = env.sb.base_url().to_owned();
    env.connect().await;

    // A PAT created from the password: the password itself is not stored.
    let out = env
        .run_with(
            &[
                "connection",
                "add",
                "tok",
                "--url",
                &url,
                "--auth",
                "pat",
                "--create",
            ],
            &format!("{}\n", u.password),
            &[],
        )
        .await
        .expect_err("--create needs --user");
    assert!(out.to_string().contains("--user"), "{out}");
    let out = env
        .run_with(
            &[
                "connection",
                "add",
                "tok",
                "--url",
                &url,
                "--auth",
                "pat",
                "--create",
            ]
            .iter()
            .copied()
            .chain(["--user", u.username.as_str(), "--password-stdin"])
            .collect::<Vec<_>>(),
            &format!("{}\n", u.password),
            &[],
        )
        .await
        .expect("PAT created");
    assert_eq!(out.json["default"], false);
    let tok_id = out.json["connection"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert!(env
        .store
        .get(&tok_id, SecretKind::Password)
        .expect("store")
        .is_none());
    assert!(env
        .store
        .get(&tok_id, SecretKind::PersonalAccessToken)
        .expect("store")
        .is_some());

    let pat = env
        .store
        .get(&tok_id, SecretKind::PersonalAccessToken)
        .expect("store")
        .expect("created PAT");
    // The same token pasted in directly (`--auth pat`, token from JIFFY_TOKEN).
    let pasted = env
        .run_with(
            &[
                "connection",
                "add",
                "pasted",
                "--url",
                &url,
                "--auth",
                "pat",
            ],
            "",
            &[("JIFFY_TOKEN", pat.expose())],
        )
        .await
        .expect("pasted PAT connects");
    assert_eq!(pasted.json["user"]["name"], u.username.as_str());
    env.ok(&["connection", "remove", "pasted"]).await;
    let who = env.ok(&["-c", "tok", "whoami"]).await;
    assert_eq!(who.json["name"], u.username.as_str());

    let list = env.ok(&["connection", "list"]).await;
    assert_eq!(list.json["connections"].as_array().map(Vec::len), Some(2));
    assert!(
        list.text.contains("tok") && list.text.contains("pat"),
        "{}",
        list.text
    );

    env.ok(&["connection", "default", "tok"]).await;
    let show = env.ok(&["connection", "show", "tok"]).await;
    assert_eq!(show.json["auth"]["method"], "pat");
    assert_eq!(
        env.ok(&["connection", "list"]).await.json["defaultConnection"],
        tok_id.as_str()
    );

    env.ok(&["connection", "remove", "tok"]).await;
    assert!(env
        .store
        .get(&tok_id, SecretKind::PersonalAccessToken)
        .expect("store")
        .is_none());
    let err = env
        .run(&["connection", "show", "tok"])
        .await
        .expect_err("gone");
    assert_eq!(err.kind(), "NotFound");
    // "main" became the default again.
    assert_eq!(env.ok(&["whoami"]).await.json["name"], u.username.as_str());
}

#[tokio::test]
async fn network_settings_are_used_and_checked() {
    let env = common::start(Mode::DataCenter).await;
    let url = env.sb.base_url().to_owned();
    let missing = env.dir.path().join("no-such-ca.pem").display().to_string();
    let err = env
        .run(&["connection", "probe", &url, "--ca-cert", &missing])
        .await
        .expect_err("unreadable CA file");
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains("no-such-ca.pem"), "{err}");
}

#[tokio::test]
async fn a_captcha_is_explained_with_where_to_log_in() {
    let env = common::start(Mode::DataCenter).await;
    let url = env.sb.base_url().to_owned();
    let mut last = None;
    for _ in 0..5 {
        let err = env
            .run_with(
                &[
                    "connection",
                    "add",
                    "x",
                    "--url",
                    &url,
                    "--auth",
                    "basic",
                    "--user",
                    "bob",
                ],
                "",
                &[("JIFFY_PASSWORD", "wrong")],
            )
            .await
            .expect_err("wrong password");
        last = Some(err);
    }
    let err = last.expect("an error");
    assert_eq!(err.kind(), "CaptchaRequired", "{err}");
    let shown = jiffy_cli::output::error_json(&err);
    assert!(
        shown["error"]["loginUrl"]
            .as_str()
            .is_some_and(|u| u.starts_with(&url)),
        "{shown}"
    );
}
