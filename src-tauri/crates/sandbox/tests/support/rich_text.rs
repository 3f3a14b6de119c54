//! Stricter than the documents: the format of rich-text values.
//!
//! Cloud's REST v3 carries descriptions, environments and comment bodies as Atlassian
//! Document Format; v2 (and Data Center) carry wiki-markup strings. The Cloud document types
//! these values as `{}` (anything) and the v2 answers are validated against it (see
//! exceptions.rs), so nothing else would notice a v3 answer with a string or a v2 answer with
//! ADF — exactly the mistake a client relying on the version would trip over.

use serde_json::{json, Value};

use super::openapi::{Spec, Which};

/// The text format an answer on `path` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    /// An ADF document `{"type": "doc", "version": 1, "content": [...]}`.
    Adf,
    /// A wiki-markup string.
    Wiki,
}

impl TextFormat {
    /// ADF on Cloud's v3 paths, wiki markup everywhere else.
    pub fn of(which: Which, path: &str) -> TextFormat {
        let v3 = path
            .split('?')
            .next()
            .unwrap_or_default()
            .contains("/rest/api/3/");
        if which == Which::CloudV3 && v3 {
            TextFormat::Adf
        } else {
            TextFormat::Wiki
        }
    }

    /// The schema (document dialect) of a rich-text value in this format.
    pub fn schema(self, nullable: bool) -> Value {
        match self {
            // The top level of https://unpkg.com/@atlaskit/adf-schema/dist/json-schema/v1/full.json
            TextFormat::Adf => json!({
                "nullable": nullable,
                "type": "object",
                "required": ["type", "version", "content"],
                "properties": {
                    "type": { "type": "string", "enum": ["doc"] },
                    "version": { "type": "integer", "enum": [1] },
                    "content": { "type": "array", "items": {
                        "type": "object", "required": ["type"],
                        "properties": { "type": { "type": "string" } } } }
                }
            }),
            TextFormat::Wiki => json!({ "nullable": nullable, "type": "string" }),
        }
    }
}

/// Checks every rich-text value in an answer on `path`: issue `description`/`environment`
/// and comment bodies inside issues (also in `issues[]`), comment pages and single comments.
pub fn check(spec: &Spec, path: &str, body: &Value) -> Result<(), Vec<String>> {
    let format = TextFormat::of(spec.which(), path);
    // (what, value, schema)
    let mut values: Vec<(String, &Value, Value)> = Vec::new();
    let issues = body.get("issues").and_then(Value::as_array);
    for issue in std::iter::once(body).chain(issues.into_iter().flatten()) {
        let (Some(key), Some(fields)) = (
            issue.get("key").and_then(Value::as_str),
            issue.get("fields").and_then(Value::as_object),
        ) else {
            continue;
        };
        for name in ["description", "environment"] {
            if let Some(value) = fields.get(name) {
                values.push((
                    format!("issue {key} field {name}"),
                    value,
                    format.schema(true),
                ));
            }
            // Rendered values are HTML strings whatever the version (`expand=renderedFields`).
            let rendered = issue.get("renderedFields").and_then(|r| r.get(name));
            if let Some(value) = rendered {
                let html = json!({ "type": "string", "nullable": true });
                values.push((format!("issue {key} renderedFields {name}"), value, html));
            }
        }
        if let Some(page) = fields.get("comment") {
            comments(
                &format!("issue {key} field comment"),
                page,
                format,
                &mut values,
            );
        }
    }
    comments("comment page", body, format, &mut values);
    if body.get("author").is_some() {
        if let Some(text) = body.get("body") {
            values.push(("comment".to_string(), text, format.schema(false)));
        }
    }
    let mut errors = Vec::new();
    for (what, value, schema) in values {
        let what = format!("{what} ({format:?} expected on this path)");
        if let Err(found) = spec.validate_schema(&what, &schema, value) {
            errors.extend(found);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The bodies of a comment page `{comments: [...]}`.
fn comments<'a>(
    what: &str,
    page: &'a Value,
    format: TextFormat,
    out: &mut Vec<(String, &'a Value, Value)>,
) {
    let list = page.get("comments").and_then(Value::as_array);
    for (index, comment) in list.into_iter().flatten().enumerate() {
        if let Some(text) = comment.get("body") {
            let what = format!("{what} /comments/{index}/body");
            out.push((what, text, format.schema(false)));
        }
    }
}
