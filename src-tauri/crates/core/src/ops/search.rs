//! JQL search: Cloud's `search/jql` paged by `nextPageToken` (never the retired `/search`,
//! which Cloud answers 410), Data Center's `search` paged by `startAt`/`total`.

use super::{call, is_cloud};
use crate::api::issues::Issue;
use crate::api::search::{
    ApproximateCount, JqlAutocompleteData, JqlSuggestion, JqlSuggestions, NextPage, SearchPage,
};
use crate::api::JiraClient;
use crate::error::Result;
use crate::http::paging::remaining_offsets;
use reqwest::Method;

/// Which page of a search to fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// Where to continue (`None`: the first page); take it from [`SearchPage::next_page`].
    pub next: Option<NextPage>,
    /// Page size asked for (Jira may answer fewer); `0` lets Jira choose.
    pub max_results: u32,
}

/// The page size [`search_all`] asks for; Jira caps it (50 or 100) when fields are asked for.
const PAGE_SIZE: usize = 100;

/// One page of issues matching `jql`, with `fields` (empty: the navigable fields, in both
/// deployments).
///
/// Errors: [`crate::Error::Validation`] for JQL Jira cannot parse (its messages included),
/// HTTP and transport errors.
pub async fn search_page(
    client: &JiraClient,
    jql: &str,
    fields: &[String],
    page: PageRequest,
) -> Result<SearchPage> {
    let mut query = vec![("jql", jql.to_owned())];
    if page.max_results > 0 {
        query.push(("maxResults", page.max_results.to_string()));
    }
    if !fields.is_empty() {
        query.push(("fields", fields.join(",")));
    } else if is_cloud(client) {
        // Cloud's `search/jql` answers bare ids by default; Data Center answers the navigable
        // fields. Ask Cloud for those too, so callers see the same issues either way.
        query.push(("fields", "*navigable".to_owned()));
    }
    match page.next {
        Some(NextPage::Token(token)) => query.push(("nextPageToken", token)),
        Some(NextPage::StartAt(at)) => query.push(("startAt", at.to_string())),
        None => {}
    }
    let resource = if is_cloud(client) {
        "search/jql"
    } else {
        "search"
    };
    call(client, Method::GET, resource, &query, None).await
}

/// How far [`search_all_with_progress`] has come, after each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchProgress {
    /// Issues fetched so far.
    pub fetched: usize,
    /// How many there will be (capped by the limit), when known.
    pub total: Option<u64>,
    /// Whether `total` is exact (Data Center's `total`) or Cloud's approximate count.
    pub exact: bool,
}

/// Every issue matching `jql` (at most `limit`), in Jira's order. Cloud: `nextPageToken`,
/// page after page. Data Center: the first page tells the total, then the remaining pages
/// are fetched by `startAt`, four at a time.
///
/// Errors: as [`search_page`]; the first failing page fails the whole search.
pub async fn search_all(
    client: &JiraClient,
    jql: &str,
    fields: &[String],
    limit: Option<usize>,
) -> Result<Vec<Issue>> {
    search_pages(client, jql, fields, limit, None).await
}

/// [`search_all`], calling `progress` after every page with the count so far and the total:
/// Data Center's exact `total`, or on Cloud (whose `search/jql` tells no total) the
/// `search/approximate-count` asked for alongside the first page. A count that cannot be
/// had leaves `total` empty rather than failing the search.
///
/// Errors: as [`search_all`].
pub async fn search_all_with_progress(
    client: &JiraClient,
    jql: &str,
    fields: &[String],
    limit: Option<usize>,
    progress: &(dyn Fn(SearchProgress) + Sync),
) -> Result<Vec<Issue>> {
    search_pages(client, jql, fields, limit, Some(progress)).await
}

