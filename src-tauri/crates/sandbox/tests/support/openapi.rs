//! Validates sandbox requests and responses against Atlassian's published OpenAPI documents.
//!
//! The documents live in `../shared/reference/` beside the clone (or `$JIFFY_REFERENCE_DIR`) and
//! are never copied into the repository. Operation schemas are translated to JSON Schema
//! ([`super::dialect`]) and checked with the `jsonschema` crate; compiled validators are cached
//! because the Cloud document is 2.4 MB.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use jsonschema::{Draft, Registry, Validator};
use serde_json::{json, Value};

use super::dialect::{self, Direction};
use super::exceptions;
use super::paths::PathTemplates;
use super::report::explain;

/// Whether this test binary already printed its SKIPPED line.
static SKIP_PRINTED: AtomicBool = AtomicBool::new(false);

/// Which of Atlassian's documents to validate against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// `jira-cloud-platform.openapi.json`: the Cloud platform REST API, v3 paths.
    CloudV3,
    /// `jira-datacenter.openapi.json`: Data Center 11.x, REST v2 (paths below `/rest`).
    DataCenter,
}

impl Which {
    /// The file name inside the reference directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Which::CloudV3 => "jira-cloud-platform.openapi.json",
            Which::DataCenter => "jira-datacenter.openapi.json",
        }
    }
}

/// `$JIFFY_REFERENCE_DIR`, else `<workspace root>/../shared/reference`.
pub fn reference_dir() -> PathBuf {
    match std::env::var_os("JIFFY_REFERENCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        // CARGO_MANIFEST_DIR is <root>/src-tauri/crates/sandbox.
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/reference"),
    }
}

/// A loaded OpenAPI document with its compiled-schema cache.
pub struct Spec {
    which: Which,
    doc: Value,
    paths: PathTemplates,
    /// The document's `components`, translated for each direction and registered under
    /// [`Direction::base_uri`], so that compiled schemas share them instead of copying 2 MB.
    registry: Registry<'static>,
    cache: Mutex<HashMap<String, Arc<Validator>>>,
}

impl Spec {
    /// Loads the document, or `Ok(None)` when the reference directory does not have it.
    pub fn load(which: Which) -> Result<Option<Spec>, String> {
        Spec::load_from(&reference_dir(), which)
    }

    /// [`Spec::load`] from an explicit directory.
    pub fn load_from(dir: &Path, which: Which) -> Result<Option<Spec>, String> {
        let path = dir.join(which.file_name());
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut doc: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        exceptions::patch(which, &mut doc)?;
        Spec::from_document(which, doc).map(Some)
    }

    /// [`Spec::load`] for a test: prints the one SKIPPED line and returns `None` when the
    /// document is absent, except under `CI=true`, where an absent document fails the test.
    pub fn load_or_skip(which: Which) -> Option<Spec> {
        match Spec::load(which) {
            Ok(Some(spec)) => Some(spec),
            Ok(None) => {
                let path = reference_dir().join(which.file_name());
                let ci = std::env::var("CI").ok();
                match when_absent(&path, ci.as_deref()) {
                    // One line per test binary, not one per test.
                    Ok(skipped) => {
                        if !SKIP_PRINTED.swap(true, Ordering::Relaxed) {
                            println!("{skipped}");
                        }
                    }
                    Err(failure) => panic!("{failure}"),
                }
                None
            }
            Err(e) => panic!("conformance: cannot load the OpenAPI reference: {e}"),
        }
    }

