//! Jira's offset pages (`PageBean…` on Cloud, `{startAt, maxResults, total, isLast, values}`
//! on DC's newer endpoints).

use super::serde_util::null_as_default;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One page of a paginated list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Page<T> {
    /// Index of the first item of this page.
    #[serde(default)]
    #[ts(type = "number")]
    pub start_at: u64,
    /// Page size the server used.
    #[serde(default)]
    #[ts(type = "number")]
    pub max_results: u64,
    /// Total count, when the server knows it.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Whether this is the last page, when the server says.
    #[serde(default)]
    pub is_last: Option<bool>,
    /// The items.
    #[serde(
        default = "Vec::new",
        deserialize_with = "null_as_default",
        bound(deserialize = "T: Deserialize<'de>")
    )]
    pub values: Vec<T>,
}

impl<T> Page<T> {
    /// `startAt` of the next page, or `None` when this was the last one. Trusts `isLast`,
    /// then `total`; an empty page always ends (so a lying server cannot loop us forever).
    pub fn next_start_at(&self) -> Option<u64> {
        if self.values.is_empty() || self.is_last == Some(true) {
            return None;
        }
        let next = self.start_at.saturating_add(self.values.len() as u64);
        match (self.is_last, self.total) {
            (Some(false), _) => Some(next),
            (None, Some(total)) if next < total => Some(next),
            (None, Some(_)) => None,
            // Neither said: a full page suggests more.
            _ => (self.values.len() as u64 >= self.max_results.max(1)).then_some(next),
        }
    }
}
