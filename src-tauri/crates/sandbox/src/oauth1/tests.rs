//! Wire-level tests: encoding, header parsing, base strings, answers, timestamps, PEM parsing.

use super::*;

/// RFC 5849 §3.4.1.1: the example request (query, form body `c2&a3=2+q`, header with
/// `realm`) and, below, the base string the RFC prints for it (there wrapped over five lines).
const RFC_URL: &str = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
const RFC_HEADER: &str = "OAuth realm=\"Example\",\r\n               \
    oauth_consumer_key=\"9djdj82h48djs9d2\",\r\n               \
    oauth_token=\"kkk9d7dh3k39sjv7\",\r\n               \
    oauth_signature_method=\"HMAC-SHA1\",\r\n               \
    oauth_timestamp=\"137131201\",\r\n               \
    oauth_nonce=\"7d8f3e4a\",\r\n               \
    oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"";
const RFC_BODY: &[u8] = b"c2&a3=2+q";
const RFC_BASE_STRING: &str = concat!(
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q",
    "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_",
    "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m",
    "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk",
    "9d7dh3k39sjv7",
);

fn url(s: &str) -> url::Url {
    url::Url::parse(s).expect("test URL parses")
}

#[test]
fn rfc5849_example_base_string_is_reproduced_exactly() {
    let u = url(RFC_URL);
    let params = collect_params(&u, Some(RFC_HEADER), Some(RFC_BODY));
    assert_eq!(signature_base_string("post", &u, &params), RFC_BASE_STRING);
}

#[test]
fn rfc5849_example_parameters_decode_as_the_rfc_table() {
    // §3.4.1.3.1: b5 is "=%3D" (decoded once), c@ and c2 empty, a3 twice, realm dropped.
    let params = collect_params(&url(RFC_URL), Some(RFC_HEADER), Some(RFC_BODY));
    let has = |n: &str, v: &str| params.iter().any(|(a, b)| a == n && b == v);
    assert!(has("b5", "=%3D") && has("c@", "") && has("a2", "r b") && has("c2", ""));
    assert!(has("a3", "a") && has("a3", "2 q"));
    assert!(has("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="));
    assert!(!params.iter().any(|(n, _)| n == "realm"));
    assert_eq!(params.len(), 12);
}

#[test]
fn percent_encoding_follows_section_3_6() {
    assert_eq!(percent_encode("a b"), "a%20b");
    assert_eq!(percent_encode("a+b"), "a%2Bb");
    assert_eq!(percent_encode("-._~"), "-._~");
    assert_eq!(percent_encode("AZaz09"), "AZaz09");
    assert_eq!(percent_encode("*'()!/=&%"), "%2A%27%28%29%21%2F%3D%26%25");
    assert_eq!(percent_encode("é☃"), "%C3%A9%E2%98%83");
    assert_eq!(percent_encode(""), "");
}

#[test]
fn plus_in_query_is_a_space_but_encoded_plus_stays_plus() {
    let u = url("http://h/p?q=a+b&r=a%2Bb&s=caf%C3%A9");
    let base = signature_base_string("GET", &u, &collect_params(&u, None, None));
    assert_eq!(
        base,
        "GET&http%3A%2F%2Fh%2Fp&q%3Da%2520b%26r%3Da%252Bb%26s%3Dcaf%25C3%25A9"
    );
}

#[test]
fn base_string_uri_normalises_scheme_host_and_port() {
    assert_eq!(
        base_string_uri(&url("HTTP://Example.COM:80/r%20v/X?q=1#f")),
        "http://example.com/r%20v/X"
    );
    assert_eq!(
        base_string_uri(&url("https://example.com:443/")),
        "https://example.com/"
    );
    assert_eq!(
        base_string_uri(&url("https://u:p@example.com:8443")),
        "https://example.com:8443/"
    );
    assert_eq!(
        base_string_uri(&url("http://127.0.0.1:8080/jira/")),
        "http://127.0.0.1:8080/jira/"
    );
}

#[test]
fn parameters_sort_by_encoded_name_then_value() {
    let u = url("http://h/");
    let params = vec![
        ("z".to_string(), "1".to_string()),
        ("a".to_string(), "b".to_string()),
        ("a".to_string(), "B".to_string()),
        ("a2".to_string(), "x".to_string()),
        ("oauth_signature".to_string(), "dropped".to_string()),
    ];
    assert_eq!(
        signature_base_string("get", &u, &params),
        "GET&http%3A%2F%2Fh%2F&a%3DB%26a%3Db%26a2%3Dx%26z%3D1"
    );
}

