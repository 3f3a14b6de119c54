//! OAuth sign-in against the sandbox: OAuth 1.0a (loopback and out-of-band) on Data Center and
//! OAuth 2.0 3LO on Cloud. The "browser" is a task that approves the sandbox's consent page as
//! alice, so the loopback listener really receives the callback.

mod common;

use jiffy_cli::ctx::Opener;
use jiffy_core::secrets::{SecretKind, SecretStore};
use jiffy_sandbox::Mode;
use std::collections::HashMap;
use std::io::Read;
use std::sync::mpsc;

fn query(url: &url::Url) -> HashMap<String, String> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Generates a key with `keys generate` and registers its public key as consumer "jiffy-cli".
async fn register_consumer(env: &common::Env) -> String {
    let key = env.dir.path().join("jira.pem");
    let out = jiffy_cli::keys::generate(2048, &key).expect("key generated");
    let response = reqwest::Client::new()
        .post(format!(
            "{}/rest/sandbox/oauth1/consumers",
            env.sb.base_url()
        ))
        .json(&serde_json::json!({
            "consumerKey": "jiffy-cli",
            "name": "Jiffy CLI test",
            "publicKey": out.json["publicKeyPem"],
        }))
        .send()
        .await
        .expect("register");
    assert_eq!(response.status().as_u16(), 201);
    key.display().to_string()
}

