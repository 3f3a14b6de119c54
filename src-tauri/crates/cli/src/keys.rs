//! `keys generate`: an RSA key pair for an OAuth 1.0a Application Link.

use crate::output::Output;
use jiffy_core::auth::oauth1::OAuth1PrivateKey;
use jiffy_core::{Error, Result};
use serde_json::json;
use std::io::Write;
use std::path::Path;

/// Generates a key pair, writes the private key (PKCS#8 PEM, mode 0600, never over an existing
/// file) to `out`, and returns the public key PEM and the suggested consumer key.
///
/// Errors: [`Error::InvalidInput`] for a bad size or an existing/unwritable file; as
/// [`OAuth1PrivateKey::generate`].
pub fn generate(bits: usize, out: &Path) -> Result<Output> {
    let key = OAuth1PrivateKey::generate(bits)?;
    let private_pem = key.to_pkcs8_pem()?;
    let public_pem = key.public_key_pem()?;
    let consumer_key = key.suggested_consumer_key()?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        // Owner-only from the first byte: the key must never be readable by others.
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(out)
        .map_err(|e| Error::InvalidInput(format!("could not create {}: {e}", out.display())))?;
    file.write_all(private_pem.expose().as_bytes())
        .map_err(|e| Error::InvalidInput(format!("could not write {}: {e}", out.display())))?;
    let text = format!(
        "{}\nPrivate key written to {} ({bits} bits).\nSuggested consumer key: {consumer_key}",
        public_pem.trim_end(),
        out.display()
    );
    Ok(Output::new(
        &json!({
            "publicKeyPem": public_pem,
            "consumerKey": consumer_key,
            "privateKeyFile": out.display().to_string(),
            "bits": bits,
        }),
        text,
    ))
}
