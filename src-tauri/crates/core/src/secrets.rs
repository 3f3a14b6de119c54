//! Secrets (passwords, tokens, OAuth keys) live only in the OS keyring.
//!
//! [`SecretStore`] is the one door to them: [`KeyringStore`] talks to the real keyring (Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows) and [`InMemoryStore`]
//! serves unit tests. Secret values travel wrapped in [`Sensitive`] so that no `{:?}` or log
//! line can print them by accident.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;

/// The keyring "service" every Jiffy secret is filed under (the app's bundle identifier).
pub const KEYRING_SERVICE: &str = "dev.jiffy.desktop";

/// A value that must never be printed: `Debug` and `Display` show `<redacted>`.
///
/// Serde sees the inner value unchanged (`transparent`), so wrapping a field costs nothing on
/// the wire; only formatting is masked.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(pub T);

impl<T> Sensitive<T> {
    /// Wraps a secret value.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself; call this only where the value is really needed (a header, the keyring).
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Sensitive<String> {
    fn from(value: String) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_owned())
    }
}

/// What a stored secret is; one connection may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecretKind {
    /// A Data Center / Server password (Basic auth, or to create a PAT).
    Password,
    /// A Cloud API token (Basic auth with the account email).
    ApiToken,
    /// A Data Center personal access token (Bearer).
    PersonalAccessToken,
    /// The RSA private key (PKCS#8 PEM) that signs OAuth 1.0a requests.
    OAuth1PrivateKey,
    /// The OAuth 1.0a access token.
    OAuth1AccessToken,
    /// The OAuth 1.0a access token secret (unused by RSA-SHA1 but kept as Jira issued it).
    OAuth1TokenSecret,
    /// The OAuth 2.0 client secret of the user's own app.
    OAuth2ClientSecret,
    /// The current OAuth 2.0 access token.
    OAuth2AccessToken,
    /// The current (rotating) OAuth 2.0 refresh token.
    OAuth2RefreshToken,
}

impl SecretKind {
    /// Every kind, e.g. to delete all secrets of a removed connection.
    pub const ALL: [SecretKind; 9] = [
        SecretKind::Password,
        SecretKind::ApiToken,
        SecretKind::PersonalAccessToken,
        SecretKind::OAuth1PrivateKey,
        SecretKind::OAuth1AccessToken,
        SecretKind::OAuth1TokenSecret,
        SecretKind::OAuth2ClientSecret,
        SecretKind::OAuth2AccessToken,
        SecretKind::OAuth2RefreshToken,
    ];

    /// The stable name used in the keyring entry's user field; never change one once shipped.
    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::ApiToken => "api-token",
            SecretKind::PersonalAccessToken => "pat",
            SecretKind::OAuth1PrivateKey => "oauth1-private-key",
            SecretKind::OAuth1AccessToken => "oauth1-access-token",
            SecretKind::OAuth1TokenSecret => "oauth1-token-secret",
            SecretKind::OAuth2ClientSecret => "oauth2-client-secret",
            SecretKind::OAuth2AccessToken => "oauth2-access-token",
            SecretKind::OAuth2RefreshToken => "oauth2-refresh-token",
        }
    }
}

impl fmt::Display for SecretKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The keyring entry's user field: `{connectionId}:{kind}`.
pub fn keyring_user(connection_id: &str, kind: SecretKind) -> String {
    format!("{connection_id}:{}", kind.as_str())
}

/// Where secrets are kept, by connection id and kind.
///
/// Errors: [`Error::KeyringUnavailable`] when the store cannot be reached; a missing secret is
/// `Ok(None)`, never an error.
pub trait SecretStore: Send + Sync {
    /// The secret, or `None` when none is stored.
    fn get(&self, connection_id: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>>;

    /// Stores (or replaces) a secret.
    fn set(&self, connection_id: &str, kind: SecretKind, value: &Sensitive<String>) -> Result<()>;

    /// Removes a secret; removing one that does not exist is not an error.
    fn delete(&self, connection_id: &str, kind: SecretKind) -> Result<()>;

    /// Removes every secret of a connection (when the connection is removed).
    fn delete_all(&self, connection_id: &str) -> Result<()> {
        for kind in SecretKind::ALL {
            self.delete(connection_id, kind)?;
        }
        Ok(())
    }
}

/// The OS keyring through the `keyring` crate, with a real backend on every OS.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore::new()
    }
}

impl KeyringStore {
    /// A store filing entries under [`KEYRING_SERVICE`].
    pub fn new() -> Self {
        KeyringStore {
            service: KEYRING_SERVICE.to_owned(),
        }
    }

