use super::*;

/// Cloud `GET /rest/api/3/issue/createmeta/ABC/issuetypes/10001` as in the spec's example.
const CLOUD_FIELDS: &str = r#"{
  "fields": [
    { "fieldId": "summary", "key": "summary", "name": "Summary", "required": true,
      "hasDefaultValue": false, "operations": ["set"], "schema": { "type": "string", "system": "summary" } },
    { "fieldId": "assignee", "key": "assignee", "name": "Assignee", "required": false,
      "hasDefaultValue": false, "operations": ["set"],
      "autoCompleteUrl": "https://your-domain.atlassian.net/rest/api/3/user/assignable/search?project=ABC&query=",
      "schema": { "type": "user", "system": "assignee" } },
    { "fieldId": "priority", "key": "priority", "name": "Priority", "required": true,
      "hasDefaultValue": true, "operations": ["set"],
      "defaultValue": { "id": "3", "name": "Medium", "iconUrl": "https://x/medium.svg" },
      "allowedValues": [
        { "self": "https://x/rest/api/3/priority/1", "id": "1", "name": "Highest", "iconUrl": "https://x/highest.svg" },
        { "self": "https://x/rest/api/3/priority/3", "id": "3", "name": "Medium", "iconUrl": "https://x/medium.svg" }
      ],
      "schema": { "type": "priority", "system": "priority" } },
    { "fieldId": "customfield_10020", "key": "customfield_10020", "name": "Team", "required": false,
      "hasDefaultValue": false, "operations": ["set"],
      "allowedValues": [
        { "self": "https://x/rest/api/3/customFieldOption/10100", "value": "Red", "id": "10100" },
        { "self": "https://x/rest/api/3/customFieldOption/10101", "value": "Blue", "id": "10101", "disabled": true },
        { "value": "no id" }
      ],
      "schema": { "type": "option", "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select", "customId": 10020 } }
  ],
  "maxResults": 50, "startAt": 0, "total": 4
}"#;

/// DC `GET /rest/api/2/issue/createmeta/ABC/issuetypes/10001`: a `values` page.
const DC_FIELDS: &str = r#"{
  "maxResults": 2, "startAt": 0, "total": 3, "isLast": false,
  "values": [
    { "required": false, "schema": { "type": "array", "items": "version", "system": "fixVersions" },
      "name": "Fix Version/s", "fieldId": "fixVersions", "hasDefaultValue": false,
      "operations": ["set", "add", "remove"],
      "allowedValues": [
        { "self": "http://jira/rest/api/2/version/10000", "id": "10000", "name": "1.0", "archived": false, "released": true, "projectId": 10000 },
        { "self": "http://jira/rest/api/2/version/10001", "id": 10001, "name": "0.9", "archived": true, "released": true }
      ] },
    { "required": true, "schema": { "type": "string", "system": "summary" }, "name": "Summary",
      "fieldId": "summary", "hasDefaultValue": false, "operations": ["set"] }
  ]
}"#;

#[test]
fn cloud_create_meta_fields() {
    let page: CreateMetaFields = serde_json::from_str(CLOUD_FIELDS).expect("createmeta");
    assert_eq!(page.fields.len(), 4);
    assert_eq!(page.next_start_at(), None);
    let priority = &page.fields[2];
    assert_eq!(priority.kind(), FieldKind::Priority);
    assert!(priority.has_default_value);
    assert_eq!(
        priority
            .default_value
            .as_ref()
            .and_then(|v| v["id"].as_str()),
        Some("3")
    );
    let options = priority.options();
    assert_eq!(options[0].label, "Highest");
    assert_eq!(
        options[0].icon_url.as_deref(),
        Some("https://x/highest.svg")
    );
    let team = page.fields[3].options();
    assert_eq!(team.len(), 2, "the entry without an id is skipped");
    assert_eq!(
        (
            team[0].id.as_str(),
            team[0].label.as_str(),
            team[0].disabled
        ),
        ("10100", "Red", false)
    );
    assert!(team[1].disabled);
    assert_eq!(page.fields[3].kind(), FieldKind::Select);
    assert!(page.fields[1]
        .auto_complete_url
        .as_deref()
        .is_some_and(|u| u.ends_with("query=")));
    let order: Vec<&str> = page.form_order().iter().map(|f| f.name.as_str()).collect();
    assert_eq!(order, ["Summary", "Priority", "Assignee", "Team"]);
}

