//! OAuth 1.0a (RFC 5849) request verification with RSA-SHA1, as Jira Data Center's OAuth
//! provider (Application Links, incoming authentication) does it.
//!
//! This module is stateless: it parses the protocol parameters, rebuilds the signature base
//! string and checks the signature. Nonce replay, the timestamp window (see
//! [`check_timestamp`], or [`verify_with_clock`]) and token bookkeeping belong to the server,
//! which holds the state. Problems are answered the Jira way with
//! [`rejection_response_parts`] / [`problem_response_parts`] (`oauth_problem` both in
//! `WWW-Authenticate` and in a form-encoded body; status from [`Problem::http_status`]).
//!
//! Layout: `wire` (encoding, header parsing, base string), `problem` (problems and answers),
//! this file (the checks and the RSA-SHA1 verification).

mod problem;
mod wire;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_interop;
#[cfg(test)]
mod tests_rsa;

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use sha1::Sha1;

pub use problem::{problem_response_parts, rejection_response_parts, Problem, Rejection};
pub use wire::{
    base_string_uri, collect_params, parse_authorization, percent_encode, signature_base_string,
};

/// The only signature method Jira's incoming application links accept.
pub const RSA_SHA1: &str = "RSA-SHA1";

/// How far `oauth_timestamp` may be from the server clock, either way, in seconds: net.oauth's
/// `SimpleOAuthValidator.DEFAULT_MAX_TIMESTAMP_AGE` (5 minutes), which Jira's OAuth plugin
/// builds on.
pub const TIMESTAMP_WINDOW_SECS: i64 = 300;

/// A request whose RSA-SHA1 signature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// `oauth_consumer_key` (the application link's consumer key).
    pub consumer_key: String,
    /// `oauth_token`; `None` when absent or empty (request-token calls).
    pub token: Option<String>,
    /// `oauth_timestamp`, seconds since the epoch; check it with [`check_timestamp`].
    pub timestamp: i64,
    /// `oauth_nonce`.
    pub nonce: String,
    /// `oauth_callback` (a URL or `oob`), when sent.
    pub callback: Option<String>,
    /// `oauth_verifier`, when sent (access-token calls).
    pub verifier: Option<String>,
    /// The signature base string that verified (handy in logs and tests).
    pub base_string: String,
    /// Every decoded parameter (query, form body, header without `realm`), minus
    /// `oauth_signature`, in arrival order.
    pub params: Vec<(String, String)>,
}

/// Checks `oauth_timestamp` against the server clock (`now`, seconds since the epoch):
/// at most [`TIMESTAMP_WINDOW_SECS`] either way, else [`Problem::TimestampRefused`].
pub fn check_timestamp(ts: i64, now: i64) -> Result<(), Problem> {
    let earliest = now.saturating_sub(TIMESTAMP_WINDOW_SECS);
    let latest = now.saturating_add(TIMESTAMP_WINDOW_SECS);
    if (earliest..=latest).contains(&ts) {
        Ok(())
    } else {
        Err(Problem::TimestampRefused)
    }
}

/// Parses the `oauth_*` parameters (Authorization header, query, form body), rebuilds the
/// RFC 5849 base string from method + the URL the client used + all parameters, checks the
/// RSA-SHA1 signature with the consumer's public key (PEM, found via `public_key_for`) and
/// returns the parsed request.
///
/// `url` is the full URL as the client addressed it, query included. Pass `form_body` only
/// when the body is `application/x-www-form-urlencoded` (§3.4.1.3.1). Never panics.
pub fn verify(
    method: &str,
    url: &url::Url,
    authorization: Option<&str>,
    form_body: Option<&[u8]>,
    public_key_for: impl Fn(&str) -> Option<String>,
) -> Result<SignedRequest, Problem> {
    verify_detailed(method, url, authorization, form_body, public_key_for).map_err(|r| r.problem)
}

/// Protocol parameters that may appear once only (net.oauth's `SINGLE_PARAMETERS`, whose
/// `oauth_token_secret` no request carries, plus the verifier).
const SINGLE_PARAMETERS: [&str; 9] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_callback",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_verifier",
];

