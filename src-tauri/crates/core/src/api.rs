//! Jira's REST API: the client shared by every operation (and, later, one module per
//! resource).

pub mod client;

pub use client::{ApiRequest, ClientConfig, JiraClient};

#[cfg(test)]
pub(crate) mod test_server;
