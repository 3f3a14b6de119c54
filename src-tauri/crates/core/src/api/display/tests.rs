use super::*;
use serde_json::json;

#[test]
fn common_value_shapes() {
    let cases = [
        (json!(null), ""),
        (json!("text"), "text"),
        (json!(5.5), "5.5"),
        (json!(true), "Yes"),
        (
            json!({ "self": "https://x/customFieldOption/1", "value": "Red", "id": "1" }),
            "Red",
        ),
        (
            json!([{ "value": "Red" }, { "value": "Blue" }]),
            "Red, Blue",
        ),
        (
            json!({ "accountId": "abc", "displayName": "Mia Krystof" }),
            "Mia Krystof",
        ),
        (json!([{ "name": "1.0" }, { "name": "2.0" }]), "1.0, 2.0"),
        (
            json!({ "value": "Hardware", "child": { "value": "Printer" } }),
            "Hardware / Printer",
        ),
        (
            json!({ "type": "doc", "version": 1, "content": [{ "type": "paragraph", "content": [{ "type": "text", "text": "adf" }] }] }),
            "adf",
        ),
        (json!(["a", "b"]), "a, b"),
        (json!({ "odd": 1 }), r#"{"odd":1}"#),
    ];
    for (value, text) in cases {
        assert_eq!(display_value(&value), text, "{value}");
    }
}

#[test]
fn other_field_entries_use_names() {
    let issue: Issue = serde_json::from_value(json!({
        "id": "1", "key": "A-1",
        "fields": {
            "summary": "typed, so not listed",
            "customfield_2": { "value": "Red", "id": "1" },
            "customfield_1": 8,
            "customfield_3": null,
            "customfield_4": [],
            "timetracking": { "originalEstimate": "1h" },
            "watches": { "watchCount": 2 }
        },
        "names": { "customfield_1": "Story Points", "customfield_2": "Colour", "timetracking": "Time tracking" },
        "schema": {
            "customfield_1": { "type": "number", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float", "customId": 1 },
            "customfield_2": { "type": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select", "customId": 2 }
        }
    }))
    .expect("issue");
    let all = issue.other_field_entries();
    let entries: Vec<(&str, &str)> = all
        .iter()
        .map(|e| (e.name.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("Colour", "Red"),
            ("Story Points", "8"),
            ("Time tracking", r#"{"originalEstimate":"1h"}"#),
            ("watches", r#"{"watchCount":2}"#)
        ]
    );
}

#[test]
fn entries_carry_the_kind_from_the_schema_expansion() {
    let issue: Issue = serde_json::from_value(json!({
        "key": "A-1",
        "fields": { "customfield_1": 8, "customfield_9": "x" },
        "schema": { "customfield_1": { "type": "number" } }
    }))
    .expect("issue");
    let kinds: Vec<(String, FieldKind)> = issue
        .other_field_entries()
        .into_iter()
        .map(|e| (e.id, e.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("customfield_1".to_owned(), FieldKind::Number),
            ("customfield_9".to_owned(), FieldKind::Unknown)
        ]
    );
}

#[test]
fn whole_doubles_show_without_a_fraction() {
    // Jira sends a number field's 8 as 8.0; its pages show 8.
    assert_eq!(display_value(&json!(8.0)), "8");
    assert_eq!(display_value(&json!(-3.0)), "-3");
    assert_eq!(display_value(&json!(2.5)), "2.5");
    assert_eq!(display_value(&json!(13)), "13");
    // Too large to be exact as an integer: as serde_json writes it.
    assert_eq!(display_value(&json!(1.0e20)), "1e+20");
}
