//! OAuth 1.0a problems (the "Problem Reporting" extension Jira uses) and how Jira answers them.
//!
//! Sources: Atlassian's OAuth service-provider plugin (`AuthenticatorImpl`,
//! `AccessTokenServlet`, decompiled copies in public repositories) hands every problem to
//! net.oauth's `OAuthServlet.handleException(response, e, baseUrl)`, which picks the status
//! from `PROBLEM_TO_HTTP_CODE`, writes `WWW-Authenticate: OAuth realm="<encoded base URL>",
//! oauth_problem="…", …` and the same pairs as a form-encoded body.

use super::{percent_encode, TIMESTAMP_WINDOW_SECS};

/// Why an OAuth 1.0a request was refused; [`Problem::as_str`] is Jira's `oauth_problem` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The signature does not verify (or is not base64).
    SignatureInvalid,
    /// `oauth_signature_method` is not `RSA-SHA1` (e.g. HMAC-SHA1).
    SignatureMethodRejected,
    /// These required `oauth_*` parameters are missing (or empty).
    ParameterAbsent(Vec<String>),
    /// `oauth_timestamp` is outside the window or not a number.
    TimestampRefused,
    /// The nonce was already used by this consumer.
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
    /// These protocol parameters appear more than once (net.oauth's `checkSingleParameters`).
    ParameterRejected(Vec<String>),
}

impl Problem {
    /// The `oauth_problem` value Jira sends.
    ///
    /// HMAC-SHA1 gets `signature_method_rejected`: Atlassian's `OAuthValidatorImpl` throws it
    /// for any method but `RSA-SHA1`. On API calls Jira checks the token *before* the
    /// signature method, so an HMAC client without a valid token sees `token_rejected` first —
    /// the 401 `token_rejected` reported for HMAC clients (JIRA-API-NOTES §1).
    pub fn as_str(&self) -> &'static str {
        match self {
            Problem::SignatureInvalid => "signature_invalid",
            Problem::SignatureMethodRejected => "signature_method_rejected",
            Problem::ParameterAbsent(_) => "parameter_absent",
            Problem::TimestampRefused => "timestamp_refused",
            Problem::NonceUsed => "nonce_used",
            Problem::ConsumerKeyUnknown => "consumer_key_unknown",
            Problem::TokenRejected => "token_rejected",
            Problem::TokenExpired => "token_expired",
            Problem::PermissionDenied => "permission_denied",
            Problem::VersionRejected => "version_rejected",
            Problem::ParameterRejected(_) => "parameter_rejected",
        }
    }

    /// The HTTP status Jira answers with: net.oauth's `PROBLEM_TO_HTTP_CODE` gives 400 to the
    /// malformed-request problems (`version_rejected`, `parameter_absent`,
    /// `parameter_rejected`, `timestamp_refused`, `signature_method_rejected`) and 401 to the
    /// rest.
    pub fn http_status(&self) -> u16 {
        match self {
            Problem::VersionRejected
            | Problem::ParameterAbsent(_)
            | Problem::ParameterRejected(_)
            | Problem::TimestampRefused
            | Problem::SignatureMethodRejected => 400,
            _ => 401,
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
        // net.oauth reports the names, percent-encoded and joined with `&`, as
        // `oauth_parameters_absent` / `oauth_parameters_rejected`.
        let list = |key: &str, names: &[String]| {
            let joined = names.iter().map(|n| percent_encode(n)).collect::<Vec<_>>();
            vec![(key.to_string(), joined.join("&"))]
        };
        let details = match &problem {
            Problem::ParameterAbsent(names) => list("oauth_parameters_absent", names),
            Problem::ParameterRejected(names) => list("oauth_parameters_rejected", names),
            Problem::VersionRejected => {
                vec![(
                    "oauth_acceptable_versions".to_string(),
                    "1.0-1.0".to_string(),
                )]
            }
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

/// The `WWW-Authenticate` value and the form-encoded body Jira answers a [`Problem`] with
/// (status: [`Problem::http_status`]), e.g. `OAuth realm="http%3A%2F%2Fjira",
/// oauth_problem="token_rejected"` and `oauth_problem=token_rejected`. `realm` is the site's
/// base URL.
pub fn problem_response_parts(p: &Problem, realm: &str) -> (String, String) {
    rejection_response_parts(&Rejection::from(p.clone()), realm)
}

/// [`problem_response_parts`] for a [`Rejection`], its details included. Jira's body for a
/// bad signature is `oauth_problem=signature_invalid&oauth_signature=…&
/// oauth_signature_base_string=…&oauth_signature_method=RSA-SHA1` (a Jira answer quoted on
/// community.atlassian.com, "REST Api Oauth Invalid Signature", qaq-p/577714).
///
/// Shapes follow net.oauth (`OAuthMessage.getAuthorizationHeader`, `OAuth.formEncode`): the
/// header is `OAuth realm="<encoded realm>", name="<encoded value>", …` and the body is the
/// same pairs, each name and value encoded per RFC 5849 §3.6 and joined with `&`.
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
