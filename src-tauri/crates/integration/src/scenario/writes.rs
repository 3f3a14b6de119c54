//! The writing half of the scenario: one new DOCS issue taken through its whole life.

use super::ok;
use jiffy_core::api::issues::Issue;
use jiffy_core::api::requests::{AddComment, DoTransition, IssueUpdate};
use jiffy_core::api::users::UserId;
use jiffy_core::api::JiraClient;
use jiffy_core::ops;
use jiffy_core::Error;
use serde_json::json;

/// Create (with a custom field, and a refused one), get, edit, transition through a screen,
/// assign, comments, attachments and delete, on a new DOCS issue; `assignee` is a DOCS
/// developer other than the signed-in user.
pub async fn write_operations(client: &JiraClient, assignee: &UserId) {
    let format = ops::text_format(client);

    let form = ok(
        "create_fields",
        ops::create_fields(client, "DOCS", "Task").await,
    );
    let summary = form.iter().find(|f| f.id == "summary").expect("summary");
    assert!(summary.required);
    assert!(
        form.iter().any(|f| f.id == "customfield_10010" && f.custom),
        "{form:?}"
    );
    assert!(matches!(
        ops::create_fields(client, "DOCS", "No Such Type").await,
        Err(Error::NotFound(_))
    ));

    let mut missing = IssueUpdate::create("DOCS", "Task", "");
    missing.fields.remove("summary");
    match ops::issue_create(client, &missing).await {
        Err(Error::Validation { field_errors, .. }) => {
            assert!(field_errors.contains_key("summary"), "{field_errors:?}")
        }
        other => panic!("expected a validation error, got {other:?}"),
    }

    let mut bad_number = IssueUpdate::create("DOCS", "Task", "Story points in words");
    bad_number.set("customfield_10010", json!("lots"));
    match ops::issue_create(client, &bad_number).await {
        Err(Error::Validation { field_errors, .. }) => assert!(
            field_errors.contains_key("customfield_10010"),
            "{field_errors:?}"
        ),
        other => panic!("expected a validation error, got {other:?}"),
    }

    let mut create = IssueUpdate::create("DOCS", "Task", "Write the integration guide");
    create.set("customfield_10010", json!(5)).set_text(
        format,
        "description",
        "The **first** draft.",
    );
    let created = ok("issue_create", ops::issue_create(client, &create).await);
    assert!(created.key.starts_with("DOCS-"), "{created:?}");
    let key = created.key.as_str();

    let issue = get(client, key).await;
    assert_eq!(
        issue.fields.summary.as_deref(),
        Some("Write the integration guide")
    );
    assert_eq!(
        issue
            .fields
            .get("customfield_10010")
            .and_then(|v| v.as_f64()),
        Some(5.0)
    );
    let description = issue.fields.description.as_ref().expect("description");
    assert!(
        description.to_plain_text().contains("first draft"),
        "{description:?}"
    );

    let editable = ok("edit_fields", ops::edit_fields(client, key).await);
    assert!(editable.iter().any(|f| f.id == "summary"), "{editable:?}");
    let mut edit = IssueUpdate::default();
    edit.set("summary", json!("Write the integration guide, v2"))
        .set("labels", json!(["guide", "e2e"]));
    ok("issue_edit", ops::issue_edit(client, key, &edit).await);
    let issue = get(client, key).await;
    assert_eq!(
        issue.fields.summary.as_deref(),
        Some("Write the integration guide, v2")
    );
    let mut labels = issue.fields.labels.clone();
    labels.sort();
    assert_eq!(labels, ["e2e", "guide"]);

    transition_through_screens(client, key, format).await;

    ok("assign", ops::assign(client, key, Some(assignee)).await);
    let issue = get(client, key).await;
    let who = issue.fields.assignee.as_ref().and_then(|u| u.id());
    assert_eq!(who.as_ref().map(UserId::as_str), Some(assignee.as_str()));
    ok("unassign", ops::assign(client, key, None).await);
    assert!(get(client, key).await.fields.assignee.is_none());

    let comment_body = serde_json::to_value(AddComment::new(format, "Sent raw."))
        .unwrap_or_else(|e| panic!("comment body: {e}"));
    let raw = ok(
        "raw POST",
        ops::raw(
            client,
            "POST",
            &format!("/rest/api/{}/issue/{key}/comment", api_version(client)),
            &[],
            Some(comment_body),
        )
        .await,
    );
    assert_eq!(raw.status, 201);
    let raw_id = raw.body["id"].as_str().unwrap_or_default().to_owned();
    ok(
        "delete the raw comment",
        ops::comment_delete(client, key, &raw_id).await,
    );

    comment_round_trip(client, key, format).await;
    attachment_round_trip(client, key).await;

    ok("issue_delete", ops::issue_delete(client, key, true).await);
    assert!(matches!(
        ops::issue_get(client, key, "").await,
        Err(Error::NotFound(_))
    ));
}

