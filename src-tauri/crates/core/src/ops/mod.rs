//! Jira operations, one function per thing a user does: what the app's commands and the CLI
//! call. Every function takes a [`JiraClient`] and hides Cloud (REST v3, ADF, `search/jql`)
//! versus Data Center (REST v2, wiki markup, `search` by `startAt`) behind
//! [`JiraClient::api_path`] and the deployment of the client's connection.
//!
//! Request bodies and answers are the typed models of [`crate::api`]; Jira's error answers
//! arrive as typed [`Error`]s (field errors in [`Error::Validation`]).

mod attachments;
mod changelog;
mod comments;
mod issues;
mod projects;
mod raw;
mod search;
mod users;

pub use attachments::{
    attachment_delete, attachment_download, attachment_download_to_file, attachment_get,
    attachment_upload,
};
pub use changelog::changelog;
pub use comments::{comment_add, comment_delete, comment_update, comments};
pub use issues::{
    assign, create_fields, edit_fields, issue_create, issue_delete, issue_edit, issue_get,
    transition, transitions,
};
pub use projects::{project, projects};
pub use raw::{raw, RawResponse};
pub use search::{
    approximate_count, jql_autocomplete_data, jql_suggestions, search_all,
    search_all_with_progress, search_page, PageRequest, SearchProgress,
};
pub use users::{my_permissions, myself, user_get, users_assignable, users_search};

use crate::api::rich_text::TextFormat;
use crate::api::{ApiRequest, JiraClient};
use crate::config::Deployment;
use crate::error::{Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The text format of this connection's bodies: ADF on Cloud, wiki markup elsewhere.
pub fn text_format(client: &JiraClient) -> TextFormat {
    TextFormat::for_deployment(client.connection().deployment)
}

fn is_cloud(client: &JiraClient) -> bool {
    client.connection().deployment == Deployment::Cloud
}

/// Sends `method` to the REST resource (`issue/ABC-1` → `/rest/api/{2|3}/issue/ABC-1`) and
/// parses the JSON answer (an empty answer parses as `null`).
async fn call<T: DeserializeOwned>(
    client: &JiraClient,
    method: Method,
    resource: &str,
    query: &[(&str, String)],
    body: Option<&Value>,
) -> Result<T> {
    let path = client.api_path(resource);
    client
        .json(&ApiRequest {
            method,
            path: &path,
            query,
            body,
        })
        .await
}

/// Like [`call`] for answers whose body does not matter (204s, `PUT` echoes).
async fn call_unit(
    client: &JiraClient,
    method: Method,
    resource: &str,
    query: &[(&str, String)],
    body: Option<&Value>,
) -> Result<()> {
    let path = client.api_path(resource);
    client
        .send(&ApiRequest {
            method,
            path: &path,
            query,
            body,
        })
        .await?;
    Ok(())
}

fn to_json(body: &impl serde::Serialize) -> Result<Value> {
    serde_json::to_value(body).map_err(|e| Error::Internal(format!("request body: {e}")))
}

/// Everything but RFC 3986's unreserved characters, so `DOCS-1` stays readable.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment (an issue key or id typed by a user must not add path
/// segments or a query).
fn segment(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn path_segments_cannot_escape_their_place() {
        assert_eq!(segment("DOCS-1"), "DOCS-1");
        assert_eq!(segment("../../admin?x=1"), "..%2F..%2Fadmin%3Fx%3D1");
        assert_eq!(segment("a b#c"), "a%20b%23c");
    }
}
