//! The one error type of jiffy-core.
//!
//! Every failure a user can meet has its own variant so the app and the CLI can explain it in
//! a plain sentence and offer the next step; nobody has to parse message text.

use std::collections::BTreeMap;

/// Result alias used throughout jiffy-core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in jiffy-core, by what the user should do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The credentials were refused (HTTP 401).
    #[error("Jira did not accept the credentials: {0}")]
    Unauthorized(String),
    /// Authenticated, but not allowed to do this (HTTP 403).
    #[error("You do not have permission to do this: {0}")]
    Forbidden(String),
    /// The thing asked for does not exist, or is not visible to this user (HTTP 404).
    #[error("Not found: {0}")]
    NotFound(String),
    /// Jira asks to slow down (HTTP 429).
    #[error("Jira is rate-limiting requests; retry in {retry_after_secs} s")]
    RateLimited {
        /// Seconds to wait, from `Retry-After` (or a conservative default).
        retry_after_secs: u64,
    },
    /// The site could not be reached (DNS, refused connection, timeout, proxy).
    #[error("Network problem: {0}")]
    Network(String),
    /// The TLS handshake failed (unknown CA, expired or mismatched certificate).
    #[error("Secure connection failed: {0}")]
    Tls(String),
    /// Jira rejected the input; `field_errors` maps field ids to Jira's messages.
    #[error("Jira rejected the input: {message}")]
    Validation {
        /// Jira's `errorMessages`, joined.
        message: String,
        /// Jira's `errors` object: field id → message.
        field_errors: BTreeMap<String, String>,
    },
    /// Jira wants a CAPTCHA solved in the browser before accepting a password again.
    #[error("Jira requires you to log in once in a browser (CAPTCHA) at {login_url}")]
    CaptchaRequired {
        /// Where to log in to clear the CAPTCHA.
        login_url: String,
    },
    /// The stored token has expired or was revoked: reconnect.
    #[error("The sign-in for this connection has expired: {0}")]
    TokenExpired(String),
    /// The OS keyring (Secret Service, Keychain, Credential Manager) could not be used.
    #[error("The system keyring is not available: {0}")]
    KeyringUnavailable(String),
    /// Input given to Jiffy itself was not usable (a malformed URL, an empty name…).
    #[error("{0}")]
    InvalidInput(String),
    /// A bug or an unexpected answer; the message says what was expected.
    #[error("Internal error: {0}")]
    Internal(String),
}

impl Error {
    /// A stable, machine-readable name of the variant (the IPC `kind` tag).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Unauthorized(_) => "Unauthorized",
            Error::Forbidden(_) => "Forbidden",
            Error::NotFound(_) => "NotFound",
            Error::RateLimited { .. } => "RateLimited",
            Error::Network(_) => "Network",
            Error::Tls(_) => "Tls",
            Error::Validation { .. } => "Validation",
            Error::CaptchaRequired { .. } => "CaptchaRequired",
            Error::TokenExpired(_) => "TokenExpired",
            Error::KeyringUnavailable(_) => "KeyringUnavailable",
            Error::InvalidInput(_) => "InvalidInput",
            Error::Internal(_) => "Internal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_distinct_and_messages_explain() {
        let errors = [
            Error::Unauthorized("bad token".into()),
            Error::RateLimited {
                retry_after_secs: 7,
            },
            Error::CaptchaRequired {
                login_url: "https://jira.example/login.jsp".into(),
            },
            Error::KeyringUnavailable("no Secret Service".into()),
        ];
        let kinds: std::collections::BTreeSet<_> = errors.iter().map(Error::kind).collect();
        assert_eq!(kinds.len(), errors.len());
        assert!(errors[1].to_string().contains("7 s"));
        assert!(errors[2]
            .to_string()
            .contains("https://jira.example/login.jsp"));
    }
}
