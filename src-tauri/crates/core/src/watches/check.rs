//! One watch's queries and how their answers compare with what it saw before.
//!
//! - Rule All, and the first run of any rule: the full query. The first run's result is the
//!   baseline and is reported (every match as new), so a weekly "On Hold" watch tells what is
//!   there right away instead of staying silent for a week.
//! - Rules New and Changed afterwards, each run:
//!   1. a keys-only reconcile: the full query asking for `updated` alone (up to 1000 issues a
//!      page), cheap even for a few thousand matches. Seen keys missing from it left the result
//!      set and are forgotten, so coming back counts as new; keys present with an `updated`
//!      other than the one seen are the candidates.
//!   2. only when there are candidates, the incremental query
//!      `(<jql>) AND updated >= "-<N>m" ORDER BY updated ASC` with the display fields, N
//!      covering the time since the last successful run plus [`OVERLAP_MINUTES`] (relative
//!      to Jira's clock). Matches are de-duplicated by key + `updated` against the seen map.
//!   3. candidates the window did not return (an issue that entered the set without being
//!      updated, e.g. through a date function) are fetched by `key in (…)`, 50 at a time.
//!
//!   Chunked `key in (…) AND NOT (<jql>)` queries were the alternative for departures; Jira
//!   refuses a `key in` naming an issue deleted meanwhile, and they cost a request per 50 seen
//!   keys, where the reconcile costs one per 1000 current matches.
//!
//! Rule All and first runs fetch the display fields 100 a page, so within the connection's
//! budget they handle about 2000 matches; a bigger one fails with a sentence asking to narrow
//! the query rather than starving the other watches.

use super::jql::{and_order, key_in, strip_order_by, updated_within};
use super::store::WatchState;
use super::{MatchChange, NotifyRule, Watch, WatchMatch};
use crate::api::issues::Issue;
use crate::api::JiraClient;
use crate::error::Result;
use crate::ops::{search_page, PageRequest};
use std::collections::BTreeMap;

/// Minutes added to the incremental window, so an update at the edge of the previous run (or
/// a few minutes of clock skew between Jiffy and Jira) is not missed.
pub const OVERLAP_MINUTES: u64 = 2;
/// Page size of the keys-only reconcile (Jira caps it lower when it must).
const RECONCILE_PAGE: u32 = 1000;
/// Page size of queries with display fields.
const DETAIL_PAGE: u32 = 100;
/// Keys per `key in (…)` query.
const KEYS_PER_QUERY: usize = 50;

/// Requests left for one connection in one run.
#[derive(Debug)]
pub(super) struct Budget(pub u32);

impl Budget {
    fn take(&mut self) -> bool {
        let ok = self.0 > 0;
        self.0 = self.0.saturating_sub(1);
        ok
    }
}

/// What a watch found.
#[derive(Debug)]
pub(super) struct Checked {
    /// What the rule reports: first-time matches (New), new and updated ones (Changed), or
    /// every match (All), oldest update first (newest first for All).
    pub matches: Vec<WatchMatch>,
    /// The ones to notify.
    pub notify: Vec<WatchMatch>,
    /// The new seen map.
    pub seen: BTreeMap<String, String>,
    /// How many issues match now.
    pub matching: u32,
}

