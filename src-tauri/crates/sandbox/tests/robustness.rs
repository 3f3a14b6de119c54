//! No panics on any input: a bounded, deterministic (seeded) loop of malformed requests —
//! garbage JSON, wrong types, huge numbers, odd methods, bad headers, invalid UTF-8, absurd
//! query parameters — against a broad set of endpoints in both modes. With fault injection
//! off, no answer may be a 5xx or a dropped connection, every 4xx with a JSON body must have
//! Jira's error shape, and the site must still answer `serverInfo` afterwards.

mod common;
mod robustness_support;

use std::time::{Duration, Instant};

use base64::Engine;
use common::{start, Site};
use jiffy_sandbox::Mode;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::Method;
use robustness_support::{bodies, ENDPOINTS, IDS, KEYS, QUERIES, VERSIONS};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Requests per mode; the loop also stops at [`BUDGET`] so a slow machine stays bounded.
const REQUESTS: usize = 1500;
const BUDGET: Duration = Duration::from_millis(2500);

/// An `Authorization` header (or none), valid or broken.
fn auth_header(rng: &mut StdRng, s: &Site) -> Option<HeaderValue> {
    let b64 = |raw: &[u8]| base64::engine::general_purpose::STANDARD.encode(raw);
    let basic = |u: &str| {
        let (n, p) = s.creds(u);
        format!("Basic {}", b64(format!("{n}:{p}").as_bytes()))
    };
    // Mostly valid credentials, so most requests reach the handlers behind authentication.
    let v: Vec<u8> = match rng.gen_range(0..20) {
        0..=8 => basic("alice").into_bytes(),
        9..=11 => basic("admin").into_bytes(),
        12 => basic("dave").into_bytes(),
        13 => return None,
        14 => b"Basic %%%not-base64%%%".to_vec(),
        15 => format!("Basic {}", b64(b"no-colon-here")).into_bytes(),
        16 => format!("Basic {}", b64(b"\xff\xfe:\xfd")).into_bytes(),
        17 => b"Bearer \xff\xfe garbage".to_vec(),
        18 => b"OAuth oauth_consumer_key=\"x\", oauth_signature=, oauth_token=\"%FF\"".to_vec(),
        _ => b"Digest \x80\x81".to_vec(),
    };
    HeaderValue::from_bytes(&v).ok()
}

/// Extra headers, mostly odd ones.
fn extra_headers(rng: &mut StdRng) -> Vec<(HeaderName, HeaderValue)> {
    let options: &[(&str, &[u8])] = &[
        ("x-atlassian-token", b"no-check"),
        ("x-atlassian-token", b"\xff"),
        ("accept", b"application/garbage;;;q=x"),
        ("accept", b"*/*"),
        (
            "cookie",
            b"JSESSIONID=\xff\xfe; seraph.rememberme.cookie=%FF",
        ),
        ("x-forwarded-for", b"not an address"),
        ("x-force-accept-language", b"true"),
        ("accept-encoding", b"gzip;q=nope"),
        ("content-language", b"\x80\x81"),
    ];
    (0..[0, 0, 0, 1, 2].choose(rng).copied().unwrap_or(0))
        .filter_map(|_| {
            let (n, v) = options.choose(rng)?;
            Some((HeaderName::from_static(n), HeaderValue::from_bytes(v).ok()?))
        })
        .collect()
}

fn pick<'a>(rng: &mut StdRng, xs: &[&'a str]) -> &'a str {
    xs.choose(rng).copied().unwrap_or_default()
}

/// Fills a template and appends 0–3 absurd query parameters.
fn url_for(rng: &mut StdRng, s: &Site, template: &str, cloud_id: Option<&str>) -> String {
    let mut path = template
        .replace("{v}", pick(rng, VERSIONS))
        .replace("{key}", pick(rng, KEYS))
        .replace("{id}", pick(rng, IDS));
    if rng.gen_bool(0.03) {
        path = path.replacen("/rest/api/", &format!("/rest/api/{}/", "x".repeat(5000)), 1);
    }
    if let Some(id) = cloud_id.filter(|_| rng.gen_bool(0.3)) {
        let id = if rng.gen_bool(0.8) {
            id
        } else {
            "not-a-cloud-id"
        };
        path = format!("/ex/jira/{id}{path}");
    }
    let n = [0, 0, 1, 1, 2, 3].choose(rng).copied().unwrap_or(0);
    let query: Vec<&str> = (0..n).map(|_| pick(rng, QUERIES)).collect();
    if query.is_empty() {
        s.url(&path)
    } else {
        s.url(&format!("{path}?{}", query.join("&")))
    }
}

fn method_for(rng: &mut StdRng, methods: &[&str]) -> Method {
    const ODD: &[&str] = &[
        "PATCH", "OPTIONS", "HEAD", "TRACE", "BREW", "PROPFIND", "DELETE",
    ];
    let name = if rng.gen_bool(0.8) {
        pick(rng, methods)
    } else {
        pick(rng, ODD)
    };
    Method::from_bytes(name.as_bytes()).unwrap_or(Method::GET)
}

