use super::*;
use crate::api::comments::VisibilityKind;

#[test]
fn create_issue_v3_with_adf_description() {
    let mut body = CreateIssue::create("ED", "10001", "Login fails");
    body.set_text(
        TextFormat::Adf,
        "description",
        "Steps:\n\n1. open **login**",
    )
    .set_user(
        "assignee",
        Some(&UserId::AccountId("5b10a2844c20165700ede21g".into())),
    )
    .set("labels", json!(["sso"]))
    .set("customfield_10010", json!(5));
    assert_eq!(
        serde_json::to_value(&body).expect("json"),
        json!({
            "fields": {
                "project": { "key": "ED" },
                "issuetype": { "id": "10001" },
                "summary": "Login fails",
                "description": { "type": "doc", "version": 1, "content": [
                    { "type": "paragraph", "content": [{ "type": "text", "text": "Steps:" }] },
                    { "type": "orderedList", "attrs": { "order": 1 }, "content": [
                        { "type": "listItem", "content": [{ "type": "paragraph", "content": [
                            { "type": "text", "text": "open " },
                            { "type": "text", "text": "login", "marks": [{ "type": "strong" }] }
                        ]}]}
                    ]}
                ]},
                "assignee": { "accountId": "5b10a2844c20165700ede21g" },
                "labels": ["sso"],
                "customfield_10010": 5
            }
        })
    );
}

#[test]
fn create_subtask_v2_with_wiki_description() {
    assert_eq!(
        CreateIssue::create("ABC", " Bug ", "x").fields["issuetype"],
        json!({ "name": "Bug" })
    );
    let mut body = CreateIssue::create("ABC", "5", "Sub");
    body.set_text(
        TextFormat::Wiki,
        "description",
        "Steps:\n\n1. open **login**",
    )
    .set_user("assignee", Some(&UserId::Name("fred".into())))
    .set_parent("ABC-1");
    let json = serde_json::to_value(&body).expect("json");
    assert_eq!(json["fields"]["description"], "Steps:\n\n# open *login*");
    assert_eq!(json["fields"]["assignee"], json!({ "name": "fred" }));
    assert_eq!(json["fields"]["parent"], json!({ "key": "ABC-1" }));
    assert!(json.get("update").is_none(), "empty update is left out");
}

#[test]
fn edit_issue_with_operations() {
    let mut body = EditIssue::default();
    assert!(body.is_empty());
    body.set("summary", json!("New summary"))
        .operation("labels", FieldOperation::Add(json!("triaged")))
        .operation("labels", FieldOperation::Remove(json!("new")))
        .operation(
            "components",
            FieldOperation::Set(json!([{ "id": "10000" }])),
        )
        .set_user("assignee", None);
    assert_eq!(
        serde_json::to_value(&body).expect("json"),
        json!({
            "fields": { "summary": "New summary", "assignee": null },
            "update": {
                "components": [{ "set": [{ "id": "10000" }] }],
                "labels": [{ "add": "triaged" }, { "remove": "new" }]
            }
        })
    );
    let back: EditIssue =
        serde_json::from_value(serde_json::to_value(&body).expect("json")).expect("parse");
    assert_eq!(back, body);
}

#[test]
fn transition_with_screen_values_and_comment() {
    let mut values = IssueUpdate::default();
    values.set("resolution", json!({ "name": "Fixed" }));
    let body = DoTransition::new("21")
        .with_values(values)
        .with_comment(TextFormat::Wiki, "Done _now_");
    assert_eq!(
        serde_json::to_value(&body).expect("json"),
        json!({
            "transition": { "id": "21" },
            "fields": { "resolution": { "name": "Fixed" } },
            "update": { "comment": [{ "add": { "body": "Done _now_" } }] }
        })
    );
    assert_eq!(
        serde_json::to_value(DoTransition::new("5")).expect("json"),
        json!({ "transition": { "id": "5" } })
    );
}

#[test]
fn add_comment_in_both_flavours() {
    let v3 = AddComment::new(TextFormat::Adf, "Hello").with_visibility(Visibility {
        kind: VisibilityKind::Role,
        value: "Administrators".into(),
        identifier: Some("Administrators".into()),
    });
    assert_eq!(
        serde_json::to_value(&v3).expect("json"),
        json!({
            "body": { "type": "doc", "version": 1, "content": [
                { "type": "paragraph", "content": [{ "type": "text", "text": "Hello" }] } ] },
            "visibility": { "type": "role", "value": "Administrators", "identifier": "Administrators" }
        })
    );
    let v2 = AddComment::new(TextFormat::Wiki, "see [docs](https://x.test)");
    assert_eq!(
        serde_json::to_value(&v2).expect("json"),
        json!({ "body": "see [docs|https://x.test]" })
    );
}

#[test]
fn assign_bodies() {
    let fred = UserId::Name("fred".into());
    assert_eq!(
        assignee_body(Deployment::DataCenter, Some(&fred)),
        json!({ "name": "fred" })
    );
    assert_eq!(
        assignee_body(Deployment::Server, None),
        json!({ "name": null })
    );
    assert_eq!(
        assignee_body(Deployment::Cloud, None),
        json!({ "accountId": null })
    );
    let mia = UserId::AccountId("abc".into());
    assert_eq!(
        assignee_body(Deployment::Cloud, Some(&mia)),
        json!({ "accountId": "abc" })
    );
}

#[test]
fn created_issue() {
    let created: CreatedIssue = serde_json::from_str(
        r#"{"id":"10000","key":"ED-24","self":"https://your-domain.atlassian.net/rest/api/3/issue/10000",
            "transition":{"status":200,"errorCollection":{"errorMessages":[],"errors":{}}}}"#,
    )
    .expect("created");
    assert_eq!(created.key, "ED-24");
}