#[test]
fn header_parsing_tolerates_spacing_and_decodes_values() {
    let pairs =
        parse_authorization("oauth  realm=\"r\",oauth_a = \"x%20y\" ,\n\toauth_b=\"%E2%98%83\"")
            .expect("OAuth scheme");
    let expected = [("realm", "r"), ("oauth_a", "x y"), ("oauth_b", "☃")];
    assert_eq!(pairs.len(), 3);
    for ((n, v), (en, ev)) in pairs.iter().zip(expected) {
        assert_eq!((n.as_str(), v.as_str()), (en, ev));
    }
}

#[test]
fn header_of_another_scheme_or_garbage_yields_no_parameters() {
    assert_eq!(parse_authorization("Basic dXNlcjpwYXNz"), None);
    assert_eq!(parse_authorization("Bearer abc"), None);
    assert_eq!(parse_authorization(""), None);
    // Items that are not name="value" are skipped, as net.oauth does.
    let pairs = parse_authorization("OAuth ,,=\"x\", a=b, c=\"d\"e\", f=\"g").expect("OAuth");
    assert!(pairs.is_empty(), "{pairs:?}");
}

#[test]
fn raw_plus_in_a_header_value_reads_as_space_like_jira() {
    let pairs = parse_authorization("OAuth oauth_signature=\"ab+c%2B\"").expect("OAuth");
    assert_eq!(
        pairs,
        vec![("oauth_signature".to_string(), "ab c+".to_string())]
    );
}

#[test]
fn problem_strings_are_jiras() {
    assert_eq!(Problem::SignatureInvalid.as_str(), "signature_invalid");
    assert_eq!(
        Problem::ParameterAbsent(vec![]).as_str(),
        "parameter_absent"
    );
    assert_eq!(Problem::TimestampRefused.as_str(), "timestamp_refused");
    assert_eq!(Problem::NonceUsed.as_str(), "nonce_used");
    assert_eq!(Problem::ConsumerKeyUnknown.as_str(), "consumer_key_unknown");
    assert_eq!(Problem::TokenRejected.as_str(), "token_rejected");
    assert_eq!(Problem::TokenExpired.as_str(), "token_expired");
    assert_eq!(Problem::PermissionDenied.as_str(), "permission_denied");
    assert_eq!(Problem::VersionRejected.as_str(), "version_rejected");
    assert_eq!(
        Problem::SignatureMethodRejected.as_str(),
        "signature_method_rejected"
    );
    assert_eq!(
        Problem::ParameterRejected(vec![]).as_str(),
        "parameter_rejected"
    );
    assert_eq!(Problem::NonceUsed.to_string(), "nonce_used");
}

#[test]
fn statuses_follow_net_oauth() {
    let bad_request = [
        Problem::VersionRejected,
        Problem::ParameterAbsent(vec![]),
        Problem::ParameterRejected(vec![]),
        Problem::TimestampRefused,
        Problem::SignatureMethodRejected,
    ];
    for p in bad_request {
        assert_eq!(p.http_status(), 400, "{p}");
    }
    let unauthorized = [
        Problem::SignatureInvalid,
        Problem::NonceUsed,
        Problem::ConsumerKeyUnknown,
        Problem::TokenRejected,
        Problem::TokenExpired,
        Problem::PermissionDenied,
    ];
    for p in unauthorized {
        assert_eq!(p.http_status(), 401, "{p}");
    }
}

#[test]
fn response_parts_have_jiras_shape() {
    let (header, body) = problem_response_parts(&Problem::TokenRejected, "http://127.0.0.1:8080");
    assert_eq!(
        header,
        "OAuth realm=\"http%3A%2F%2F127.0.0.1%3A8080\", oauth_problem=\"token_rejected\""
    );
    assert_eq!(body, "oauth_problem=token_rejected");

    let absent = Problem::ParameterAbsent(vec!["oauth_nonce".into(), "oauth_timestamp".into()]);
    let (header, body) = problem_response_parts(&absent, "r");
    assert_eq!(
        header,
        "OAuth realm=\"r\", oauth_problem=\"parameter_absent\", \
         oauth_parameters_absent=\"oauth_nonce%26oauth_timestamp\""
    );
    assert_eq!(
        body,
        "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_nonce%26oauth_timestamp"
    );

    let (_, body) = problem_response_parts(&Problem::VersionRejected, "r");
    assert_eq!(
        body,
        "oauth_problem=version_rejected&oauth_acceptable_versions=1.0-1.0"
    );
}