/// The paging of [`search_all`]; the Cloud count is asked for only when someone listens.
async fn search_pages(
    client: &JiraClient,
    jql: &str,
    fields: &[String],
    limit: Option<usize>,
    progress: Option<&(dyn Fn(SearchProgress) + Sync)>,
) -> Result<Vec<Issue>> {
    let want = |have: usize| limit.map_or(PAGE_SIZE, |l| l.saturating_sub(have).min(PAGE_SIZE));
    let size = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let first_request = PageRequest {
        next: None,
        max_results: size(want(0)),
    };
    let (first, approximate) = if is_cloud(client) && progress.is_some() {
        let (first, count) = tokio::join!(
            search_page(client, jql, fields, first_request),
            approximate_count(client, jql)
        );
        (first?, count.ok())
    } else {
        (search_page(client, jql, fields, first_request).await?, None)
    };
    let exact = first.total.is_some();
    let capped = |n: u64| limit.map_or(n, |l| n.min(l as u64));
    let report_total = first.total.or(approximate).map(capped);
    let report = |fetched: usize| {
        if let Some(progress) = progress {
            progress(SearchProgress {
                fetched: limit.map_or(fetched, |l| fetched.min(l)),
                total: report_total,
                exact,
            });
        }
    };
    let mut next = first.next_page();
    // The step is what the first page held: Jira caps `maxResults` (to 50 or 100) and the
    // reported value has been seen to differ from the count actually returned.
    let page_size = Some(first.issues.len() as u64).filter(|n| *n > 0);
    let total = first.total;
    let mut issues = first.issues;
    report(issues.len());
    let done = |issues: &Vec<Issue>| limit.is_some_and(|l| issues.len() >= l);
    if let (Some(NextPage::StartAt(_)), Some(total), Some(page_size)) = (&next, total, page_size) {
        let limit = limit.map(|l| l as u64);
        let offsets = remaining_offsets(total, page_size, limit);
        for chunk in offsets.chunks(CONCURRENT_PAGES) {
            let at = |i: usize| chunk.get(i).copied();
            let size = size(usize::try_from(page_size).unwrap_or(PAGE_SIZE));
            // Hand-written fan-out with `tokio::join!` (jiffy-core has no futures crate): a
            // fixed width keeps Jira from seeing more than CONCURRENT_PAGES requests at once.
            let (a, b, c, d) = tokio::join!(
                page_at(client, jql, fields, at(0), size),
                page_at(client, jql, fields, at(1), size),
                page_at(client, jql, fields, at(2), size),
                page_at(client, jql, fields, at(3), size),
            );
            for page in [a?, b?, c?, d?].into_iter().flatten() {
                issues.extend(page.issues);
                report(issues.len());
            }
        }
        next = None;
    }
    while let Some(page) = next.take().filter(|_| !done(&issues)) {
        let request = PageRequest {
            next: Some(page),
            max_results: size(want(issues.len())),
        };
        let page = search_page(client, jql, fields, request).await?;
        next = page.next_page();
        issues.extend(page.issues);
        report(issues.len());
    }
    if let Some(limit) = limit {
        issues.truncate(limit);
    }
    Ok(issues)
}

/// How many Data Center pages [`search_all`] fetches at once; must match the arms of its
/// `tokio::join!`.
const CONCURRENT_PAGES: usize = 4;

/// The page at `start`, or nothing when there is no such page to fetch.
async fn page_at(
    client: &JiraClient,
    jql: &str,
    fields: &[String],
    start: Option<u64>,
    max_results: u32,
) -> Result<Option<SearchPage>> {
    let Some(start) = start else {
        return Ok(None);
    };
    let request = PageRequest {
        next: Some(NextPage::StartAt(start)),
        max_results,
    };
    search_page(client, jql, fields, request).await.map(Some)
}

/// How many issues match `jql`, for progress: Cloud's `search/approximate-count` (an
/// estimate), Data Center's exact `total` of an empty page.
///
/// Errors: as [`search_page`].
pub async fn approximate_count(client: &JiraClient, jql: &str) -> Result<u64> {
    if is_cloud(client) {
        let body = serde_json::json!({ "jql": jql });
        let count: ApproximateCount = call(
            client,
            Method::POST,
            "search/approximate-count",
            &[],
            Some(&body),
        )
        .await?;
        return Ok(count.count);
    }
    let query = [
        ("jql", jql.to_owned()),
        ("maxResults", "0".to_owned()),
        ("fields", "id".to_owned()),
    ];
    let page: SearchPage = call(client, Method::GET, "search", &query, None).await?;
    Ok(page.total.unwrap_or(0))
}

/// The fields, functions and reserved words the JQL editor completes.
///
/// Errors: HTTP and transport errors.
pub async fn jql_autocomplete_data(client: &JiraClient) -> Result<JqlAutocompleteData> {
    call(client, Method::GET, "jql/autocompletedata", &[], None).await
}

/// Values of `field_name` starting with what the user typed (`typed`), for the JQL editor.
///
/// Errors: HTTP and transport errors.
pub async fn jql_suggestions(
    client: &JiraClient,
    field_name: &str,
    typed: &str,
) -> Result<Vec<JqlSuggestion>> {
    let query = [
        ("fieldName", field_name.to_owned()),
        ("fieldValue", typed.to_owned()),
    ];
    let found: JqlSuggestions = call(
        client,
        Method::GET,
        "jql/autocompletedata/suggestions",
        &query,
        None,
    )
    .await?;
    Ok(found.results)
}

#[cfg(test)]
mod tests;
