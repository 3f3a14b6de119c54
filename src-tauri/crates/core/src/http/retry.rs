//! When to try a request again: a pure function, so every case is a unit test.
//!
//! Only idempotent requests are retried (a create is never sent twice: that would make
//! duplicate issues), and only on 429, 503 or a failed connection. `Retry-After` (seconds or
//! an HTTP date) is honoured; without it the delay doubles from `base_delay` up to `max_delay`.
//! A `Retry-After` longer than `max_retry_after` is not waited out: the caller reports
//! `RateLimited` with that delay instead of freezing for minutes.

use std::time::{Duration, SystemTime};

/// What happened on one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// The server answered with this status and maybe a `Retry-After` header.
    Response {
        /// HTTP status code.
        status: u16,
        /// The raw `Retry-After` header value.
        retry_after: Option<&'a str>,
    },
    /// The connection could not be made (refused, DNS, TLS handshake): nothing was sent.
    ConnectError,
    /// Any other failure (timeout while waiting for the answer, broken body…).
    OtherError,
}

/// The verdict for one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then try again.
    Retry(Duration),
    /// Do not retry; report the outcome.
    GiveUp,
}

/// Limits of the retry loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, the first one included.
    pub max_attempts: u32,
    /// Delay before the first retry when the server gives no `Retry-After`.
    pub base_delay: Duration,
    /// Cap of the doubling delay.
    pub max_delay: Duration,
    /// Longest `Retry-After` worth waiting for inside one call.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Whether a method may be repeated without changing the outcome (RFC 9110 §9.2.2).
pub fn is_idempotent(method: &str) -> bool {
    matches!(
        method.to_ascii_uppercase().as_str(),
        "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE" | "TRACE"
    )
}

/// Parses `Retry-After`: delay-seconds or an HTTP date (a date in the past means now).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

impl RetryPolicy {
    /// Decides after attempt number `attempt` (1 for the first) of a request.
    ///
    /// `idempotent` is the caller's knowledge of the request (usually [`is_idempotent`] of the
    /// method; a read-only POST such as a JQL search may say `true`).
    pub fn decide(
        &self,
        idempotent: bool,
        attempt: u32,
        outcome: &Attempt<'_>,
        now: SystemTime,
    ) -> RetryDecision {
        if !idempotent || attempt >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        match *outcome {
            Attempt::Response {
                status: 429 | 503,
                retry_after,
            } => match retry_after.and_then(|v| parse_retry_after(v, now)) {
                Some(wait) if wait > self.max_retry_after => RetryDecision::GiveUp,
                Some(wait) => RetryDecision::Retry(wait),
                None => RetryDecision::Retry(self.backoff(attempt)),
            },
            Attempt::ConnectError => RetryDecision::Retry(self.backoff(attempt)),
            Attempt::Response { .. } | Attempt::OtherError => RetryDecision::GiveUp,
        }
    }

    /// The doubling delay after attempt `attempt`: base, 2×base, 4×base… capped.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    fn status(status: u16, retry_after: Option<&str>) -> Attempt<'_> {
        Attempt::Response {
            status,
            retry_after,
        }
    }

    #[test]
    fn only_idempotent_methods_are_retried() {
        let policy = RetryPolicy::default();
        for method in ["GET", "get", "PUT", "DELETE", "HEAD", "OPTIONS"] {
            assert!(is_idempotent(method), "{method}");
        }
        assert!(!is_idempotent("POST") && !is_idempotent("PATCH"));
        // A create answered 503 or 429, or failing to connect, is never sent again.
        for outcome in [
            status(503, None),
            status(429, Some("1")),
            Attempt::ConnectError,
        ] {
            assert_eq!(
                policy.decide(false, 1, &outcome, now()),
                RetryDecision::GiveUp
            );
        }
    }

    #[test]
    fn retries_429_503_and_connect_errors_only() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.decide(true, 1, &status(503, None), now()),
            RetryDecision::Retry(Duration::from_millis(500))
        );
        assert_eq!(
            policy.decide(true, 2, &Attempt::ConnectError, now()),
            RetryDecision::Retry(Duration::from_secs(1))
        );
        for code in [200, 400, 401, 404, 500, 502] {
            assert_eq!(
                policy.decide(true, 1, &status(code, None), now()),
                RetryDecision::GiveUp
            );
        }
        assert_eq!(
            policy.decide(true, 1, &Attempt::OtherError, now()),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn retry_after_seconds_and_dates_are_honoured() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.decide(true, 1, &status(429, Some(" 7 ")), now()),
            RetryDecision::Retry(Duration::from_secs(7))
        );
        let in_12s = httpdate::fmt_http_date(now() + Duration::from_secs(12));
        assert_eq!(
            policy.decide(true, 1, &status(503, Some(&in_12s)), now()),
            RetryDecision::Retry(Duration::from_secs(12))
        );
        let past = httpdate::fmt_http_date(now() - Duration::from_secs(30));
        assert_eq!(
            policy.decide(true, 1, &status(429, Some(&past)), now()),
            RetryDecision::Retry(Duration::ZERO)
        );
        // Unparseable: fall back to the backoff.
        assert_eq!(
            policy.decide(true, 1, &status(429, Some("soon")), now()),
            RetryDecision::Retry(Duration::from_millis(500))
        );
    }

    #[test]
    fn a_long_retry_after_is_reported_not_waited() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.decide(true, 1, &status(429, Some("3600")), now()),
            RetryDecision::GiveUp
        );
        assert_eq!(
            policy.decide(true, 1, &status(429, Some("60")), now()),
            RetryDecision::Retry(Duration::from_secs(60))
        );
    }

    #[test]
    fn attempts_and_backoff_are_capped() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.decide(true, 3, &status(503, None), now()),
            RetryDecision::Retry(Duration::from_secs(2))
        );
        assert_eq!(
            policy.decide(true, 4, &status(503, None), now()),
            RetryDecision::GiveUp
        );
        assert_eq!(policy.backoff(5), Duration::from_secs(8));
        assert_eq!(
            policy.backoff(60),
            Duration::from_secs(8),
            "no overflow on huge attempt numbers"
        );
        assert_eq!(policy.backoff(0), Duration::from_millis(500));
    }
}
