//! Tests of the OpenAPI validator itself (tests/support/openapi.rs), so that a green
//! conformance suite means something: it must reject what the documents reject.

mod support;

use serde_json::{json, Value};
use support::openapi::{Spec, Which};

/// A small hand-made document exercising the dialect: a server path prefix, literal and
/// templated paths, `$ref`s (recursive), `nullable`, `readOnly`, `additionalProperties`.
fn mini_spec() -> Spec {
    let doc = json!({
        "openapi": "3.0.1",
        "servers": [{ "url": "http://{baseurl}/rest" }],
        "paths": {
            "/api/2/issue/{issueIdOrKey}": {
                "get": { "responses": {
                    "200": { "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/Issue" } } } },
                    "404": { "description": "not found, no body documented" }
                } },
                "put": {
                    "requestBody": { "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/Issue" } } } },
                    "responses": { "204": { "description": "edited" } }
                }
            },
            "/api/2/issue/createmeta": {
                "get": { "responses": { "200": { "content": { "application/json": {
                    "schema": { "type": "object", "properties": {
                        "expand": { "type": "string" } } } } } } } }
            },
            "/api/2/priority": {
                "get": { "responses": { "default": { "content": { "application/json": {
                    "schema": { "type": "array",
                                "items": { "$ref": "#/components/schemas/Priority" } } } } } } }
            }
        },
        "components": { "schemas": {
            "Issue": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "key"],
                "properties": {
                    "id": { "type": "string", "readOnly": true, "example": "10000" },
                    "key": { "type": "string", "xml": { "attribute": true } },
                    "parent": { "$ref": "#/components/schemas/Issue" },
                    "resolution": { "type": "string", "nullable": true,
                                    "enum": ["Done", "Won't Do"] },
                    "updated": { "type": "string", "format": "date-time" },
                    "due": { "type": "string", "format": "date" },
                    "priority": { "allOf": [{ "$ref": "#/components/schemas/Priority" }],
                                  "nullable": true }
                }
            },
            "Priority": {
                "type": "object",
                "required": ["name"],
                "properties": { "name": { "type": "string" } },
                "discriminator": { "propertyName": "name" }
            },
            "ErrorCollection": {
                "type": "object",
                "properties": {
                    "errorMessages": { "type": "array", "items": { "type": "string" } },
                    "errors": { "type": "object", "additionalProperties": { "type": "string" } }
                }
            }
        } }
    });
    match Spec::from_document(Which::DataCenter, doc) {
        Ok(spec) => spec,
        Err(e) => panic!("the hand-made document must load: {e}"),
    }
}

fn errors(result: Result<(), Vec<String>>) -> Vec<String> {
    result.err().unwrap_or_default()
}

#[test]
fn path_templates_match_with_server_prefix_and_literals_first() {
    let spec = mini_spec();
    assert_eq!(spec.match_path("/rest/api/2/issue/DOC-1"), Some("/api/2/issue/{issueIdOrKey}"));
    assert_eq!(
        spec.match_path("/rest/api/2/issue/DOC-1?expand=names"),
        Some("/api/2/issue/{issueIdOrKey}")
    );
    assert_eq!(spec.match_path("/rest/api/2/issue/createmeta"), Some("/api/2/issue/createmeta"));
    assert_eq!(spec.match_path("/rest/api/2/issue/DOC-1/comment"), None);
    assert_eq!(spec.match_path("/rest/api/2/issue/"), None);
    let unknown = errors(spec.validate_response("GET", "/rest/api/2/nothing", 200, &json!({})));
    assert!(unknown[0].contains("no path"), "{unknown:?}");
}

#[test]
fn valid_response_passes_and_refs_resolve_recursively() {
    let spec = mini_spec();
    let body = json!({
        "id": "10001", "key": "DOC-2",
        "parent": { "id": "10000", "key": "DOC-1", "priority": { "name": "High" } },
        "resolution": null,
        "priority": null,
        "updated": "2024-05-23T14:47:28.592+0000",
        "due": "2024-05-31"
    });
    assert_eq!(spec.validate_response("GET", "/rest/api/2/issue/DOC-2", 200, &body), Ok(()));
}