/// [`verify`], with the details Jira adds to the answer (see [`rejection_response_parts`]).
/// The timestamp window is left to the caller; [`verify_with_clock`] checks it too.
pub fn verify_detailed(
    method: &str,
    url: &url::Url,
    authorization: Option<&str>,
    form_body: Option<&[u8]>,
    public_key_for: impl Fn(&str) -> Option<String>,
) -> Result<SignedRequest, Rejection> {
    verify_inner(method, url, authorization, form_body, None, public_key_for)
}

/// [`verify_detailed`] that also refuses a timestamp more than [`TIMESTAMP_WINDOW_SECS`]
/// from `now` (seconds since the epoch) at the point Jira does: before the signature, so a
/// stale request answers `timestamp_refused` (with `oauth_acceptable_timestamps`) even when
/// its signature is also wrong. Nonce replay stays with the caller (it holds the state).
pub fn verify_with_clock(
    method: &str,
    url: &url::Url,
    authorization: Option<&str>,
    form_body: Option<&[u8]>,
    now: i64,
    public_key_for: impl Fn(&str) -> Option<String>,
) -> Result<SignedRequest, Rejection> {
    verify_inner(
        method,
        url,
        authorization,
        form_body,
        Some(now),
        public_key_for,
    )
}

/// The checks, in the order of Atlassian's 2-legged authenticator and validator
/// (`AuthenticatorImpl`, `OAuthValidatorImpl` over net.oauth's `SimpleOAuthValidator`):
/// consumer key and method present → consumer known → method is RSA-SHA1 → no repeated
/// protocol parameter → version 1.0 → timestamp and nonce present (and, with a clock, in the
/// window) → signature present and valid. On API calls Jira looks the token up *before* all
/// of this (`token_rejected`, `token_expired`); a server that wants that order reads
/// `oauth_token` with [`collect_params`] first.
fn verify_inner(
    method: &str,
    url: &url::Url,
    authorization: Option<&str>,
    form_body: Option<&[u8]>,
    now: Option<i64>,
    public_key_for: impl Fn(&str) -> Option<String>,
) -> Result<SignedRequest, Rejection> {
    let mut all = collect_params(url, authorization, form_body);
    // net.oauth's `getParameter`: the first occurrence; an empty value counts as absent.
    let first = |name: &str| -> Option<String> {
        let value = all.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        value.filter(|v| !v.is_empty()).cloned()
    };
    let require = |names: &[&str]| -> Result<(), Rejection> {
        let absent: Vec<String> = names
            .iter()
            .filter(|name| first(name).is_none())
            .map(|name| name.to_string())
            .collect();
        match absent.is_empty() {
            true => Ok(()),
            false => Err(Problem::ParameterAbsent(absent).into()),
        }
    };
    require(&["oauth_signature_method", "oauth_consumer_key"])?;
    let consumer_key = first("oauth_consumer_key").unwrap_or_default();
    // A stored key that does not parse makes the link unusable: report it like a missing link.
    let key = public_key_for(&consumer_key)
        .and_then(|pem| parse_public_key(&pem).ok())
        .ok_or(Problem::ConsumerKeyUnknown)?;
    let signature_method = first("oauth_signature_method").unwrap_or_default();
    if signature_method != RSA_SHA1 {
        return Err(Problem::SignatureMethodRejected.into());
    }
    check_single_parameters(&all)?;
    // net.oauth compares the version as a number (`1`, `1.0` pass); we refuse what is not one
    // where it would fail with a 500.
    if first("oauth_version").is_some_and(|v| v.trim().parse::<f64>().ok() != Some(1.0)) {
        return Err(Problem::VersionRejected.into());
    }
    require(&["oauth_timestamp", "oauth_nonce"])?;
    let timestamp_text = first("oauth_timestamp").unwrap_or_default();
    // Digits only: Java's `Long.parseLong` would take a sign, but a non-number makes Jira fail
    // with a 500; `timestamp_refused` is the closest answer we can give.
    let timestamp = match timestamp_text.parse::<i64>() {
        Ok(ts) if timestamp_text.bytes().all(|b| b.is_ascii_digit()) => ts,
        _ => return Err(Problem::TimestampRefused.into()),
    };
    if let Some(now) = now {
        check_timestamp(timestamp, now).map_err(|_| Rejection::timestamp_refused(now))?;
    }
    require(&["oauth_signature"])?;
    let signature = first("oauth_signature").unwrap_or_default();
    let base_string = signature_base_string(method, url, &all);
    if !rsa_sha1_verifies(&key, &base_string, &signature) {
        return Err(Rejection {
            problem: Problem::SignatureInvalid,
            details: vec![
                ("oauth_signature".into(), signature),
                ("oauth_signature_base_string".into(), base_string),
                ("oauth_signature_method".into(), signature_method),
            ],
        });
    }
    let token = first("oauth_token");
    let callback = first("oauth_callback");
    let verifier = first("oauth_verifier");
    let nonce = first("oauth_nonce").unwrap_or_default();
    all.retain(|(name, _)| name != "oauth_signature");
    Ok(SignedRequest {
        consumer_key,
        token,
        timestamp,
        nonce,
        callback,
        verifier,
        base_string,
        params: all,
    })
}

