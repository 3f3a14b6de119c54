//! OAuth 1.0a (RFC 5849) with RSA-SHA1, as Jira Data Center / Server Application Links use it.
//!
//! Signing is delegated to the maintained `oauth1-request` crate (feature `rsa-sha1-09`, on
//! the workspace's `rsa` 0.9), which builds the signature base string and the `Authorization`
//! header. What the crate leaves to its caller is done here: splitting the URL into the base
//! string URI and its query parameters (the crate requires a URI without query), RFC 5849
//! §3.6 percent-encoding of those parameters and their ordering by *encoded* name and value
//! (§3.4.1.3.2; the crate's own `ParameterList` sorts by raw value, which differs for values
//! such as `a:` vs `a0`).
//!
//! The three-legged dance: [`request_token_url`] (POST, signed with `oauth_callback`) →
//! [`authorize_url`] in the browser → verifier on the loopback listener or typed in →
//! [`access_token_url`] (POST, signed with the request token and `oauth_verifier`).

mod keys;

pub use keys::{
    OAuth1PrivateKey, DEFAULT_KEY_BITS, MAX_KEY_BITS, MIN_IMPORT_KEY_BITS, MIN_KEY_BITS,
};

use crate::error::{Error, Result};
use oauth1_request::serializer::Serializer;
use oauth1_request::signature_method::rsa_sha1_09::RsaSha1;
use oauth1_request::signature_method::SignatureMethod;
use oauth1_request::{Credentials, Request};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::num::NonZeroU64;
use url::Url;

/// RFC 5849 §3.6: everything but ALPHA, DIGIT, `-`, `.`, `_`, `~` is percent-encoded.
const RFC5849: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `oauth_callback` value asking Jira to show the verifier to the user instead of redirecting.
pub const OOB_CALLBACK: &str = "oob";

fn encode(s: &str) -> String {
    utf8_percent_encode(s, RFC5849).to_string()
}

/// One request to sign.
#[derive(Debug, Clone, Copy)]
pub struct SignRequest<'a> {
    /// HTTP method (any case; signed upper-case).
    pub method: &'a str,
    /// Full URL, query included: its query parameters are part of the signature.
    pub url: &'a Url,
    /// Decoded parameters of an `application/x-www-form-urlencoded` body (empty otherwise).
    pub form: &'a [(String, String)],
    /// The request token (during the dance) or the access token (afterwards).
    pub token: Option<&'a str>,
    /// `oauth_callback`, only on the request-token call.
    pub callback: Option<&'a str>,
    /// `oauth_verifier`, only on the access-token call.
    pub verifier: Option<&'a str>,
}

/// Signs requests with a consumer key and its RSA private key.
#[derive(Debug, Clone)]
pub struct OAuth1Signer {
    consumer_key: String,
    key: OAuth1PrivateKey,
}

impl OAuth1Signer {
    /// A signer for the Application Link's consumer key.
    pub fn new(consumer_key: impl Into<String>, key: OAuth1PrivateKey) -> Self {
        OAuth1Signer {
            consumer_key: consumer_key.into(),
            key,
        }
    }

    /// The consumer key.
    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }

    /// The `Authorization` header value for a request, with a fresh nonce and the current time.
    ///
    /// Errors: [`Error::InvalidInput`] if the URL cannot be signed (no host).
    pub fn authorization(&self, request: &SignRequest<'_>) -> Result<String> {
        authorize(
            RsaSha1::new(self.key.rsa().clone()),
            &self.consumer_key,
            request,
            None,
            None,
        )
    }

    /// Like [`authorization`](Self::authorization) with a given nonce and timestamp (tests,
    /// reproducing a signature Jira refused).
    ///
    /// Errors: as [`authorization`](Self::authorization).
    pub fn authorization_at(
        &self,
        request: &SignRequest<'_>,
        nonce: &str,
        timestamp: u64,
    ) -> Result<String> {
        let key = RsaSha1::new(self.key.rsa().clone());
        authorize(
            key,
            &self.consumer_key,
            request,
            Some(nonce),
            Some(timestamp),
        )
    }

    /// The RFC 5849 signature base string that [`authorization_at`](Self::authorization_at)
    /// signs, for diagnosing `signature_invalid`.
    ///
    /// Errors: as [`authorization`](Self::authorization).
    pub fn base_string(
        &self,
        request: &SignRequest<'_>,
        nonce: &str,
        timestamp: u64,
    ) -> Result<String> {
        signature_base_string("RSA-SHA1", &self.consumer_key, request, nonce, timestamp)
    }
}

/// The signature base string of a request for any signature method name (RFC 5849 §3.4.1).
///
/// Errors: [`Error::InvalidInput`] if the URL has no host.
pub fn signature_base_string(
    method_name: &'static str,
    consumer_key: &str,
    request: &SignRequest<'_>,
    nonce: &str,
    timestamp: u64,
) -> Result<String> {
    base_string_with(method_name, consumer_key, request, nonce, timestamp, true)
}

/// [`signature_base_string`] with or without `oauth_version` (RFC 5849's own examples omit it).
fn base_string_with(
    method_name: &'static str,
    consumer_key: &str,
    request: &SignRequest<'_>,
    nonce: &str,
    timestamp: u64,
    version: bool,
) -> Result<String> {
    let recorder = base_string::Recorder(method_name);
    let header = authorize_inner(
        recorder,
        consumer_key,
        request,
        Some(nonce),
        Some(timestamp),
        version,
    )?;
    // The recorder's "signature" is the base string itself, written last into the header.
    header
        .rsplit_once("oauth_signature=\"")
        .and_then(|(_, rest)| rest.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| Error::Internal("no signature in the OAuth header".into()))
}