#[test]
fn invalid_response_reports_json_pointer() {
    let spec = mini_spec();
    let body = json!({
        "id": 10001, "key": "DOC-2",
        "parent": { "id": "10000", "key": "DOC-1", "priority": { "label": "High" } },
        "resolution": "Fixed",
        "surprise": true
    });
    let found = errors(spec.validate_response("GET", "/rest/api/2/issue/DOC-2", 200, &body));
    let has = |pointer: &str, word: &str| {
        found.iter().any(|e| e.contains(&format!("at \"{pointer}\"")) && e.contains(word))
    };
    assert!(has("/id", "string"), "{found:#?}");
    assert!(has("/parent/priority", "name"), "{found:#?}");
    assert!(has("/resolution", "Fixed"), "{found:#?}");
    assert!(has("", "surprise"), "{found:#?}");
    assert!(found.iter().all(|e| e.starts_with("GET /api/2/issue/{issueIdOrKey} → 200")));
}

#[test]
fn nullable_only_where_declared() {
    let spec = mini_spec();
    let null_key = json!({ "id": "1", "key": null });
    let found = errors(spec.validate_response("GET", "/rest/api/2/issue/X-1", 200, &null_key));
    assert!(found.iter().any(|e| e.contains("\"/key\"")), "{found:?}");
}

#[test]
fn read_only_required_applies_to_responses_only() {
    let spec = mini_spec();
    let without_id = json!({ "key": "DOC-1" });
    assert_eq!(spec.validate_request_body("PUT", "/rest/api/2/issue/DOC-1", &without_id), Ok(()));
    let found = errors(spec.validate_response("GET", "/rest/api/2/issue/DOC-1", 200, &without_id));
    assert!(found.iter().any(|e| e.contains("\"id\" is a required property")), "{found:?}");
    let bad = json!({ "key": 7 });
    let found = errors(spec.validate_request_body("PUT", "/rest/api/2/issue/DOC-1", &bad));
    assert!(found.iter().any(|e| e.contains("request body: at \"/key\"")), "{found:?}");
}

#[test]
fn date_time_accepts_jira_and_rfc3339_forms_only() {
    let spec = mini_spec();
    for good in ["2024-05-23T14:47:28.592+0000", "2023-08-30T16:37:01+1000", "2024-05-23T14:47:28Z"]
    {
        let body = json!({ "id": "1", "key": "A-1", "updated": good });
        assert_eq!(spec.validate_response("GET", "/rest/api/2/issue/A-1", 200, &body), Ok(()));
    }
    for bad in ["2024-05-23 14:47", "yesterday", "2024-13-01T00:00:00.000+0000"] {
        let body = json!({ "id": "1", "key": "A-1", "updated": bad });
        let found = errors(spec.validate_response("GET", "/rest/api/2/issue/A-1", 200, &body));
        assert!(found.iter().any(|e| e.contains("/updated")), "{bad}: {found:?}");
    }
    let body = json!({ "id": "1", "key": "A-1", "due": "31/05/2024" });
    assert!(spec.validate_response("GET", "/rest/api/2/issue/A-1", 200, &body).is_err());
}

