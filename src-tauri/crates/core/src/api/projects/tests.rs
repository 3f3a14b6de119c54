use super::*;
use crate::api::page::Page;

/// Cloud `GET /rest/api/3/project/search?expand=issueTypes` (PageBeanProject).
const CLOUD_PAGE: &str = r#"{
  "self": "https://your-domain.atlassian.net/rest/api/3/project/search?startAt=0&maxResults=2",
  "nextPage": "https://your-domain.atlassian.net/rest/api/3/project/search?startAt=2&maxResults=2",
  "maxResults": 2, "startAt": 0, "total": 7, "isLast": false,
  "values": [
    {
      "self": "https://your-domain.atlassian.net/rest/api/3/project/EX",
      "id": "10000", "key": "EX", "name": "Example",
      "avatarUrls": { "48x48": "https://your-domain.atlassian.net/secure/projectavatar?size=large&pid=10000" },
      "projectCategory": { "self": "https://x/rest/api/3/projectCategory/10000", "id": "10000", "name": "FIRST", "description": "First Project Category" },
      "simplified": false, "style": "classic", "projectTypeKey": "software",
      "issueTypes": [
        { "id": "10001", "name": "Bug", "subtask": false, "hierarchyLevel": 0, "iconUrl": "https://x/bug.svg", "avatarId": 10303 },
        { "id": "10002", "name": "Sub-task", "subtask": true, "hierarchyLevel": -1 }
      ],
      "insight": { "totalIssueCount": 100, "lastIssueUpdateTime": "2024-01-01T00:00:00.000+0000" }
    },
    { "self": "https://x/rest/api/3/project/ABC", "id": "10001", "key": "ABC", "name": "Alphabetical" }
  ]
}"#;

/// DC `GET /rest/api/2/project`: a bare array.
const DC_LIST: &str = r#"[
  { "self": "http://www.example.com/jira/rest/api/2/project/EX", "id": "10000", "key": "EX",
    "name": "Example", "avatarUrls": { "16x16": "http://www.example.com/jira/secure/projectavatar?size=xsmall&pid=10000" },
    "projectCategory": { "id": "10000", "name": "FIRST" }, "projectTypeKey": "business", "archived": false },
  { "self": "http://www.example.com/jira/rest/api/2/project/OLD", "id": "10002", "key": "OLD", "name": "Old", "archived": true }
]"#;

#[test]
fn cloud_project_page() {
    let page: Page<Project> = serde_json::from_str(CLOUD_PAGE).expect("page");
    assert_eq!(page.total, Some(7));
    assert_eq!(page.next_start_at(), Some(2));
    let ex = &page.values[0];
    assert_eq!((ex.key.as_str(), ex.name.as_str()), ("EX", "Example"));
    assert_eq!(ex.issue_types.len(), 2);
    let standard: Vec<&str> = ex.standard_issue_types().map(|t| t.name.as_str()).collect();
    assert_eq!(standard, ["Bug"]);
    assert_eq!(ex.issue_types[1].hierarchy_level, Some(-1));
    assert_eq!(
        ex.project_category.as_ref().map(|c| c.name.as_str()),
        Some("FIRST")
    );
    assert!(page.values[1].issue_types.is_empty());
}

#[test]
fn dc_project_list() {
    let projects: Vec<Project> = serde_json::from_str(DC_LIST).expect("list");
    assert_eq!(projects.len(), 2);
    assert_eq!(projects[0].project_type_key.as_deref(), Some("business"));
    assert!(projects[1].archived);
    assert!(projects[0]
        .avatar_urls
        .as_ref()
        .and_then(|a| a.best_for(16))
        .is_some());
}

#[test]
fn page_ends() {
    let last: Page<Project> = serde_json::from_str(
        r#"{"startAt":5,"maxResults":5,"total":7,"values":[{"key":"A"},{"key":"B"}]}"#,
    )
    .expect("page");
    assert_eq!(last.next_start_at(), None);
    let more: Page<Project> =
        serde_json::from_str(r#"{"startAt":0,"maxResults":1,"total":7,"values":[{"key":"A"}]}"#)
            .expect("page");
    assert_eq!(more.next_start_at(), Some(1));
    let flagged: Page<Project> = serde_json::from_str(
        r#"{"startAt":0,"maxResults":50,"isLast":true,"values":[{"key":"A"}]}"#,
    )
    .expect("page");
    assert_eq!(flagged.next_start_at(), None);
    let empty: Page<Project> = serde_json::from_str(
        r#"{"startAt":0,"maxResults":50,"total":99,"isLast":false,"values":null}"#,
    )
    .expect("page");
    assert_eq!(empty.next_start_at(), None);
    let unknown: Page<Project> =
        serde_json::from_str(r#"{"startAt":0,"maxResults":1,"values":[{"key":"A"}]}"#)
            .expect("page");
    assert_eq!(unknown.next_start_at(), Some(1));
}
