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
            "/api/2/issueLinkType": {
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
    assert_eq!(
        spec.match_path("/rest/api/2/issue/DOC-1"),
        Some("/api/2/issue/{issueIdOrKey}")
    );
    assert_eq!(
        spec.match_path("/rest/api/2/issue/DOC-1?expand=names"),
        Some("/api/2/issue/{issueIdOrKey}")
    );
    assert_eq!(
        spec.match_path("/rest/api/2/issue/createmeta"),
        Some("/api/2/issue/createmeta")
    );
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
    assert_eq!(
        spec.validate_response("GET", "/rest/api/2/issue/DOC-2", 200, &body),
        Ok(())
    );
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
        found
            .iter()
            .any(|e| e.contains(&format!("at \"{pointer}\"")) && e.contains(word))
    };
    assert!(has("/id", "string"), "{found:#?}");
    assert!(has("/parent/priority", "name"), "{found:#?}");
    assert!(has("/resolution", "Fixed"), "{found:#?}");
    assert!(has("", "surprise"), "{found:#?}");
    assert!(found
        .iter()
        .all(|e| e.starts_with("GET /api/2/issue/{issueIdOrKey} → 200")));
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
    assert_eq!(
        spec.validate_request_body("PUT", "/rest/api/2/issue/DOC-1", &without_id),
        Ok(())
    );
    let found = errors(spec.validate_response("GET", "/rest/api/2/issue/DOC-1", 200, &without_id));
    assert!(
        found
            .iter()
            .any(|e| e.contains("\"id\" is a required property")),
        "{found:?}"
    );
    let bad = json!({ "key": 7 });
    let found = errors(spec.validate_request_body("PUT", "/rest/api/2/issue/DOC-1", &bad));
    assert!(
        found
            .iter()
            .any(|e| e.contains("request body: at \"/key\"")),
        "{found:?}"
    );
}

#[test]
fn date_time_accepts_jira_and_rfc3339_forms_only() {
    let spec = mini_spec();
    for good in [
        "2024-05-23T14:47:28.592+0000",
        "2023-08-30T16:37:01+1000",
        "2024-05-23T14:47:28Z",
    ] {
        let body = json!({ "id": "1", "key": "A-1", "updated": good });
        assert_eq!(
            spec.validate_response("GET", "/rest/api/2/issue/A-1", 200, &body),
            Ok(())
        );
    }
    for bad in [
        "2024-05-23 14:47",
        "yesterday",
        "2024-13-01T00:00:00.000+0000",
    ] {
        let body = json!({ "id": "1", "key": "A-1", "updated": bad });
        let found = errors(spec.validate_response("GET", "/rest/api/2/issue/A-1", 200, &body));
        assert!(
            found.iter().any(|e| e.contains("/updated")),
            "{bad}: {found:?}"
        );
    }
    let body = json!({ "id": "1", "key": "A-1", "due": "31/05/2024" });
    assert!(spec
        .validate_response("GET", "/rest/api/2/issue/A-1", 200, &body)
        .is_err());
}

#[test]
fn statuses_default_and_error_bodies() {
    let spec = mini_spec();
    let priorities = json!([{ "name": "High" }]);
    assert_eq!(
        spec.validate_response("GET", "/rest/api/2/issueLinkType", 200, &priorities),
        Ok(())
    );
    assert!(spec
        .validate_response("GET", "/rest/api/2/issueLinkType", 200, &json!([{}]))
        .is_err());
    // 404 documented without a body: the ErrorCollection shape is required instead.
    let jira_404 = json!({ "errorMessages": ["Issue does not exist"], "errors": {} });
    assert_eq!(
        spec.validate_response("GET", "/rest/api/2/issue/NO-1", 404, &jira_404),
        Ok(())
    );
    let found = errors(spec.validate_response(
        "GET",
        "/rest/api/2/issue/NO-1",
        404,
        &json!({ "errorMessages": "Issue does not exist" }),
    ));
    assert!(
        found.iter().any(|e| e.contains("ErrorCollection")),
        "{found:?}"
    );
    // An undocumented status fails, except 401 (see exceptions.rs).
    let found = errors(spec.validate_response("GET", "/rest/api/2/issue/A-1", 500, &jira_404));
    assert!(
        found[0].contains("status 500 is not documented"),
        "{found:?}"
    );
    assert_eq!(
        spec.validate_response("GET", "/rest/api/2/issue/A-1", 401, &jira_404),
        Ok(())
    );
    // 204: no body documented, none allowed.
    assert_eq!(
        spec.validate_response("PUT", "/rest/api/2/issue/A-1", 204, &Value::Null),
        Ok(())
    );
    assert!(spec
        .validate_response("PUT", "/rest/api/2/issue/A-1", 204, &json!({}))
        .is_err());
    // Undocumented method.
    let found =
        errors(spec.validate_response("DELETE", "/rest/api/2/issueLinkType", 204, &Value::Null));
    assert!(found[0].contains("no DELETE operation"), "{found:?}");
}

#[test]
fn absent_reference_is_none_and_broken_reference_is_an_error() {
    let nowhere = std::env::temp_dir().join("jiffy-conformance-no-such-dir");
    assert!(matches!(
        Spec::load_from(&nowhere, Which::CloudV3),
        Ok(None)
    ));
    let dir = std::env::temp_dir().join(format!("jiffy-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join(Which::DataCenter.file_name()), "{ not json").expect("write");
    let broken = Spec::load_from(&dir, Which::DataCenter);
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        matches!(broken, Err(ref e) if e.contains("not JSON")),
        "{:?}",
        broken.err()
    );
}

#[test]
fn an_absent_reference_skips_locally_and_fails_on_ci() {
    let path = std::path::Path::new("/nowhere/jira-datacenter.openapi.json");
    let skipped = support::openapi::when_absent(path, None);
    assert_eq!(
        skipped.as_deref(),
        Ok("conformance: SKIPPED — OpenAPI reference not found at \
            /nowhere/jira-datacenter.openapi.json (it lives in ../shared/reference beside the \
            clone)")
    );
    assert!(support::openapi::when_absent(path, Some("false")).is_ok());
    let failed = support::openapi::when_absent(path, Some("true"));
    assert!(
        matches!(failed, Err(ref e) if e.starts_with("conformance: FAILED — OpenAPI reference")),
        "{failed:?}"
    );
}

#[test]
fn invariants_catch_foreign_links_and_inconsistent_pages() {
    use support::invariants::{check, origin};
    let site = origin("http://127.0.0.1:4000/ex/jira/abc");
    assert_eq!(site, "http://127.0.0.1:4000");
    let good = json!({
        "self": "http://127.0.0.1:4000/rest/api/2/issue/1/comment",
        "startAt": 0, "maxResults": 2, "total": 3, "isLast": false,
        "comments": [{ "self": "http://127.0.0.1:4000/rest/api/2/comment/1" }, {}]
    });
    assert_eq!(check(site, &good), Ok(()));
    let bad = json!({
        "self": "https://your-domain.atlassian.net/rest/api/2/issue/1/comment",
        "startAt": 2, "maxResults": 1, "total": 3, "isLast": false,
        "comments": [{ "self": "http://127.0.0.1:40001/x" }, {}]
    });
    let found = check(site, &bad).err().unwrap_or_default();
    for expected in [
        "at \"/self\": \"https://your-domain",
        "at \"/comments/0/self\"",
        "2 comments on a page of maxResults 1",
        "startAt 2 + 2 comments runs past total 3",
        "isLast false",
    ] {
        assert!(
            found.iter().any(|e| e.contains(expected)),
            "{expected}: {found:#?}"
        );
    }
}
