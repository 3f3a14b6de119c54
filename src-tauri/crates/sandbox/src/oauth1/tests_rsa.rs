//! End-to-end tests of [`verify`] with RSA keys made and used by the `rsa` crate.

use std::sync::OnceLock;

use base64::Engine as _;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::RsaPrivateKey;

use super::*;

pub(super) fn keys() -> &'static (RsaPrivateKey, RsaPrivateKey) {
    static KEYS: OnceLock<(RsaPrivateKey, RsaPrivateKey)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut rng = rand::thread_rng();
        let a = RsaPrivateKey::new(&mut rng, 2048).expect("key generation");
        let b = RsaPrivateKey::new(&mut rng, 2048).expect("key generation");
        (a, b)
    })
}

fn pem_of(key: &RsaPrivateKey) -> String {
    key.to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("PEM encoding")
}

/// The application link registry of these tests: consumer `jiffy` with the first key.
pub(super) fn registry(consumer: &str) -> Option<String> {
    (consumer == "jiffy").then(|| pem_of(&keys().0))
}

pub(super) fn url(s: &str) -> url::Url {
    url::Url::parse(s).expect("test URL parses")
}

pub(super) fn header_of(params: &[(&str, &str)]) -> String {
    let items: Vec<String> = params
        .iter()
        .map(|(n, v)| format!("{}=\"{}\"", percent_encode(n), percent_encode(v)))
        .collect();
    format!("OAuth realm=\"http%3A%2F%2Fjira\", {}", items.join(", "))
}

/// Signs like a client: base string over query + body + `oauth` params, RSA-SHA1 with `key`,
/// and returns the `Authorization` header.
pub(super) fn signed_header(
    key: &RsaPrivateKey,
    method: &str,
    u: &url::Url,
    body: Option<&[u8]>,
    oauth: &[(&str, &str)],
) -> String {
    let unsigned = header_of(oauth);
    let base = signature_base_string(method, u, &collect_params(u, Some(&unsigned), body));
    let signature = SigningKey::<Sha1>::new(key.clone()).sign(base.as_bytes());
    let b64 = base64::engine::general_purpose::STANDARD.encode(signature.to_vec());
    let mut all = oauth.to_vec();
    all.push(("oauth_signature", &b64));
    header_of(&all)
}

pub(super) const OAUTH: [(&str, &str); 6] = [
    ("oauth_consumer_key", "jiffy"),
    ("oauth_token", "access-1"),
    ("oauth_signature_method", "RSA-SHA1"),
    ("oauth_timestamp", "1764000000"),
    ("oauth_nonce", "n0nce"),
    ("oauth_version", "1.0"),
];

pub(super) const API_URL: &str =
    "http://127.0.0.1:8080/rest/api/2/search?jql=project%20%3D%20DOC&maxResults=5";

#[test]
fn a_signed_request_verifies_and_is_parsed() {
    let u = url(API_URL);
    let body: &[u8] = b"oauth_verifier=v%2B1&x=1+2";
    let mut oauth = OAUTH.to_vec();
    oauth.push(("oauth_callback", "http://localhost:9/cb?a=b"));
    let header = signed_header(&keys().0, "POST", &u, Some(body), &oauth);
    let request = verify("POST", &u, Some(&header), Some(body), registry).expect("verifies");
    assert_eq!(request.consumer_key, "jiffy");
    assert_eq!(request.token.as_deref(), Some("access-1"));
    assert_eq!(request.timestamp, 1_764_000_000);
    assert_eq!(request.nonce, "n0nce");
    assert_eq!(
        request.callback.as_deref(),
        Some("http://localhost:9/cb?a=b")
    );
    assert_eq!(request.verifier.as_deref(), Some("v+1"));
    assert!(request
        .params
        .contains(&("x".to_string(), "1 2".to_string())));
    assert!(request
        .params
        .contains(&("jql".to_string(), "project = DOC".to_string())));
    assert!(!request
        .params
        .iter()
        .any(|(n, _)| n == "oauth_signature" || n == "realm"));
    assert!(request
        .base_string
        .starts_with("POST&http%3A%2F%2F127.0.0.1%3A8080%2Frest%2F"));
}