/// Whether a JSON error body has the shape the endpoint promises: Jira's
/// `errorMessages`/`errors`; RFC 6749's `error` on the OAuth 2.0 token endpoints; the API
/// gateway's `code`/`message` on Atlassian's `accessible-resources`.
fn error_shape_ok(url: &str, body: &Value) -> bool {
    let path = url.split('?').next().unwrap_or(url);
    let jira = body.get("errorMessages").is_some_and(Value::is_array)
        && body.get("errors").is_some_and(Value::is_object);
    let oauth2 = body.get("error").is_some_and(Value::is_string);
    let gateway = body.get("code").is_some_and(Value::is_u64)
        && body.get("message").is_some_and(Value::is_string);
    jira || match path.rsplit_once("127.0.0.1").map_or(path, |(_, p)| p) {
        p if p.ends_with("/oauth/token") || p.ends_with("/rest/oauth2/latest/token") => oauth2,
        p if p.ends_with("/oauth/token/accessible-resources") => gateway,
        _ => false,
    }
}

/// Whether `url` is a REST path (directly or through the Cloud gateway).
fn is_rest(url: &str) -> bool {
    let path = url.split_once("//").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let path = match path.strip_prefix("ex/jira/") {
        Some(rest) => rest.split_once('/').map_or("", |(_, p)| p),
        None => path,
    };
    path.starts_with("rest/")
}

/// Sends the seeded stream of malformed requests; returns the problems found.
async fn hammer(s: &Site, seed: u64) -> (Vec<u16>, Vec<String>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let bodies = bodies();
    let cloud_id = s.sb.info().oauth2.as_ref().map(|o| o.cloud_id.clone());
    let started = Instant::now();
    let mut problems = Vec::new();
    let mut statuses = Vec::new();
    while statuses.len() < REQUESTS && started.elapsed() < BUDGET {
        let (template, methods) = ENDPOINTS.choose(&mut rng).copied().unwrap_or(ENDPOINTS[0]);
        let url = url_for(&mut rng, s, template, cloud_id.as_deref());
        let method = method_for(&mut rng, methods);
        let mut req = s.http.request(method.clone(), &url);
        if let Some(auth) = auth_header(&mut rng, s) {
            req = req.header("authorization", auth);
        }
        for (n, v) in extra_headers(&mut rng) {
            req = req.header(n, v);
        }
        if let Some((ct, body)) = bodies.choose(&mut rng) {
            if let Some(ct) = ct {
                req = req.header("content-type", *ct);
            }
            if !body.is_empty() {
                req = req.body(body.clone());
            }
        }
        let what = format!("{method} {url}");
        let resp = match req.timeout(Duration::from_secs(5)).send().await {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{what}: no answer ({e})"));
                continue;
            }
        };
        let status = resp.status();
        statuses.push(status.as_u16());
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let is_json = content_type.contains("json");
        // The browser steps of the OAuth flows (`/rest/oauth2/latest/authorize`) are pages.
        let is_page = content_type.starts_with("text/html");
        let bytes = resp.bytes().await.unwrap_or_default();
        if status.is_server_error() {
            let text = String::from_utf8_lossy(&bytes);
            problems.push(format!(
                "{what}: {status} {}",
                text.chars().take(200).collect::<String>()
            ));
        } else if status.is_client_error()
            && !is_json
            && !is_page
            && !bytes.is_empty()
            && is_rest(&url)
        {
            // On REST paths every error is JSON, except Jira's own plain-text XSRF answer
            // and OAuth 1.0a problems (form-encoded `oauth_problem=…`, as RFC 5849 has them).
            let xsrf = status == 403 && bytes.as_ref() == b"XSRF check failed";
            let oauth1 = bytes.starts_with(b"oauth_problem=");
            if !xsrf && !oauth1 {
                let text = String::from_utf8_lossy(&bytes);
                let text = text.chars().take(200).collect::<String>();
                problems.push(format!(
                    "{what}: {status} in plain text on a REST path: {text}"
                ));
            }
        } else if status.is_client_error() && is_json && !bytes.is_empty() {
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(v) if error_shape_ok(&url, &v) => {}
                _ => problems.push(format!(
                    "{what}: {status} without Jira's error shape: {}",
                    String::from_utf8_lossy(&bytes)
                        .chars()
                        .take(200)
                        .collect::<String>()
                )),
            }
        }
    }
    (statuses, problems)
}

