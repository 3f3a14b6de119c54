use super::*;
use serde_json::json;

fn kind_of(schema: serde_json::Value) -> FieldKind {
    serde_json::from_value::<FieldSchema>(schema)
        .expect("schema")
        .kind()
}

fn custom(name: &str, kind: &str, items: Option<&str>) -> serde_json::Value {
    let mut schema = json!({
        "type": kind,
        "custom": format!("com.atlassian.jira.plugin.system.customfieldtypes:{name}"),
        "customId": 10010
    });
    if let Some(items) = items {
        schema["items"] = json!(items);
    }
    schema
}

#[test]
fn system_schemas() {
    let cases = [
        (
            json!({ "type": "string", "system": "summary" }),
            FieldKind::Text,
        ),
        (
            json!({ "type": "string", "system": "description" }),
            FieldKind::RichText,
        ),
        (
            json!({ "type": "string", "system": "environment" }),
            FieldKind::RichText,
        ),
        (
            json!({ "type": "number", "system": "timeestimate" }),
            FieldKind::Number,
        ),
        (
            json!({ "type": "date", "system": "duedate" }),
            FieldKind::Date,
        ),
        (
            json!({ "type": "datetime", "system": "created" }),
            FieldKind::DateTime,
        ),
        (
            json!({ "type": "array", "items": "string", "system": "labels" }),
            FieldKind::Labels,
        ),
        (
            json!({ "type": "option", "custom": "x" }),
            FieldKind::Select,
        ),
        (
            json!({ "type": "array", "items": "option" }),
            FieldKind::MultiSelect,
        ),
        (
            json!({ "type": "user", "system": "assignee" }),
            FieldKind::User,
        ),
        (
            json!({ "type": "array", "items": "user" }),
            FieldKind::Users,
        ),
        (json!({ "type": "version" }), FieldKind::Version),
        (
            json!({ "type": "array", "items": "version", "system": "fixVersions" }),
            FieldKind::Versions,
        ),
        (json!({ "type": "component" }), FieldKind::Component),
        (
            json!({ "type": "array", "items": "component", "system": "components" }),
            FieldKind::Components,
        ),
        (
            json!({ "type": "priority", "system": "priority" }),
            FieldKind::Priority,
        ),
        (
            json!({ "type": "issuetype", "system": "issuetype" }),
            FieldKind::IssueType,
        ),
        (
            json!({ "type": "issuelink", "system": "parent" }),
            FieldKind::Parent,
        ),
        (
            json!({ "type": "project", "system": "project" }),
            FieldKind::Unknown,
        ),
        (
            json!({ "type": "array", "items": "attachment", "system": "attachment" }),
            FieldKind::Unknown,
        ),
        (json!({ "type": "any" }), FieldKind::Unknown),
        (json!({}), FieldKind::Unknown),
    ];
    for (schema, expected) in cases {
        assert_eq!(kind_of(schema.clone()), expected, "{schema}");
    }
}

#[test]
fn custom_field_types() {
    let cases = [
        (custom("textfield", "string", None), FieldKind::Text),
        (custom("textarea", "string", None), FieldKind::RichText),
        (custom("url", "string", None), FieldKind::Text),
        (custom("select", "option", None), FieldKind::Select),
        (custom("radiobuttons", "option", None), FieldKind::Select),
        (
            custom("multiselect", "array", Some("option")),
            FieldKind::MultiSelect,
        ),
        (
            custom("multicheckboxes", "array", Some("option")),
            FieldKind::MultiSelect,
        ),
        (custom("userpicker", "user", None), FieldKind::User),
        (
            custom("multiuserpicker", "array", Some("user")),
            FieldKind::Users,
        ),
        (custom("datepicker", "date", None), FieldKind::Date),
        (custom("datetime", "datetime", None), FieldKind::DateTime),
        (custom("float", "number", None), FieldKind::Number),
        (custom("labels", "array", Some("string")), FieldKind::Labels),
        (custom("version", "version", None), FieldKind::Version),
        (
            custom("multiversion", "array", Some("version")),
            FieldKind::Versions,
        ),
        // Not ours to edit: a cascading select has no widget yet.
        (
            custom("cascadingselect", "option-with-child", None),
            FieldKind::Unknown,
        ),
        // An app's custom type falls back to its schema type.
        (
            json!({ "type": "array", "items": "json", "custom": "com.pyxis.greenhopper.jira:gh-sprint" }),
            FieldKind::Unknown,
        ),
        (
            json!({ "type": "number", "custom": "com.pyxis.greenhopper.jira:jsw-story-points" }),
            FieldKind::Number,
        ),
    ];
    for (schema, expected) in cases {
        assert_eq!(kind_of(schema.clone()), expected, "{schema}");
    }
}

#[test]
fn field_list_entries() {
    // GET /rest/api/3/field (FieldDetails), one system and one custom field.
    let fields: Vec<Field> = serde_json::from_str(
        r#"[
          { "id": "description", "key": "description", "name": "Description", "custom": false,
            "orderable": true, "navigable": true, "searchable": true,
            "clauseNames": ["description"], "schema": { "type": "string", "system": "description" } },
          { "id": "customfield_10000", "key": "customfield_10000", "name": "New custom field",
            "custom": true, "orderable": true, "navigable": true, "searchable": true,
            "clauseNames": ["cf[10000]", "New custom field"],
            "untranslatedName": "New custom field",
            "schema": { "type": "project", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:project", "customId": 10000 } },
          { "id": "thumbnail", "name": "Images", "custom": false, "orderable": false,
            "navigable": true, "searchable": false, "clauseNames": [] }
        ]"#,
    )
    .expect("fields");
    assert_eq!(fields[0].kind(), FieldKind::RichText);
    assert_eq!(fields[1].kind(), FieldKind::Unknown);
    assert_eq!(
        fields[1].schema.as_ref().and_then(|s| s.custom_id),
        Some(10000)
    );
    assert_eq!(fields[1].clause_names, ["cf[10000]", "New custom field"]);
    assert_eq!(fields[2].kind(), FieldKind::Unknown);
}
