//! OpenAPI 3.0 schema objects → JSON Schema (draft 4) that the `jsonschema` crate validates.
//!
//! Hand-written because the translation is small and specific: no maintained crate turns an
//! OpenAPI 3.0 *document* into JSON Schema while keeping `$ref`s to `#/components/...` intact
//! (which we need, since Atlassian's schemas are recursive). OpenAPI 3.0's schema object is an
//! extended subset of JSON Schema Wright draft 00, which draft 4 matches closely (`$ref`
//! replaces its siblings, boolean `exclusiveMinimum`).

use serde_json::{json, Map, Value};

/// Which side of the wire a schema is applied to. OpenAPI 3.0: a `readOnly` property "MAY be
/// sent as part of a response but SHOULD NOT be sent as part of the request", and if it is
/// `required` that applies to the response only; `writeOnly` is the mirror image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Server → client.
    Response,
    /// Client → server.
    Request,
}

impl Direction {
    /// The URI under which the document's components, translated for this direction, are
    /// registered; the translation makes every `#/...` reference absolute against it.
    pub fn base_uri(self) -> &'static str {
        match self {
            Direction::Response => "urn:jiffy-openapi:response",
            Direction::Request => "urn:jiffy-openapi:request",
        }
    }
}

/// Keywords that are annotations (or OpenAPI-only) and do not constrain a value. They are
/// dropped so that the draft-4 meta-schema check and the validator never trip over them and
/// the compiled schemas stay small; `readOnly`/`writeOnly`/`nullable` are consumed first.
const DROPPED: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "default",
    "xml",
    "discriminator",
    "externalDocs",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
];

/// Translates one OpenAPI schema object (recursively) for `direction`.
pub fn translate(schema: &Value, direction: Direction) -> Value {
    let Value::Object(obj) = schema else {
        // `true`/`false` schemas do not occur in 3.0; anything else is passed through untouched.
        return schema.clone();
    };
    if let Some(reference) = obj.get("$ref") {
        // OpenAPI 3.0: "This object cannot be extended with additional properties and any
        // properties added SHALL be ignored." Keep only the reference.
        let absolute = match reference.as_str() {
            Some(local) if local.starts_with('#') => format!("{}{local}", direction.base_uri()),
            _ => return json!({ "$ref": reference }),
        };
        return json!({ "$ref": absolute });
    }
    let mut out = Map::new();
    for (key, value) in obj {
        if DROPPED.contains(&key.as_str()) || key.starts_with("x-") {
            continue;
        }
        let translated = match key.as_str() {
            "properties" => translate_map(value, direction),
            "items" | "not" => translate(value, direction),
            "additionalProperties" if value.is_object() => translate(value, direction),
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(list) => {
                    Value::Array(list.iter().map(|s| translate(s, direction)).collect())
                }
                other => other.clone(),
            },
            "required" => required_for(value, obj.get("properties"), direction),
            _ => value.clone(),
        };
        out.insert(key.clone(), translated);
    }
    if obj.get("nullable") == Some(&Value::Bool(true)) {
        return make_nullable(out);
    }
    Value::Object(out)
}

/// Translates every schema of a name → schema map (`properties`, `components.schemas`).
pub fn translate_map(map: &Value, direction: Direction) -> Value {
    match map {
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(name, schema)| (name.clone(), translate(schema, direction)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Drops from `required` the properties that do not travel in `direction`.
fn required_for(required: &Value, properties: Option<&Value>, direction: Direction) -> Value {
    let Value::Array(names) = required else {
        return required.clone();
    };
    let excluded_flag = match direction {
        Direction::Response => "writeOnly",
        Direction::Request => "readOnly",
    };
    let kept = names
        .iter()
        .filter(|name| {
            let flagged = name
                .as_str()
                .and_then(|n| properties.and_then(|p| p.get(n)))
                .and_then(|p| p.get(excluded_flag))
                == Some(&Value::Bool(true));
            !flagged
        })
        .cloned()
        .collect();
    Value::Array(kept)
}

/// `nullable: true` → also accept `null`, the JSON Schema way.
fn make_nullable(mut schema: Map<String, Value>) -> Value {
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        // An enum is checked independently of `type`; null has to be one of its values too.
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
    match schema.get("type").cloned() {
        Some(Value::String(single)) => {
            schema.insert(
                "type".into(),
                Value::Array(vec![single.into(), "null".into()]),
            );
            Value::Object(schema)
        }
        Some(Value::Array(mut several)) => {
            if !several.contains(&Value::from("null")) {
                several.push("null".into());
            }
            schema.insert("type".into(), Value::Array(several));
            Value::Object(schema)
        }
        // No `type` (e.g. only `allOf`): the other keywords could still reject null, so wrap.
        _ => json!({ "anyOf": [{ "type": "null" }, Value::Object(schema)] }),
    }
}