/// Approves an OAuth 1.0a request token as alice; returns the page Jira shows afterwards
/// (after following the redirect to the loopback listener, when there is one).
async fn approve_oauth1(base: String, url: url::Url) -> String {
    let token = query(&url).remove("oauth_token").unwrap_or_default();
    let form = [
        ("oauth_token", token.as_str()),
        ("os_username", "alice"),
        ("os_password", "alice-pw"),
        ("approve", "Allow"),
    ];
    let response = reqwest::Client::new()
        .post(format!("{base}/plugins/servlet/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .expect("approve");
    response.text().await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth1_with_the_loopback_listener() {
    let env = common::start(Mode::DataCenter).await;
    let key = register_consumer(&env).await;
    let base = env.sb.base_url().to_owned();
    let b = base.clone();
    let opener: Opener = Box::new(move |url, no_browser| {
        assert!(no_browser);
        tokio::spawn(approve_oauth1(b.clone(), url.clone()));
        Ok(())
    });
    let args = [
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
        &key,
        "--no-browser",
    ];
    let out = env
        .run_full(&args, Box::new(std::io::empty()), &[], Some(opener))
        .await
        .expect("OAuth 1.0a connects");
    assert_eq!(out.json["connection"]["auth"]["method"], "oauth1");
    assert_eq!(
        out.json["connection"]["auth"]["callback"]["mode"],
        "loopback"
    );
    assert_eq!(out.json["user"]["name"], "alice");
    let id = out.json["connection"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for kind in [SecretKind::OAuth1PrivateKey, SecretKind::OAuth1AccessToken] {
        assert!(
            env.store.get(&id, kind).expect("store").is_some(),
            "{kind} stored"
        );
    }
    // Every later request is signed: search and whoami work as alice.
    assert_eq!(env.ok(&["whoami"]).await.json["name"], "alice");
    let found = env.ok(&["search", "project = DOCS", "--limit", "2"]).await;
    assert_eq!(found.json["count"], 2);
}

/// A stdin that yields what the "browser" task sends, as a user typing would.
struct Typed(mpsc::Receiver<Vec<u8>>, Vec<u8>);

impl Read for Typed {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.1.is_empty() {
            match self.0.recv() {
                Ok(bytes) => self.1 = bytes,
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.1.len());
        buf[..n].copy_from_slice(&self.1[..n]);
        self.1.drain(..n);
        Ok(n)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth1_out_of_band_reads_the_verifier() {
    let env = common::start(Mode::DataCenter).await;
    let key = register_consumer(&env).await;
    let base = env.sb.base_url().to_owned();
    let (tx, rx) = mpsc::channel();
    let b = base.clone();
    let opener: Opener = Box::new(move |url, _| {
        let (b, url, tx) = (b.clone(), url.clone(), tx.clone());
        tokio::spawn(async move {
            let page = approve_oauth1(b, url).await;
            let verifier = page
                .split("<p id=\"verifier\">")
                .nth(1)
                .and_then(|r| r.split("</p>").next())
                .unwrap_or_default()
                .to_owned();
            let _ = tx.send(format!("{verifier}\n").into_bytes());
        });
        Ok(())
    });
    let args = [
        "connection",
        "add",
        "oob",
        "--url",
        &base,
        "--auth",
        "oauth1",
        "--consumer-key",
        "jiffy-cli",
        "--private-key",
        &key,
        "--callback",
        "oob",
        "--no-browser",
    ];
    let out = env
        .run_full(&args, Box::new(Typed(rx, Vec::new())), &[], Some(opener))
        .await
        .expect("OAuth 1.0a (oob) connects");
    assert_eq!(out.json["connection"]["auth"]["callback"]["mode"], "oob");
    assert_eq!(out.json["user"]["name"], "alice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth1_refuses_cloud_and_needs_a_key() {
    let env = common::start(Mode::Cloud).await;
    let base = env.sb.base_url().to_owned();
    let err = env
        .run(&[
            "connection",
            "add",
            "x",
            "--url",
            &base,
            "--auth",
            "oauth1",
            "--consumer-key",
            "k",
        ])
        .await
        .expect_err("no OAuth 1.0a on Cloud");
    assert_eq!(err.kind(), "InvalidInput");
    let dc = common::start(Mode::DataCenter).await;
    let base = dc.sb.base_url().to_owned();
    let err = dc
        .run(&[
            "connection",
            "add",
            "x",
            "--url",
            &base,
            "--auth",
            "oauth1",
            "--consumer-key",
            "k",
        ])
        .await
        .expect_err("no key");
    assert!(err.to_string().contains("keys generate"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth2_cloud_3lo_connects_through_the_gateway() {
    let env = common::start(Mode::Cloud).await;
    let app = env.sb.info().oauth2.clone().expect("cloud OAuth app");
    let base = env.sb.base_url().to_owned();
    let args = [
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
    ];
    let out = env
        .run_full(
            &args,
            Box::new(std::io::empty()),
            &[("JIFFY_CLIENT_SECRET", &app.client_secret)],
            Some(approve_oauth2("alice@example.com")),
        )
        .await
        .expect("OAuth 2.0 connects");
    assert_eq!(out.json["connection"]["auth"]["method"], "oauth2");
    assert_eq!(
        out.json["connection"]["auth"]["cloudId"],
        app.cloud_id.as_str()
    );
    assert_eq!(out.json["user"]["displayName"], "Alice Nguyen");
    let id = out.json["connection"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for kind in [
        SecretKind::OAuth2ClientSecret,
        SecretKind::OAuth2AccessToken,
        SecretKind::OAuth2RefreshToken,
    ] {
        assert!(
            env.store.get(&id, kind).expect("store").is_some(),
            "{kind} stored"
        );
    }
    let projects = env.ok(&["projects"]).await;
    assert!(projects.text.contains("DEV"), "{}", projects.text);
}

/// Approves an OAuth 2.0 consent page the way a browser form would: every parameter of the
/// authorization URL, the login and "accept", posted back to the same page.
fn approve_oauth2(username: &'static str) -> Opener {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth2_data_center_with_pkce() {
    let env = common::start(Mode::DataCenter).await;
    let base = env.sb.base_url().to_owned();
    // The sandbox's registered Data Center OAuth 2.0 application.
    let args = [
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
    ];
    let out = env
        .run_full(
            &args,
            Box::new(std::io::empty()),
            &[("JIFFY_CLIENT_SECRET", "sandbox-dc-secret")],
            Some(approve_oauth2("alice")),
        )
        .await
        .expect("DC OAuth 2.0 connects");
    assert_eq!(out.json["connection"]["auth"]["method"], "oauth2");
    assert!(out.json["connection"]["auth"]["cloudId"].is_null());
    assert_eq!(out.json["user"]["name"], "alice");
    let found = env.ok(&["search", "project = DOCS", "--limit", "3"]).await;
    assert_eq!(found.json["count"], 3);
    let err = env
        .run_full(
            &[
                "connection",
                "add",
                "x",
                "--url",
                &base,
                "--auth",
                "oauth2",
                "--port",
                "0",
            ],
            Box::new(std::io::empty()),
            &[("JIFFY_CLIENT_SECRET", "s")],
            None,
        )
        .await
        .expect_err("no client id");
    assert!(err.to_string().contains("--client-id"), "{err}");
}
