//! Tests of the validator against Atlassian's real documents: hand-made payloads that must
//! pass or fail, the documented corrections (support/exceptions.rs) and the stricter checks
//! of issue fields and rich text. Skipped (with one line) when the documents are absent.

mod support;

use serde_json::{json, Value};
use support::openapi::{Spec, Which};

fn errors(result: Result<(), Vec<String>>) -> Vec<String> {
    result.err().unwrap_or_default()
}

#[test]
fn real_documents_validate_hand_made_payloads() {
    let (Some(dc), Some(cloud)) = (
        Spec::load_or_skip(Which::DataCenter),
        Spec::load_or_skip(Which::CloudV3),
    ) else {
        return;
    };
    // Data Center: the document's paths sit below the server URL's `/rest`.
    assert_eq!(
        dc.match_path("/rest/api/2/issue/DOC-1"),
        Some("/api/2/issue/{issueIdOrKey}")
    );
    // DC 9+ dropped the old `issue/createmeta`; the per-project form must not be mistaken
    // for an issue key.
    assert_eq!(
        dc.match_path("/rest/api/2/issue/createmeta/DOC/issuetypes"),
        Some("/api/2/issue/createmeta/{projectIdOrKey}/issuetypes")
    );
    let errors_dc = json!({
        "errorMessages": [],
        "errors": { "summary": "You must specify a summary of the issue." }
    });
    assert_eq!(
        dc.validate_response("POST", "/rest/api/2/issue", 400, &errors_dc),
        Ok(())
    );
    let created = json!({
        "id": "10000",
        "key": "DOC-1",
        "self": "http://127.0.0.1:1/rest/api/2/issue/10000"
    });
    assert_eq!(
        dc.validate_response("POST", "/rest/api/2/issue", 201, &created),
        Ok(())
    );
    let create = json!({ "fields": { "project": { "key": "DOC" }, "summary": "s" } });
    assert_eq!(
        dc.validate_request_body("POST", "/rest/api/2/issue", &create),
        Ok(())
    );
    let bad_create = json!({ "fields": "summary" });
    assert!(dc
        .validate_request_body("POST", "/rest/api/2/issue", &bad_create)
        .is_err());

    assert_eq!(
        dc.match_path("/rest/api/latest/issue/DOC-1"),
        Some("/api/2/issue/{issueIdOrKey}")
    );
    // Documented DC defects (support/exceptions.rs): list operations answer arrays of the
    // documented element, issue fields come in their own shapes; elements are still checked.
    let projects = json!([{ "id": "10000", "key": "DEV", "name": "Development" }]);
    assert_eq!(
        dc.validate_response("GET", "/rest/api/2/project", 200, &projects),
        Ok(())
    );
    let bad_projects = json!([{ "id": "10000", "key": 7 }]);
    let found = errors(dc.validate_response("GET", "/rest/api/2/project", 200, &bad_projects));
    assert!(found.iter().any(|e| e.contains("\"/0/key\"")), "{found:?}");
    let issue = json!({ "id": "1", "key": "DEV-1", "fields": { "summary": "s", "labels": ["a"] } });
    assert_eq!(
        dc.validate_response("GET", "/rest/api/2/issue/DEV-1", 200, &issue),
        Ok(())
    );
    let page = json!({ "startAt": 0, "maxResults": 50, "total": 1, "isLast": true,
                       "values": [{ "id": "10001", "name": "Task", "subtask": false }] });
    let createmeta = "/rest/api/2/issue/createmeta/DEV/issuetypes";
    assert_eq!(dc.validate_response("GET", createmeta, 200, &page), Ok(()));
    let not_a_page = json!([{ "id": "10001", "name": "Task" }]);
    assert!(dc
        .validate_response("GET", createmeta, 200, &not_a_page)
        .is_err());

    let autocomplete = json!({
        "visibleFieldNames": [{ "value": "project", "displayName": "project",
                                "orderable": "true", "operators": ["="] }],
        "visibleFunctionNames": [{ "value": "now()", "displayName": "now()" }],
        "jqlReservedWords": ["and"]
    });
    let path = "/rest/api/2/jql/autocompletedata";
    assert_eq!(
        dc.validate_response("GET", path, 200, &autocomplete),
        Ok(())
    );
    let strings = json!({ "visibleFieldNames": ["project"] });
    assert!(dc.validate_response("GET", path, 200, &strings).is_err());

    // Cloud: strict schemas (additionalProperties: false).
    let me = json!({
        "accountId": "5b10a2844c20165700ede21g", "accountType": "atlassian", "active": true,
        "displayName": "Mia Krystof", "emailAddress": "mia@example.com", "timeZone": "UTC",
        "self": "http://127.0.0.1:1/rest/api/3/user?accountId=5b10a2844c20165700ede21g"
    });
    assert_eq!(
        cloud.validate_response("GET", "/rest/api/3/myself", 200, &me),
        Ok(())
    );
    let mut extra = me.clone();
    extra["name"] = json!("mia");
    extra["loginName"] = json!("mia");
    let found = errors(cloud.validate_response("GET", "/rest/api/3/myself", 200, &extra));
    assert!(found.iter().any(|e| e.contains("loginName")), "{found:?}");
    let mut wrong = me.clone();
    wrong["accountType"] = json!("robot");
    assert!(cloud
        .validate_response("GET", "/rest/api/2/myself", 200, &wrong)
        .is_err());
    assert_eq!(
        cloud.match_path("/rest/api/2/issue/DOC-1/transitions"),
        Some("/rest/api/3/issue/{issueIdOrKey}/transitions")
    );
    assert_eq!(
        cloud.validate_component("StatusCategory", &json!({ "key": "done" })),
        Ok(())
    );
    assert!(cloud
        .validate_component("StatusCategory", &json!({ "key": 3 }))
        .is_err());
    assert!(cloud
        .validate_component("NoSuchSchema", &json!({}))
        .is_err());
}