#[test]
fn the_rfc_example_request_signed_with_rsa_verifies_over_the_rfc_base_string() {
    let u = url("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    let body: &[u8] = b"c2&a3=2+q";
    let oauth = [
        ("oauth_consumer_key", "jiffy"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "RSA-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
    ];
    let header = signed_header(&keys().0, "POST", &u, Some(body), &oauth);
    let request = verify("POST", &u, Some(&header), Some(body), registry).expect("verifies");
    let expected = "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q\
        %26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3Djiffy\
        %26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DRSA-SHA1\
        %26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";
    assert_eq!(request.base_string, expected);
    // Without the form body (e.g. a JSON request) the signature no longer matches.
    assert_eq!(
        verify("POST", &u, Some(&header), None, registry),
        Err(Problem::SignatureInvalid)
    );
}

#[test]
fn parameters_may_travel_in_the_query_instead_of_the_header() {
    let base = url("http://127.0.0.1:8080/plugins/servlet/oauth/request-token?a=1");
    let unsigned_oauth: Vec<(&str, &str)> = OAUTH.to_vec();
    let header = signed_header(&keys().0, "GET", &base, None, &unsigned_oauth);
    let params = parse_authorization(&header).expect("OAuth header");
    let mut u = base.clone();
    for (n, v) in params.iter().filter(|(n, _)| n != "realm") {
        u.query_pairs_mut().append_pair(n, v);
    }
    let request = verify("GET", &u, None, None, registry).expect("verifies from the query");
    assert_eq!(request.token.as_deref(), Some("access-1"));
}

#[test]
fn tampering_anything_signed_gives_signature_invalid() {
    let u = url(API_URL);
    let header = signed_header(&keys().0, "GET", &u, None, &OAUTH);
    assert!(verify("GET", &u, Some(&header), None, registry).is_ok());
    let cases = [
        ("GET", API_URL.replace("maxResults=5", "maxResults=6")),
        ("POST", API_URL.to_string()),
        ("GET", API_URL.replace("8080", "8081")),
        ("GET", API_URL.replace("/search", "/Search")),
        ("GET", API_URL.replace("http:", "https:")),
        ("GET", format!("{API_URL}&extra=1")),
    ];
    for (method, tampered) in cases {
        let result = verify(method, &url(&tampered), Some(&header), None, registry);
        assert_eq!(
            result,
            Err(Problem::SignatureInvalid),
            "{method} {tampered}"
        );
    }
    let tampered_header = header.replace("n0nce", "n0nc3");
    let rejection = verify_detailed("GET", &u, Some(&tampered_header), None, registry)
        .expect_err("tampered nonce");
    assert_eq!(rejection.problem, Problem::SignatureInvalid);
    let names: Vec<&str> = rejection.details.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "oauth_signature",
            "oauth_signature_base_string",
            "oauth_signature_method"
        ]
    );
    assert!(rejection.details[1].1.contains("oauth_nonce%3Dn0nc3"));
}

#[test]
fn a_signature_by_another_key_is_invalid() {
    let u = url(API_URL);
    let header = signed_header(&keys().1, "GET", &u, None, &OAUTH);
    assert_eq!(
        verify("GET", &u, Some(&header), None, registry),
        Err(Problem::SignatureInvalid)
    );
}

#[test]
fn garbage_signatures_are_invalid() {
    let u = url(API_URL);
    for signature in ["%%%", "AAAA", "not base64!", "QUJD"] {
        let mut oauth = OAUTH.to_vec();
        oauth.push(("oauth_signature", signature));
        let header = header_of(&oauth);
        assert_eq!(
            verify("GET", &u, Some(&header), None, registry),
            Err(Problem::SignatureInvalid),
            "{signature}"
        );
    }
}

#[test]
fn missing_parameters_are_listed_stage_by_stage_as_jira_checks_them() {
    let u = url(API_URL);
    let absent = |names: &[&str]| {
        Err(Problem::ParameterAbsent(
            names.iter().map(|s| s.to_string()).collect(),
        ))
    };
    let header = header_of(&[("oauth_consumer_key", "jiffy"), ("oauth_nonce", "")]);
    let result = verify("GET", &u, Some(&header), None, registry);
    assert_eq!(result, absent(&["oauth_signature_method"]));
    let header = header_of(&[
        ("oauth_consumer_key", "jiffy"),
        ("oauth_signature_method", "RSA-SHA1"),
        ("oauth_nonce", ""),
    ]);
    let result = verify("GET", &u, Some(&header), None, registry);
    assert_eq!(result, absent(&["oauth_timestamp", "oauth_nonce"]));
    let header = header_of(&OAUTH);
    let rejection = verify_detailed("GET", &u, Some(&header), None, registry).expect_err("no sig");
    assert_eq!(
        rejection.problem,
        Problem::ParameterAbsent(vec!["oauth_signature".into()])
    );
    let (_, body) = rejection_response_parts(&rejection, "r");
    assert_eq!(
        body,
        "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_signature"
    );
}

