//! `--field NAME=VALUE` arguments of `issue create` and `issue edit`, through jiffy-core's
//! field model: the name is found in the create or edit form Jira reported (createmeta or
//! editmeta, custom fields included) and the text is converted for that field's type by
//! [`form_value_from_text`] (`Priority=High` → `{"id": "2"}`, `labels=a,b` → `["a","b"]`,
//! `Story Points=3` → `3`, dates checked), exactly as the app's forms do.

use jiffy_core::api::meta::FormField;
use jiffy_core::api::values::form_value_from_text;
use jiffy_core::config::Deployment;
use jiffy_core::{Error, Result};
use serde_json::Value;

/// Splits `NAME=VALUE` arguments (the value stays text until the field is known).
///
/// Errors: [`Error::InvalidInput`] for an argument without `=` or with an empty name.
pub fn parse_fields(args: &[String]) -> Result<Vec<(String, String)>> {
    args.iter()
        .map(|a| {
            let (name, value) = a
                .split_once('=')
                .filter(|(name, _)| !name.trim().is_empty())
                .ok_or_else(|| Error::InvalidInput(format!("--field {a}: expected NAME=VALUE")))?;
            Ok((name.trim().to_owned(), value.to_owned()))
        })
        .collect()
}

/// Finds each field in the create or edit form (an exact id wins, then a case-insensitive
/// name: `Labels` → `labels`, `Story Points` → `customfield_10016`) and converts its text to
/// the JSON Jira expects for it. A value written as a JSON object or array is sent as typed,
/// for what text cannot say (`--field 'customfield_1={"value":"x","child":{"value":"y"}}'`).
///
/// Errors: [`Error::InvalidInput`] naming the fields the form has, for a field it lacks;
/// [`Error::Validation`] on the field for a value its type refuses (an unknown priority, a
/// malformed date or number).
pub fn resolve(
    form: &[FormField],
    deployment: Deployment,
    fields: Vec<(String, String)>,
) -> Result<Vec<(String, Value)>> {
    fields
        .into_iter()
        .map(|(name, text)| {
            let field = find(form, &name)?;
            let value = match serde_json::from_str::<Value>(text.trim()) {
                Ok(raw @ (Value::Object(_) | Value::Array(_))) => raw,
                _ => form_value_from_text(field, deployment, &text)?,
            };
            Ok((field.id.clone(), value))
        })
        .collect()
}

fn find<'a>(form: &'a [FormField], name: &str) -> Result<&'a FormField> {
    form.iter()
        .find(|f| f.id == name)
        .or_else(|| form.iter().find(|f| f.name.eq_ignore_ascii_case(name)))
        .ok_or_else(|| {
            let known: Vec<String> = form
                .iter()
                .map(|f| format!("{} ({})", f.name, f.id))
                .collect();
            Error::InvalidInput(format!(
                "This form has no field \"{name}\"; it has: {}",
                known.join(", ")
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiffy_core::api::meta::FieldMeta;
    use serde_json::json;

    fn form() -> Vec<FormField> {
        let field = |id: &str, meta: Value| {
            serde_json::from_value::<FieldMeta>(meta)
                .expect("meta")
                .form_field(id)
        };
        vec![
            field(
                "priority",
                json!({"name": "Priority", "schema": {"type": "priority", "system": "priority"},
                       "allowedValues": [{"id": "2", "name": "High"}, {"id": "3", "name": "Low"}]}),
            ),
            field(
                "labels",
                json!({"name": "Labels", "schema": {"type": "array", "items": "string", "system": "labels"}}),
            ),
            field(
                "customfield_10010",
                json!({"name": "Story Points", "schema": {"type": "number", "customId": 10010,
                       "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}}),
            ),
            field(
                "duedate",
                json!({"name": "Due date", "schema": {"type": "date", "system": "duedate"}}),
            ),
        ]
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn names_resolve_and_text_converts_by_field_type() {
        let parsed = parse_fields(&args(&[
            "Priority=High",
            "labels=a,b",
            "Story Points=3",
            "due date=2025-01-31",
        ]))
        .expect("parsed");
        let resolved = resolve(&form(), Deployment::Cloud, parsed).expect("resolved");
        assert_eq!(
            resolved,
            vec![
                ("priority".to_owned(), json!({"id": "2"})),
                ("labels".to_owned(), json!(["a", "b"])),
                ("customfield_10010".to_owned(), json!(3)),
                ("duedate".to_owned(), json!("2025-01-31")),
            ]
        );
    }

    #[test]
    fn json_objects_pass_through_and_bad_values_name_the_field() {
        let raw = parse_fields(&args(&[r#"priority={"name":"Low"}"#])).expect("parsed");
        let resolved = resolve(&form(), Deployment::DataCenter, raw).expect("resolved");
        assert_eq!(resolved[0].1, json!({"name": "Low"}));
        let bad = parse_fields(&args(&["Due date=31.01.2025"])).expect("parsed");
        match resolve(&form(), Deployment::Cloud, bad) {
            Err(Error::Validation { field_errors, .. }) => {
                assert!(field_errors.contains_key("duedate"), "{field_errors:?}");
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
        let unknown = parse_fields(&args(&["Colour=red"])).expect("parsed");
        let err = resolve(&form(), Deployment::Cloud, unknown).expect_err("no such field");
        assert!(err.to_string().contains("Story Points"), "{err}");
        assert!(parse_fields(&args(&["no-equals"])).is_err());
        assert!(parse_fields(&args(&["=x"])).is_err());
    }
}
