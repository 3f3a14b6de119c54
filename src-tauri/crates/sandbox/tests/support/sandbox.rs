//! Starting a sandbox for a conformance walk and picking a demo user's credentials.

use jiffy_sandbox::{Config, DemoUser, Mode, Sandbox};
use serde_json::{json, Value};

use super::walk::Auth;

/// A sandbox in `mode` with the demo seed on a free loopback port.
pub async fn start(mode: Mode) -> Sandbox {
    let config = Config {
        mode,
        ..Config::default()
    };
    match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(e) => panic!("the sandbox must start: {e:#}"),
    }
}

/// The demo user `username` with all their credentials.
pub fn demo_user<'a>(sandbox: &'a Sandbox, username: &str) -> &'a DemoUser {
    match sandbox.info().users.iter().find(|u| u.username == username) {
        Some(user) => user,
        None => panic!("the demo seed has no user {username}"),
    }
}

/// Basic credentials of the demo user `username` as the sandbox's mode takes them: DC
/// username + password, Cloud email + API token.
pub fn basic(sandbox: &Sandbox, username: &str) -> Auth {
    let user = demo_user(sandbox, username);
    match sandbox.info().mode {
        Mode::DataCenter => Auth::Basic(user.username.clone(), user.password.clone()),
        Mode::Cloud => Auth::Basic(user.email.clone(), user.api_token.clone()),
    }
}

/// The Cloud account id of the demo user `username`.
pub fn account_id(sandbox: &Sandbox, username: &str) -> String {
    demo_user(sandbox, username).account_id.clone()
}

/// A one-paragraph Atlassian Document Format document (Cloud v3 rich text).
pub fn adf(text: &str) -> Value {
    json!({ "type": "doc", "version": 1, "content": [
        { "type": "paragraph", "content": [{ "type": "text", "text": text }] }
    ] })
}