#[test]
fn garbage_or_foreign_headers_mean_every_parameter_is_absent() {
    let all_absent = Problem::ParameterAbsent(vec![
        "oauth_signature_method".to_string(),
        "oauth_consumer_key".to_string(),
    ]);
    let u = url(API_URL);
    for header in [
        "OAuth",
        "OAuth garbage",
        "Basic dXNlcjpwYXNz",
        "\u{0}\u{7f}é",
        "",
    ] {
        let result = verify("GET", &u, Some(header), None, registry);
        assert_eq!(result, Err(all_absent.clone()), "{header:?}");
    }
    assert_eq!(verify("GET", &u, None, None, registry), Err(all_absent));
}

#[test]
fn hmac_sha1_is_rejected_as_jira_does() {
    let u = url(API_URL);
    let mut oauth = OAUTH.to_vec();
    oauth[2] = ("oauth_signature_method", "HMAC-SHA1");
    oauth.push(("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="));
    let result = verify("GET", &u, Some(&header_of(&oauth)), None, registry);
    assert_eq!(result, Err(Problem::SignatureMethodRejected));
    let (_, body) = problem_response_parts(&Problem::SignatureMethodRejected, "r");
    assert_eq!(body, "oauth_problem=signature_method_rejected");
}

#[test]
fn unknown_consumers_and_unusable_keys_are_consumer_key_unknown() {
    let u = url(API_URL);
    let mut oauth = OAUTH.to_vec();
    oauth[0] = ("oauth_consumer_key", "stranger");
    let header = signed_header(&keys().0, "GET", &u, None, &oauth);
    assert_eq!(
        verify("GET", &u, Some(&header), None, registry),
        Err(Problem::ConsumerKeyUnknown)
    );
    let broken = |_: &str| Some("-----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----".into());
    assert_eq!(
        verify("GET", &u, Some(&header), None, broken),
        Err(Problem::ConsumerKeyUnknown)
    );
}

#[test]
fn versions_other_than_1_0_are_rejected_and_version_is_optional() {
    let u = url(API_URL);
    let mut oauth = OAUTH.to_vec();
    oauth[5] = ("oauth_version", "2.0");
    let header = signed_header(&keys().0, "GET", &u, None, &oauth);
    assert_eq!(
        verify("GET", &u, Some(&header), None, registry),
        Err(Problem::VersionRejected)
    );
    let header = signed_header(&keys().0, "GET", &u, None, &OAUTH[..5]);
    assert!(verify("GET", &u, Some(&header), None, registry).is_ok());
    // net.oauth compares numerically, so "1" is 1.0.
    oauth[5] = ("oauth_version", "1");
    let header = signed_header(&keys().0, "GET", &u, None, &oauth);
    assert!(verify("GET", &u, Some(&header), None, registry).is_ok());
}

#[test]
fn with_a_clock_stale_timestamps_are_refused_before_the_signature() {
    let u = url(API_URL);
    let header = signed_header(&keys().0, "GET", &u, None, &OAUTH);
    let now = 1_764_000_000 + TIMESTAMP_WINDOW_SECS;
    let request = verify_with_clock("GET", &u, Some(&header), None, now, registry);
    assert_eq!(request.map(|r| r.timestamp), Ok(1_764_000_000));
    let later = now + 1;
    let tampered = header.replace("n0nce", "other");
    let rejection = verify_with_clock("GET", &u, Some(&tampered), None, later, registry)
        .expect_err("stale and tampered");
    assert_eq!(rejection, Rejection::timestamp_refused(later));
    assert_eq!(rejection.details[0].1, "1764000001-1764000601");
}

#[test]
fn non_numeric_timestamps_are_refused() {
    let u = url(API_URL);
    for ts in ["soon", "-5", "+5", "99999999999999999999", "1.5"] {
        let mut oauth = OAUTH.to_vec();
        oauth[3] = ("oauth_timestamp", ts);
        let header = signed_header(&keys().0, "GET", &u, None, &oauth);
        let result = verify("GET", &u, Some(&header), None, registry);
        assert_eq!(result, Err(Problem::TimestampRefused), "{ts}");
    }
}

#[test]
fn a_repeated_protocol_parameter_is_refused() {
    let base = url(API_URL);
    let header = signed_header(&keys().0, "GET", &base, None, &OAUTH);
    let mut u = base.clone();
    u.query_pairs_mut().append_pair("oauth_token", "other");
    let rejection = verify_detailed("GET", &u, Some(&header), None, registry).expect_err("twice");
    assert_eq!(
        rejection.problem,
        Problem::ParameterRejected(vec!["oauth_token".into()])
    );
    let (_, body) = rejection_response_parts(&rejection, "r");
    assert_eq!(
        body,
        "oauth_problem=parameter_rejected\
         &oauth_parameters_rejected=oauth_token%3Dother%26oauth_token%3Daccess-1"
    );
}
