use super::*;
use crate::api::fields::FieldKind;
use crate::api::rich_text::TextFormat;

/// Cloud `GET /rest/api/3/issue/ED-1?expand=names,renderedFields,transitions,editmeta,changelog`.
const CLOUD_ISSUE: &str = r#"{
  "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
  "id": "10002", "key": "ED-1",
  "self": "https://your-domain.atlassian.net/rest/api/3/issue/10002",
  "fields": {
    "summary": "Login fails with SSO",
    "description": { "type": "doc", "version": 1, "content": [
      { "type": "paragraph", "content": [{ "type": "text", "text": "Main order flow broken" }] } ] },
    "environment": null,
    "issuetype": { "id": "10001", "name": "Bug", "subtask": false, "hierarchyLevel": 0 },
    "project": { "id": "10000", "key": "ED", "name": "Edison", "projectTypeKey": "software", "simplified": false,
      "avatarUrls": { "48x48": "https://x/projectavatar?pid=10000" } },
    "status": { "id": "3", "name": "In Progress", "statusCategory": { "id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress" } },
    "priority": { "id": "2", "name": "High", "iconUrl": "https://x/high.svg" },
    "resolution": null,
    "assignee": { "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": true },
    "reporter": { "accountId": "5b10ac8d82e05b22cc7d4ef5", "displayName": "Emma Richards", "active": true },
    "created": "2024-03-01T09:00:00.000+0000", "updated": "2024-03-02T10:30:00.000+0000",
    "duedate": "2024-03-31", "resolutiondate": null,
    "labels": ["sso", "login"],
    "components": [{ "self": "https://x/rest/api/3/component/10000", "id": "10000", "name": "Auth" }],
    "fixVersions": [{ "id": "10100", "name": "2.0", "released": false, "archived": false }],
    "versions": [],
    "parent": { "id": "10001", "key": "ED-0", "fields": { "summary": "Epic: auth", "status": { "id": "1", "name": "To Do" } } },
    "subtasks": [{ "id": "10003", "key": "ED-2", "fields": { "summary": "Write a test", "status": { "id": "10000", "name": "To Do" }, "issuetype": { "id": "10003", "name": "Sub-task", "subtask": true } } }],
    "issuelinks": [
      { "id": "10001", "type": { "id": "10000", "name": "Dependent", "inward": "depends on", "outward": "is depended by" },
        "outwardIssue": { "id": "10004", "key": "PR-2", "fields": { "status": { "name": "Open" } } } },
      { "id": "10002", "type": { "id": "10000", "name": "Dependent", "inward": "depends on", "outward": "is depended by" },
        "inwardIssue": { "id": "10004", "key": "PR-3", "fields": { "summary": "x" } } }
    ],
    "attachment": [{ "id": "10000", "filename": "picture.jpg", "size": 23123, "mimeType": "image/jpeg", "content": "https://x/attachment/content/10000" }],
    "comment": { "comments": [], "maxResults": 0, "total": 0, "startAt": 0 },
    "watches": { "isWatching": false, "watchCount": 1 },
    "timetracking": { "originalEstimate": "10m", "remainingEstimate": "3m" },
    "customfield_10010": 5.0,
    "customfield_10011": { "self": "https://x/rest/api/3/customFieldOption/10100", "value": "Red", "id": "10100" },
    "customfield_10012": null
  },
  "names": { "summary": "Summary", "customfield_10010": "Story Points", "customfield_10011": "Team" },
  "renderedFields": { "description": "<p>Main order flow broken</p>", "summary": null },
  "transitions": [{ "id": "21", "name": "Done", "hasScreen": false, "to": { "id": "10001", "name": "Done" } }],
  "editmeta": { "fields": { "labels": { "required": false, "name": "Labels", "operations": ["add", "set", "remove"],
    "schema": { "type": "array", "items": "string", "system": "labels" } } } },
  "changelog": { "startAt": 0, "maxResults": 1, "total": 1, "histories": [{
    "id": "10001", "author": { "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof" },
    "created": "2024-03-02T10:30:00.000+0000",
    "items": [{ "field": "status", "fieldtype": "jira", "fieldId": "status", "from": "10000", "fromString": "To Do", "to": "3", "toString": "In Progress" }] }] }
}"#;

/// DC `GET /rest/api/2/issue/ABC-7`: wiki description, users by name, nulls for empty lists.
const DC_ISSUE: &str = r#"{
  "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
  "id": "10100", "self": "http://jira.corp/rest/api/2/issue/10100", "key": "ABC-7",
  "fields": {
    "summary": "Printer on fire",
    "description": "h2. Steps\n* open the tray\n* *smoke*",
    "issuetype": { "self": "http://jira.corp/rest/api/2/issuetype/1", "id": "1", "name": "Bug", "subtask": false, "avatarId": 10303 },
    "project": { "id": "10000", "key": "ABC", "name": "Alpha" },
    "status": { "id": "1", "name": "Open", "statusCategory": { "id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do" } },
    "assignee": { "name": "fred", "key": "JIRAUSER10100", "displayName": "Fred F. User", "active": true },
    "labels": null, "components": null, "fixVersions": [], "subtasks": [], "issuelinks": [],
    "customfield_10200": "plain text value"
  }
}"#;

