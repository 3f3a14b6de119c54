use super::*;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::LineEnding;
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One 2048-bit key for all tests: generation is the slow part.
fn test_key() -> &'static OAuth1PrivateKey {
    static KEY: OnceLock<OAuth1PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| OAuth1PrivateKey::generate(DEFAULT_KEY_BITS).expect("key generation"))
}

fn header_param(header: &str, name: &str) -> Option<String> {
    let start = header.find(&format!("{name}=\""))? + name.len() + 2;
    let rest = &header[start..];
    let end = rest.find('"')?;
    Some(
        percent_encoding::percent_decode_str(&rest[..end])
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// RFC 5849 §3.4.1.1's example: query with an encoded `=`, a duplicate name, an encoded name
/// (`c@`), an empty value, and form body parameters with `+` for space.
#[test]
fn rfc5849_example_base_string() {
    let url = Url::parse("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b").unwrap();
    let form = vec![
        ("c2".to_owned(), String::new()),
        ("a3".to_owned(), "2 q".to_owned()),
    ];
    let request = SignRequest {
        method: "post",
        url: &url,
        form: &form,
        token: Some("kkk9d7dh3k39sjv7"),
        callback: None,
        verifier: None,
    };
    let base = base_string_with(
        "HMAC-SHA1",
        "9djdj82h48djs9d2",
        &request,
        "7d8f3e4a",
        137131201,
        false,
    )
    .unwrap();
    assert_eq!(
        base,
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D\
         %25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D\
         7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26\
         oauth_token%3Dkkk9d7dh3k39sjv7"
    );
}

/// The RSA-SHA1 test case of the OAuth wiki (https://wiki.oauth.net/w/page/12238556/TestCases),
/// through the public signer: a known key, request and signature.
#[test]
fn oauth_wiki_rsa_sha1_known_answer() {
    const DER_B64: &str = "MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBALRiMLAh9iimur8VA7qVvdqxevEuUkW4K+2KdMXmnQbG9Aa7k7eBjK1S+0LYmVjPKlJGNXHDGuy5Fw/d7rjVJ0BLB+ubPK8iA/Tw3hLQgXMRRGRXXCn8ikfuQfjUS1uZSatdLB81mydBETlJhI6GH4twrbDJCR2Bwy/XWXgqgGRzAgMBAAECgYBYWVtleUzavkbrPjy0T5FMou8HX9u2AC2ry8vD/l7cqedtwMPp9k7TubgNFo+NGvKsl2ynyprOZR1xjQ7WgrgVB+mmuScOM/5HVceFuGRDhYTCObE+y1kxRloNYXnx3ei1zbeYLPCHdhxRYW7T0qcynNmwrn05/KO2RLjgQNalsQJBANeA3Q4Nugqy4QBUCEC09SqylT2K9FrrItqL2QKc9v0ZzO2uwllCbg0dwpVuYPYXYvikNHHg+aCWF+VXsb9rpPsCQQDWR9TT4ORdzoj+NccnqkMsDmzt0EfNaAOwHOmVJ2RVBspPcxt5iN4HI7HNeG6U5YsFBb+/GZbgfBT3kpNGWPTpAkBI+gFhjfJvRw38n3g/+UeAkwMI2TJQS4n8+hid0uus3/zOjDySH3XHCUnocn1xOJAyZODBo47E+67R4jV1/gzbAkEAklJaspRPXP877NssM5nAZMU0/O/NGCZ+3jPgDUno6WbJn5cqm8MqWhW1xGkImgRk+fkDBquiq4gPiT898jusgQJAd5Zrr6Q8AO/0isr/3aa6O6NLQxISLKcPDk2NOccAfS/xOtfOz4sJYM3+Bs4Io9+dZGSDCA54Lw03eHTNQghS0A==";
    let body: Vec<String> = DER_B64
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        body.join("\n")
    );
    let key = OAuth1PrivateKey::from_pem(&pem).unwrap();
    assert_eq!(key.bits(), 1024);
    let signer = OAuth1Signer::new("dpf43f3p2l4k3l03", key);
    let url =
        Url::parse("http://photos.example.net/photos?file=vacaction.jpg&size=original").unwrap();
    let request = SignRequest {
        method: "GET",
        url: &url,
        form: &[],
        token: None,
        callback: None,
        verifier: None,
    };
    let header = signer
        .authorization_at(&request, "13917289812797014437", 1196666512)
        .unwrap();
    assert!(header.starts_with("OAuth "), "{header}");
    assert_eq!(
        header_param(&header, "oauth_signature_method").as_deref(),
        Some("RSA-SHA1")
    );
    assert_eq!(
        header_param(&header, "oauth_version").as_deref(),
        Some("1.0")
    );
    assert_eq!(
        header_param(&header, "oauth_signature").as_deref(),
        Some(
            "jvTp/wX1TYtByB1m+Pbyo0lnCOLIsyGCH7wke8AUs3BpnwZJtAuEJkvQL2/9n4s5wUmUl4aCI4BwpraNx4RtEXMe\
             5qg5T1LVTGliMRpKasKsW//e+RinhejgCuzoH26dyF8iY2ZZ/5D1ilgeijhV/vBka5twt399mXwaYdCwFYE="
        )
    );
    assert_eq!(
        signer
            .base_string(&request, "13917289812797014437", 1196666512)
            .unwrap(),
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacaction.jpg%26oauth_consumer_key%3D\
         dpf43f3p2l4k3l03%26oauth_nonce%3D13917289812797014437%26oauth_signature_method%3DRSA-SHA1\
         %26oauth_timestamp%3D1196666512%26oauth_version%3D1.0%26size%3Doriginal"
    );
}

#[test]
fn parameters_sort_by_encoded_value_and_default_ports_vanish() {
    // Raw order would put "a0" before "a:"; encoded, "a%3A" sorts first (RFC 5849 §3.4.1.3.2).
    let url = Url::parse("HTTPS://Jira.Corp:443/jira/rest/api/2/search?k=a0&k=a%3A").unwrap();
    let request = SignRequest {
        method: "GET",
        url: &url,
        form: &[],
        token: Some("tok"),
        callback: None,
        verifier: None,
    };
    let base = signature_base_string("RSA-SHA1", "ck", &request, "n", 1).unwrap();
    assert!(
        base.starts_with("GET&https%3A%2F%2Fjira.corp%2Fjira%2Frest%2Fapi%2F2%2Fsearch&k%3Da%253A%26k%3Da0%26oauth"),
        "{base}"
    );
    let url = Url::parse("http://jira.lan:8080/rest/api/2/myself").unwrap();
    let request = SignRequest {
        url: &url,
        ..request
    };
    let base = signature_base_string("RSA-SHA1", "ck", &request, "n", 1).unwrap();
    assert!(
        base.starts_with("GET&http%3A%2F%2Fjira.lan%3A8080%2Frest%2Fapi%2F2%2Fmyself&oauth"),
        "{base}"
    );
}

/// A real Jira-style request signed with a generated key, verified by an independent path:
/// the `rsa` crate's PKCS#1 v1.5 verifier, and `openssl dgst -sha1 -verify` when available.
#[test]
fn rsa_sha1_signature_verifies_independently() {
    let key = test_key();
    let signer = OAuth1Signer::new("jiffy-test", key.clone());
    let url = Url::parse(
        "https://jira.corp/jira/rest/api/2/search?jql=project%20%3D%20%22ABC%22%20AND%20summary%20~%20%22caf%C3%A9%2Bx%22&maxResults=50",
    )
    .unwrap();
    let request = SignRequest {
        method: "GET",
        url: &url,
        form: &[],
        token: Some("access-token-1"),
        callback: None,
        verifier: None,
    };
    let header = signer
        .authorization_at(&request, "nonce-42", 1_700_000_000)
        .unwrap();
    let base = signer
        .base_string(&request, "nonce-42", 1_700_000_000)
        .unwrap();
    assert!(
        base.contains("jql%3Dproject%2520%253D%2520%2522ABC%2522"),
        "{base}"
    );
    assert!(base.contains("oauth_token%3Daccess-token-1"), "{base}");
    use base64::Engine;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(header_param(&header, "oauth_signature").unwrap())
        .unwrap();

    let public = RsaPublicKey::from(key.rsa());
    let verifier = VerifyingKey::<sha1::Sha1>::new(public);
    let sig = Signature::try_from(signature.as_slice()).unwrap();
    verifier
        .verify(base.as_bytes(), &sig)
        .expect("signature verifies with rsa");
    assert!(verifier.verify(b"tampered", &sig).is_err());

    if std::path::Path::new("/usr/bin/openssl").exists() {
        let dir = tempfile::tempdir().unwrap();
        let (pub_path, sig_path, data_path) = (
            dir.path().join("pub.pem"),
            dir.path().join("sig.bin"),
            dir.path().join("base.txt"),
        );
        std::fs::write(&pub_path, key.public_key_pem().unwrap()).unwrap();
        std::fs::write(&sig_path, &signature).unwrap();
        std::fs::write(&data_path, &base).unwrap();
        let out = std::process::Command::new("/usr/bin/openssl")
            .args(["dgst", "-sha1", "-verify"])
            .arg(&pub_path)
            .arg("-signature")
            .arg(&sig_path)
            .arg(&data_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openssl: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Verified OK"));
    }
}

#[test]
fn request_and_access_token_calls_carry_callback_and_verifier() {
    let signer = OAuth1Signer::new("ck", test_key().clone());
    let url = Url::parse(&request_token_url("https://jira.corp/jira/")).unwrap();
    let request = SignRequest {
        method: "POST",
        url: &url,
        form: &[],
        token: None,
        callback: Some("http://127.0.0.1:47801/callback"),
        verifier: None,
    };
    let header = signer.authorization(&request).unwrap();
    assert_eq!(
        header_param(&header, "oauth_callback").as_deref(),
        Some("http://127.0.0.1:47801/callback")
    );
    assert!(header_param(&header, "oauth_token").is_none());
    assert!(header_param(&header, "oauth_nonce").is_some_and(|n| !n.is_empty()));
    let url = Url::parse(&access_token_url("https://jira.corp/jira")).unwrap();
    let request = SignRequest {
        url: &url,
        token: Some("req-token"),
        callback: None,
        verifier: Some("v 1"),
        ..request
    };
    let header = signer.authorization(&request).unwrap();
    assert!(header.contains("oauth_verifier=\"v%201\""), "{header}");
    assert_eq!(
        header_param(&header, "oauth_token").as_deref(),
        Some("req-token")
    );
    assert_eq!(url.path(), "/jira/plugins/servlet/oauth/access-token");
}

#[test]
fn keys_round_trip_through_pkcs8_and_pkcs1() {
    let key = test_key();
    assert_eq!(key.bits(), 2048);
    let pkcs8 = key.to_pkcs8_pem().unwrap();
    assert!(pkcs8.expose().starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_eq!(&OAuth1PrivateKey::from_pem(pkcs8.expose()).unwrap(), key);
    let pkcs1 = key.rsa().to_pkcs1_pem(LineEnding::LF).unwrap();
    assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    assert_eq!(&OAuth1PrivateKey::from_pem(&pkcs1).unwrap(), key);
    let public = key.public_key_pem().unwrap();
    assert!(
        public.starts_with("-----BEGIN PUBLIC KEY-----\n"),
        "{public}"
    );
    let debug = format!("{key:?}");
    assert!(
        debug.contains("redacted") && !debug.contains("BEGIN"),
        "{debug}"
    );
}

#[test]
fn consumer_key_suggestion_is_stable_per_key() {
    let key = test_key();
    let suggestion = key.suggested_consumer_key().unwrap();
    assert_eq!(suggestion.len(), "jiffy-".len() + 12);
    assert!(suggestion.starts_with("jiffy-"));
    assert_eq!(key.suggested_consumer_key().unwrap(), suggestion);
}

#[test]
fn unusable_keys_are_explained() {
    let public = test_key().public_key_pem().unwrap();
    let cases = [
        public.as_str(),
        "hello",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----",
    ];
    for pem in cases {
        let err = OAuth1PrivateKey::from_pem(pem).unwrap_err();
        assert_eq!(err.kind(), "InvalidInput", "{pem}: {err}");
    }
    assert_eq!(
        OAuth1PrivateKey::generate(1024).unwrap_err().kind(),
        "InvalidInput"
    );
}

#[test]
fn token_responses_parse_and_problems_map() {
    let token = parse_token_response(
        "oauth_token=abc&oauth_token_secret=s3c&oauth_expires_in=157680000&oauth_session_handle=h&oauth_authorization_expires_in=160272000",
    )
    .unwrap();
    assert_eq!(token.token.expose(), "abc");
    assert_eq!(token.expires_in, Some(157_680_000));
    assert_eq!(token.authorization_expires_in, Some(160_272_000));
    assert!(!format!("{token:?}").contains("s3c"));
    assert_eq!(
        parse_token_response("oauth_problem=token_rejected")
            .unwrap_err()
            .kind(),
        "TokenExpired"
    );
    assert_eq!(
        parse_token_response("<html>login</html>")
            .unwrap_err()
            .kind(),
        "Internal"
    );

    let header =
        r#"OAuth realm="https%3A%2F%2Fjira.example", oauth_problem="consumer_key_unknown""#;
    assert_eq!(
        oauth_problem(Some(header), "").as_deref(),
        Some("consumer_key_unknown")
    );
    assert_eq!(
        oauth_problem(None, "oauth_problem=timestamp_refused").as_deref(),
        Some("timestamp_refused")
    );
    assert_eq!(oauth_problem(None, "<p>oauth_problem=x</p>"), None);
    assert_eq!(oauth_problem(Some("Basic realm=\"x\""), "{}"), None);
    assert_eq!(problem_error("token_expired").kind(), "TokenExpired");
    assert_eq!(problem_error("permission_denied").kind(), "Forbidden");
    assert!(problem_error("signature_invalid")
        .to_string()
        .contains("public key"));
    assert!(problem_error("timestamp_refused")
        .to_string()
        .contains("clock"));
    assert_eq!(problem_error("something_new").kind(), "Unauthorized");
}

#[test]
fn callback_must_match_the_request_token() {
    let query = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let ok = query(&[("oauth_token", "rt"), ("oauth_verifier", "ver")]);
    assert_eq!(verifier_from_callback(&ok, "rt").unwrap().expose(), "ver");
    assert_eq!(
        verifier_from_callback(&ok, "other").unwrap_err().kind(),
        "Unauthorized"
    );
    let denied = query(&[("oauth_token", "rt"), ("oauth_verifier", "denied")]);
    assert_eq!(
        verifier_from_callback(&denied, "rt").unwrap_err().kind(),
        "Unauthorized"
    );
    let missing = query(&[("oauth_token", "rt")]);
    assert_eq!(
        verifier_from_callback(&missing, "rt").unwrap_err().kind(),
        "Unauthorized"
    );
    let url = authorize_url("https://jira.corp/jira/", "r t").unwrap();
    assert_eq!(
        url.as_str(),
        "https://jira.corp/jira/plugins/servlet/oauth/authorize?oauth_token=r+t"
    );
}