#[test]
fn statuses_default_and_error_bodies() {
    let spec = mini_spec();
    let priorities = json!([{ "name": "High" }]);
    assert_eq!(spec.validate_response("GET", "/rest/api/2/priority", 200, &priorities), Ok(()));
    assert!(spec.validate_response("GET", "/rest/api/2/priority", 200, &json!([{}])).is_err());
    // 404 documented without a body: the ErrorCollection shape is required instead.
    let jira_404 = json!({ "errorMessages": ["Issue does not exist"], "errors": {} });
    assert_eq!(spec.validate_response("GET", "/rest/api/2/issue/NO-1", 404, &jira_404), Ok(()));
    let found = errors(spec.validate_response(
        "GET",
        "/rest/api/2/issue/NO-1",
        404,
        &json!({ "errorMessages": "Issue does not exist" }),
    ));
    assert!(found.iter().any(|e| e.contains("ErrorCollection")), "{found:?}");
    // An undocumented status fails, except 401 (see exceptions.rs).
    let found = errors(spec.validate_response("GET", "/rest/api/2/issue/A-1", 500, &jira_404));
    assert!(found[0].contains("status 500 is not documented"), "{found:?}");
    assert_eq!(spec.validate_response("GET", "/rest/api/2/issue/A-1", 401, &jira_404), Ok(()));
    // 204: no body documented, none allowed.
    assert_eq!(spec.validate_response("PUT", "/rest/api/2/issue/A-1", 204, &Value::Null), Ok(()));
    assert!(spec.validate_response("PUT", "/rest/api/2/issue/A-1", 204, &json!({})).is_err());
    // Undocumented method.
    let found = errors(spec.validate_response("DELETE", "/rest/api/2/priority", 204, &Value::Null));
    assert!(found[0].contains("no DELETE operation"), "{found:?}");
}

#[test]
fn real_documents_validate_hand_made_payloads() {
    let (Some(dc), Some(cloud)) =
        (Spec::load_or_skip(Which::DataCenter), Spec::load_or_skip(Which::CloudV3))
    else {
        return;
    };
    // Data Center: the document's paths sit below the server URL's `/rest`.
    assert_eq!(dc.match_path("/rest/api/2/issue/DOC-1"), Some("/api/2/issue/{issueIdOrKey}"));
    assert_eq!(dc.match_path("/rest/api/2/issue/createmeta"), Some("/api/2/issue/createmeta"));
    let errors_dc = json!({ "errorMessages": [], "errors": { "summary": "You must specify a summary of the issue." } });
    assert_eq!(dc.validate_response("POST", "/rest/api/2/issue", 400, &errors_dc), Ok(()));
    let created = json!({ "id": "10000", "key": "DOC-1", "self": "http://127.0.0.1:1/rest/api/2/issue/10000" });
    assert_eq!(dc.validate_response("POST", "/rest/api/2/issue", 201, &created), Ok(()));
    let create = json!({ "fields": { "project": { "key": "DOC" }, "summary": "s" } });
    assert_eq!(dc.validate_request_body("POST", "/rest/api/2/issue", &create), Ok(()));
    let bad_create = json!({ "fields": "summary" });
    assert!(dc.validate_request_body("POST", "/rest/api/2/issue", &bad_create).is_err());

    // Cloud: strict schemas (additionalProperties: false).
    let me = json!({
        "accountId": "5b10a2844c20165700ede21g", "accountType": "atlassian", "active": true,
        "displayName": "Mia Krystof", "emailAddress": "mia@example.com", "timeZone": "UTC",
        "self": "http://127.0.0.1:1/rest/api/3/user?accountId=5b10a2844c20165700ede21g"
    });
    assert_eq!(cloud.validate_response("GET", "/rest/api/3/myself", 200, &me), Ok(()));
    let mut extra = me.clone();
    extra["name"] = json!("mia");
    extra["loginName"] = json!("mia");
    let found = errors(cloud.validate_response("GET", "/rest/api/3/myself", 200, &extra));
    assert!(found.iter().any(|e| e.contains("loginName")), "{found:?}");
    let mut wrong = me.clone();
    wrong["accountType"] = json!("robot");
    assert!(cloud.validate_response("GET", "/rest/api/2/myself", 200, &wrong).is_err());
    assert_eq!(
        cloud.match_path("/rest/api/2/issue/DOC-1/transitions"),
        Some("/rest/api/3/issue/{issueIdOrKey}/transitions")
    );
    assert_eq!(cloud.validate_component("StatusCategory", &json!({ "key": "done" })), Ok(()));
    assert!(cloud.validate_component("StatusCategory", &json!({ "key": 3 })).is_err());
    assert!(cloud.validate_component("NoSuchSchema", &json!({})).is_err());
}
