//! `--field NAME=VALUE` arguments of `issue create` and `issue edit`.

use jiffy_core::api::meta::FormField;
use jiffy_core::{Error, Result};
use serde_json::{json, Value};

/// Parses `NAME=VALUE` arguments: VALUE as JSON when it parses (`{"name":"High"}`, `3`,
/// `["a","b"]`), else as text.
///
/// Errors: [`Error::InvalidInput`] for an argument without `=`.
pub fn parse_fields(args: &[String]) -> Result<Vec<(String, Value)>> {
    args.iter()
        .map(|a| {
            let (name, value) = a
                .split_once('=')
                .ok_or_else(|| Error::InvalidInput(format!("--field {a}: expected NAME=VALUE")))?;
            let value = serde_json::from_str(value).unwrap_or_else(|_| json!(value));
            Ok((name.trim().to_owned(), value))
        })
        .collect()
}

/// Replaces field names by ids, using the create or edit form Jira reported: an exact id
/// wins, then a case-insensitive name (`Labels` → `labels`, `Story Points` →
/// `customfield_10016`).
///
/// Errors: [`Error::InvalidInput`] naming the fields the form has, for a field it lacks.
pub fn resolve(form: &[FormField], fields: Vec<(String, Value)>) -> Result<Vec<(String, Value)>> {
    fields
        .into_iter()
        .map(|(name, value)| {
            let found = form
                .iter()
                .find(|f| f.id == name)
                .or_else(|| form.iter().find(|f| f.name.eq_ignore_ascii_case(&name)));
            match found {
                Some(field) => Ok((field.id.clone(), value)),
                None => {
                    let known: Vec<String> = form
                        .iter()
                        .map(|f| format!("{} ({})", f.name, f.id))
                        .collect();
                    Err(Error::InvalidInput(format!(
                        "This form has no field \"{name}\"; it has: {}",
                        known.join(", ")
                    )))
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_json_when_they_parse_and_text_otherwise() {
        let parsed = parse_fields(&[
            "labels=[\"a\"]".into(),
            "priority={\"name\":\"High\"}".into(),
            "Summary = plain words".into(),
        ])
        .expect("parsed");
        assert_eq!(parsed[0], ("labels".into(), json!(["a"])));
        assert_eq!(parsed[1].1["name"], "High");
        assert_eq!(parsed[2], ("Summary".into(), json!(" plain words")));
        assert!(parse_fields(&["no-equals".into()]).is_err());
    }
}
