//! Field values as text, for fields Jiffy does not type: custom fields in the issue view and
//! `jiffy-cli issue get`. Jira's value shapes are few — strings, numbers, options
//! (`value`), named things (`name`), users (`displayName`), ADF documents, arrays of these
//! — so one function covers them; anything else shows as compact JSON.

use super::fields::{FieldKind, FieldSchema};
use super::issues::Issue;
use crate::adf;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// A field of an issue ready to show: id, display name, raw value, text and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldEntry {
    /// Field id, e.g. `customfield_10010`.
    pub id: String,
    /// Display name from `expand=names`, else the id.
    pub name: String,
    /// The value as Jira sent it.
    pub value: Value,
    /// The value as text.
    pub text: String,
    /// The widget family, from `expand=schema` (`unknown` without it).
    pub kind: FieldKind,
}

/// A number as Jira's own pages show it: Jira sends number fields as doubles (`8.0`), shown
/// as `8`; a fraction stays (`2.5`).
fn number_text(n: &serde_json::Number) -> String {
    match n.as_f64() {
        // Whole and small enough to be exact as an integer.
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{f:.0}"),
        _ => n.to_string(),
    }
}

/// A value as text: `"Red"` for an option, `"Mia Krystof"` for a user, `"a, b"` for
/// arrays, plain text for ADF, the child too for cascading selects (`"Parent / Child"`).
pub fn display_value(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "Yes" } else { "No" }.to_owned(),
        Value::Number(n) => number_text(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(display_value)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("doc") {
                return adf::to_plain_text(value);
            }
            let text = ["value", "displayName", "name", "key", "title"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str).map(str::to_owned));
            match (text, map.get("child")) {
                (Some(parent), Some(child)) => {
                    let child = display_value(child);
                    if child.is_empty() {
                        parent
                    } else {
                        format!("{parent} / {child}")
                    }
                }
                (Some(text), None) => text,
                (None, _) => value.to_string(),
            }
        }
    }
}

impl Issue {
    /// The issue's untyped fields with a value (custom fields first, by name), for views
    /// that show "all fields".
    pub fn other_field_entries(&self) -> Vec<FieldEntry> {
        let mut entries: Vec<FieldEntry> = self
            .fields
            .other
            .iter()
            .filter(|(_, v)| !is_empty_value(v))
            .map(|(id, value)| FieldEntry {
                id: id.clone(),
                name: self
                    .names
                    .as_ref()
                    .and_then(|n| n.get(id))
                    .cloned()
                    .unwrap_or_else(|| id.clone()),
                text: display_value(value),
                kind: self
                    .schema
                    .as_ref()
                    .and_then(|s| s.get(id))
                    .map_or(FieldKind::Unknown, FieldSchema::kind),
                value: value.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            let custom = |e: &FieldEntry| !e.id.starts_with("customfield_");
            (custom(a), a.name.to_lowercase()).cmp(&(custom(b), b.name.to_lowercase()))
        });
        entries
    }
}

fn is_empty_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