/// net.oauth's `checkSingleParameters`: a protocol parameter sent twice (in one place or
/// across header, query and body) is `parameter_rejected`, listing every `name=value` pair.
fn check_single_parameters(all: &[(String, String)]) -> Result<(), Rejection> {
    let count = |name: &str| all.iter().filter(|(n, _)| n == name).count();
    let repeated: Vec<&(String, String)> = all
        .iter()
        .filter(|(n, _)| SINGLE_PARAMETERS.contains(&n.as_str()) && count(n) > 1)
        .collect();
    if repeated.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = Vec::new();
    for (name, _) in &repeated {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    let pairs = repeated
        .iter()
        .map(|(n, v)| format!("{}={}", percent_encode(n), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Err(Rejection {
        problem: Problem::ParameterRejected(names),
        details: vec![("oauth_parameters_rejected".into(), pairs)],
    })
}

/// Base64 as Jira's codec reads it: padding optional, ASCII whitespace ignored.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// RSASSA-PKCS1-v1_5 with SHA-1 over the UTF-8 base string (RFC 5849 §3.4.3).
fn rsa_sha1_verifies(key: &RsaPublicKey, base_string: &str, signature_b64: &str) -> bool {
    let compact: String = signature_b64
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let Ok(bytes) = LENIENT_BASE64.decode(compact) else {
        return false;
    };
    let Ok(signature) = Signature::try_from(bytes.as_slice()) else {
        return false;
    };
    VerifyingKey::<Sha1>::new(key.clone())
        .verify(base_string.as_bytes(), &signature)
        .is_ok()
}

/// Parses an RSA public key: PEM SPKI (`BEGIN PUBLIC KEY`, what `openssl rsa -pubout` writes
/// and Jira's link form expects), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`), or the base64 of an SPKI
/// key without the armour lines, which Jira also takes (Atlassian's
/// `RSAKeys.fromPemEncodingToPublicKey`: "may contain new-lines and OpenSSL header/footer
/// sections"). CRLF line ends and surrounding whitespace are accepted. Keys up to 4096 bits
/// (the `rsa` crate's limit).
pub fn parse_public_key(pem: &str) -> Result<RsaPublicKey, String> {
    let pem = pem.trim().replace("\r\n", "\n");
    if !pem.starts_with("-----BEGIN") {
        let compact: String = pem.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let der = LENIENT_BASE64
            .decode(compact)
            .map_err(|e| format!("not PEM, and not base64 either: {e}"))?;
        return RsaPublicKey::from_public_key_der(&der)
            .map_err(|e| format!("not an RSA public key (SPKI): {e}"));
    }
    let spki = match RsaPublicKey::from_public_key_pem(&pem) {
        Ok(key) => return Ok(key),
        Err(e) => e,
    };
    RsaPublicKey::from_pkcs1_pem(&pem)
        .map_err(|pkcs1| format!("not an RSA public key in PEM (SPKI: {spki}; PKCS#1: {pkcs1})"))
}
