//! JQL search results: DC's `SearchResultsBean` (`startAt`/`maxResults`/`total`) and Cloud's
//! `SearchAndReconcileResults` from `search/jql` (`nextPageToken`/`isLast`, no total), in
//! one type; the approximate count; and JQL autocomplete data.

use super::fields::FieldSchema;
use super::issues::Issue;
use super::serde_util::null_as_default;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One page of search results from either deployment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchPage {
    /// The issues of this page.
    #[serde(default, deserialize_with = "null_as_default")]
    pub issues: Vec<Issue>,
    /// DC: index of the first issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub start_at: Option<u64>,
    /// DC: page size the server used (may be less than asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub max_results: Option<u64>,
    /// DC: total matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number", optional)]
    pub total: Option<u64>,
    /// Cloud: the token for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_page_token: Option<String>,
    /// Cloud: whether this is the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_last: Option<bool>,
    /// `expand=names`: field id → display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub names: Option<BTreeMap<String, String>>,
    /// `expand=schema`: field id → data type, for the columns of custom fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schema: Option<BTreeMap<String, FieldSchema>>,
    /// DC: warnings about the query (e.g. a value that does not exist).
    #[serde(default, deserialize_with = "null_as_default")]
    pub warning_messages: Vec<String>,
}

/// Where the next page of a search starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// DC: ask again with this `startAt`.
    StartAt(u64),
    /// Cloud: ask again with this `nextPageToken`.
    Token(String),
}

impl SearchPage {
    /// Where the next page starts, `None` after the last. Cloud: a token and not `isLast`
    /// (the token is absent rather than null on the last page, JRACLOUD-92184). DC: until
    /// `startAt + issues` reaches `total`. An empty page always ends the search.
    pub fn next_page(&self) -> Option<NextPage> {
        if self.issues.is_empty() || self.is_last == Some(true) {
            return None;
        }
        if let Some(token) = self.next_page_token.as_ref().filter(|t| !t.is_empty()) {
            return Some(NextPage::Token(token.clone()));
        }
        if self.is_last.is_some() {
            // Cloud without a token: nothing more can be fetched.
            return None;
        }
        let next = self
            .start_at
            .unwrap_or(0)
            .saturating_add(self.issues.len() as u64);
        (next < self.total.unwrap_or(0)).then_some(NextPage::StartAt(next))
    }

    /// DC: the `startAt` of every remaining page, so they can be fetched concurrently, given
    /// the page size the server actually used.
    pub fn remaining_starts(&self) -> Vec<u64> {
        let (Some(total), Some(step)) = (self.total, self.max_results.filter(|m| *m > 0)) else {
            return Vec::new();
        };
        let first = self.start_at.unwrap_or(0).saturating_add(step);
        (first..total)
            .step_by(usize::try_from(step).unwrap_or(usize::MAX))
            .collect()
    }
}

/// Cloud `POST /search/approximate-count`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApproximateCount {
    /// About how many issues match.
    #[serde(default)]
    #[ts(type = "number")]
    pub count: u64,
}

/// `GET /jql/autocompletedata`: what the JQL bar can complete.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JqlAutocompleteData {
    /// Fields and their operators.
    #[serde(default, deserialize_with = "null_as_default")]
    pub visible_field_names: Vec<JqlField>,
    /// Functions such as `currentUser()`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub visible_function_names: Vec<JqlFunction>,
    /// Reserved words (`and`, `or`, `order`, …).
    #[serde(default, deserialize_with = "null_as_default")]
    pub jql_reserved_words: Vec<String>,
}

/// A field JQL can search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JqlField {
    /// What to type, e.g. `assignee` or `cf[10010]`.
    #[serde(default)]
    pub value: String,
    /// What to show (may contain HTML-escaped text).
    #[serde(default)]
    pub display_name: String,
    /// Whether values can be suggested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub auto: Option<String>,
    /// Whether ORDER BY works on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub orderable: Option<String>,
    /// Whether it can be searched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub searchable: Option<String>,
    /// Custom field id, for custom fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cfid: Option<String>,
    /// Operators, e.g. `=`, `in`, `~`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub operators: Vec<String>,
    /// Value types, e.g. `com.atlassian.jira.user.ApplicationUser`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub types: Vec<String>,
}

/// A JQL function.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JqlFunction {
    /// What to type, e.g. `currentUser()`.
    #[serde(default)]
    pub value: String,
    /// What to show.
    #[serde(default)]
    pub display_name: String,
    /// `"true"` when it returns a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub is_list: Option<String>,
    /// Result types.
    #[serde(default, deserialize_with = "null_as_default")]
    pub types: Vec<String>,
}

/// `GET /jql/autocompletedata/suggestions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JqlSuggestions {
    /// The suggested values.
    #[serde(default, deserialize_with = "null_as_default")]
    pub results: Vec<JqlSuggestion>,
}

/// One suggested value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JqlSuggestion {
    /// What to insert.
    #[serde(default)]
    pub value: String,
    /// What to show; the match is wrapped in `<b>` (escape everything else before use).
    #[serde(default)]
    pub display_name: String,
}

#[cfg(test)]
mod tests;
