//! `GET /rest/api/{2,3}/serverInfo`: which Jira this is (Cloud `ServerInformation`, DC
//! `ServerInfoBean`, which its spec leaves empty; the fields below are what DC 10 answers).

use crate::config::Deployment;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use ts_rs::TS;

/// What `serverInfo` says about a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ServerInfo {
    /// The base URL Jira is configured with.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The version string, e.g. `"10.3.19"` or Cloud's `"1001.0.0-SNAPSHOT"`.
    #[serde(default)]
    pub version: String,
    /// The version as numbers, e.g. `[10, 3, 19]`.
    #[serde(default)]
    pub version_numbers: Vec<u32>,
    /// `"Cloud"` on Cloud; `"Server"` on Data Center and Server alike (sometimes
    /// `"DataCenter"`).
    #[serde(default)]
    pub deployment_type: Option<String>,
    /// Build number.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub build_number: Option<i64>,
    /// Build date (ISO 8601).
    #[serde(default)]
    pub build_date: Option<String>,
    /// The server's clock (ISO 8601).
    #[serde(default)]
    pub server_time: Option<String>,
    /// The server's time zone (Cloud).
    #[serde(default)]
    pub server_time_zone: Option<String>,
    /// Source revision.
    #[serde(default)]
    pub scm_info: Option<String>,
    /// The site's title, e.g. "ACME Jira".
    #[serde(default)]
    pub server_title: Option<String>,
    /// The URL shown to users (Cloud custom domains).
    #[serde(default)]
    pub display_url: Option<String>,
}

impl ServerInfo {
    /// Cloud when `deploymentType` says so; otherwise Data Center when it says so or when the
    /// version is 10 or later (only Data Center exists from Jira 10), else Server. Jira Data
    /// Center reports `"Server"` even under a Data Center licence.
    pub fn deployment(&self) -> Deployment {
        match self.deployment_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("cloud") => Deployment::Cloud,
            Some(t) if t.eq_ignore_ascii_case("datacenter") => Deployment::DataCenter,
            _ if self.parsed_version().major >= 10 => Deployment::DataCenter,
            _ => Deployment::Server,
        }
    }

    /// The version, from `versionNumbers` or else parsed from `version`.
    pub fn parsed_version(&self) -> JiraVersion {
        if let [major, rest @ ..] = self.version_numbers.as_slice() {
            JiraVersion {
                major: *major,
                minor: rest.first().copied().unwrap_or(0),
                patch: rest.get(1).copied().unwrap_or(0),
            }
        } else {
            JiraVersion::parse(&self.version)
        }
    }

    /// True for Jira older than 7.0, which Jiffy does not support. Cloud is never too old.
    pub fn is_older_than_7(&self) -> bool {
        self.deployment() != Deployment::Cloud && self.parsed_version() < JiraVersion::MIN_SUPPORTED
    }
}

/// A Jira version, ordered numerically (`8.14.0 < 8.2.0` is false).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JiraVersion {
    /// Major version, e.g. 9.
    pub major: u32,
    /// Minor version, e.g. 12.
    pub minor: u32,
    /// Patch version, e.g. 3.
    pub patch: u32,
}

impl JiraVersion {
    /// The oldest Jira Jiffy talks to.
    pub const MIN_SUPPORTED: JiraVersion = JiraVersion::new(7, 0, 0);
    /// Personal access tokens exist from Data Center 8.14.
    pub const PERSONAL_ACCESS_TOKENS: JiraVersion = JiraVersion::new(8, 14, 0);
    /// Data Center's OAuth 2.0 provider exists from 8.22.
    pub const DC_OAUTH2: JiraVersion = JiraVersion::new(8, 22, 0);

    /// A version from its parts.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        JiraVersion {
            major,
            minor,
            patch,
        }
    }

    /// Parses `"9.12.3"`, `"8.20"`, `"10.3.19-SNAPSHOT"` or `"1001.0.0-SNAPSHOT"`: leading
    /// numeric parts, missing ones are 0; garbage gives `0.0.0`.
    pub fn parse(text: &str) -> Self {
        let mut parts = text.trim().split('.').map(|part| {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        });
        let major = parts.next().flatten().unwrap_or(0);
        let minor = parts.next().flatten().unwrap_or(0);
        let patch = parts.next().flatten().unwrap_or(0);
        JiraVersion {
            major,
            minor,
            patch,
        }
    }

    /// True when this version is `other` or newer.
    pub fn at_least(&self, other: JiraVersion) -> bool {
        *self >= other
    }
}

impl PartialOrd for JiraVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JiraVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch))
    }
}

impl fmt::Display for JiraVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests;
