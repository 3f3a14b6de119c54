use super::*;
use reqwest::header::{HeaderName, HeaderValue};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(
            HeaderName::from_static(k),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    map
}

#[test]
fn field_errors_become_validation() {
    let body = r#"{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue.","customfield_10011":"Epic Name is required."}}"#;
    let Error::Validation {
        message,
        field_errors,
    } = error_from_response(400, &HeaderMap::new(), body, None)
    else {
        panic!("expected Validation")
    };
    assert_eq!(
        field_errors["summary"],
        "You must specify a summary of the issue."
    );
    assert_eq!(field_errors.len(), 2);
    assert!(message.contains("Epic Name is required."), "{message}");
    let err = error_from_response(
        400,
        &HeaderMap::new(),
        r#"{"errorMessages":["The value 'XYZ' does not exist for the field 'project'."],"errors":{}}"#,
        None,
    );
    assert!(
        err.to_string()
            .contains("does not exist for the field 'project'"),
        "{err}"
    );
}

#[test]
fn wrong_password_and_captcha_are_told_apart() {
    let wrong = error_from_response(
        401,
        &headers(&[("x-seraph-loginreason", "AUTHENTICATED_FAILED")]),
        "",
        None,
    );
    assert_eq!(wrong.kind(), "Unauthorized");
    assert!(wrong.to_string().contains("password is wrong"));
    let captcha = error_from_response(
        403,
        &headers(&[
            ("x-seraph-loginreason", "AUTHENTICATION_DENIED"),
            (
                "x-authentication-denied-reason",
                "CAPTCHA_CHALLENGE; login-url=https://jira.example/login.jsp",
            ),
        ]),
        "",
        Some("https://jira.example"),
    );
    let Error::CaptchaRequired { login_url } = captcha else {
        panic!("expected CaptchaRequired")
    };
    assert_eq!(login_url, "https://jira.example/login.jsp");
    let seraph_only = error_from_response(
        401,
        &headers(&[("x-seraph-loginreason", "AUTHENTICATION_DENIED")]),
        "",
        Some("https://jira.corp/jira/"),
    );
    let Error::CaptchaRequired { login_url } = seraph_only else {
        panic!("expected CaptchaRequired")
    };
    assert_eq!(login_url, "https://jira.corp/jira/login.jsp");
}

#[test]
fn oauth_problems_map_to_typed_errors() {
    let header =
        r#"OAuth realm="https%3A%2F%2Fjira.example", oauth_problem="consumer_key_unknown""#;
    let err = error_from_response(401, &headers(&[("www-authenticate", header)]), "", None);
    assert_eq!(err.kind(), "Unauthorized");
    assert!(err.to_string().contains("consumer key"), "{err}");
    let err = error_from_response(401, &HeaderMap::new(), "oauth_problem=token_rejected", None);
    assert_eq!(err.kind(), "TokenExpired");
}

#[test]
fn scoped_token_on_the_site_is_recognised() {
    let body = r#"{"code":401,"message":"Unauthorized; scope does not match"}"#;
    assert!(is_scope_mismatch(401, body));
    assert!(!is_scope_mismatch(403, body));
    assert!(!is_scope_mismatch(401, r#"{"errorMessages":["nope"]}"#));
    let err = error_from_response(401, &HeaderMap::new(), body, None);
    assert!(err.to_string().contains("api.atlassian.com"), "{err}");
}

#[test]
fn html_bodies_are_summarised_by_title() {
    let html = "<html><head><title>Unauthorized (401)</title></head><body><script>x()</script></body></html>";
    let err = error_from_response(401, &HeaderMap::new(), html, None);
    assert_eq!(
        err.to_string(),
        "Jira did not accept the credentials: Unauthorized (401)"
    );
    let long = "x".repeat(5000);
    let err = error_from_response(500, &HeaderMap::new(), &long, None);
    assert!(err.to_string().len() < 400, "summaries are short");
    assert_eq!(err.kind(), "Internal");
}

#[test]
fn not_found_gone_and_forbidden() {
    let body = r#"{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}"#;
    let err = error_from_response(404, &HeaderMap::new(), body, None);
    assert_eq!(err.kind(), "NotFound");
    assert!(err.to_string().contains("Issue does not exist"));
    let gone = r#"{"errorMessages":["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."]}"#;
    let err = error_from_response(410, &HeaderMap::new(), gone, None);
    assert_eq!(err.kind(), "Internal");
    assert!(err.to_string().contains("410") && err.to_string().contains("search/jql"));
    let err = error_from_response(
        403,
        &HeaderMap::new(),
        r#"{"errorMessages":["You cannot edit this issue."]}"#,
        None,
    );
    assert_eq!(err.kind(), "Forbidden");
}

#[test]
fn rate_limits_carry_retry_after() {
    let err = error_from_response(429, &headers(&[("retry-after", "17")]), "", None);
    assert!(
        matches!(
            err,
            Error::RateLimited {
                retry_after_secs: 17
            }
        ),
        "{err:?}"
    );
    let err = error_from_response(429, &HeaderMap::new(), "", None);
    assert!(matches!(
        err,
        Error::RateLimited {
            retry_after_secs: DEFAULT_RETRY_AFTER_SECS
        }
    ));
    let err = error_from_response(503, &headers(&[("retry-after", "5")]), "", None);
    assert!(matches!(
        err,
        Error::RateLimited {
            retry_after_secs: 5
        }
    ));
    assert_eq!(
        error_from_response(503, &HeaderMap::new(), "", None).kind(),
        "Network"
    );
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .use_rustls_tls()
        .read_timeout(Duration::from_millis(300))
        .build()
        .unwrap()
}

#[tokio::test]
async fn refused_connection_is_a_network_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let err = client()
        .get(format!("http://127.0.0.1:{port}/"))
        .send()
        .await
        .unwrap_err();
    let mapped = error_from_reqwest(&err);
    assert_eq!(mapped.kind(), "Network");
    assert!(mapped.to_string().contains("could not connect"), "{mapped}");
}

#[tokio::test]
async fn unknown_host_is_a_dns_error() {
    let err = client()
        .get("http://does-not-exist.invalid/")
        .send()
        .await
        .unwrap_err();
    let mapped = error_from_reqwest(&err);
    assert_eq!(mapped.kind(), "Network");
    assert!(mapped.to_string().contains("DNS"), "{mapped}");
}

#[tokio::test]
async fn a_silent_server_is_a_timeout_and_plain_http_on_https_is_tls() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        // First connection: say nothing. Second: answer plain HTTP to a TLS client.
        let (_silent, _) = listener.accept().await.unwrap();
        let (mut plain, _) = listener.accept().await.unwrap();
        let _ = plain
            .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            .await;
        tokio::time::sleep(Duration::from_secs(2)).await;
    });
    let err = client()
        .get(format!("http://127.0.0.1:{port}/"))
        .send()
        .await
        .unwrap_err();
    let mapped = error_from_reqwest(&err);
    assert!(mapped.to_string().contains("timeout"), "{mapped}");
    let err = client()
        .get(format!("https://127.0.0.1:{port}/"))
        .send()
        .await
        .unwrap_err();
    let mapped = error_from_reqwest(&err);
    assert_eq!(mapped.kind(), "Tls", "{mapped}");
    server.abort();
}