/// Runs `watch`'s queries. `Ok(None)`: the budget ran out before it finished (nothing is
/// recorded; it stays due).
///
/// Errors: the first failing request's.
pub(super) async fn check(
    client: &JiraClient,
    watch: &Watch,
    previous: Option<&WatchState>,
    now_ms: u64,
    budget: &mut Budget,
) -> Result<Option<Checked>> {
    let base = strip_order_by(&watch.jql);
    let previous = previous.filter(|p| p.baseline);
    let (Some(prev), NotifyRule::New | NotifyRule::Changed) = (previous, watch.notify) else {
        let jql = and_order(base, "", "DESC");
        let Some(issues) = fetch(client, &jql, &detail_fields(), DETAIL_PAGE, budget).await? else {
            return Ok(None);
        };
        let empty = BTreeMap::new();
        let seen_before = previous.map_or(&empty, |p| &p.seen);
        let matches: Vec<WatchMatch> = issues
            .iter()
            .map(|i| to_match(i, seen_before.get(&i.key)))
            .collect();
        let seen = matches
            .iter()
            .map(|m| (m.key.clone(), m.updated.clone()))
            .collect();
        let notify = matches.clone();
        let matching = count(matches.len());
        return Ok(Some(Checked {
            matches,
            notify,
            seen,
            matching,
        }));
    };

    let reconcile_jql = and_order(base, "", "DESC");
    let fields = vec!["updated".to_owned()];
    let Some(current) = fetch(client, &reconcile_jql, &fields, RECONCILE_PAGE, budget).await?
    else {
        return Ok(None);
    };
    let current: BTreeMap<String, String> = current
        .into_iter()
        .map(|i| (i.key, i.fields.updated.unwrap_or_default()))
        .collect();
    let mut candidates: Vec<String> = current
        .iter()
        .filter(|(k, u)| prev.seen.get(*k) != Some(*u))
        .map(|(k, _)| k.clone())
        .collect();
    let mut found: Vec<Issue> = Vec::new();
    if !candidates.is_empty() {
        let since = prev.last_ok_at.unwrap_or(0);
        let minutes = now_ms.saturating_sub(since).div_ceil(60_000) + OVERLAP_MINUTES;
        let jql = and_order(base, &updated_within(minutes), "ASC");
        let Some(recent) = fetch(client, &jql, &detail_fields(), DETAIL_PAGE, budget).await? else {
            return Ok(None);
        };
        candidates.retain(|k| !recent.iter().any(|i| &i.key == k));
        found = recent;
    }
    for chunk in candidates.chunks(KEYS_PER_QUERY) {
        let jql = and_order(&key_in(chunk), "", "ASC");
        let Some(more) = fetch(client, &jql, &detail_fields(), DETAIL_PAGE, budget).await? else {
            return Ok(None);
        };
        found.extend(more);
    }

    // Seen keys that no longer match are dropped here: the new map holds current keys only.
    let mut seen: BTreeMap<String, String> = current
        .keys()
        .filter_map(|k| prev.seen.get(k).map(|u| (k.clone(), u.clone())))
        .collect();
    let mut matches = Vec::new();
    for issue in &found {
        let m = to_match(issue, seen.get(&issue.key));
        seen.insert(m.key.clone(), m.updated.clone());
        if m.change != MatchChange::Same && !matches.iter().any(|x: &WatchMatch| x.key == m.key) {
            matches.push(m);
        }
    }
    // A candidate no detail query returned (it left the set between the queries) stays
    // unseen: it was not reported, so it will be if it matches again.
    // Rule New reports (and tells) first-time matches only; an update is still recorded
    // in `seen` so that it is not reported later either.
    matches.retain(|m| watch.notify == NotifyRule::Changed || m.change == MatchChange::New);
    let notify = matches.clone();
    Ok(Some(Checked {
        matches,
        notify,
        matching: count(current.len()),
        seen,
    }))
}

fn detail_fields() -> Vec<String> {
    ["summary", "status", "updated"].map(String::from).to_vec()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An issue as a match, compared with the `updated` value seen before.
fn to_match(issue: &Issue, seen: Option<&String>) -> WatchMatch {
    let updated = issue.fields.updated.clone().unwrap_or_default();
    let change = match seen {
        None => MatchChange::New,
        Some(u) if *u != updated => MatchChange::Changed,
        Some(_) => MatchChange::Same,
    };
    WatchMatch {
        key: issue.key.clone(),
        summary: issue.fields.summary.clone().unwrap_or_default(),
        status: issue
            .fields
            .status
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        updated,
        change,
    }
}

/// Every issue of `jql`, page after page, one request of the budget each. `Ok(None)` when the
/// budget runs out first.
async fn fetch(
    client: &JiraClient,
    jql: &str,
    fields: &[String],
    page_size: u32,
    budget: &mut Budget,
) -> Result<Option<Vec<Issue>>> {
    let mut issues = Vec::new();
    let mut next = None;
    loop {
        if !budget.take() {
            return Ok(None);
        }
        let request = PageRequest {
            next: next.take(),
            max_results: page_size,
        };
        let page = search_page(client, jql, fields, request).await?;
        next = page.next_page();
        issues.extend(page.issues);
        if next.is_none() {
            return Ok(Some(issues));
        }
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
