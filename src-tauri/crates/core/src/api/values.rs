//! Field values from text: what `jiffy-cli issue create --field NAME=VALUE` and simple form
//! inputs type, turned into the JSON Jira expects for the field's [`FieldKind`] — ids for
//! options, versions and components (matched against `allowedValues`), `accountId` or
//! `name` for users, ADF or wiki for rich text. Bad input becomes a
//! [`Error::Validation`] on that field, so forms show it where it belongs.

use super::fields::FieldKind;
use super::meta::{AllowedValue, FieldMeta, FormField};
use super::rich_text::{RichText, TextFormat};
use super::users::UserId;
use crate::config::Deployment;
use crate::error::{Error, Result};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The JSON value for `field_id` from `text`. Empty text clears single-valued fields
/// (`null`) and empties multi-valued ones (`[]`).
///
/// Errors: [`Error::Validation`] with a message on `field_id` for a malformed number or
/// date, or a choice not among the allowed values.
pub fn value_from_text(
    field_id: &str,
    meta: &FieldMeta,
    deployment: Deployment,
    text: &str,
) -> Result<Value> {
    let field = Described {
        id: field_id,
        name: display_name(field_id, meta),
        kind: meta.kind(),
        options: &meta.options(),
    };
    value_of(&field, deployment, text)
}

/// Converts a form's text values into Jira's JSON, field by field, collecting every refusal on
/// its field instead of stopping at the first. `refuse` says why a field of the form must not be
/// sent (`None`: send it); `absent` words the refusal of an id the form does not have.
///
/// Errors: [`Error::Validation`] carrying every field's refusal (with `message`); other errors of
/// [`form_value_from_text`] as they come.
pub fn form_values_from_texts<'a>(
    form: &[FormField],
    deployment: Deployment,
    texts: impl IntoIterator<Item = (&'a String, &'a String)>,
    refuse: impl Fn(&FormField) -> Option<String>,
    absent: impl Fn(&str) -> String,
    message: &str,
) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    let mut field_errors = BTreeMap::new();
    for (id, text) in texts {
        let Some(field) = form.iter().find(|f| &f.id == id) else {
            field_errors.insert(id.clone(), absent(id));
            continue;
        };
        if let Some(why) = refuse(field) {
            field_errors.insert(id.clone(), why);
            continue;
        }
        match form_value_from_text(field, deployment, text) {
            Ok(value) => {
                out.insert(id.clone(), value);
            }
            Err(Error::Validation {
                field_errors: e, ..
            }) => field_errors.extend(e),
            Err(other) => return Err(other),
        }
    }
    if field_errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Validation {
            message: message.to_owned(),
            field_errors,
        })
    }
}

/// [`value_from_text`] for a field of a create or edit form (what
/// [`crate::ops::create_fields`] and [`crate::ops::edit_fields`] return).
///
/// Errors: as [`value_from_text`].
pub fn form_value_from_text(
    field: &FormField,
    deployment: Deployment,
    text: &str,
) -> Result<Value> {
    let described = Described {
        id: &field.id,
        name: if field.name.is_empty() {
            &field.id
        } else {
            &field.name
        },
        kind: field.kind,
        options: &field.options,
    };
    value_of(&described, deployment, text)
}

/// What the conversion needs to know of a field, from either [`FieldMeta`] or [`FormField`].
struct Described<'a> {
    id: &'a str,
    name: &'a str,
    kind: FieldKind,
    options: &'a [AllowedValue],
}

