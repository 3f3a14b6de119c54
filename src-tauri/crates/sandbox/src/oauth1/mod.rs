//! OAuth 1.0a (RFC 5849) request verification with RSA-SHA1, as Jira Data Center's OAuth
//! provider (Application Links, incoming authentication) does it.
//!
//! This module is stateless: it parses the protocol parameters, rebuilds the signature base
//! string and checks the signature. Nonce replay, the timestamp window (see
//! [`check_timestamp`]) and token bookkeeping belong to the server, which holds the state.
//! Problems are answered the Jira way with [`problem_response_parts`] (401, `oauth_problem`
//! both in `WWW-Authenticate` and in a form-encoded body).

mod wire;

#[cfg(test)]
mod tests;
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

pub use wire::{
    base_string_uri, collect_params, parse_authorization, percent_encode, signature_base_string,
};

/// The only signature method Jira's incoming application links accept.
pub const RSA_SHA1: &str = "RSA-SHA1";

/// How far `oauth_timestamp` may be from the server clock, either way, in seconds: net.oauth's
/// `SimpleOAuthValidator.DEFAULT_MAX_TIMESTAMP_AGE` (5 minutes), which Jira's OAuth plugin
/// builds on.
pub const TIMESTAMP_WINDOW_SECS: i64 = 300;

/// Why an OAuth 1.0a request was refused; [`Problem::as_str`] is Jira's `oauth_problem` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The signature does not verify (or is not base64), or a protocol parameter is repeated.
    SignatureInvalid,
    /// `oauth_signature_method` is not `RSA-SHA1` (e.g. HMAC-SHA1).
    SignatureMethodRejected,
    /// These required `oauth_*` parameters are missing (or empty).
    ParameterAbsent(Vec<String>),
    /// `oauth_timestamp` is outside the window or not a number.
    TimestampRefused,
    /// The nonce was already used with this timestamp, consumer and token.
    NonceUsed,
    /// No application link has this consumer key (or its public key is unusable).
    ConsumerKeyUnknown,
    /// The token is unknown, of the wrong kind, or belongs to another consumer.
    TokenRejected,
    /// The token has expired.
    TokenExpired,
    /// The user denied access (or the token was not authorised).
    PermissionDenied,
    /// `oauth_version` is present and not `1.0`.
    VersionRejected,
}

