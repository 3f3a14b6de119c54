//! Stricter than the documents: custom field values against the issue's own field schema.
//!
//! With `expand=schema` an issue (or a search answer) says what type each field has
//! (`JsonTypeBean {type, items, custom}`); the value in `fields` must then have that type's
//! shape. The documents leave `fields` free-form, so this is the only check on custom fields.
//! Textarea custom fields are rich text: ADF on Cloud's v3, wiki markup elsewhere
//! (JIRA-API-NOTES §6.4, §6.12: "description, environment, and any textarea type custom fields …
//! take Atlassian Document Format").

use serde_json::{json, Value};

use super::openapi::{Spec, Which};
use super::rich_text::TextFormat;

/// Checks every custom field that has a schema, in the issue or in each of `issues[]`.
pub fn check(spec: &Spec, path: &str, body: &Value) -> Result<(), Vec<String>> {
    let format = TextFormat::of(spec.which(), path);
    let shared = body.get("schema").and_then(Value::as_object);
    let issues = body.get("issues").and_then(Value::as_array);
    let mut errors = Vec::new();
    for issue in std::iter::once(body).chain(issues.into_iter().flatten()) {
        let (Some(key), Some(fields)) = (
            issue.get("key").and_then(Value::as_str),
            issue.get("fields").and_then(Value::as_object),
        ) else {
            continue;
        };
        let Some(schemas) = issue.get("schema").and_then(Value::as_object).or(shared) else {
            continue;
        };
        for (id, value) in fields
            .iter()
            .filter(|(id, _)| id.starts_with("customfield_"))
        {
            let Some(expected) = schemas.get(id).and_then(|s| shape(spec.which(), s, format))
            else {
                continue;
            };
            let what = format!("issue {key} field {id} ({})", describe(schemas.get(id)));
            if let Err(found) = spec.validate_schema(&what, &expected, value) {
                errors.extend(found);
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The schema (document dialect, nullable) of a value of the field type `bean`, if known.
fn shape(which: Which, bean: &Value, format: TextFormat) -> Option<Value> {
    let custom = bean
        .get("custom")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if custom.ends_with(":textarea") {
        return Some(format.schema(true));
    }
    let kind = bean.get("type").and_then(Value::as_str)?;
    let items = bean.get("items").and_then(Value::as_str);
    let mut schema = match (kind, items) {
        ("array", Some(item)) => json!({ "type": "array", "items": item_shape(which, item)? }),
        (single, _) => item_shape(which, single)?,
    };
    // An unset custom field is null.
    schema["nullable"] = Value::Bool(true);
    Some(schema)
}

fn item_shape(which: Which, kind: &str) -> Option<Value> {
    let user = match which {
        Which::CloudV3 => "UserDetails",
        Which::DataCenter => "UserJsonBean",
    };
    Some(match kind {
        "number" => json!({ "type": "number" }),
        "string" => json!({ "type": "string" }),
        "date" => json!({ "type": "string", "format": "date" }),
        "datetime" => json!({ "type": "string", "format": "date-time" }),
        "user" => json!({ "allOf": [{ "$ref": format!("#/components/schemas/{user}") }] }),
        // As `GET /rest/api/3/customFieldOption/{id}`'s example shows it, plus the `id` Jira
        // adds inside issues.
        "option" => json!({
            "type": "object",
            "required": ["value"],
            "properties": {
                "self": { "type": "string", "format": "uri" },
                "value": { "type": "string" },
                "id": { "type": "string" }
            }
        }),
        _ => return None,
    })
}

fn describe(bean: Option<&Value>) -> String {
    let get = |k: &str| {
        bean.and_then(|b| b.get(k))
            .and_then(Value::as_str)
            .unwrap_or("?")
    };
    match bean.and_then(|b| b.get("items")) {
        Some(_) => format!("{} of {}", get("type"), get("items")),
        None => get("type").to_string(),
    }
}
