use super::*;
use crate::api::rich_text::TextFormat;

/// Cloud `GET /rest/api/3/issue/ABC-1/comment?expand=renderedBody` (PageOfComments).
const CLOUD_PAGE: &str = r#"{
  "startAt": 0, "maxResults": 1, "total": 3,
  "comments": [{
    "self": "https://your-domain.atlassian.net/rest/api/3/issue/10010/comment/10000",
    "id": "10000",
    "author": { "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": false },
    "body": { "type": "doc", "version": 1, "content": [
      { "type": "paragraph", "content": [{ "type": "text", "text": "Lorem ipsum dolor sit amet." }] }
    ]},
    "renderedBody": "<p>Lorem ipsum dolor sit amet.</p>",
    "updateAuthor": { "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": false },
    "created": "2021-01-17T12:34:00.000+0000",
    "updated": "2021-01-18T23:45:00.000+0000",
    "visibility": { "identifier": "Administrators", "type": "role", "value": "Administrators" }
  }]
}"#;

/// DC `GET /rest/api/2/issue/ABC-1/comment` (CommentsWithPaginationJsonBean).
const DC_PAGE: &str = r#"{
  "startAt": 0, "maxResults": 50, "total": 1,
  "comments": [{
    "self": "http://www.example.com/jira/rest/api/2/issue/10010/comment/10000",
    "id": "10000",
    "author": { "name": "fred", "key": "JIRAUSER10100", "displayName": "Fred F. User", "active": true },
    "body": "Lorem ipsum *dolor* sit amet.",
    "created": "2024-04-01T10:00:00.000+0000",
    "updated": "2024-04-01T10:00:00.000+0000",
    "visibility": { "type": "group", "value": "jira-developers" }
  }]
}"#;

#[test]
fn cloud_comments_carry_adf() {
    let page: PageOfComments = serde_json::from_str(CLOUD_PAGE).expect("page");
    assert_eq!(page.next_start_at(), Some(1));
    let comment = &page.comments[0];
    assert_eq!(
        comment.body.as_ref().map(RichText::format),
        Some(TextFormat::Adf)
    );
    assert_eq!(comment.plain_text(), "Lorem ipsum dolor sit amet.");
    assert!(comment.is_edited());
    let visibility = comment.visibility.as_ref().expect("visibility");
    assert_eq!(visibility.kind, VisibilityKind::Role);
    assert_eq!(visibility.identifier.as_deref(), Some("Administrators"));
    assert_eq!(
        comment.rendered_body.as_deref(),
        Some("<p>Lorem ipsum dolor sit amet.</p>")
    );
}

#[test]
fn dc_comments_carry_wiki() {
    let page: PageOfComments = serde_json::from_str(DC_PAGE).expect("page");
    assert_eq!(page.next_start_at(), None);
    let comment = &page.comments[0];
    assert_eq!(
        comment.body,
        Some(RichText::Wiki("Lorem ipsum *dolor* sit amet.".into()))
    );
    assert_eq!(comment.plain_text(), "Lorem ipsum dolor sit amet.");
    assert_eq!(
        comment.body.as_ref().map(RichText::to_markdown).as_deref(),
        Some("Lorem ipsum **dolor** sit amet.")
    );
    assert!(!comment.is_edited());
    assert_eq!(
        comment.visibility.as_ref().map(|v| v.kind),
        Some(VisibilityKind::Group)
    );
    assert_eq!(
        comment.author.as_ref().and_then(|a| a.name.as_deref()),
        Some("fred")
    );
}

#[test]
fn comment_round_trips_through_json() {
    let page: PageOfComments = serde_json::from_str(CLOUD_PAGE).expect("page");
    let json = serde_json::to_string(&page.comments[0]).expect("serialize");
    let back: Comment = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, page.comments[0]);
}