/// Raw HTTP that no client library would send: the server must answer it (or close the
/// connection) without a 5xx.
async fn raw_requests(s: &Site) -> Vec<String> {
    let addr = s.sb.base_url().trim_start_matches("http://").to_string();
    let cases: Vec<Vec<u8>> = vec![
        b"GET /rest/api/2/issue/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /rest/api/2/search?jql=\xff HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /rest/api/2/myself HTTP/1.1\r\nHost: x\r\nAuthorization: Basic \xff\xff\r\n\r\n"
            .to_vec(),
        b"POST /rest/api/2/issue HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".to_vec(),
        b"POST /rest/api/2/issue HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"POST /rest/api/2/issue HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
            .to_vec(),
        b"GET /rest/api/2/serverInfo HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /rest/api/2/serverInfo\r\n\r\n".to_vec(),
        b"\x00\x01\x02\x03 garbage\r\n\r\n".to_vec(),
        [
            b"GET /rest/api/2/serverInfo HTTP/1.1\r\nHost: x\r\nX-Big: ".as_slice(),
            &vec![b'a'; 200_000],
            b"\r\n\r\n",
        ]
        .concat(),
    ];
    let mut problems = Vec::new();
    for case in cases {
        let head = String::from_utf8_lossy(&case[..case.len().min(60)]).to_string();
        let Ok(mut conn) = tokio::net::TcpStream::connect(&addr).await else {
            problems.push(format!("raw {head:?}: cannot connect"));
            continue;
        };
        // The server may close early on a huge header; a failed write is not a failure.
        let _ = conn.write_all(&case).await;
        let _ = conn.shutdown().await;
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(3), conn.read_to_end(&mut answer));
        let _ = read.await;
        let line = String::from_utf8_lossy(&answer);
        let status = line.split_whitespace().nth(1).unwrap_or("");
        if status.starts_with('5') {
            problems.push(format!(
                "raw {head:?}: {}",
                line.lines().next().unwrap_or("")
            ));
        }
    }
    problems
}

/// What every mode runs: the stream, raw HTTP, then the site must still answer.
async fn run(mode: Mode, seed: u64) {
    let s = start(mode).await;
    let (statuses, mut problems) = hammer(&s, seed).await;
    problems.extend(raw_requests(&s).await);
    // The stream must reach past authentication and validation, or it proves little.
    let ok = statuses.iter().filter(|s| (200..300).contains(*s)).count();
    let client_errors = statuses.iter().filter(|s| (400..500).contains(*s)).count();
    let mut hist = std::collections::BTreeMap::new();
    for st in &statuses {
        *hist.entry(*st).or_insert(0) += 1;
    }
    eprintln!(
        "{mode:?}: {} answers, {ok} 2xx, {client_errors} 4xx: {hist:?}",
        statuses.len()
    );
    assert!(
        statuses.len() >= 100,
        "only {} requests within the budget",
        statuses.len()
    );
    assert!(
        ok >= statuses.len() / 20,
        "too few successes ({ok}) to exercise handlers"
    );
    assert!(
        client_errors >= statuses.len() / 4,
        "too few 4xx ({client_errors})"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let info = s.http.get(s.url("/rest/api/2/serverInfo")).send().await;
    let info = info.expect("serverInfo answers after the stream");
    assert_eq!(info.status(), 200);
    let v: Value = info.json().await.expect("serverInfo JSON");
    let expected = if mode == Mode::Cloud {
        "Cloud"
    } else {
        "Server"
    };
    assert_eq!(v["deploymentType"], expected);
}

#[tokio::test]
async fn malformed_requests_never_crash_datacenter() {
    run(Mode::DataCenter, 0x5EED_0001).await;
}

#[tokio::test]
async fn malformed_requests_never_crash_cloud() {
    run(Mode::Cloud, 0x5EED_0002).await;
}

/// Absurd clock offsets (the test control) must not turn later answers into 5xx.
#[tokio::test]
async fn absurd_clock_offsets_do_not_break_answers() {
    for mode in [Mode::DataCenter, Mode::Cloud] {
        let s = start(mode).await;
        let v = if mode == Mode::Cloud { "3" } else { "2" };
        for offset in [i64::MAX, i64::MIN, -1_000_000_000_000_000] {
            let r = s.http.put(s.url("/rest/sandbox/clock"));
            let r = r
                .json(&serde_json::json!({ "offsetMs": offset }))
                .send()
                .await;
            assert_eq!(r.expect("clock").status(), 200);
            for path in [
                "myself",
                "issue/DEV-1?expand=changelog,renderedFields",
                "search/jql",
            ] {
                let r = s
                    .get(&format!("/rest/api/{v}/{path}"), "alice")
                    .send()
                    .await;
                let status = r.expect("answer").status();
                assert!(
                    !status.is_server_error(),
                    "{path} at offset {offset}: {status}"
                );
            }
        }
    }
}

/// What axum's extractors refuse (a path that is not UTF-8, a multipart body without its
/// boundary) is answered in Jira's JSON shape on REST paths, like every other error.
#[tokio::test]
async fn extractor_rejections_answer_in_jira_shape() {
    let s = start(Mode::DataCenter).await;
    let bad_path = s.get("/rest/api/2/issue/%FF%FE", "alice").send().await;
    let bad_multipart = s
        .post("/rest/api/2/issue/DEV-1/attachments", "alice")
        .header("x-atlassian-token", "no-check")
        .header("content-type", "multipart/form-data")
        .body("garbage")
        .send()
        .await;
    for r in [bad_path, bad_multipart] {
        let r = r.expect("answer");
        assert_eq!(r.status(), 400);
        let v: Value = r.json().await.expect("a JSON body");
        assert!(v["errorMessages"][0].is_string(), "{v}");
        assert!(v["errors"].is_object(), "{v}");
    }
}
