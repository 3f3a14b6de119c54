//! The history of an issue (who changed which field, when, from what to what).

use super::{call, is_cloud, issue_get, segment};
use crate::api::fields::Field;
use crate::api::issues::ChangeHistory;
use crate::api::JiraClient;
use crate::error::Result;
use reqwest::Method;
use serde::Deserialize;
use std::collections::HashMap;

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

/// Every change of an issue, oldest first, each item's `field` a name a person reads.
/// Cloud pages `GET /issue/{key}/changelog` (all pages); Data Center has no such resource and
/// answers the whole history with `expand=changelog` on the issue.
///
/// Jira puts the field's name in `field` (`fieldId` carries the id); where an item names a
/// field only by its id (`customfield_10010`, or `field` empty), the name comes from
/// `GET /field`, asked at most once and only then. A failed lookup leaves the ids: the
/// history is still worth showing.
///
/// Errors: [`crate::Error::NotFound`], HTTP and transport errors.
pub async fn changelog(client: &JiraClient, key: &str) -> Result<Vec<ChangeHistory>> {
    let mut all = histories(client, key).await?;
    let needs_names = all
        .iter()
        .flat_map(|h| &h.items)
        .any(|i| field_id_shown(&i.field, i.field_id.as_deref()).is_some());
    if needs_names {
        if let Ok(fields) = call::<Vec<Field>>(client, Method::GET, "field", &[], None).await {
            name_fields(&mut all, &fields);
        }
    }
    Ok(all)
}

/// The id an item shows instead of a name, if it does: `field` itself when it is a custom
/// field's id, else `fieldId` when `field` is empty.
fn field_id_shown<'a>(field: &'a str, field_id: Option<&'a str>) -> Option<&'a str> {
    if field.starts_with("customfield_") {
        Some(field)
    } else if field.trim().is_empty() {
        field_id.filter(|id| !id.is_empty())
    } else {
        None
    }
}

/// Replaces field ids shown as `field` with the names `fields` give them (ids stay in
/// `fieldId`); unknown ids are left as they are.
fn name_fields(histories: &mut [ChangeHistory], fields: &[Field]) {
    let names: HashMap<&str, &str> = fields
        .iter()
        .filter(|f| !f.name.is_empty())
        .map(|f| (f.id.as_str(), f.name.as_str()))
        .collect();
    for item in histories.iter_mut().flat_map(|h| h.items.iter_mut()) {
        let Some(id) = field_id_shown(&item.field, item.field_id.as_deref()) else {
            continue;
        };
        let Some(name) = names.get(id) else { continue };
        let id = id.to_owned();
        item.field = (*name).to_owned();
        item.field_id.get_or_insert(id);
    }
}

/// The changes as Jira sends them (see [`changelog`]).
async fn histories(client: &JiraClient, key: &str) -> Result<Vec<ChangeHistory>> {
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
    use super::{name_fields, ChangelogPage};
    use crate::api::fields::Field;
    use crate::api::issues::ChangeHistory;

    #[test]
    fn field_ids_become_the_names_jira_gives_them() {
        let mut histories: Vec<ChangeHistory> = serde_json::from_str(
            r#"[{"id":"1","created":"2024-01-01T00:00:00.000+0000","items":[
                {"field":"customfield_10010","fieldtype":"custom","to":"5"},
                {"field":"","fieldtype":"custom","fieldId":"customfield_10011","to":"x"},
                {"field":"Story Points","fieldtype":"custom","fieldId":"customfield_10016"},
                {"field":"status","fieldtype":"jira","fieldId":"status"},
                {"field":"customfield_99999","fieldtype":"custom"}]}]"#,
        )
        .expect("histories");
        let field = |id: &str, name: &str| Field {
            id: id.into(),
            name: name.into(),
            ..Field::default()
        };
        let fields = [
            field("customfield_10010", "Severity"),
            field("customfield_10011", "Team"),
            field("customfield_10016", "Renamed since"),
            field("status", "Status"),
        ];
        name_fields(&mut histories, &fields);
        let items = &histories[0].items;
        let shown: Vec<&str> = items.iter().map(|i| i.field.as_str()).collect();
        // A name Jira sent stays, even when /field now calls the field something else.
        assert_eq!(
            shown,
            [
                "Severity",
                "Team",
                "Story Points",
                "status",
                "customfield_99999"
            ]
        );
        assert_eq!(items[0].field_id.as_deref(), Some("customfield_10010"));
        assert_eq!(items[1].field_id.as_deref(), Some("customfield_10011"));
    }

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