#[test]
fn issue_system_fields_are_checked_against_components() {
    let (Some(dc), Some(cloud)) = (
        Spec::load_or_skip(Which::DataCenter),
        Spec::load_or_skip(Which::CloudV3),
    ) else {
        return;
    };
    let user = json!({ "accountId": "5f8a", "displayName": "Alice", "active": true });
    let good = json!({ "key": "DEV-1", "id": "1", "fields": {
        "summary": "s",
        "status": { "id": "3", "name": "In Progress",
                    "statusCategory": { "id": 4, "key": "indeterminate" } },
        "assignee": null,
        "reporter": user,
        "labels": ["ui"],
        "created": "2024-05-23T14:47:28.592+0000",
        "duedate": null,
        "customfield_10010": { "anything": true }
    } });
    assert_eq!(support::issue_fields::check(&cloud, &good), Ok(()));
    let search = json!({ "issues": [good.clone(), { "key": "DEV-2", "fields": {
        "reporter": { "accountId": "5f8a", "username": "alice" },
        "created": "yesterday",
        "labels": "ui"
    } }] });
    let found = support::issue_fields::check(&cloud, &search)
        .err()
        .unwrap_or_default();
    for culprit in [
        "DEV-2 field reporter",
        "DEV-2 field created",
        "DEV-2 field labels",
    ] {
        assert!(
            found.iter().any(|e| e.contains(culprit)),
            "{culprit}: {found:#?}"
        );
    }
    assert!(found.iter().all(|e| !e.contains("DEV-1")), "{found:#?}");
    let dc_issue = json!({ "key": "DEV-1", "fields": {
        "priority": { "id": 3, "name": "Medium" }
    } });
    let found = support::issue_fields::check(&dc, &dc_issue)
        .err()
        .unwrap_or_default();
    assert!(
        found
            .iter()
            .any(|e| e.contains("field priority") && e.contains("/id")),
        "{found:?}"
    );
}

#[test]
fn patches_refuse_a_document_that_moved() {
    let mut doc = json!({ "openapi": "3.0.1", "paths": {}, "components": { "schemas": {} } });
    let refused = support::exceptions::patch(Which::DataCenter, &mut doc);
    assert!(
        matches!(refused, Err(ref e) if e.contains("review this patch")),
        "{refused:?}"
    );
}

