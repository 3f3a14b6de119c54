use super::*;

fn meta(schema: Value, allowed: Option<Value>) -> FieldMeta {
    serde_json::from_value(json!({
        "name": "Field",
        "required": false,
        "schema": schema,
        "operations": ["set"],
        "allowedValues": allowed
    }))
    .expect("field meta")
}

fn value(m: &FieldMeta, deployment: Deployment, text: &str) -> Result<Value> {
    value_from_text("customfield_1", m, deployment, text)
}

fn field_error(result: Result<Value>) -> String {
    match result {
        Err(Error::Validation { field_errors, .. }) => field_errors
            .get("customfield_1")
            .cloned()
            .unwrap_or_default(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn text_number_and_dates() {
    let text = meta(json!({ "type": "string", "system": "summary" }), None);
    assert_eq!(
        value(&text, Deployment::Cloud, "  hi  ").ok(),
        Some(json!("hi"))
    );
    assert_eq!(value(&text, Deployment::Cloud, "").ok(), Some(Value::Null));
    let number = meta(json!({ "type": "number" }), None);
    assert_eq!(value(&number, Deployment::Cloud, "5").ok(), Some(json!(5)));
    assert_eq!(
        value(&number, Deployment::Cloud, "2.5").ok(),
        Some(json!(2.5))
    );
    assert!(field_error(value(&number, Deployment::Cloud, "five")).contains("not a number"));
    assert!(field_error(value(&number, Deployment::Cloud, "NaN")).contains("not a number"));
    let date = meta(json!({ "type": "date" }), None);
    assert_eq!(
        value(&date, Deployment::Cloud, "2024-03-31").ok(),
        Some(json!("2024-03-31"))
    );
    for bad in ["31.03.2024", "2024-13-01", "2024-3-1", "tomorrow"] {
        assert!(
            field_error(value(&date, Deployment::Cloud, bad)).contains("not a date"),
            "{bad}"
        );
    }
    let datetime = meta(json!({ "type": "datetime" }), None);
    assert!(value(&datetime, Deployment::Cloud, "2024-03-31T14:00:00.000+0000").is_ok());
    assert!(value(&datetime, Deployment::Cloud, "14:00").is_err());
}

#[test]
fn rich_text_follows_the_deployment() {
    let area = meta(
        json!({ "type": "string", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea" }),
        None,
    );
    assert_eq!(
        value(&area, Deployment::DataCenter, "**x**").ok(),
        Some(json!("*x*"))
    );
    let adf = value(&area, Deployment::Cloud, "**x**").expect("adf");
    assert_eq!(adf["type"], "doc");
    assert_eq!(
        adf["content"][0]["content"][0]["marks"][0]["type"],
        "strong"
    );
}

#[test]
fn choices_match_allowed_values() {
    let select = meta(
        json!({ "type": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select" }),
        Some(
            json!([{ "id": "10100", "value": "Red" }, { "id": "10101", "value": "Blue" },
                    { "id": "10102", "value": "Old", "disabled": true }]),
        ),
    );
    assert_eq!(
        value(&select, Deployment::Cloud, "red").ok(),
        Some(json!({ "id": "10100" }))
    );
    assert_eq!(
        value(&select, Deployment::Cloud, "10101").ok(),
        Some(json!({ "id": "10101" }))
    );
    assert_eq!(
        field_error(value(&select, Deployment::Cloud, "Green")),
        "“Green” is not one of: Red, Blue."
    );
    assert!(
        field_error(value(&select, Deployment::Cloud, "old")).contains("can no longer be chosen")
    );
    let multi = meta(
        json!({ "type": "array", "items": "option" }),
        select.allowed_values.clone().map(Value::Array),
    );
    assert_eq!(
        value(&multi, Deployment::Cloud, "Red, blue").ok(),
        Some(json!([{ "id": "10100" }, { "id": "10101" }]))
    );
    assert_eq!(value(&multi, Deployment::Cloud, " ").ok(), Some(json!([])));
    // Without allowedValues Jira takes names (or `value` for options).
    let versions = meta(
        json!({ "type": "array", "items": "version", "system": "fixVersions" }),
        None,
    );
    assert_eq!(
        value(&versions, Deployment::DataCenter, "1.0,2.0").ok(),
        Some(json!([{ "name": "1.0" }, { "name": "2.0" }]))
    );
    let option = meta(json!({ "type": "option" }), None);
    assert_eq!(
        value(&option, Deployment::DataCenter, "Red").ok(),
        Some(json!({ "value": "Red" }))
    );
    let priority = meta(
        json!({ "type": "priority", "system": "priority" }),
        Some(json!([{ "id": "1", "name": "Highest" }, { "id": "3", "name": "Medium" }])),
    );
    assert_eq!(
        value(&priority, Deployment::Cloud, "medium").ok(),
        Some(json!({ "id": "3" }))
    );
}

#[test]
fn labels_users_and_parent() {
    let labels = meta(
        json!({ "type": "array", "items": "string", "system": "labels" }),
        None,
    );
    assert_eq!(
        value(&labels, Deployment::Cloud, "a, b c").ok(),
        Some(json!(["a", "b", "c"]))
    );
    let user = meta(json!({ "type": "user", "system": "assignee" }), None);
    assert_eq!(
        value(&user, Deployment::Cloud, "5b10a").ok(),
        Some(json!({ "accountId": "5b10a" }))
    );
    assert_eq!(
        value(&user, Deployment::Server, "fred").ok(),
        Some(json!({ "name": "fred" }))
    );
    let users = meta(json!({ "type": "array", "items": "user" }), None);
    assert_eq!(
        value(&users, Deployment::DataCenter, "fred, mia").ok(),
        Some(json!([{ "name": "fred" }, { "name": "mia" }]))
    );
    let parent = meta(json!({ "type": "issuelink", "system": "parent" }), None);
    assert_eq!(
        value(&parent, Deployment::Cloud, "abc-1").ok(),
        Some(json!({ "key": "ABC-1" }))
    );
    assert_eq!(
        value(&parent, Deployment::Cloud, "10001").ok(),
        Some(json!({ "id": "10001" }))
    );
    let unknown = meta(json!({ "type": "any" }), None);
    assert_eq!(
        value(&unknown, Deployment::Cloud, r#"{"a":1}"#).ok(),
        Some(json!({ "a": 1 }))
    );
    assert_eq!(
        value(&unknown, Deployment::Cloud, "plain").ok(),
        Some(json!("plain"))
    );
}

#[test]
fn validation_error_names_the_field() {
    let number = meta(json!({ "type": "number" }), None);
    match value_from_text("customfield_1", &number, Deployment::Cloud, "x") {
        Err(Error::Validation {
            message,
            field_errors,
        }) => {
            assert_eq!(message, "Field: “x” is not a number.");
            assert_eq!(field_errors.len(), 1);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn form_fields_convert_like_their_meta() {
    let priority = meta(
        json!({ "type": "priority", "system": "priority" }),
        Some(json!([{ "id": "2", "name": "High" }, { "id": "3", "name": "Medium" }])),
    );
    let form = priority.form_field("priority");
    assert_eq!(
        form_value_from_text(&form, Deployment::DataCenter, "high").ok(),
        Some(json!({ "id": "2" }))
    );
    match form_value_from_text(&form, Deployment::DataCenter, "Urgent") {
        Err(Error::Validation { field_errors, .. }) => {
            assert!(
                field_errors["priority"].contains("High"),
                "{field_errors:?}"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let points = meta(
        json!({ "type": "number", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float" }),
        None,
    )
    .form_field("customfield_10010");
    assert_eq!(
        form_value_from_text(&points, Deployment::Cloud, "3").ok(),
        Some(json!(3))
    );
    let labels = meta(
        json!({ "type": "array", "items": "string", "system": "labels" }),
        None,
    )
    .form_field("labels");
    assert_eq!(
        form_value_from_text(&labels, Deployment::Cloud, "a,b").ok(),
        Some(json!(["a", "b"]))
    );
}
