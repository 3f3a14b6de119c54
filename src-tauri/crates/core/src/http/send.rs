//! Sending a request under the [`RetryPolicy`].

use super::errors::error_from_reqwest;
use super::retry::{Attempt, RetryDecision, RetryPolicy};
use crate::error::Result;
use reqwest::header::RETRY_AFTER;
use std::time::{Instant, SystemTime};

/// Logs one HTTP exchange at debug level: method, host, URL path, status (or the kind of
/// transport failure) and duration. Never headers, bodies or the query string: those carry
/// credentials (Authorization, OAuth `code`s and `media_token`s, passwords in forms).
fn log_outcome(
    method: &reqwest::Method,
    url: &reqwest::Url,
    outcome: &reqwest::Result<reqwest::Response>,
    started: Instant,
) {
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let host = url.host_str().unwrap_or("");
    match outcome {
        Ok(response) => tracing::debug!(
            %method,
            host = %host,
            path = %url.path(),
            status = response.status().as_u16(),
            elapsed_ms,
            "HTTP request"
        ),
        Err(err) => tracing::debug!(
            %method,
            host = %host,
            path = %url.path(),
            failure = %failure_kind(err),
            elapsed_ms,
            "HTTP request failed"
        ),
    }
}

/// What went wrong, in words that cannot carry a secret (reqwest's own message may quote
/// the URL, query included).
fn failure_kind(err: &reqwest::Error) -> &'static str {
    if err.is_timeout() {
        "timeout"
    } else if err.is_connect() {
        "connect"
    } else if err.is_redirect() {
        "redirect"
    } else if err.is_body() || err.is_decode() {
        "body"
    } else {
        "request"
    }
}

/// Sends one request without retrying (sign-in steps, probes), logged like every other
/// exchange (see [`send_with_retry`]).
///
/// Errors: reqwest's, for a request that cannot be built or got no answer.
pub async fn send_logged(builder: reqwest::RequestBuilder) -> reqwest::Result<reqwest::Response> {
    let (client, request) = builder.build_split();
    let request = request?;
    let method = request.method().clone();
    let url = request.url().clone();
    let started = Instant::now();
    let outcome = client.execute(request).await;
    log_outcome(&method, &url, &outcome, started);
    outcome
}

/// Sends the request built by `build` (called once per attempt, so credentials such as an
/// OAuth 1.0a signature are fresh each time), retrying as `policy` allows.
///
/// Any HTTP answer is returned as `Ok`, including errors once retrying is over: the caller
/// maps it with [`super::error_from_response`] (and may react to a 401 first, e.g. refresh an
/// OAuth 2.0 token).
///
/// Errors: what `build` returns; [`crate::Error::Network`] / [`crate::Error::Tls`] when no
/// answer came.
pub async fn send_with_retry<F>(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    idempotent: bool,
    mut build: F,
) -> Result<reqwest::Response>
where
    F: FnMut() -> Result<reqwest::Request>,
{
    let mut attempt = 1;
    loop {
        let request = build()?;
        let (method, url) = (request.method().clone(), request.url().clone());
        let started = Instant::now();
        let outcome = client.execute(request).await;
        log_outcome(&method, &url, &outcome, started);
        let decision = match outcome {
            Ok(response) => {
                let status = response.status().as_u16();
                if response.status().is_success() {
                    return Ok(response);
                }
                let retry_after = response
                    .headers()
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let outcome = Attempt::Response {
                    status,
                    retry_after: retry_after.as_deref(),
                };
                match policy.decide(idempotent, attempt, &outcome, SystemTime::now()) {
                    RetryDecision::GiveUp => return Ok(response),
                    retry => retry,
                }
            }
            Err(err) => {
                let outcome = if err.is_connect() {
                    Attempt::ConnectError
                } else {
                    Attempt::OtherError
                };
                match policy.decide(idempotent, attempt, &outcome, SystemTime::now()) {
                    RetryDecision::GiveUp => return Err(error_from_reqwest(&err)),
                    retry => retry,
                }
            }
        };
        if let RetryDecision::Retry(wait) = decision {
            tracing::info!(
                %method,
                path = %url.path(),
                attempt,
                wait_ms = wait.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(wait).await;
        }
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A server answering 503 (`Retry-After: 0`) `failures` times, then 200; counts requests.
    async fn flaky(failures: usize) -> (String, Arc<AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/rest/api/2/myself",
            listener.local_addr().unwrap()
        );
        let count = Arc::new(AtomicUsize::new(0));
        let seen = count.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf).await;
                let n = seen.fetch_add(1, Ordering::SeqCst);
                let response: &[u8] = if n < failures {
                    b"HTTP/1.1 503 Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                } else {
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                };
                let _ = stream.write_all(response).await;
            }
        });
        (url, count)
    }

    fn built(request: reqwest::Result<reqwest::Request>) -> Result<reqwest::Request> {
        request.map_err(|e| error_from_reqwest(&e))
    }

    fn fast() -> RetryPolicy {
        RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..RetryPolicy::default()
        }
    }

    #[tokio::test]
    async fn idempotent_requests_are_retried_until_success() {
        let (url, count) = flaky(2).await;
        let client = reqwest::Client::new();
        let response = send_with_retry(&client, &fast(), true, || built(client.get(&url).build()))
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(count.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_create_is_sent_once() {
        let (url, count) = flaky(5).await;
        let client = reqwest::Client::new();
        let response = send_with_retry(&client, &fast(), false, || {
            built(client.post(&url).body("{}").build())
        })
        .await
        .unwrap();
        assert_eq!(response.status(), 503);
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn retries_stop_at_the_limit_and_return_the_last_answer() {
        let (url, count) = flaky(10).await;
        let client = reqwest::Client::new();
        let response = send_with_retry(&client, &fast(), true, || built(client.get(&url).build()))
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
        assert_eq!(count.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn connect_errors_are_retried_then_reported() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = reqwest::Client::new();
        let mut builds = 0;
        let err = send_with_retry(&client, &fast(), true, || {
            builds += 1;
            built(client.get(format!("http://127.0.0.1:{port}/")).build())
        })
        .await
        .unwrap_err();
        assert_eq!(err.kind(), "Network");
        assert_eq!(builds, 4);
    }
}