impl Problem {
    /// The `oauth_problem` value Jira sends.
    ///
    /// [`Problem::SignatureMethodRejected`] answers `token_rejected`: Jira does not accept
    /// HMAC-SHA1 and reports it as a rejected token, not as `signature_method_rejected`
    /// (JIRA-API-NOTES §1, "Signature method", from a public report of an HMAC-SHA1 request
    /// answered 401 `token_rejected`). Atlassian documents no wording of its own, so we follow
    /// the observed behaviour.
    pub fn as_str(&self) -> &'static str {
        match self {
            Problem::SignatureInvalid => "signature_invalid",
            Problem::SignatureMethodRejected => "token_rejected",
            Problem::ParameterAbsent(_) => "parameter_absent",
            Problem::TimestampRefused => "timestamp_refused",
            Problem::NonceUsed => "nonce_used",
            Problem::ConsumerKeyUnknown => "consumer_key_unknown",
            Problem::TokenRejected => "token_rejected",
            Problem::TokenExpired => "token_expired",
            Problem::PermissionDenied => "permission_denied",
            Problem::VersionRejected => "version_rejected",
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::error::Error for Problem {}

/// A [`Problem`] with the extra `oauth_*` parameters Jira reports alongside it, e.g.
/// `oauth_signature_base_string` for `signature_invalid`, so a client can compare base strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// What went wrong.
    pub problem: Problem,
    /// Extra `(name, value)` pairs for the answer, in order; names start with `oauth_`.
    pub details: Vec<(String, String)>,
}

impl From<Problem> for Rejection {
    fn from(problem: Problem) -> Self {
        // net.oauth's `requireParameters` reports the missing names, percent-encoded and
        // joined with `&`, as `oauth_parameters_absent`.
        let details = match &problem {
            Problem::ParameterAbsent(names) => vec![(
                "oauth_parameters_absent".to_string(),
                names
                    .iter()
                    .map(|n| percent_encode(n))
                    .collect::<Vec<_>>()
                    .join("&"),
            )],
            _ => Vec::new(),
        };
        Rejection { problem, details }
    }
}

impl Rejection {
    /// `timestamp_refused` with net.oauth's `oauth_acceptable_timestamps=min-max`.
    pub fn timestamp_refused(now: i64) -> Rejection {
        let range = format!(
            "{}-{}",
            now.saturating_sub(TIMESTAMP_WINDOW_SECS),
            now.saturating_add(TIMESTAMP_WINDOW_SECS)
        );
        Rejection {
            problem: Problem::TimestampRefused,
            details: vec![("oauth_acceptable_timestamps".to_string(), range)],
        }
    }
}

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

/// Protocol parameters that may appear once only (net.oauth's `SINGLE_PARAMETERS`, plus the
/// verifier).
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

/// Required in every signed request, reported in this order when absent.
const REQUIRED: [&str; 5] = [
    "oauth_consumer_key",
    "oauth_signature_method",
    "oauth_signature",
    "oauth_timestamp",
    "oauth_nonce",
];

/// [`verify`], with the details Jira adds to the answer (see [`rejection_response_parts`]).
///
/// Checks run in this order: repeated protocol parameter → `signature_invalid` (RFC 5849 §3.2
/// calls it a bad request; there is no closer `oauth_problem` in our set), missing →
/// `parameter_absent`, `oauth_version` ≠ `1.0` → `version_rejected`, a timestamp that is not
/// a number → `timestamp_refused`, unknown consumer → `consumer_key_unknown`, method ≠
/// RSA-SHA1 → [`Problem::SignatureMethodRejected`], bad signature → `signature_invalid`.
pub fn verify_detailed(
    method: &str,
    url: &url::Url,
    authorization: Option<&str>,
    form_body: Option<&[u8]>,
    public_key_for: impl Fn(&str) -> Option<String>,
) -> Result<SignedRequest, Rejection> {
    let mut all = collect_params(url, authorization, form_body);
    let single = |name: &str| -> Result<Option<String>, Rejection> {
        let mut values = all.iter().filter(|(n, _)| n == name).map(|(_, v)| v);
        match (values.next(), values.next()) {
            (Some(_), Some(_)) => Err(Problem::SignatureInvalid.into()),
            (first, _) => Ok(first.filter(|v| !v.is_empty()).cloned()),
        }
    };
    for name in SINGLE_PARAMETERS {
        single(name)?;
    }
    let absent: Vec<String> = REQUIRED
        .iter()
        .filter(|name| matches!(single(name), Ok(None)))
        .map(|name| name.to_string())
        .collect();
    if !absent.is_empty() {
        return Err(Problem::ParameterAbsent(absent).into());
    }
    let get = |name: &str| single(name).ok().flatten().unwrap_or_default();
    if single("oauth_version")?.is_some_and(|v| v != "1.0") {
        return Err(Rejection {
            problem: Problem::VersionRejected,
            details: vec![("oauth_acceptable_versions".into(), "1.0-1.0".into())],
        });
    }
    let timestamp_text = get("oauth_timestamp");
    let timestamp = match timestamp_text.parse::<i64>() {
        Ok(ts) if timestamp_text.bytes().all(|b| b.is_ascii_digit()) => ts,
        _ => return Err(Problem::TimestampRefused.into()),
    };
    let consumer_key = get("oauth_consumer_key");
    // A stored key that does not parse makes the link unusable: report it like a missing link.
    let key = public_key_for(&consumer_key)
        .and_then(|pem| parse_public_key(&pem).ok())
        .ok_or(Problem::ConsumerKeyUnknown)?;
    let signature_method = get("oauth_signature_method");
    if signature_method != RSA_SHA1 {
        return Err(Problem::SignatureMethodRejected.into());
    }
    let signature = get("oauth_signature");
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
    let token = single("oauth_token")?;
    let callback = single("oauth_callback")?;
    let verifier = single("oauth_verifier")?;
    let nonce = get("oauth_nonce");
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

/// Parses an RSA public key in PEM: SPKI (`BEGIN PUBLIC KEY`, what `openssl rsa -pubout`
/// writes and Jira's link form expects) or PKCS#1 (`BEGIN RSA PUBLIC KEY`). CRLF line ends and
/// surrounding whitespace are accepted.
pub fn parse_public_key(pem: &str) -> Result<RsaPublicKey, String> {
    let pem = pem.trim().replace("\r\n", "\n");
    let spki = match RsaPublicKey::from_public_key_pem(&pem) {
        Ok(key) => return Ok(key),
        Err(e) => e,
    };
    RsaPublicKey::from_pkcs1_pem(&pem)
        .map_err(|pkcs1| format!("not an RSA public key in PEM (SPKI: {spki}; PKCS#1: {pkcs1})"))
}

/// The `WWW-Authenticate` value and the form-encoded body Jira answers a [`Problem`] with
/// (status 401), e.g. `OAuth realm="http%3A%2F%2Fjira", oauth_problem="token_rejected"` and
/// `oauth_problem=token_rejected`. `realm` is the site's base URL.
pub fn problem_response_parts(p: &Problem, realm: &str) -> (String, String) {
    rejection_response_parts(&Rejection::from(p.clone()), realm)
}

/// [`problem_response_parts`] for a [`Rejection`], its details included: Jira's body for a bad
/// signature is `oauth_problem=signature_invalid&oauth_signature=…&
/// oauth_signature_base_string=…&oauth_signature_method=RSA-SHA1` (observed in a Jira answer
/// quoted on community.atlassian.com, "REST Api Oauth Invalid Signature", qaq-p/577714).
///
/// Shapes follow net.oauth's `OAuthServlet.handleException`: the header is
/// `OAuth realm="<encoded realm>", name="<encoded value>", …` and the body is the same pairs,
/// each name and value encoded per RFC 5849 §3.6 and joined with `&`.
pub fn rejection_response_parts(r: &Rejection, realm: &str) -> (String, String) {
    let mut pairs: Vec<(&str, &str)> = vec![("oauth_problem", r.problem.as_str())];
    pairs.extend(r.details.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let mut header = format!("OAuth realm=\"{}\"", percent_encode(realm));
    for (name, value) in &pairs {
        header.push_str(&format!(
            ", {}=\"{}\"",
            percent_encode(name),
            percent_encode(value)
        ));
    }
    let body = pairs
        .iter()
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    (header, body)
}
