//! Paging plans, pure so they can be tested without a server.
//!
//! Data Center pages by `startAt`: once the first page tells the total, the remaining pages
//! are known and can be fetched concurrently. Cloud's `search/jql` pages by
//! `nextPageToken` (one after another); its other lists use the same `startAt` page bean.

use serde::Deserialize;

/// Jira's page bean (`PageBean…` on Cloud, many Data Center lists):
/// `{startAt, maxResults, total, isLast, values}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageBean<T> {
    /// Offset of the first item.
    #[serde(default)]
    pub start_at: u64,
    /// Page size the server used (may be smaller than asked).
    #[serde(default)]
    pub max_results: u64,
    /// Total number of items, when the server counts them.
    #[serde(default)]
    pub total: Option<u64>,
    /// Whether this is the last page, when the server says.
    #[serde(default)]
    pub is_last: Option<bool>,
    /// The items.
    #[serde(default = "Vec::new")]
    pub values: Vec<T>,
}

impl<T> PageBean<T> {
    /// Whether another page follows this one.
    pub fn has_more(&self) -> bool {
        match (self.is_last, self.total) {
            (Some(is_last), _) => !is_last,
            (None, Some(total)) => self.start_at + (self.values.len() as u64) < total,
            // Neither said: a full page may have a successor, a short one has not.
            (None, None) => !self.values.is_empty() && self.values.len() as u64 >= self.max_results,
        }
    }
}

/// The `startAt` offsets still to fetch after a first page of `page_size` items, when the
/// server reported `total` items and the caller wants at most `limit` (`None`: all).
///
/// A page size of 0 (a server answering `maxResults: 0`) yields no plan rather than a loop.
pub fn remaining_offsets(total: u64, page_size: u64, limit: Option<u64>) -> Vec<u64> {
    if page_size == 0 {
        return Vec::new();
    }
    let wanted = limit.map_or(total, |l| l.min(total));
    (1..)
        .map(|page| page * page_size)
        .take_while(|start| *start < wanted)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_the_remaining_pages() {
        assert_eq!(remaining_offsets(250, 100, None), vec![100, 200]);
        assert_eq!(remaining_offsets(200, 100, None), vec![100]);
        assert_eq!(remaining_offsets(99, 100, None), Vec::<u64>::new());
        assert_eq!(remaining_offsets(1000, 50, Some(120)), vec![50, 100]);
        assert_eq!(remaining_offsets(1000, 50, Some(10)), Vec::<u64>::new());
        assert_eq!(remaining_offsets(1000, 0, None), Vec::<u64>::new());
    }

    #[test]
    fn page_beans_say_whether_more_follow() {
        let page: PageBean<u32> = serde_json::from_str(
            r#"{"startAt":0,"maxResults":2,"total":3,"isLast":false,"values":[1,2]}"#,
        )
        .unwrap();
        assert!(page.has_more());
        let last: PageBean<u32> =
            serde_json::from_str(r#"{"startAt":2,"maxResults":2,"total":3,"values":[3]}"#).unwrap();
        assert!(!last.has_more());
        let unknown: PageBean<u32> =
            serde_json::from_str(r#"{"startAt":0,"maxResults":2,"values":[1,2]}"#).unwrap();
        assert!(unknown.has_more());
        let empty: PageBean<u32> = serde_json::from_str(r#"{"maxResults":50}"#).unwrap();
        assert!(!empty.has_more());
    }
}