fn authorize<SM: SignatureMethod + Clone>(
    signature_method: SM,
    consumer_key: &str,
    request: &SignRequest<'_>,
    nonce: Option<&str>,
    timestamp: Option<u64>,
) -> Result<String> {
    authorize_inner(
        signature_method,
        consumer_key,
        request,
        nonce,
        timestamp,
        true,
    )
}

fn authorize_inner<SM: SignatureMethod + Clone>(
    signature_method: SM,
    consumer_key: &str,
    request: &SignRequest<'_>,
    nonce: Option<&str>,
    timestamp: Option<u64>,
    version: bool,
) -> Result<String> {
    let uri = base_string_uri(request.url)?;
    let params = Params::new(request);
    let method = request.method.to_ascii_uppercase();
    let mut builder = oauth1_request::Builder::<_, &str, &str>::new(
        Credentials::new(consumer_key, ""),
        signature_method,
    );
    // RSA-SHA1 ignores the token secret (RFC 5849 §3.4.3), so it is not needed here.
    builder
        .token(request.token.map(|t| Credentials::new(t, "")))
        .callback(request.callback)
        .verifier(request.verifier)
        .nonce(nonce)
        .timestamp(timestamp.and_then(NonZeroU64::new))
        .version(version);
    Ok(builder.authorize(&method, uri, &params))
}

/// RFC 5849 §3.4.1.2: scheme and host lower-case, port only when not the default, path; no
/// query, no fragment, no credentials.
fn base_string_uri(url: &Url) -> Result<String> {
    let host = url
        .host_str()
        .ok_or_else(|| Error::InvalidInput(format!("cannot sign a request to {url}: no host")))?;
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!(
        "{}://{}{port}{}",
        url.scheme(),
        host.to_ascii_lowercase(),
        url.path()
    ))
}

/// The non-OAuth parameters of a request, RFC-encoded and sorted by encoded name then value.
struct Params(Vec<(String, String)>);

impl Params {
    fn new(request: &SignRequest<'_>) -> Self {
        let mut pairs: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (encode(&k), encode(&v)))
            .chain(request.form.iter().map(|(k, v)| (encode(k), encode(v))))
            .collect();
        pairs.sort();
        // The crate writes keys into the base string as given (values it encodes once more
        // itself), so keys are passed encoded twice: once for the parameter string, once for
        // the base string (§3.4.1.1). Encoding preserves the order established above.
        Params(pairs.into_iter().map(|(k, v)| (encode(&k), v)).collect())
    }
}

/// The `oauth_*` protocol parameter names in ascending order.
const OAUTH_PARAMS: [&str; 8] = [
    "oauth_callback",
    "oauth_consumer_key",
    "oauth_nonce",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_token",
    "oauth_verifier",
    "oauth_version",
];

fn serialize_oauth<S: Serializer>(serializer: &mut S, index: usize) {
    match index {
        0 => serializer.serialize_oauth_callback(),
        1 => serializer.serialize_oauth_consumer_key(),
        2 => serializer.serialize_oauth_nonce(),
        3 => serializer.serialize_oauth_signature_method(),
        4 => serializer.serialize_oauth_timestamp(),
        5 => serializer.serialize_oauth_token(),
        6 => serializer.serialize_oauth_verifier(),
        _ => serializer.serialize_oauth_version(),
    }
}

impl Request for Params {
    fn serialize<S: Serializer>(&self, mut serializer: S) -> S::Output {
        let mut next = 0;
        for (key, value) in &self.0 {
            while next < OAUTH_PARAMS.len() && OAUTH_PARAMS[next] < key.as_str() {
                serialize_oauth(&mut serializer, next);
                next += 1;
            }
            serializer.serialize_parameter_encoded(key, value);
        }
        while next < OAUTH_PARAMS.len() {
            serialize_oauth(&mut serializer, next);
            next += 1;
        }
        serializer.end()
    }
}

mod base_string {
    //! A "signature method" whose signature is the base string itself.
    use oauth1_request::signature_method::{Sign, SignatureMethod};
    use std::fmt::{Display, Write};

    #[derive(Debug, Clone, Copy)]
    pub(super) struct Recorder(pub(super) &'static str);

    pub(super) struct RecordingSign(&'static str, String);

    impl SignatureMethod for Recorder {
        type Sign = RecordingSign;
        fn sign_with(self, _: &str, _: Option<&str>) -> RecordingSign {
            RecordingSign(self.0, String::new())
        }
    }

    impl Sign for RecordingSign {
        type Signature = String;
        fn get_signature_method_name(&self) -> &'static str {
            self.0
        }
        fn request_method(&mut self, method: &str) {
            self.1.push_str(method);
            self.1.push('&');
        }
        fn uri<T: Display>(&mut self, uri: T) {
            // Writing to a String cannot fail.
            let _ = write!(self.1, "{uri}&");
        }
        fn parameter<V: Display>(&mut self, key: &str, value: V) {
            let _ = write!(self.1, "{key}%3D{value}");
        }
        fn delimiter(&mut self) {
            self.1.push_str("%26");
        }
        fn end(self) -> String {
            self.1
        }
    }
}

mod dance;
pub use dance::*;

#[cfg(test)]
mod tests;
