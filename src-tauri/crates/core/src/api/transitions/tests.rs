use super::*;
use crate::api::fields::FieldKind;

/// Cloud `GET /rest/api/3/issue/ABC-1/transitions?expand=transitions.fields`.
const CLOUD: &str = r#"{
  "transitions": [
    { "id": "2", "name": "Close Issue", "hasScreen": false, "isAvailable": true,
      "isConditional": false, "isGlobal": false, "isInitial": false, "isLooped": false,
      "to": { "id": "10000", "name": "Closed", "description": "The issue is closed.",
        "iconUrl": "https://x/images/icons/statuses/closed.png", "self": "https://x/rest/api/3/status/10000",
        "statusCategory": { "id": 9, "key": "completed", "colorName": "green", "name": "Done", "self": "https://x/rest/api/3/statuscategory/9" } },
      "fields": {} },
    { "id": "711", "name": "QA Review", "hasScreen": true, "isAvailable": true,
      "to": { "id": "5", "name": "In Review", "statusCategory": { "id": 4, "key": "indeterminate", "name": "In Progress" } },
      "fields": {
        "summary": { "required": false, "name": "Summary", "operations": ["set"], "schema": { "type": "array", "items": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiselect", "customId": 10001 },
          "allowedValues": ["red", "blue"], "defaultValue": "red" },
        "colour": { "required": true, "name": "Colour", "operations": ["set"], "schema": { "type": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select" },
          "allowedValues": [{ "id": "1", "value": "red" }] }
      } }
  ]
}"#;

/// DC `GET /rest/api/2/issue/ABC-1/transitions?expand=transitions.fields` (no hasScreen).
const DC: &str = r#"{
  "expand": "transitions",
  "transitions": [
    { "id": "11", "name": "Start Progress", "opsbarSequence": 10,
      "to": { "id": "3", "name": "In Progress", "statusCategory": { "id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress" } },
      "fields": {} },
    { "id": "21", "name": "Resolve", "opsbarSequence": 20,
      "to": { "id": "5", "name": "Resolved", "statusCategory": { "id": 3, "key": "done", "colorName": "green", "name": "Done" } },
      "fields": { "resolution": { "required": true, "name": "Resolution", "operations": ["set"],
        "schema": { "type": "resolution", "system": "resolution" },
        "allowedValues": [{ "id": "1", "name": "Fixed" }, { "id": "2", "name": "Won't Fix" }] } } },
    { "id": "31", "name": "Close", "to": { "id": "6", "name": "Closed" } }
  ]
}"#;

#[test]
fn cloud_transitions_with_screens() {
    let list: Transitions = serde_json::from_str(CLOUD).expect("transitions");
    assert_eq!(list.transitions.len(), 2);
    assert!(!list.transitions[0].needs_form());
    let review = &list.transitions[1];
    assert!(review.needs_form());
    assert!(review.fields["colour"].required);
    assert_eq!(review.fields["colour"].kind(), FieldKind::Select);
    assert_eq!(review.fields["summary"].kind(), FieldKind::MultiSelect);
    // String allowedValues (as in Cloud's own example) have no id: no picker entries.
    assert!(review.fields["summary"].options().is_empty());
    assert_eq!(
        review.to.as_ref().map(|s| s.name.as_str()),
        Some("In Review")
    );
}

#[test]
fn dc_transitions_infer_screens_from_fields() {
    let list: Transitions = serde_json::from_str(DC).expect("transitions");
    let resolve = &list.transitions[1];
    assert_eq!(resolve.has_screen, None);
    assert!(resolve.needs_form());
    assert_eq!(resolve.fields["resolution"].kind(), FieldKind::Select);
    assert_eq!(resolve.fields["resolution"].options()[1].label, "Won't Fix");
    assert!(resolve.to.as_ref().is_some_and(|s| s.is_done()));
    assert!(!list.transitions[0].needs_form());
    assert!(list.transitions[2].is_available());
}

#[test]
fn find_by_id_name_or_status() {
    let list: Transitions = serde_json::from_str(DC).expect("transitions");
    assert_eq!(list.find("21").map(|t| t.name.as_str()), Some("Resolve"));
    assert_eq!(
        list.find("start progress").map(|t| t.id.as_str()),
        Some("11")
    );
    assert_eq!(list.find("In Progress").map(|t| t.id.as_str()), Some("11"));
    assert_eq!(list.find(" resolved ").map(|t| t.id.as_str()), Some("21"));
    assert!(list.find("Nope").is_none());
    // Two transitions to the same status: ambiguous, so no guess.
    let twice: Transitions = serde_json::from_str(
        r#"{"transitions":[{"id":"1","name":"A","to":{"name":"Done"}},{"id":"2","name":"B","to":{"name":"Done"}}]}"#,
    )
    .expect("transitions");
    assert!(twice.find("done").is_none());
    assert_eq!(twice.find("b").map(|t| t.id.as_str()), Some("2"));
}