async fn get(client: &JiraClient, key: &str) -> Issue {
    ok(
        "issue_get",
        ops::issue_get(client, key, "renderedFields,names").await,
    )
}

async fn transition_through_screens(
    client: &JiraClient,
    key: &str,
    format: jiffy_core::api::rich_text::TextFormat,
) {
    let available = ok("transitions", ops::transitions(client, key).await);
    let hold = available
        .transitions
        .iter()
        .find(|t| t.to.as_ref().is_some_and(|s| s.name == "On Hold"))
        .unwrap_or_else(|| panic!("no way to On Hold: {available:?}"));
    let body = DoTransition::new(&hold.id).with_comment(format, "Waiting for the API freeze.");
    ok("transition", ops::transition(client, key, &body).await);
    let issue = get(client, key).await;
    assert_eq!(
        issue.fields.status.as_ref().map(|s| s.name.as_str()),
        Some("On Hold")
    );
    let comments = ok("comments", ops::comments(client, key).await);
    assert!(
        comments
            .iter()
            .any(|c| c.plain_text().contains("API freeze")),
        "the transition screen's comment is missing: {comments:?}"
    );
    // A transition that does not start from On Hold is refused with Jira's message.
    let refused = DoTransition::new("61");
    assert!(matches!(
        ops::transition(client, key, &refused).await,
        Err(Error::Validation { .. })
    ));
    let available = ok("transitions again", ops::transitions(client, key).await);
    let resume = available
        .transitions
        .iter()
        .find(|t| t.to.as_ref().is_some_and(|s| s.name == "In Progress"))
        .unwrap_or_else(|| panic!("no way back: {available:?}"));
    ok(
        "transition back",
        ops::transition(client, key, &DoTransition::new(&resume.id)).await,
    );
    assert_eq!(
        get(client, key).await.fields.status.map(|s| s.name),
        Some("In Progress".to_owned())
    );
}

async fn comment_round_trip(
    client: &JiraClient,
    key: &str,
    format: jiffy_core::api::rich_text::TextFormat,
) {
    let before = ok("comments", ops::comments(client, key).await).len();
    let added = ok(
        "comment_add",
        ops::comment_add(
            client,
            key,
            &AddComment::new(format, "Looks *good* so far."),
        )
        .await,
    );
    assert!(added.plain_text().contains("good"), "{added:?}");
    let edited = ok(
        "comment_update",
        ops::comment_update(
            client,
            key,
            &added.id,
            &AddComment::new(format, "Looks great now."),
        )
        .await,
    );
    assert_eq!(edited.id, added.id);
    assert!(edited.plain_text().contains("great"), "{edited:?}");
    let all = ok("comments", ops::comments(client, key).await);
    assert_eq!(all.len(), before + 1);
    assert!(all
        .iter()
        .any(|c| c.id == added.id && c.plain_text().contains("great")));
    ok(
        "comment_delete",
        ops::comment_delete(client, key, &added.id).await,
    );
    assert_eq!(
        ok("comments", ops::comments(client, key).await).len(),
        before
    );
    assert!(matches!(
        ops::comment_delete(client, key, &added.id).await,
        Err(Error::NotFound(_))
    ));
}

async fn attachment_round_trip(client: &JiraClient, key: &str) {
    // Every byte value, so that no text conversion can go unnoticed.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let uploaded = ok(
        "attachment_upload",
        ops::attachment_upload(client, key, "data file.bin", bytes.clone()).await,
    );
    assert_eq!(uploaded.len(), 1);
    let attachment = &uploaded[0];
    assert_eq!(attachment.filename, "data file.bin");
    assert_eq!(attachment.size, 70_000);
    let downloaded = ok(
        "attachment_download",
        ops::attachment_download(client, &attachment.id).await,
    );
    assert!(downloaded == bytes, "the download differs from the upload");
    ok(
        "attachment_delete",
        ops::attachment_delete(client, &attachment.id).await,
    );
    assert!(matches!(
        ops::attachment_download(client, &attachment.id).await,
        Err(Error::NotFound(_))
    ));
}

fn api_version(client: &JiraClient) -> u8 {
    match client.connection().deployment {
        jiffy_core::config::Deployment::Cloud => 3,
        _ => 2,
    }
}
