use super::*;
use serde_json::json;

fn site() -> Url {
    Url::parse("https://jira.corp/").unwrap()
}

/// A Data Center issue (REST v2: wiki bodies) with `renderedFields`, `names` and `schema`.
fn dc_issue() -> Issue {
    serde_json::from_value(json!({
        "id": "10001", "key": "DEMO-1",
        "fields": {
            "summary": "Printer on fire",
            "description": "h1. Ignored\n<img src=x onerror=alert(1)>",
            "status": { "id": "3", "name": "In Progress",
                "statusCategory": { "id": 4, "key": "indeterminate", "name": "In Progress" } },
            "issuetype": { "id": "1", "name": "Bug", "subtask": false },
            "priority": { "id": "2", "name": "High" },
            "assignee": { "name": "mia", "key": "mia", "displayName": "Mia Krystof", "active": true },
            "reporter": { "name": "bob", "displayName": "Bob", "active": true },
            "created": "2024-01-02T10:00:00.000+0000",
            "updated": "2024-01-03T10:00:00.000+0000",
            "labels": ["hardware", "urgent"],
            "components": [{ "id": "1", "name": "Printers" }],
            "fixVersions": [{ "id": "5", "name": "2.0" }],
            "versions": [{ "id": "4", "name": "1.0" }],
            "resolution": null,
            "duedate": "2024-02-01",
            "parent": null,
            "subtasks": [{ "id": "10002", "key": "DEMO-2", "fields": { "summary": "Find extinguisher" } }],
            "issuelinks": [
                { "id": "7", "type": { "id": "1", "name": "Blocks", "inward": "is blocked by", "outward": "blocks" },
                  "outwardIssue": { "id": "10003", "key": "DEMO-3", "fields": { "summary": "Print report" } } },
                { "id": "8", "type": { "id": "1", "name": "Blocks", "inward": "is blocked by", "outward": "blocks" },
                  "inwardIssue": { "id": "10004", "key": "DEMO-4", "fields": { "summary": "Buy printer" } } }
            ],
            "attachment": [{ "id": "100", "filename": "smoke.png", "size": 2048, "mimeType": "image/png",
                "author": { "name": "bob", "displayName": "Bob" }, "created": "2024-01-02T11:00:00.000+0000",
                "content": "https://jira.corp/secure/attachment/100/smoke.png" }],
            "comment": { "startAt": 0, "maxResults": 1, "total": 3, "comments": [
                { "id": "500", "author": { "name": "bob", "displayName": "Bob" },
                  "body": "<script>alert(2)</script>", "created": "2024-01-02T12:00:00.000+0000",
                  "updated": "2024-01-02T12:00:00.000+0000" }
            ] },
            "customfield_10010": { "value": "Red", "id": "1" },
            "customfield_10011": null,
            "timetracking": {}
        },
        "renderedFields": {
            "description": "<p>See <a href=\"/browse/DEMO-3\">DEMO-3</a></p><img src=x onerror=alert(1)><script>alert(2)</script>",
            "comment": { "comments": [
                { "id": "500", "body": "<p onclick=\"x()\">rendered <b>comment</b></p><script>alert(3)</script>" }
            ] }
        },
        "names": { "customfield_10010": "Colour", "duedate": "Due Date", "versions": "Affects Version/s" },
        "schema": { "customfield_10010": { "type": "option",
            "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select", "customId": 10010 } }
    }))
    .unwrap()
}

#[test]
fn data_center_issue_with_rendered_fields() {
    let view = IssueView::from_issue(&dc_issue(), Some(&site()));
    assert_eq!(view.key, "DEMO-1");
    assert_eq!(view.summary, "Printer on fire");
    let status = view.status.as_ref().unwrap();
    assert_eq!(status.name, "In Progress");
    assert_eq!(
        status.status_category.as_ref().unwrap().key,
        "indeterminate"
    );
    assert_eq!(view.issue_type.as_ref().unwrap().name, "Bug");
    assert_eq!(view.priority.as_ref().unwrap().name, "High");
    assert_eq!(view.assignee.as_ref().unwrap().display_name, "Mia Krystof");
    assert_eq!(view.reporter.as_ref().unwrap().display_name, "Bob");
    assert_eq!(view.labels, ["hardware", "urgent"]);
    assert_eq!(view.components, ["Printers"]);
    assert_eq!(view.fix_versions, ["2.0"]);
    assert_eq!(view.subtasks[0].key, "DEMO-2");
    let links: Vec<_> = view
        .links
        .iter()
        .map(|l| (l.relation.as_str(), l.issue.key.as_str()))
        .collect();
    assert_eq!(links, [("blocks", "DEMO-3"), ("is blocked by", "DEMO-4")]);
    let a = &view.attachments[0];
    assert_eq!(
        (
            a.id.as_str(),
            a.filename.as_str(),
            a.size,
            a.mime_type.as_str()
        ),
        ("100", "smoke.png", 2048, "image/png")
    );
    assert_eq!(a.author.as_deref(), Some("Bob"));

    // The rendered HTML was used (not the wiki source), sanitized, links made absolute; the
    // image (which would need the site's credentials) became a link to its address.
    assert_eq!(
        view.description_html,
        "<p>See <a href=\"https://jira.corp/browse/DEMO-3\" rel=\"noopener noreferrer\">\
         DEMO-3</a></p><a href=\"https://jira.corp/x\" rel=\"noopener noreferrer\">\
         x</a>"
    );
    assert_eq!(view.comments.len(), 1);
    assert_eq!(view.comments_total, 3);
    assert_eq!(view.comments[0].body_html, "<p>rendered <b>comment</b></p>");
    assert_eq!(
        view.comments[0].author.as_ref().unwrap().display_name,
        "Bob"
    );
}