#[test]
fn rich_text_follows_the_api_version() {
    let Some(cloud) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    use support::rich_text::check;
    let adf = json!({ "type": "doc", "version": 1, "content": [{ "type": "paragraph" }] });
    let v3 = "/rest/api/3/issue/DEV-1";
    let v2 = "/rest/api/2/issue/DEV-1";
    let with = |description: Value| {
        json!({ "key": "DEV-1", "fields": {
        "description": description,
        "comment": { "comments": [{ "body": "wiki *text*" }] }
    } })
    };
    let found = check(&cloud, v3, &with(adf.clone()))
        .err()
        .unwrap_or_default();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("/comments/0/body (Adf expected"),
        "{found:#?}"
    );
    let found = check(&cloud, v2, &with(adf.clone()))
        .err()
        .unwrap_or_default();
    assert!(
        found.iter().any(|e| e.contains("field description (Wiki")),
        "{found:#?}"
    );
    assert_eq!(check(&cloud, v2, &with(json!("text"))), Ok(()));
    assert_eq!(check(&cloud, v2, &with(Value::Null)), Ok(()));
    let comment = json!({ "id": "1", "author": {}, "body": "text" });
    assert!(check(&cloud, "/rest/api/3/issue/DEV-1/comment/1", &comment).is_err());
    let not_adf = json!({ "id": "1", "author": {}, "body": { "type": "doc", "content": [] } });
    assert!(check(&cloud, "/rest/api/3/issue/DEV-1/comment/1", &not_adf).is_err());
    let rendered = json!({ "key": "DEV-1", "fields": {}, "renderedFields": {
        "description": adf, "environment": "<p>ok</p>"
    } });
    let found = check(&cloud, v3, &rendered).err().unwrap_or_default();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("renderedFields description"),
        "{found:#?}"
    );
}

#[test]
fn custom_fields_follow_the_issue_schema() {
    let Some(cloud) = Spec::load_or_skip(Which::CloudV3) else {
        return;
    };
    use support::custom_fields::check;
    let kind = |custom: &str, kind: &str, items: Option<&str>| {
        let prefix = "com.atlassian.jira.plugin.system.customfieldtypes";
        let mut bean = json!({ "custom": format!("{prefix}:{custom}"), "type": kind });
        if let Some(items) = items {
            bean["items"] = json!(items);
        }
        bean
    };
    let schema = json!({
        "customfield_1": kind("float", "number", None),
        "customfield_2": kind("select", "option", None),
        "customfield_3": kind("multiselect", "array", Some("option")),
        "customfield_4": kind("textarea", "string", None),
        "customfield_5": kind("datepicker", "date", None),
    });
    let issue = |fields: Value| json!({ "key": "DEV-1", "fields": fields, "schema": schema });
    let adf = json!({ "type": "doc", "version": 1, "content": [] });
    let good = issue(json!({
        "customfield_1": 5,
        "customfield_2": { "id": "1", "value": "Production", "self": "http://h/x/1" },
        "customfield_3": [{ "id": "2", "value": "API" }],
        "customfield_4": adf,
        "customfield_5": null,
        "customfield_9": "not in the schema: not checked"
    }));
    assert_eq!(check(&cloud, "/rest/api/3/issue/DEV-1", &good), Ok(()));
    let found = check(&cloud, "/rest/api/2/issue/DEV-1", &good)
        .err()
        .unwrap_or_default();
    assert!(
        found.iter().all(|e| e.contains("customfield_4")),
        "{found:#?}"
    );
    assert!(!found.is_empty(), "a v2 textarea must be a string");
    let bad = issue(json!({
        "customfield_1": "5",
        "customfield_2": { "id": "1" },
        "customfield_3": { "value": "API" },
        "customfield_5": "01/12/2026"
    }));
    let found = check(&cloud, "/rest/api/3/issue/DEV-1", &bad)
        .err()
        .unwrap_or_default();
    for id in [
        "customfield_1 ",
        "customfield_2 ",
        "customfield_3 ",
        "customfield_5 ",
    ] {
        assert!(found.iter().any(|e| e.contains(id)), "{id}: {found:#?}");
    }
}

#[test]
fn every_documented_schema_compiles() {
    for which in [Which::DataCenter, Which::CloudV3] {
        let Some(spec) = Spec::load_or_skip(which) else {
            return;
        };
        let failures = spec.compile_all();
        assert!(failures.is_empty(), "{which:?}: {failures:#?}");
    }
}
