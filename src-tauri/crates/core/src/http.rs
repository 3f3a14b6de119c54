//! HTTP plumbing shared by every Jira call: the client (TLS, proxy, timeouts, User-Agent),
//! the retry policy and its sending loop, paging plans, and turning Jira's error answers into
//! [`crate::Error`].

pub mod client;
pub mod errors;
pub mod paging;
pub mod retry;
pub mod send;

pub use client::{build_client, ClientOptions};
pub use errors::{error_from_reqwest, error_from_response, is_scope_mismatch};
pub use retry::{is_idempotent, Attempt, RetryDecision, RetryPolicy};
pub use send::{send_logged, send_with_retry};