    /// A store under another service name, so tests against a real keyring cannot touch the
    /// user's own Jiffy secrets.
    pub fn with_service(service: impl Into<String>) -> Self {
        KeyringStore {
            service: service.into(),
        }
    }

    fn entry(&self, connection_id: &str, kind: SecretKind) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, &keyring_user(connection_id, kind))
            .map_err(|e| map_keyring_error(e, kind))
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, connection_id: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>> {
        match self.entry(connection_id, kind)?.get_secret() {
            Ok(bytes) => String::from_utf8(bytes)
                .map(|s| Some(Sensitive(s)))
                .map_err(|_| {
                    Error::Internal(format!(
                    "the {kind} stored in the keyring is not valid UTF-8; remove and re-add the \
                     connection"
                ))
                }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e, kind)),
        }
    }

    fn set(&self, connection_id: &str, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        // Stored as UTF-8 bytes rather than with `set_password`, which Windows' Credential
        // Manager keeps as UTF-16: an OAuth 1.0a private key PEM (~1.7 kB) would then exceed
        // its 2,560-byte limit.
        self.entry(connection_id, kind)?
            .set_secret(value.expose().as_bytes())
            .map_err(|e| map_keyring_error(e, kind))
    }

    fn delete(&self, connection_id: &str, kind: SecretKind) -> Result<()> {
        match self.entry(connection_id, kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e, kind)),
        }
    }
}

/// Turns a keyring failure into a sentence the user can act on.
///
/// The platform messages ("no result found", "Unable to autolaunch a dbus-daemon", no D-Bus
/// session) all mean the same thing to the user: there is no keyring to talk to. None of the
/// keyring errors carries the secret itself (`BadEncoding` holds the stored bytes, which is
/// why its payload is dropped here).
pub fn map_keyring_error(err: keyring::Error, kind: SecretKind) -> Error {
    const HINT: &str = "Jiffy keeps passwords and tokens only in the system keyring and will not \
        write them to disk. On Linux, start and unlock a Secret Service provider (GNOME Keyring \
        or KWallet) in this desktop session; on macOS and Windows, check that the Keychain or \
        Credential Manager is accessible.";
    match err {
        keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => {
            Error::KeyringUnavailable(format!("{HINT} (while accessing the {kind}: {e})"))
        }
        keyring::Error::NoEntry => Error::Internal(format!("no {kind} is stored in the keyring")),
        keyring::Error::BadEncoding(_) => Error::Internal(format!(
            "the {kind} stored in the keyring is not valid UTF-8; remove and re-add the connection"
        )),
        keyring::Error::TooLong(attr, max) => Error::InvalidInput(format!(
            "the keyring refuses the {kind}: its {attr} is longer than {max} characters"
        )),
        keyring::Error::Invalid(attr, reason) => {
            Error::InvalidInput(format!("the keyring refuses the {kind}: {attr} {reason}"))
        }
        keyring::Error::Ambiguous(_) => Error::Internal(format!(
            "the keyring holds several entries for the {kind}; remove the duplicates"
        )),
        other => Error::KeyringUnavailable(format!("{HINT} (while accessing the {kind}: {other})")),
    }
}

/// Secrets kept in process memory, for unit tests (never a fallback for a missing keyring).
#[derive(Debug, Default)]
pub struct InMemoryStore {
    entries: Mutex<BTreeMap<(String, SecretKind), Sensitive<String>>>,
}

impl InMemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        InMemoryStore::default()
    }

    /// How many secrets are stored (tests check that removal really removes).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no secret is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<(String, SecretKind), Sensitive<String>>> {
        // A panic while holding this lock cannot leave the map half-written (each operation is a
        // single insert/remove), so a poisoned lock is safe to keep using.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for InMemoryStore {
    fn get(&self, connection_id: &str, kind: SecretKind) -> Result<Option<Sensitive<String>>> {
        Ok(self.lock().get(&(connection_id.to_owned(), kind)).cloned())
    }

    fn set(&self, connection_id: &str, kind: SecretKind, value: &Sensitive<String>) -> Result<()> {
        self.lock()
            .insert((connection_id.to_owned(), kind), value.clone());
        Ok(())
    }

    fn delete(&self, connection_id: &str, kind: SecretKind) -> Result<()> {
        self.lock().remove(&(connection_id.to_owned(), kind));
        Ok(())
    }
}

#[cfg(test)]
mod tests;
