//! The history of an issue (who changed which field, when, from what to what).

use super::{call, is_cloud, issue_get, segment};
use crate::api::issues::ChangeHistory;
use crate::api::JiraClient;
use crate::error::Result;
use reqwest::Method;
use serde::Deserialize;

/// Cloud's `PageBeanChangelog`: the page of `GET /issue/{key}/changelog`. Kept private here
/// because only this paging loop reads it; the entries are the shared [`ChangeHistory`].
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangelogPage {
    #[serde(default)]
    start_at: u64,
    #[serde(default)]
    total: u64,
    #[serde(default)]
    is_last: Option<bool>,
    #[serde(default)]
    values: Option<Vec<ChangeHistory>>,
}

impl ChangelogPage {
    /// `startAt` of the next page, `None` after the last (or on an empty page, so a server
    /// that miscounts cannot loop forever).
    fn next_start_at(&self, len: usize) -> Option<u64> {
        let next = self.start_at.saturating_add(len as u64);
        let last = self.is_last.unwrap_or(next >= self.total);
        (len > 0 && !last).then_some(next)
    }
}

/// Every change of an issue, oldest first. Cloud pages `GET /issue/{key}/changelog` (all
/// pages); Data Center has no such resource and answers the whole history with
/// `expand=changelog` on the issue.
///
/// Errors: [`crate::Error::NotFound`], HTTP and transport errors.
pub async fn changelog(client: &JiraClient, key: &str) -> Result<Vec<ChangeHistory>> {
    if !is_cloud(client) {
        let issue = issue_get(client, key, "changelog").await?;
        return Ok(issue.changelog.map(|c| c.histories).unwrap_or_default());
    }
    let resource = format!("issue/{}/changelog", segment(key));
    let mut all = Vec::new();
    let mut start = Some(0);
    while let Some(at) = start {
        let query = [("startAt", at.to_string())];
        let mut page: ChangelogPage = call(client, Method::GET, &resource, &query, None).await?;
        let values = page.values.take().unwrap_or_default();
        start = page.next_start_at(values.len());
        all.extend(values);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::ChangelogPage;

    #[test]
    fn paging_stops_at_the_last_page_and_on_empty_pages() {
        let page = |json: &str| serde_json::from_str::<ChangelogPage>(json).expect("page");
        let first = page(r#"{"startAt":0,"maxResults":2,"total":3,"isLast":false,"values":[]}"#);
        assert_eq!(first.next_start_at(2), Some(2));
        assert_eq!(first.next_start_at(0), None, "an empty page ends the loop");
        let last = page(r#"{"startAt":2,"total":3,"isLast":true}"#);
        assert_eq!(last.next_start_at(1), None);
        let no_flag = page(r#"{"startAt":0,"total":3,"values":null}"#);
        assert_eq!(no_flag.next_start_at(2), Some(2));
        assert_eq!(no_flag.next_start_at(3), None);
    }
}
