//! `probe(url)`: find the Jira behind what the user pasted and describe it.
//!
//! Each candidate base URL from [`super::url::candidate_base_urls`] is asked for
//! `rest/api/2/serverInfo` (anonymous, present on Cloud and Data Center alike) until one
//! answers like Jira. Transport failures (DNS, TLS, timeout, proxy) end the probe at once with
//! their own error: every candidate shares the host, so trying the next would fail the same way.

use super::url::{candidate_base_urls, is_cloud_host};
use crate::auth::{methods_for, AuthMethod};
use crate::config::Deployment;
use crate::error::{Error, Result};
use crate::http::{error_from_reqwest, send_logged};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The oldest Jira Jiffy talks to.
pub const MIN_VERSION: (u32, u32) = (7, 0);

/// What a probe found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeResult {
    /// The base URL that answered (after redirects), without trailing slash.
    pub base_url: String,
    /// The base URL Jira itself is configured with, when it says.
    pub reported_base_url: Option<String>,
    /// Cloud, Data Center or Server.
    pub deployment: Deployment,
    /// Jira's version, e.g. "10.3.19".
    pub version: String,
    /// The site's title, e.g. "ACME Jira".
    pub server_title: Option<String>,
    /// The auth methods that fit, best first.
    pub methods: Vec<AuthMethod>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServerInfo {
    base_url: Option<String>,
    version: String,
    #[serde(default)]
    version_numbers: Vec<u32>,
    deployment_type: Option<String>,
    server_title: Option<String>,
}

/// Parses a serverInfo answer reached through `base_url`; `None` if it is not Jira's.
///
/// Errors: [`Error::InvalidInput`] for a Jira older than 7.0, with why.
pub fn parse_server_info(base_url: &str, body: &str) -> Result<Option<ProbeResult>> {
    let Ok(info) = serde_json::from_str::<ServerInfo>(body) else {
        return Ok(None);
    };
    let mut numbers = info.version_numbers.clone();
    if numbers.is_empty() {
        numbers = info
            .version
            .split('.')
            .map_while(|p| p.parse().ok())
            .collect();
    }
    let major_minor = (
        numbers.first().copied().unwrap_or(0),
        numbers.get(1).copied().unwrap_or(0),
    );
    if major_minor < MIN_VERSION {
        return Err(Error::InvalidInput(format!(
            "This site runs Jira {}, and Jiffy needs Jira 7.0 or newer: older versions lack \
             parts of the REST API Jiffy relies on (and have had no security fixes for years).",
            info.version
        )));
    }
    let host = url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    let deployment = match info.deployment_type.as_deref() {
        Some("Cloud") => Deployment::Cloud,
        _ if host.as_deref().is_some_and(is_cloud_host) => Deployment::Cloud,
        Some("DataCenter") => Deployment::DataCenter,
        // Data Center reports "Server" even under a DC licence; Jira 10 and later exist only
        // as Data Center.
        _ if major_minor.0 >= 10 => Deployment::DataCenter,
        _ => Deployment::Server,
    };
    Ok(Some(ProbeResult {
        base_url: base_url.trim_end_matches('/').to_owned(),
        reported_base_url: info.base_url.map(|u| u.trim_end_matches('/').to_owned()),
        deployment,
        methods: methods_for(deployment, &numbers),
        version: info.version,
        server_title: info.server_title,
    }))
}

/// Finds and describes the Jira site behind `input`.
///
/// Errors: [`Error::InvalidInput`] for unusable input, a site that is not Jira, or a Jira
/// older than 7.0; [`Error::Network`] / [`Error::Tls`] for DNS, connection, timeout, proxy
/// and certificate failures, each with its own sentence.
pub async fn probe(client: &reqwest::Client, input: &str) -> Result<ProbeResult> {
    let candidates = candidate_base_urls(input)?;
    let mut jira_but_closed = false;
    for candidate in &candidates {
        let url = format!("{candidate}/rest/api/2/serverInfo");
        let response = send_logged(
            client
                .get(&url)
                .header(reqwest::header::ACCEPT, "application/json"),
        )
        .await
        .map_err(|e| error_from_reqwest(&e))?;
        // After redirects (http → https, another host name), the final URL is the real base.
        let final_url = response.url().as_str().to_owned();
        let base = final_url
            .strip_suffix("/rest/api/2/serverInfo")
            .unwrap_or(candidate)
            .to_owned();
        let status = response.status().as_u16();
        let looks_like_jira = response.headers().contains_key("x-arequestid")
            || response.headers().contains_key("x-seraph-loginreason")
            || response.headers().contains_key("x-ausername");
        let body = response.text().await.unwrap_or_default();
        if (200..300).contains(&status) {
            if let Some(result) = parse_server_info(&base, &body)? {
                return Ok(result);
            }
        } else if (status == 401 || status == 403) && looks_like_jira {
            jira_but_closed = true;
        }
    }
    let shown = candidates.first().map(String::as_str).unwrap_or(input);
    if jira_but_closed {
        return Err(Error::Unauthorized(format!(
            "{shown} looks like Jira but does not tell anonymous visitors its version; ask your \
             Jira administrator, or sign in with a method your site supports"
        )));
    }
    Err(Error::InvalidInput(format!(
        "{shown} answered, but it is not a Jira site (no Jira server information at \
         /rest/api/2/serverInfo). Check the address: paste the address you open Jira at in the \
         browser."
    )))
}

#[cfg(test)]
mod tests;
