//! Shared helpers for the integration tests: start a sandbox, make authenticated requests.
#![allow(dead_code)]

use jiffy_sandbox::{Config, Mode, Sandbox};
use reqwest::{Client, RequestBuilder, Response};
use serde_json::Value;

pub struct Site {
    pub sb: Sandbox,
    pub http: Client,
}

pub async fn start(mode: Mode) -> Site {
    start_with(Config {
        mode,
        ..Config::default()
    })
    .await
}

pub async fn start_with(config: Config) -> Site {
    let sb = Sandbox::start(config).await.expect("sandbox starts");
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client builds");
    Site { sb, http }
}

impl Site {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sb.base_url(), path)
    }

    /// Basic credentials of a demo user as the mode expects them (DC password, Cloud token).
    pub fn creds(&self, username: &str) -> (String, String) {
        let u = self
            .sb
            .info()
            .users
            .iter()
            .find(|u| u.username == username)
            .expect("demo user exists");
        match self.sb.info().mode {
            Mode::Cloud => (u.email.clone(), u.api_token.clone()),
            Mode::DataCenter => (u.username.clone(), u.password.clone()),
        }
    }

    pub fn user(&self, username: &str) -> jiffy_sandbox::DemoUser {
        self.sb
            .info()
            .users
            .iter()
            .find(|u| u.username == username)
            .cloned()
            .expect("demo user")
    }

    /// A request authenticated as `username` with Basic auth.
    pub fn req(&self, method: reqwest::Method, path: &str, username: &str) -> RequestBuilder {
        let (u, p) = self.creds(username);
        self.http
            .request(method, self.url(path))
            .basic_auth(u, Some(p))
    }

    pub fn get(&self, path: &str, username: &str) -> RequestBuilder {
        self.req(reqwest::Method::GET, path, username)
    }

    pub fn post(&self, path: &str, username: &str) -> RequestBuilder {
        self.req(reqwest::Method::POST, path, username)
    }

    pub fn put(&self, path: &str, username: &str) -> RequestBuilder {
        self.req(reqwest::Method::PUT, path, username)
    }

    pub fn delete(&self, path: &str, username: &str) -> RequestBuilder {
        self.req(reqwest::Method::DELETE, path, username)
    }

    /// GET as `username`, asserting 200, returning JSON.
    pub async fn json(&self, path: &str, username: &str) -> Value {
        let r = self.get(path, username).send().await.expect("request");
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.expect("json")
    }

    /// Moves the sandbox clock forward.
    pub async fn advance_clock(&self, secs: i64) {
        let r = self
            .http
            .put(self.url("/rest/sandbox/clock"))
            .json(&serde_json::json!({ "advanceSecs": secs }))
            .send()
            .await
            .expect("clock");
        assert_eq!(r.status(), 200);
    }

    /// The sandbox's clock in seconds.
    pub async fn now_secs(&self) -> i64 {
        let v: Value = self
            .http
            .get(self.url("/rest/sandbox/clock"))
            .send()
            .await
            .expect("clock")
            .json()
            .await
            .expect("json");
        v["nowMs"].as_i64().expect("nowMs") / 1000
    }
}

pub async fn body(r: Response) -> Value {
    r.json().await.expect("json body")
}

/// The `errorMessages` and `errors` of a Jira error body.
pub fn error_text(v: &Value) -> String {
    format!("{} {}", v["errorMessages"], v["errors"])
}

/// Parses `a=b&c=d` into pairs.
pub fn form_pairs(s: &str) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(s.as_bytes())
        .into_owned()
        .collect()
}

/// PKCE S256 challenge of a verifier.
pub fn pkce_challenge(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

/// A query parameter of a redirect `Location`.
pub fn query_param(location: &str, name: &str) -> Option<String> {
    url::Url::parse(location)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.to_string())
}

/// The loopback redirect URL the OAuth tests use.
pub const CALLBACK: &str = "http://127.0.0.1:8765/callback";
