//! Interoperability with a non-Rust signer (OpenSSL) and robustness against arbitrary input.

use base64::Engine as _;
use rand::{Rng, SeedableRng};

use super::tests::{OPENSSL_PKCS1_PEM, OPENSSL_SPKI_PEM};
use super::tests_rsa::{header_of, keys, registry, signed_header, url, API_URL, OAUTH};
use super::*;

/// `openssl dgst -sha1 -sign key.pem` (OpenSSL 3.0, the key of `OPENSSL_SPKI_PEM`) over the
/// base string of `GET http://jira.example:8080/rest/api/2/myself` with the parameters below.
const OPENSSL_SIGNATURE: &str = "NIz//vLmU/5dGTax+LYcVMY7U519m9lvtpfBJLz8zxvCC6ciUHpU+NQ6yLDRuqRK\
    khluhek3apO+DjZr5GwgZKtny8wkksaYsrX8i3tty4mnmZcJbv5ZtqyD8WNrp5rVExzLptMboJ7v3cEC2a9VfNXUZmzi\
    Oksoo7VXM0mwEqtmxahpuFpSIUrxr3SuDAjB+6mPKzL5tXXBleqlsRI4+3PkFIDIWuwa1dX/7ZkR7FuX5lNc0kQhLJLE\
    PWo3k8HwbzvrATcbwSLBE6ZIp4WO4hHWOSCvy2RiH9Hi3BugRAOFyCcc2qW+ZzyaNH9w3fuZjkFwv0/0s3c8sdHd3IjQ1w==";

#[test]
fn a_signature_made_by_openssl_verifies_with_both_pem_forms() {
    let u = url("http://jira.example:8080/rest/api/2/myself");
    let header = header_of(&[
        ("oauth_consumer_key", "jiffy"),
        ("oauth_nonce", "n1"),
        ("oauth_signature_method", "RSA-SHA1"),
        ("oauth_timestamp", "1764000000"),
        ("oauth_token", "tok"),
        ("oauth_version", "1.0"),
        ("oauth_signature", OPENSSL_SIGNATURE),
    ]);
    for pem in [OPENSSL_SPKI_PEM, OPENSSL_PKCS1_PEM] {
        let lookup = |key: &str| (key == "jiffy").then(|| pem.to_string());
        let request = verify("GET", &u, Some(&header), None, lookup).expect("OpenSSL signature");
        assert_eq!(request.token.as_deref(), Some("tok"));
    }
    let wrong = verify("GET", &u, Some(&header), None, registry);
    assert_eq!(wrong, Err(Problem::SignatureInvalid));
}

/// Signs with the `openssl` binary when this machine has one (a fresh `openssl genrsa` key);
/// the fixture test above covers machines without it.
#[test]
fn a_fresh_openssl_key_pair_interoperates() {
    let openssl = std::path::Path::new("/usr/bin/openssl");
    if !openssl.exists() {
        eprintln!("skipped: /usr/bin/openssl not found (the fixture test still ran)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("jiffy-oauth1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let run = |args: &[&str]| {
        let status = std::process::Command::new(openssl)
            .args(args)
            .current_dir(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("openssl runs");
        assert!(status.success(), "openssl {args:?}");
    };
    run(&["genrsa", "-out", "key.pem", "2048"]);
    run(&["rsa", "-in", "key.pem", "-pubout", "-out", "spki.pem"]);
    run(&[
        "rsa",
        "-in",
        "key.pem",
        "-RSAPublicKey_out",
        "-out",
        "pkcs1.pem",
    ]);
    let u = url("http://127.0.0.1:8080/plugins/servlet/oauth/access-token?x=%7E%20y");
    let body: &[u8] = b"note=caf%C3%A9+au+lait";
    let oauth = [
        ("oauth_consumer_key", "jiffy"),
        ("oauth_token", "request-1"),
        ("oauth_verifier", "ABC123"),
        ("oauth_signature_method", "RSA-SHA1"),
        ("oauth_timestamp", "1764000000"),
        ("oauth_nonce", "n2"),
    ];
    let unsigned = header_of(&oauth);
    let base = signature_base_string("POST", &u, &collect_params(&u, Some(&unsigned), Some(body)));
    std::fs::write(dir.join("base.txt"), &base).expect("write base string");
    run(&[
        "dgst", "-sha1", "-sign", "key.pem", "-out", "sig.bin", "base.txt",
    ]);
    let sig = std::fs::read(dir.join("sig.bin")).expect("read signature");
    let b64 = base64::engine::general_purpose::STANDARD.encode(sig);
    let mut all = oauth.to_vec();
    all.push(("oauth_signature", &b64));
    let header = header_of(&all);
    for file in ["spki.pem", "pkcs1.pem"] {
        let pem = std::fs::read_to_string(dir.join(file)).expect("read PEM");
        let lookup = |_: &str| Some(pem.clone());
        let request = verify("POST", &u, Some(&header), Some(body), lookup).expect(file);
        assert_eq!(request.verifier.as_deref(), Some("ABC123"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn arbitrary_input_never_panics() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(5849);
    let alphabet = b"OAuth oauth_=\",%+&?/:#@[]\r\n\t\\abcXYZ09-._~\x00\xff";
    let mut noise = |len: usize| -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
            .collect()
    };
    let u = url(API_URL);
    for round in 0..2000 {
        let header_bytes = noise(round % 97);
        let header = String::from_utf8_lossy(&header_bytes);
        let body = noise(round % 61);
        let query = String::from_utf8_lossy(&noise(round % 41)).into_owned();
        let mut fuzzed = u.clone();
        fuzzed.set_query(Some(&query));
        let prefixed = format!("OAuth {header}");
        for h in [header.as_ref(), prefixed.as_str()] {
            let result = verify("GET", &fuzzed, Some(h), Some(&body), registry);
            assert!(result.is_err(), "{h:?}");
        }
    }
}

#[test]
fn mutated_signed_requests_never_panic_and_never_verify_another_message() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x10a);
    let u = url(API_URL);
    let header = signed_header(&keys().0, "GET", &u, None, &OAUTH);
    let original = verify("GET", &u, Some(&header), None, registry).expect("verifies");
    let junk = b" ,=\"%+&\r\n\tAz09~\x00\xff";
    for _ in 0..1500 {
        let mut bytes = header.clone().into_bytes();
        for _ in 0..rng.gen_range(1..4) {
            let at = rng.gen_range(0..bytes.len());
            match rng.gen_range(0..3) {
                0 => bytes[at] = junk[rng.gen_range(0..junk.len())],
                1 => bytes.insert(at, junk[rng.gen_range(0..junk.len())]),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        let mutated = String::from_utf8_lossy(&bytes);
        // Whatever still verifies must be the very message that was signed (e.g. only the
        // realm or the spacing changed).
        if let Ok(request) = verify("GET", &u, Some(&mutated), None, registry) {
            assert_eq!(request.base_string, original.base_string, "{mutated}");
        }
    }
    let pem = OPENSSL_SPKI_PEM.as_bytes();
    for _ in 0..300 {
        let mut bytes = pem.to_vec();
        let at = rng.gen_range(0..bytes.len());
        bytes[at] = junk[rng.gen_range(0..junk.len())];
        let _ = parse_public_key(&String::from_utf8_lossy(&bytes));
    }
}
