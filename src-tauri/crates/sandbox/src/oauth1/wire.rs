//! RFC 5849 wire details: §3.6 percent-encoding, §3.5.1 `Authorization` header parsing and the
//! §3.4.1 signature base string.
//!
//! Why by hand: the Rust OAuth 1.0 crates are client-side. `oauth1-request` 0.6 (checked with
//! `cargo info oauth1-request`) signs requests it builds itself from typed structs; it neither
//! parses an incoming `Authorization` header nor builds a base string from a received request.
//! So crates do what they can here — `url` normalises the URI, `url::form_urlencoded` decodes
//! query and body, `percent-encoding` encodes — and this file only adds the RFC's glue.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// RFC 5849 §3.6: everything but the unreserved set `A-Z a-z 0-9 - . _ ~` is encoded, with
/// upper-case hex (which `percent-encoding` emits).
const RFC5849_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `s` per RFC 5849 §3.6 (UTF-8 bytes; space becomes `%20`, never `+`).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, RFC5849_ENCODE).to_string()
}

/// Decodes a value of the `Authorization` header.
///
/// `+` becomes a space before percent-decoding, as Jira's OAuth library (net.oauth,
/// `OAuth.decodePercent` = `URLDecoder.decode`) does. A conforming client never sends a raw
/// `+` (§3.6 encodes it as `%2B`), so this only matters for a client that forgets to encode a
/// base64 signature — and such a client then fails here as it would on a real Jira.
fn header_decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Parses an `Authorization: OAuth …` header (RFC 5849 §3.5.1) into decoded name/value pairs,
/// `realm` included (the caller drops it).
///
/// Returns `None` when the scheme is not `OAuth` (case-insensitive), e.g. a Basic header.
/// Items that are not `name="value"` are skipped, as net.oauth (`decodeAuthorization`) does:
/// a garbled header then simply lacks parameters and the request answers `parameter_absent`.
/// Spaces, tabs and line breaks around commas are tolerated.
pub fn parse_authorization(header: &str) -> Option<Vec<(String, String)>> {
    let header = header.trim_start();
    let scheme_end = header
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(header.len());
    let (scheme, rest) = header.split_at(scheme_end);
    if !scheme.eq_ignore_ascii_case("OAuth") {
        return None;
    }
    let pairs = rest
        .split(',')
        .filter_map(|item| {
            let (name, value) = item.trim().split_once('=')?;
            let name = name.trim_end();
            let value = value.trim_start();
            if name.is_empty() || name.contains(|c: char| c.is_ascii_whitespace()) {
                return None;
            }
            let inner = value.strip_prefix('"')?.strip_suffix('"')?;
            if inner.contains('"') {
                return None;
            }
            Some((header_decode(name), header_decode(inner)))
        })
        .collect();
    Some(pairs)
}

/// Decodes `application/x-www-form-urlencoded` bytes (query strings and form bodies) as
/// RFC 5849 §3.4.1.3.1 requires: `+` is a space, `%XX` is decoded, a name without `=` has an
/// empty value.
fn decode_form(bytes: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(bytes).into_owned().collect()
}

/// Every request parameter RFC 5849 §3.4.1.3.1 signs, decoded, in this order: the query, the
/// form body (pass it only for `application/x-www-form-urlencoded`), then the `OAuth`
/// `Authorization` header without `realm`. `oauth_signature` is still in the list.
pub fn collect_params(
    url: &url::Url,
    authorization: Option<&str>,
    form_body: Option<&[u8]>,
) -> Vec<(String, String)> {
    let mut all = url
        .query()
        .map(|q| decode_form(q.as_bytes()))
        .unwrap_or_default();
    if let Some(body) = form_body {
        all.extend(decode_form(body));
    }
    if let Some(header) = authorization.and_then(parse_authorization) {
        all.extend(header.into_iter().filter(|(name, _)| name != "realm"));
    }
    all
}

/// The base string URI of RFC 5849 §3.4.1.2: lower-case scheme and host, the port only when
/// it is not the scheme's default, the path; no user info, query or fragment.
pub fn base_string_uri(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    // `Url::port` is `None` when the port is the scheme's default, which the RFC drops.
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = if url.path().is_empty() {
        "/"
    } else {
        url.path()
    };
    format!("{}://{host}{port}{path}", url.scheme().to_ascii_lowercase())
}

/// The signature base string of RFC 5849 §3.4.1: upper-case method, base string URI and the
/// normalised parameters (§3.4.1.3.2), each encoded and joined with `&`.
///
/// `params` are decoded name/value pairs from every source (query, form body, header without
/// `realm`); `oauth_signature` is left out here, wherever it came from.
pub fn signature_base_string(method: &str, url: &url::Url, params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .filter(|(name, _)| name != "oauth_signature")
        .map(|(name, value)| (percent_encode(name), percent_encode(value)))
        .collect();
    // Sorted by encoded name, then encoded value, in byte order (§3.4.1.3.2 step 2).
    encoded.sort();
    let normalized = encoded
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&{}&{}",
        percent_encode(&method.to_ascii_uppercase()),
        percent_encode(&base_string_uri(url)),
        percent_encode(&normalized)
    )
}