#[test]
fn every_other_field_is_an_entry_custom_fields_first() {
    let view = IssueView::from_issue(&dc_issue(), None);
    let entries: Vec<_> = view
        .fields
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(entries[0], ("customfield_10010", "Colour", "Red"));
    assert_eq!(view.fields[0].kind, FieldKind::Select);
    assert!(entries.contains(&("duedate", "Due Date", "2024-02-01")));
    assert!(entries.contains(&("versions", "Affects Version/s", "1.0")));
    // Null custom fields are left out; typed fields shown elsewhere are not repeated.
    assert!(!entries.iter().any(|e| e.0 == "customfield_10011"));
    assert!(!entries.iter().any(|e| e.0 == "summary" || e.0 == "labels"));
}

#[test]
fn cloud_issue_without_rendered_fields_renders_its_adf_safely() {
    let issue: Issue = serde_json::from_value(json!({
        "id": "2", "key": "CL-9",
        "fields": {
            "summary": "ADF only",
            "description": { "type": "doc", "version": 1, "content": [
                { "type": "paragraph", "content": [
                    { "type": "text", "text": "Hello " },
                    { "type": "text", "text": "world", "marks": [{ "type": "strong" }] }
                ] },
                { "type": "paragraph", "content": [
                    { "type": "text", "text": "<img src=x onerror=alert(1)> <script>alert(2)</script>" }
                ] }
            ] },
            "assignee": { "accountId": "abc", "displayName": "Ana", "active": true },
            "comment": { "startAt": 0, "maxResults": 50, "total": 1, "comments": [
                { "id": "9", "body": { "type": "doc", "version": 1, "content": [
                    { "type": "paragraph", "content": [{ "type": "text", "text": "<b onclick=x()>hi</b>" }] }
                ] }, "created": "2025-01-01T00:00:00.000+0000", "updated": "2025-01-01T00:00:00.000+0000" }
            ] },
            "customfield_10020": { "type": "doc", "version": 1, "content": [
                { "type": "paragraph", "content": [{ "type": "text", "text": "notes" }] }
            ] }
        },
        "names": { "customfield_10020": "Notes" }
    }))
    .unwrap();
    let view = IssueView::from_issue(&issue, Some(&site()));
    assert_eq!(view.assignee.as_ref().unwrap().display_name, "Ana");
    assert!(
        view.description_html
            .contains("Hello <strong>world</strong>"),
        "{}",
        view.description_html
    );
    // Typed markup is shown as text, never parsed.
    assert!(view
        .description_html
        .contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(view
        .description_html
        .contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(!view.description_html.contains("<img") && !view.description_html.contains("<script"));
    assert_eq!(
        view.comments[0].body_html,
        "<p>&lt;b onclick=x()&gt;hi&lt;/b&gt;</p>\n"
    );
    assert_eq!(view.comments_total, 1);
    assert_eq!(view.fields[0].name, "Notes");
    assert_eq!(view.fields[0].text, "notes");
}

#[test]
fn cloud_rendered_body_is_used_when_present() {
    let issue: Issue = serde_json::from_value(json!({
        "key": "CL-1",
        "fields": { "comment": { "total": 1, "comments": [
            { "id": "1", "renderedBody": "<p>ok<iframe src=https://evil/></iframe></p>" }
        ] } }
    }))
    .unwrap();
    let view = IssueView::from_issue(&issue, None);
    assert_eq!(view.comments[0].body_html, "<p>ok</p>");
    assert_eq!(view.description_html, "");
}

#[test]
fn an_empty_issue_gives_an_empty_view() {
    let view = IssueView::from_issue(&Issue::default(), None);
    assert_eq!(view.key, "");
    assert!(view.status.is_none() && view.comments.is_empty() && view.fields.is_empty());
    assert_eq!(view.comments_total, 0);
}