fn value_of(field: &Described<'_>, deployment: Deployment, text: &str) -> Result<Value> {
    let text = text.trim();
    let kind = field.kind;
    let invalid = |message: String| Error::Validation {
        message: format!("{}: {message}", field.name),
        field_errors: BTreeMap::from([(field.id.to_owned(), message)]),
    };
    if text.is_empty() {
        return Ok(if is_multi(kind) {
            json!([])
        } else {
            Value::Null
        });
    }
    Ok(match kind {
        FieldKind::Text => json!(text),
        FieldKind::RichText => {
            RichText::from_markdown(TextFormat::for_deployment(deployment), text).to_json()
        }
        FieldKind::Number => {
            number(text).ok_or_else(|| invalid(format!("“{text}” is not a number.")))?
        }
        FieldKind::Date => {
            if !is_date(text) {
                return Err(invalid(format!("“{text}” is not a date like 2024-03-31.")));
            }
            json!(text)
        }
        FieldKind::DateTime => {
            if !text.get(..10).is_some_and(is_date) {
                return Err(invalid(format!(
                    "“{text}” is not a date and time like 2024-03-31T14:00:00.000+0000."
                )));
            }
            json!(text)
        }
        FieldKind::Select
        | FieldKind::Priority
        | FieldKind::IssueType
        | FieldKind::Version
        | FieldKind::Component => choice(field.options, kind, text).map_err(invalid)?,
        FieldKind::MultiSelect | FieldKind::Versions | FieldKind::Components => {
            let items: std::result::Result<Vec<Value>, String> = split_list(text)
                .map(|item| choice(field.options, kind, item))
                .collect();
            Value::Array(items.map_err(invalid)?)
        }
        FieldKind::Labels => {
            let labels: Vec<&str> = text
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|l| !l.is_empty())
                .collect();
            json!(labels)
        }
        FieldKind::User => user(deployment, text).to_json(),
        FieldKind::Users => Value::Array(
            split_list(text)
                .map(|u| user(deployment, u).to_json())
                .collect(),
        ),
        FieldKind::Parent => {
            if text.chars().all(|c| c.is_ascii_digit()) {
                json!({ "id": text })
            } else {
                json!({ "key": text.to_uppercase() })
            }
        }
        // A field Jiffy has no widget for: JSON as typed, else the text itself.
        FieldKind::Unknown => serde_json::from_str(text).unwrap_or_else(|_| json!(text)),
    })
}

fn display_name<'a>(field_id: &'a str, meta: &'a FieldMeta) -> &'a str {
    if meta.name.is_empty() {
        field_id
    } else {
        &meta.name
    }
}

fn is_multi(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::MultiSelect
            | FieldKind::Versions
            | FieldKind::Components
            | FieldKind::Labels
            | FieldKind::Users
    )
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn number(text: &str) -> Option<Value> {
    if let Ok(n) = text.parse::<i64>() {
        return Some(json!(n));
    }
    let n = text.parse::<f64>().ok().filter(|n| n.is_finite())?;
    Some(json!(n))
}

/// `yyyy-mm-dd` with a plausible month and day.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (m, d) = (m.parse::<u32>().unwrap_or(0), d.parse::<u32>().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn user(deployment: Deployment, text: &str) -> UserId {
    match deployment {
        Deployment::Cloud => UserId::AccountId(text.to_owned()),
        Deployment::DataCenter | Deployment::Server => UserId::Name(text.to_owned()),
    }
}

/// One choice by id or label (case-insensitive). Without `allowedValues` (user-editable
/// lists such as versions on some screens) Jira accepts a name, or `value` for options.
fn choice(
    options: &[AllowedValue],
    kind: FieldKind,
    text: &str,
) -> std::result::Result<Value, String> {
    if options.is_empty() {
        return Ok(
            if matches!(kind, FieldKind::Select | FieldKind::MultiSelect) {
                json!({ "value": text })
            } else {
                json!({ "name": text })
            },
        );
    }
    let found = options
        .iter()
        .find(|o| o.id == text)
        .or_else(|| options.iter().find(|o| o.label.eq_ignore_ascii_case(text)));
    match found {
        Some(option) if !option.disabled => Ok(json!({ "id": option.id })),
        Some(option) => Err(format!("“{}” can no longer be chosen.", option.label)),
        None => {
            let choices: Vec<&str> = options
                .iter()
                .filter(|o| !o.disabled)
                .take(10)
                .map(|o| o.label.as_str())
                .collect();
            Err(format!("“{text}” is not one of: {}.", choices.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests;
