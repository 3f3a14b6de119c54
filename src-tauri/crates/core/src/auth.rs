//! Authentication: the methods, applying credentials to requests, OAuth flows and the
//! loopback listener.

pub mod basic;
pub mod credentials;
pub mod flows;
pub mod loopback;
pub mod oauth1;
pub mod oauth2;
pub mod pat;

pub use credentials::Credentials;

use crate::config::{AuthSettings, Deployment};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The ways Jiffy can sign in to Jira.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AuthMethod {
    /// Cloud: account email + API token (Basic).
    #[serde(rename = "apiToken")]
    ApiToken,
    /// Data Center / Server: username + password (Basic).
    #[serde(rename = "basic")]
    Basic,
    /// Data Center 8.14+: personal access token (Bearer).
    #[serde(rename = "pat")]
    Pat,
    /// Data Center / Server: OAuth 1.0a through an Application Link.
    #[serde(rename = "oauth1")]
    OAuth1,
    /// Cloud 3LO or Data Center 8.22+: OAuth 2.0 authorization code.
    #[serde(rename = "oauth2")]
    OAuth2,
}

impl AuthSettings {
    /// Which method these settings are for.
    pub fn method(&self) -> AuthMethod {
        match self {
            AuthSettings::ApiToken { .. } => AuthMethod::ApiToken,
            AuthSettings::Basic { .. } => AuthMethod::Basic,
            AuthSettings::Pat { .. } => AuthMethod::Pat,
            AuthSettings::OAuth1 { .. } => AuthMethod::OAuth1,
            AuthSettings::OAuth2 { .. } => AuthMethod::OAuth2,
        }
    }
}

/// The methods that fit a deployment and version, best first.
///
/// Cloud: an API token (simplest), then OAuth 2.0 with the user's own app. Data Center: a
/// personal access token from 8.14, OAuth 2.0 from 8.22, OAuth 1.0a, and a password last
/// (admins may disable it; CAPTCHA can lock it). `version` is `[major, minor, …]`; an empty
/// slice means unknown, and then only the methods every version has are offered.
pub fn methods_for(deployment: Deployment, version: &[u32]) -> Vec<AuthMethod> {
    let at_least = |major: u32, minor: u32| {
        let (a, b) = (
            version.first().copied(),
            version.get(1).copied().unwrap_or(0),
        );
        a.is_some_and(|a| (a, b) >= (major, minor))
    };
    match deployment {
        Deployment::Cloud => vec![AuthMethod::ApiToken, AuthMethod::OAuth2],
        Deployment::DataCenter | Deployment::Server => {
            let mut methods = Vec::new();
            if at_least(8, 14) {
                methods.push(AuthMethod::Pat);
            }
            if at_least(8, 22) {
                methods.push(AuthMethod::OAuth2);
            }
            methods.extend([AuthMethod::OAuth1, AuthMethod::Basic]);
            methods
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_follow_deployment_and_version() {
        use AuthMethod::*;
        assert_eq!(
            methods_for(Deployment::Cloud, &[1001, 0]),
            vec![ApiToken, OAuth2]
        );
        assert_eq!(
            methods_for(Deployment::DataCenter, &[10, 3, 19]),
            vec![Pat, OAuth2, OAuth1, Basic]
        );
        assert_eq!(
            methods_for(Deployment::DataCenter, &[8, 20]),
            vec![Pat, OAuth1, Basic]
        );
        assert_eq!(
            methods_for(Deployment::Server, &[8, 13, 9]),
            vec![OAuth1, Basic]
        );
        assert_eq!(methods_for(Deployment::Server, &[7]), vec![OAuth1, Basic]);
        assert_eq!(
            methods_for(Deployment::DataCenter, &[]),
            vec![OAuth1, Basic]
        );
    }

    #[test]
    fn settings_name_their_method_in_the_same_words() {
        let settings = AuthSettings::Pat { username: None };
        assert_eq!(settings.method(), AuthMethod::Pat);
        let tag = serde_json::to_value(&settings).unwrap()["method"].clone();
        assert_eq!(serde_json::to_value(AuthMethod::Pat).unwrap(), tag);
        let oauth = AuthSettings::OAuth1 {
            consumer_key: "k".into(),
            callback: crate::config::OAuth1Callback::Oob,
        };
        assert_eq!(
            serde_json::to_value(oauth.method()).unwrap(),
            serde_json::to_value(&oauth).unwrap()["method"]
        );
    }
}