#[test]
fn signature_rejection_carries_the_base_string() {
    let rejection = Rejection {
        problem: Problem::SignatureInvalid,
        details: vec![
            ("oauth_signature".into(), "a+b/c=".into()),
            (
                "oauth_signature_base_string".into(),
                "GET&http%3A%2F%2Fh%2F&".into(),
            ),
            ("oauth_signature_method".into(), "RSA-SHA1".into()),
        ],
    };
    let (header, body) = rejection_response_parts(&rejection, "r");
    assert_eq!(
        body,
        "oauth_problem=signature_invalid&oauth_signature=a%2Bb%2Fc%3D\
         &oauth_signature_base_string=GET%26http%253A%252F%252Fh%252F%26\
         &oauth_signature_method=RSA-SHA1"
    );
    assert!(header.contains(", oauth_signature_base_string=\"GET%26http%253A%252F%252Fh%252F%26\""));
}

#[test]
fn timestamp_window_is_five_minutes_either_way() {
    let now = 1_764_000_000;
    assert_eq!(check_timestamp(now, now), Ok(()));
    assert_eq!(check_timestamp(now - 300, now), Ok(()));
    assert_eq!(check_timestamp(now + 300, now), Ok(()));
    assert_eq!(
        check_timestamp(now - 301, now),
        Err(Problem::TimestampRefused)
    );
    assert_eq!(
        check_timestamp(now + 301, now),
        Err(Problem::TimestampRefused)
    );
    assert_eq!(
        check_timestamp(i64::MIN, i64::MAX),
        Err(Problem::TimestampRefused)
    );
    assert_eq!(check_timestamp(i64::MAX, i64::MAX), Ok(()));
    let r = Rejection::timestamp_refused(1000);
    assert_eq!(
        r.details,
        vec![(
            "oauth_acceptable_timestamps".to_string(),
            "700-1300".to_string()
        )]
    );
}

/// `openssl rsa -pubout` and `openssl rsa -RSAPublicKey_out` of one 2048-bit key made with
/// `openssl genrsa` (OpenSSL 3.0) for these tests.
pub(super) const OPENSSL_SPKI_PEM: &str = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlr8n9e0W5SoRZpburV6K
i877W0AC6176g/PyA1qRx33Hb4bEkjsTACARs0iKixfwIXbAnh8i6iiVl5J9CQzi
mHJquypyi5Uk2z4preXhA5rLAjGvE+AAFzHBzzk4x3S1VzxLxbRxg9LSvjA+uH/V
iq1jA3ulluIXBvQMfSX0QRXem2aiPsTQRjaUZ+VHfGDMkM9g3CPLZ2nCh4Gz263x
ehvnYq2KwGKJxhSQ9R5nvhfXDQOJ9oumq9YryoOPLsgZR7z/nrprYXc6NY3JpfTj
Cmj0dMH/cgdur5kzKwuSy/74tmIDSKz0KsJJvSNTeMmlLKXjGO+WarxKOR/iP38f
eQIDAQAB
-----END PUBLIC KEY-----
";
pub(super) const OPENSSL_PKCS1_PEM: &str = "-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAlr8n9e0W5SoRZpburV6Ki877W0AC6176g/PyA1qRx33Hb4bEkjsT
ACARs0iKixfwIXbAnh8i6iiVl5J9CQzimHJquypyi5Uk2z4preXhA5rLAjGvE+AA
FzHBzzk4x3S1VzxLxbRxg9LSvjA+uH/Viq1jA3ulluIXBvQMfSX0QRXem2aiPsTQ
RjaUZ+VHfGDMkM9g3CPLZ2nCh4Gz263xehvnYq2KwGKJxhSQ9R5nvhfXDQOJ9oum
q9YryoOPLsgZR7z/nrprYXc6NY3JpfTjCmj0dMH/cgdur5kzKwuSy/74tmIDSKz0
KsJJvSNTeMmlLKXjGO+WarxKOR/iP38feQIDAQAB
-----END RSA PUBLIC KEY-----
";

#[test]
fn spki_and_pkcs1_pem_parse_to_the_same_key() {
    let spki = parse_public_key(OPENSSL_SPKI_PEM).expect("SPKI parses");
    let pkcs1 = parse_public_key(OPENSSL_PKCS1_PEM).expect("PKCS#1 parses");
    assert_eq!(spki, pkcs1);
    let crlf = format!("\n  {}  ", OPENSSL_SPKI_PEM.replace('\n', "\r\n"));
    assert_eq!(parse_public_key(&crlf).expect("CRLF PEM parses"), spki); // Jira also takes the SPKI base64 without the armour lines.
    let bare: String = OPENSSL_SPKI_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    assert_eq!(parse_public_key(&bare).expect("bare SPKI parses"), spki);
}

#[test]
fn bad_pem_is_an_error_not_a_panic() {
    for pem in [
        "",
        "garbage",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
    ] {
        assert!(parse_public_key(pem).is_err(), "{pem:?}");
    }
    let truncated = &OPENSSL_SPKI_PEM[..200];
    assert!(parse_public_key(truncated).is_err());
}