    /// Builds a spec from an already parsed document, as it is (the corrections of
    /// `exceptions::patch` are for Atlassian's documents and applied by [`Spec::load_from`]).
    pub fn from_document(which: Which, doc: Value) -> Result<Spec, String> {
        if !doc
            .get("openapi")
            .and_then(Value::as_str)
            .is_some_and(|v| v.starts_with("3."))
        {
            return Err("not an OpenAPI 3 document".into());
        }
        let paths = PathTemplates::from_document(&doc)?;
        let schemas = doc
            .pointer("/components/schemas")
            .cloned()
            .unwrap_or(json!({}));
        let mut builder = Registry::new().draft(Draft::Draft4);
        for direction in [Direction::Response, Direction::Request] {
            let components = json!({ "components": {
                "schemas": dialect::translate_map(&schemas, direction)
            } });
            builder = builder
                .add(
                    direction.base_uri(),
                    Draft::Draft4.create_resource(components),
                )
                .map_err(|e| format!("cannot register the components: {e}"))?;
        }
        let registry = builder
            .prepare()
            .map_err(|e| format!("cannot register the components: {e}"))?;
        Ok(Spec {
            which,
            doc,
            paths,
            registry,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Which document this is.
    pub fn which(&self) -> Which {
        self.which
    }

    /// The document's path template for a concrete request path (query string ignored), e.g.
    /// `/rest/api/2/issue/DOC-1` → `/api/2/issue/{issueIdOrKey}` in the Data Center document.
    /// Literal segments win over parameters (`issue/createmeta` is not `issue/{issueIdOrKey}`).
    pub fn match_path(&self, concrete: &str) -> Option<&str> {
        let found = self.paths.best(concrete);
        if found.is_some() {
            return found;
        }
        let alias = match self.which {
            Which::CloudV3 => exceptions::cloud_v2_as_v3(concrete)?,
            Which::DataCenter => exceptions::dc_latest_as_2(concrete)?,
        };
        self.paths.best(&alias)
    }

    /// Validates a response body (`Value::Null` for an empty body) for `method` on the
    /// concrete `path` with `status`, against the `application/json` schema of that response
    /// (falling back to `default`). Errors are readable lines with the JSON pointer.
    pub fn validate_response(
        &self,
        method: &str,
        path: &str,
        status: u16,
        body: &Value,
    ) -> Result<(), Vec<String>> {
        let (template, operation) = self.operation(method, path)?;
        let what = format!("{} {template} → {status}", method.to_uppercase());
        let responses = operation.get("responses").and_then(Value::as_object);
        let status_key = status.to_string();
        let range_key = format!("{}XX", status / 100);
        let response = responses.and_then(|r| {
            r.get(&status_key)
                .or_else(|| r.get(&range_key))
                .or_else(|| r.get("default"))
        });
        let Some(response) = response else {
            let documented: Vec<&String> =
                responses.map(|r| r.keys().collect()).unwrap_or_default();
            if exceptions::undocumented_status_allowed(self.which, template, status) {
                return self.check_error_collection(&what, body);
            }
            return Err(vec![format!(
                "{what}: status {status} is not documented (documented: {documented:?})"
            )]);
        };
        match json_schema(response) {
            Some(documented) => {
                let schema =
                    exceptions::actual_schema(self.which, method, template, status, documented);
                self.check(Direction::Response, &what, &schema, body)
            }
            // Errors documented without a body: Jira still answers with an ErrorCollection.
            None if status >= 400 => self.check_error_collection(&what, body),
            None if body.is_null() => Ok(()),
            None => Err(vec![format!(
                "{what}: no body is documented, but one was sent"
            )]),
        }
    }

    /// Validates a JSON request body for `method` on the concrete `path`.
    pub fn validate_request_body(
        &self,
        method: &str,
        path: &str,
        body: &Value,
    ) -> Result<(), Vec<String>> {
        let (template, operation) = self.operation(method, path)?;
        let what = format!("{} {template} request body", method.to_uppercase());
        match operation.get("requestBody").and_then(json_schema) {
            Some(schema) => self.check(Direction::Request, &what, schema, body),
            None => Err(vec![format!(
                "{what}: no application/json request body is documented"
            )]),
        }
    }

    /// Validates `value` against `#/components/schemas/{name}` (for the free-form parts of a
    /// response, such as an issue's `fields`, where the operation schema says nothing).
    pub fn validate_component(&self, name: &str, value: &Value) -> Result<(), Vec<String>> {
        if self
            .doc
            .pointer(&format!("/components/schemas/{name}"))
            .is_none()
        {
            return Err(vec![format!("no component schema named {name}")]);
        }
        let schema = json!({ "$ref": format!("#/components/schemas/{name}") });
        self.check(
            Direction::Response,
            &format!("component {name}"),
            &schema,
            value,
        )
    }

    /// Validates `value` against an ad-hoc schema written in the document's dialect, whose
    /// `$ref`s point into the document's components.
    pub fn validate_schema(
        &self,
        what: &str,
        schema: &Value,
        value: &Value,
    ) -> Result<(), Vec<String>> {
        self.check(Direction::Response, what, schema, value)
    }

    /// Compiles the JSON schema of every documented response and request body, returning the
    /// ones that do not compile (`"METHOD template status: error"`). A schema the validator
    /// cannot compile would otherwise only surface when the sandbox first answers there.
    pub fn compile_all(&self) -> Vec<String> {
        let mut failures = Vec::new();
        let paths = self.doc.get("paths").and_then(Value::as_object);
        for (template, item) in paths.into_iter().flatten() {
            let operations = item.as_object().into_iter().flatten();
            for (method, operation) in operations.filter(|(_, op)| op.get("responses").is_some()) {
                let responses = operation.get("responses").and_then(Value::as_object);
                let bodies = responses
                    .into_iter()
                    .flatten()
                    .map(|(status, response)| (Direction::Response, status.as_str(), response))
                    .chain(
                        operation
                            .get("requestBody")
                            .map(|body| (Direction::Request, "request", body)),
                    );
                for (direction, status, object) in bodies {
                    let Some(schema) = json_schema(object) else {
                        continue;
                    };
                    if let Err(e) = self.compiled(direction, schema) {
                        failures.push(format!(
                            "{} {template} {status}: {e}",
                            method.to_uppercase()
                        ));
                    }
                }
            }
        }
        failures
    }

    fn operation(&self, method: &str, path: &str) -> Result<(&str, &Value), Vec<String>> {
        let template = self.match_path(path).ok_or_else(|| {
            vec![format!(
                "{path}: no path in {} matches",
                self.which.file_name()
            )]
        })?;
        let operation = self
            .doc
            .get("paths")
            .and_then(|p| p.get(template))
            .and_then(|p| p.get(method.to_lowercase()))
            .ok_or_else(|| vec![format!("{template}: no {} operation documented", method)])?;
        Ok((template, operation))
    }

    fn check_error_collection(&self, what: &str, body: &Value) -> Result<(), Vec<String>> {
        let schema = json!({ "$ref": "#/components/schemas/ErrorCollection" });
        self.check(
            Direction::Response,
            &format!("{what} (ErrorCollection)"),
            &schema,
            body,
        )
    }

    fn check(
        &self,
        direction: Direction,
        what: &str,
        schema: &Value,
        body: &Value,
    ) -> Result<(), Vec<String>> {
        let validator = self
            .compiled(direction, schema)
            .map_err(|e| vec![format!("{what}: {e}")])?;
        let mut errors = Vec::new();
        for error in validator.iter_errors(body) {
            explain(what, &error, &mut errors);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn compiled(&self, direction: Direction, schema: &Value) -> Result<Arc<Validator>, String> {
        let key = format!("{direction:?} {schema}");
        let mut cache = self
            .cache
            .lock()
            .map_err(|_| "validator cache poisoned".to_string())?;
        if let Some(found) = cache.get(&key) {
            return Ok(found.clone());
        }
        let root = dialect::translate(schema, direction);
        let validator = jsonschema::options()
            .with_draft(Draft::Draft4)
            .with_registry(&self.registry)
            .should_validate_formats(true)
            .with_format("date-time", exceptions::jira_date_time)
            .with_format("date", exceptions::full_date)
            .build(&root)
            .map_err(|e| format!("schema does not compile: {e}"))?;
        let validator = Arc::new(validator);
        cache.insert(key, validator.clone());
        Ok(validator)
    }
}

/// What a conformance test does when the document at `path` is absent: `Ok` with the one
/// SKIPPED line to print, or `Err` (fail the test) when `ci` (the `CI` variable) is `true`.
pub fn when_absent(path: &Path, ci: Option<&str>) -> Result<String, String> {
    let what = format!(
        "OpenAPI reference not found at {} (it lives in ../shared/reference beside the clone)",
        path.display()
    );
    if ci == Some("true") {
        Err(format!("conformance: FAILED — {what}; CI=true requires it"))
    } else {
        Ok(format!("conformance: SKIPPED — {what}"))
    }
}

/// The `application/json` schema of a response or request body object, if it has one.
/// Falls back to `*/*`, which a few Cloud operations use for JSON answers.
fn json_schema(object: &Value) -> Option<&Value> {
    let content = object.get("content")?;
    content
        .get("application/json")
        .or_else(|| content.get("*/*"))
        .and_then(|media| media.get("schema"))
}
