//! Browsing issues: projects, JQL search by pages, the issue view, JQL completion.

use crate::error::CmdResult;
use crate::state::AppState;
use jiffy_core::api::issue_view::{IssueRow, IssueView, ISSUE_ROW_FIELDS, ISSUE_VIEW_EXPAND};
use jiffy_core::api::projects::Project;
use jiffy_core::api::search::{JqlAutocompleteData, JqlSuggestion, NextPage};
use jiffy_core::config::Deployment;
use jiffy_core::ops;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

/// Which page of a search to load: none of `startAt`/`nextPageToken` for the first, else
/// what the previous [`IssuesPage`] said.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PageCursor {
    /// Data Center: where the page starts.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub start_at: Option<u64>,
    /// Cloud: the token from the previous page.
    #[serde(default)]
    #[ts(optional)]
    pub next_page_token: Option<String>,
    /// Page size asked for (Jira may answer fewer).
    pub max_results: u32,
}

/// One page of a search, as the issue table needs it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssuesPage {
    /// The rows of this page.
    pub issues: Vec<IssueRow>,
    /// How many issues match, when known (first page on Cloud, every page on Data Center).
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Whether `total` is Cloud's estimate rather than an exact count.
    pub total_is_approximate: bool,
    /// Data Center: where the next page starts (`null` after the last).
    #[ts(type = "number | null")]
    pub next_start_at: Option<u64>,
    /// Cloud: the token of the next page (`null` after the last).
    pub next_page_token: Option<String>,
    /// Jira's warnings about the query (Data Center).
    pub warnings: Vec<String>,
}

/// Every project the user can see.
///
/// Errors: `notFound` for an unknown connection, `unauthorized`, `network`.
#[tauri::command]
pub async fn projects_list(
    state: State<'_, AppState>,
    connection: String,
) -> CmdResult<Vec<Project>> {
    let client = state.live_client(&connection).await?;
    Ok(ops::projects(&client).await?)
}

/// One page of issues matching `jql`, with the table's columns. On Cloud the first page
/// also carries the approximate count (a failed count leaves `total` empty).
///
/// Errors: `validation` with Jira's messages for JQL it cannot parse; `unauthorized`,
/// `network`.
#[tauri::command]
pub async fn issues_search(
    state: State<'_, AppState>,
    connection: String,
    jql: String,
    page: PageCursor,
) -> CmdResult<IssuesPage> {
    let client = state.live_client(&connection).await?;
    let next = match (page.next_page_token, page.start_at) {
        (Some(token), _) => Some(NextPage::Token(token)),
        (None, Some(at)) => Some(NextPage::StartAt(at)),
        (None, None) => None,
    };
    let first = next.is_none();
    let request = ops::PageRequest {
        next,
        max_results: page.max_results,
    };
    let fields: Vec<String> = ISSUE_ROW_FIELDS.iter().map(|f| (*f).to_owned()).collect();
    // Cloud's `search/jql` tells no total: ask for the estimate alongside the first page.
    let (found, approximate) = if first && client.connection().deployment == Deployment::Cloud {
        let (found, count) = tokio::join!(
            ops::search_page(&client, &jql, &fields, request),
            ops::approximate_count(&client, &jql)
        );
        (found?, count.ok())
    } else {
        (
            ops::search_page(&client, &jql, &fields, request).await?,
            None,
        )
    };
    let (next_start_at, next_page_token) = match found.next_page() {
        Some(NextPage::StartAt(at)) => (Some(at), None),
        Some(NextPage::Token(token)) => (None, Some(token)),
        None => (None, None),
    };
    Ok(IssuesPage {
        issues: found.issues.iter().map(IssueRow::from_issue).collect(),
        total_is_approximate: found.total.is_none() && approximate.is_some(),
        total: found.total.or(approximate),
        next_start_at,
        next_page_token,
        warnings: found.warning_messages,
    })
}

/// One issue for the detail panel: all fields, description and first page of comments as
/// sanitized HTML.
///
/// Errors: `notFound` for an issue that does not exist or is not visible; `network`.
#[tauri::command]
pub async fn issue_view(
    state: State<'_, AppState>,
    connection: String,
    key: String,
) -> CmdResult<IssueView> {
    let client = state.live_client(&connection).await?;
    let issue = ops::issue_get(&client, &key, ISSUE_VIEW_EXPAND).await?;
    // A trailing slash keeps a context path (`https://corp/jira/`) when resolving links.
    let base = format!("{}/", client.connection().base_url.trim_end_matches('/'));
    let site = url::Url::parse(&base).ok();
    Ok(IssueView::from_issue(&issue, site.as_ref()))
}

/// The fields, functions and reserved words the JQL bar completes.
///
/// Errors: `unauthorized`, `network`.
#[tauri::command]
pub async fn jql_autocomplete(
    state: State<'_, AppState>,
    connection: String,
) -> CmdResult<JqlAutocompleteData> {
    let client = state.live_client(&connection).await?;
    Ok(ops::jql_autocomplete_data(&client).await?)
}

/// Values of `field` starting with `value`, for the JQL bar.
///
/// Errors: `unauthorized`, `network`.
#[tauri::command]
pub async fn jql_suggest(
    state: State<'_, AppState>,
    connection: String,
    field: String,
    value: String,
) -> CmdResult<Vec<JqlSuggestion>> {
    let client = state.live_client(&connection).await?;
    Ok(ops::jql_suggestions(&client, &field, &value).await?)
}