#[test]
fn dc_create_meta_fields() {
    let page: CreateMetaFields = serde_json::from_str(DC_FIELDS).expect("createmeta");
    assert_eq!(page.next_start_at(), Some(2));
    let fix = &page.fields[0];
    assert_eq!(fix.field_id.as_deref(), Some("fixVersions"));
    assert_eq!(fix.kind(), FieldKind::Versions);
    let versions = fix.options();
    assert_eq!(versions[1].id, "10001", "numeric ids are read as strings");
    assert!(versions[1].disabled, "archived versions are not offered");
    assert_eq!(page.form_order()[0].name, "Summary");
}

#[test]
fn create_meta_issue_types_in_every_shape() {
    for json in [
        r#"{"issueTypes":[{"id":"1","name":"Bug","subtask":false}],"maxResults":50,"startAt":0,"total":1}"#,
        r#"{"createMetaIssueType":[{"id":"1","name":"Bug","subtask":false}],"maxResults":50,"startAt":0,"total":1}"#,
        r#"{"values":[{"id":"1","name":"Bug","subtask":false}],"maxResults":50,"startAt":0,"total":1,"isLast":true}"#,
    ] {
        let page: CreateMetaIssueTypes = serde_json::from_str(json).expect("issue types");
        assert_eq!(page.issue_types.len(), 1, "{json}");
        assert_eq!(page.issue_types[0].name, "Bug");
    }
}

#[test]
fn edit_meta() {
    let meta: EditMeta = serde_json::from_str(
        r#"{"fields":{
          "summary":{"required":true,"schema":{"type":"string","system":"summary"},"name":"Summary","key":"summary","operations":["set"]},
          "labels":{"required":false,"schema":{"type":"array","items":"string","system":"labels"},"name":"Labels","key":"labels",
            "autoCompleteUrl":"https://x/rest/api/1.0/labels/suggest?query=","operations":["add","set","remove"]},
          "customfield_10011":{"required":false,"schema":{"type":"string","custom":"com.atlassian.jira.plugin.system.customfieldtypes:textarea","customId":10011},
            "name":"Notes","key":"customfield_10011","operations":["set"]},
          "issuelinks":{"required":false,"schema":{"type":"array","items":"issuelinks","system":"issuelinks"},"name":"Linked Issues","operations":[]}
        }}"#,
    )
    .expect("editmeta");
    assert_eq!(meta.fields["labels"].kind(), FieldKind::Labels);
    assert!(meta.fields["labels"].is_editable());
    assert_eq!(meta.fields["customfield_10011"].kind(), FieldKind::RichText);
    assert!(!meta.fields["issuelinks"].is_editable());
    let empty: EditMeta = serde_json::from_str(r#"{"fields":null}"#).expect("editmeta");
    assert!(empty.fields.is_empty());
}

#[test]
fn form_fields_for_create_and_edit() {
    let page: CreateMetaFields = serde_json::from_str(CLOUD_FIELDS).expect("createmeta");
    let form = page.form_fields();
    let order: Vec<(&str, bool)> = form.iter().map(|f| (f.id.as_str(), f.required)).collect();
    assert_eq!(
        order,
        [
            ("summary", true),
            ("priority", true),
            ("assignee", false),
            ("customfield_10020", false)
        ]
    );
    let priority = &form[1];
    assert_eq!(priority.kind, FieldKind::Priority);
    assert_eq!(priority.options.len(), 2);
    assert_eq!(
        priority.default_value.as_ref().map(|v| v["id"].clone()),
        Some("3".into())
    );
    assert!(form[3].custom && !form[0].custom);
    assert!(form.iter().all(|f| f.editable));
    let json = serde_json::to_value(&form[3]).expect("json");
    assert_eq!(json["kind"], "select");
    assert_eq!(
        json["options"][0],
        serde_json::json!({ "id": "10100", "label": "Red", "disabled": false })
    );

    let edit: EditMeta = serde_json::from_str(
        r#"{"fields":{
          "labels":{"required":false,"schema":{"type":"array","items":"string","system":"labels"},"name":"Labels","operations":["add","set","remove"]},
          "description":{"required":false,"schema":{"type":"string","system":"description"},"name":"Description","operations":["set"]},
          "summary":{"required":true,"schema":{"type":"string","system":"summary"},"name":"Summary","operations":["set"]},
          "issuelinks":{"required":false,"schema":{"type":"array","items":"issuelinks","system":"issuelinks"},"name":"Linked Issues","operations":[]}
        }}"#,
    )
    .expect("editmeta");
    let form = edit.form_fields();
    let ids: Vec<(&str, bool)> = form.iter().map(|f| (f.id.as_str(), f.editable)).collect();
    assert_eq!(
        ids,
        [
            ("summary", true),
            ("description", true),
            ("labels", true),
            ("issuelinks", false)
        ]
    );
}