#[test]
fn cloud_issue_with_every_expansion() {
    let issue: Issue = serde_json::from_str(CLOUD_ISSUE).expect("cloud issue");
    let f = &issue.fields;
    assert_eq!(issue.key, "ED-1");
    assert_eq!(f.summary.as_deref(), Some("Login fails with SSO"));
    assert_eq!(
        f.description.as_ref().map(RichText::format),
        Some(TextFormat::Adf)
    );
    assert_eq!(
        f.description
            .as_ref()
            .map(RichText::to_plain_text)
            .as_deref(),
        Some("Main order flow broken")
    );
    assert_eq!(f.environment, None);
    assert_eq!(
        f.status.as_ref().map(|s| s.name.as_str()),
        Some("In Progress")
    );
    assert_eq!(
        f.assignee.as_ref().and_then(|u| u.account_id.as_deref()),
        Some("5b10a2844c20165700ede21g")
    );
    assert_eq!(f.resolution, None);
    assert_eq!(f.labels, ["sso", "login"]);
    assert_eq!(f.components[0].name, "Auth");
    assert_eq!(f.fix_versions[0].name, "2.0");
    assert_eq!(f.parent.as_ref().map(|p| p.key.as_str()), Some("ED-0"));
    assert_eq!(
        f.subtasks[0].fields.issuetype.as_ref().map(|t| t.subtask),
        Some(true)
    );
    let links: Vec<(&str, &str)> = f
        .issuelinks
        .iter()
        .filter_map(|l| l.describe())
        .map(|(p, i)| (p, i.key.as_str()))
        .collect();
    assert_eq!(links, [("is depended by", "PR-2"), ("depends on", "PR-3")]);
    assert_eq!(f.attachment[0].filename, "picture.jpg");
    assert_eq!(f.comment.as_ref().map(|c| c.total), Some(0));
    // Custom and untyped system fields stay as JSON.
    assert_eq!(f.get("customfield_10010"), Some(&serde_json::json!(5.0)));
    assert_eq!(
        f.get("customfield_10011").and_then(|v| v["value"].as_str()),
        Some("Red")
    );
    assert_eq!(
        f.get("customfield_10012"),
        None,
        "null custom fields read as absent"
    );
    assert!(f.get("timetracking").is_some());
    let custom: Vec<&str> = f.custom_fields().map(|(id, _)| id).collect();
    assert_eq!(custom, ["customfield_10010", "customfield_10011"]);
    // Expansions.
    let names = issue.names.as_ref().expect("names");
    assert_eq!(names["customfield_10010"], "Story Points");
    let rendered = issue.rendered_fields.as_ref().expect("renderedFields");
    assert_eq!(rendered["description"], "<p>Main order flow broken</p>");
    assert_eq!(issue.transitions.as_ref().map(Vec::len), Some(1));
    let editmeta = issue.editmeta.as_ref().expect("editmeta");
    assert_eq!(editmeta.fields["labels"].kind(), FieldKind::Labels);
    let change = &issue.changelog.as_ref().expect("changelog").histories[0].items[0];
    assert_eq!(
        (change.from_string.as_deref(), change.to_text.as_deref()),
        (Some("To Do"), Some("In Progress"))
    );
}

#[test]
fn dc_issue_with_wiki_and_nulls() {
    let issue: Issue = serde_json::from_str(DC_ISSUE).expect("dc issue");
    let f = &issue.fields;
    assert_eq!(
        f.description,
        Some(RichText::Wiki(
            "h2. Steps\n* open the tray\n* *smoke*".into()
        ))
    );
    assert_eq!(
        f.description.as_ref().map(RichText::to_markdown).as_deref(),
        Some("## Steps\n\n- open the tray\n- **smoke**")
    );
    assert!(f.labels.is_empty() && f.components.is_empty());
    assert_eq!(
        f.assignee
            .as_ref()
            .and_then(|u| u.id())
            .map(|id| id.to_json()),
        Some(serde_json::json!({ "name": "fred" }))
    );
    assert_eq!(
        f.get("customfield_10200").and_then(|v| v.as_str()),
        Some("plain text value")
    );
    assert!(issue.names.is_none() && issue.changelog.is_none());
}

#[test]
fn issue_round_trips_through_json_with_custom_fields() {
    let issue: Issue = serde_json::from_str(CLOUD_ISSUE).expect("cloud issue");
    let json = serde_json::to_value(&issue).expect("serialize");
    // Custom fields are written back at the top level of `fields`, as Jira has them.
    assert_eq!(json["fields"]["customfield_10010"], 5.0);
    assert_eq!(json["fields"]["fixVersions"][0]["name"], "2.0");
    assert_eq!(
        json["self"],
        "https://your-domain.atlassian.net/rest/api/3/issue/10002"
    );
    let back: Issue = serde_json::from_value(json).expect("deserialize");
    assert_eq!(back, issue);
}

#[test]
fn minimal_search_issue() {
    // Cloud search/jql with the default `fields=id`: almost nothing.
    let issue: Issue = serde_json::from_str(r#"{"id":"10068"}"#).expect("issue");
    assert_eq!(issue.id, "10068");
    assert_eq!(issue.fields, IssueFields::default());
    let odd: Issue =
        serde_json::from_str(r#"{"id":"1","key":"A-1","fields":null}"#).expect("issue");
    assert_eq!(odd.fields.summary, None);
}
