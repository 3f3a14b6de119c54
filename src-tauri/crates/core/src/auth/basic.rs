//! Cloud API tokens and the `api.atlassian.com` gateway.
//!
//! Classic API tokens work against the site (`https://SITE.atlassian.net`); *scoped* API
//! tokens (and OAuth 2.0) only through `https://api.atlassian.com/ex/jira/{cloudId}`. The
//! cloud id comes from the site's anonymous `/_edge/tenant_info`. When the site answers 401
//! "scope does not match" ([`crate::http::is_scope_mismatch`]) the client fetches the cloud id
//! and switches to the gateway.

use crate::error::{Error, Result};
use serde::Deserialize;

/// `GET` this (anonymously) to learn a Cloud site's cloud id.
pub fn tenant_info_url(site_url: &str) -> String {
    format!("{}/_edge/tenant_info", site_url.trim_end_matches('/'))
}

/// Parses `/_edge/tenant_info` (`{"cloudId": "…"}`).
///
/// Errors: [`Error::Internal`] when the answer carries no cloud id.
pub fn parse_tenant_info(body: &str) -> Result<String> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct TenantInfo {
        cloud_id: Option<String>,
    }
    serde_json::from_str::<TenantInfo>(body)
        .ok()
        .and_then(|t| t.cloud_id)
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| {
            Error::Internal(
                "the site's tenant_info has no cloudId; is this a Jira Cloud site?".into(),
            )
        })
}

/// The gateway base URL for a cloud id: `{api_host}/ex/jira/{cloudId}`.
pub fn gateway_base_url(api_host: &str, cloud_id: &str) -> String {
    format!(
        "{}/ex/jira/{}",
        api_host.trim_end_matches('/'),
        cloud_id.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_info_and_gateway() {
        assert_eq!(
            tenant_info_url("https://acme.atlassian.net/"),
            "https://acme.atlassian.net/_edge/tenant_info"
        );
        assert_eq!(
            parse_tenant_info(r#"{"cloudId":"1324a887-45db-1bf4-1e99-ef0ff456d421"}"#).unwrap(),
            "1324a887-45db-1bf4-1e99-ef0ff456d421"
        );
        assert_eq!(parse_tenant_info("{}").unwrap_err().kind(), "Internal");
        assert_eq!(parse_tenant_info("<html>").unwrap_err().kind(), "Internal");
        assert_eq!(
            gateway_base_url("https://api.atlassian.com/", "abc"),
            "https://api.atlassian.com/ex/jira/abc"
        );
    }
}
