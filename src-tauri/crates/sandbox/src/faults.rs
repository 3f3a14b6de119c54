//! Fault and load controls: latency + jitter, a rate limit (429 + Retry-After) and random
//! failures (503s and dropped connections). Adjustable at run time via `/rest/sandbox/faults`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::server::App;
use crate::{Config, Mode};

/// The current fault settings (the JSON body of `/rest/sandbox/faults`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultSettings {
    pub latency_ms: u64,
    pub jitter_ms: u64,
    pub rate_limit_per_sec: Option<u32>,
    pub fail_rate: f64,
}

pub struct Faults {
    pub settings: Mutex<FaultSettings>,
    /// Start of the current one-second window and requests counted in it.
    window: Mutex<(Instant, u32)>,
}

impl Faults {
    pub fn new(cfg: &Config) -> Self {
        Faults {
            settings: Mutex::new(FaultSettings {
                latency_ms: cfg.latency_ms,
                jitter_ms: cfg.jitter_ms,
                rate_limit_per_sec: cfg.rate_limit_per_sec,
                fail_rate: cfg.fail_rate,
            }),
            window: Mutex::new((Instant::now(), 0)),
        }
    }

    pub fn get(&self) -> FaultSettings {
        self.settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set(&self, s: FaultSettings) {
        *self.settings.lock().unwrap_or_else(|e| e.into_inner()) = s;
        *self.window.lock().unwrap_or_else(|e| e.into_inner()) = (Instant::now(), 0);
    }

    /// Counts this request; `Some(wait)` when it is over the limit.
    fn over_limit(&self, limit: u32) -> Option<Duration> {
        let mut w = self.window.lock().unwrap_or_else(|e| e.into_inner());
        let elapsed = w.0.elapsed();
        if elapsed >= Duration::from_secs(1) {
            *w = (Instant::now(), 0);
        }
        w.1 += 1;
        (w.1 > limit).then(|| Duration::from_secs(1).saturating_sub(w.0.elapsed()))
    }
}

/// Applies the fault settings to every request except the sandbox's own admin endpoints.
pub async fn middleware(State(app): State<App>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/rest/sandbox/") {
        return next.run(req).await;
    }
    let s = app.faults.get();
    // Saturating: `/rest/sandbox/faults` takes any u64, and an overflow must not panic.
    let delay = s.latency_ms.saturating_add(if s.jitter_ms > 0 {
        rand::thread_rng().gen_range(0..=s.jitter_ms)
    } else {
        0
    });
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if let Some(limit) = s.rate_limit_per_sec {
        if let Some(wait) = app.faults.over_limit(limit) {
            return rate_limited(&app, limit, wait);
        }
    }
    if s.fail_rate > 0.0 && rand::thread_rng().gen_bool(s.fail_rate.clamp(0.0, 1.0)) {
        return if rand::thread_rng().gen_bool(0.5) {
            // Cloud sometimes sheds load with 503 + Retry-After; clients should honour it.
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service Unavailable (sandbox fault)",
            )
            .with_header(axum::http::HeaderName::from_static("retry-after"), "1")
            .into_response()
        } else {
            dropped()
        };
    }
    next.run(req).await
}

fn rate_limited(app: &App, limit: u32, wait: Duration) -> Response {
    let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
    let mut resp =
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded.").into_response();
    let reset = time::OffsetDateTime::now_utc() + time::Duration::seconds(secs as i64);
    let reset = crate::time_fmt::rate_limit_reset(reset);
    let mut headers = vec![
        ("retry-after", secs.to_string()),
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", "0".to_string()),
    ];
    if app.mode() == Mode::Cloud {
        headers.push(("x-ratelimit-reset", reset));
        headers.push(("ratelimit-reason", "jira-burst-based".to_string()));
    } else {
        headers.push(("x-ratelimit-interval-seconds", "1".to_string()));
        headers.push(("x-ratelimit-fillrate", limit.to_string()));
    }
    for (k, v) in headers {
        if let Ok(v) = HeaderValue::from_str(&v) {
            resp.headers_mut().insert(k, v);
        }
    }
    resp
}

/// A response whose body fails at once: hyper then aborts the connection mid-response,
/// which clients see as a dropped connection.
fn dropped() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("sandbox fault"))
    });
    let mut resp = Response::new(Body::from_stream(stream));
    resp.headers_mut()
        .insert("content-length", HeaderValue::from_static("100"));
    resp
}
