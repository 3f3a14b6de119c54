//! Turns a parsed `field op operand` into a typed [`Term`], collecting Jira's semantic
//! messages: unknown fields, unsupported operators, EMPTY where a field has no empty state,
//! list/non-list mismatches, unknown functions, bad dates and malformed issue keys.

use super::dates::{self, DateFn, DateSpec};
use super::fields::{self, Field, FieldInfo, Op, ValueKind};
use super::parser::Term;
use super::text;

/// An operand as written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Operand {
    /// A value; the flag says whether it was quoted.
    Literal(String, bool),
    Empty,
    Function(String, Vec<String>),
    List(Vec<Operand>),
}

/// A value typed for its field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// A name, key, label, user identifier or text query (anything quoted is one).
    Text(String),
    /// An unquoted number: an id first (Jira answers "A value with ID ..." when unknown).
    Id(String),
    Empty,
    CurrentUser,
    Date(DateSpec),
}

/// Jira's default direction when ORDER BY names no ASC/DESC (the field's NavigableField
/// default: dates and priority descend, everything else ascends).
pub(crate) fn default_descending(field: Field) -> bool {
    matches!(
        field,
        Field::Created | Field::Updated | Field::DueDate | Field::Priority
    )
}

fn shown(operand: &Operand) -> String {
    match operand {
        Operand::Literal(text, _) => format!("\"{text}\""),
        Operand::Empty => "EMPTY".into(),
        Operand::Function(name, args) => format!("{name}({})", args.join(", ")),
        Operand::List(items) => {
            format!(
                "({})",
                items.iter().map(shown).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

fn flatten(operand: Operand, out: &mut Vec<Operand>) {
    match operand {
        Operand::List(items) => items.into_iter().for_each(|item| flatten(item, out)),
        other => out.push(other),
    }
}

/// Whether `text` looks like an issue key (`ABC-123`) or an issue id (`10001`).
pub(crate) fn is_key_or_id(text: &str) -> bool {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let Some((project, number)) = text.rsplit_once('-') else {
        return false;
    };
    project
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// Jira's `DefaultOperatorUsageValidator`: operator and operand shape, checked before the
/// field's own operators (so `summary in test` is a non-list complaint, not an IN one).
fn usage_problem(name: &str, op: Op, operand: &Operand) -> Option<String> {
    let shown_op = op.display();
    let ordered = matches!(op, Op::Gt | Op::Ge | Op::Lt | Op::Le);
    Some(match operand {
        Operand::Empty if op.is_list() || ordered => format!(
            "Operator '{shown_op}' does not support the empty value representation 'EMPTY' for \
             field '{name}'."
        ),
        Operand::Empty => return None,
        _ if matches!(op, Op::Is | Op::IsNot) => format!(
            "Operator '{shown_op}' does not support searching for non-empty values for field \
             '{name}'."
        ),
        Operand::List(_) if !op.is_list() => format!(
            "Operator '{shown_op}' does not support the list value '{}' for field '{name}'.",
            shown(operand)
        ),
        Operand::List(_) => return None,
        _ if op.is_list() => format!(
            "Operator '{shown_op}' does not support the non-list value '{}' for field '{name}'.",
            shown(operand)
        ),
        _ => return None,
    })
}

/// Types one clause; `None` (with messages pushed) when it cannot be searched.
pub(crate) fn term(name: &str, op: Op, operand: Operand, errors: &mut Vec<String>) -> Option<Term> {
    // Jira checks list shape before operator support: `summary in test` answers with the
    // non-list message although `summary` has no IN at all (Atlassian's jql/parse example).
    let Some(info) = fields::lookup(name) else {
        errors.push(format!(
            "Field '{name}' does not exist or you do not have permission to view it."
        ));
        return None;
    };
    if let Some(message) = usage_problem(name, op, &operand) {
        errors.push(message);
        return None;
    }
    if !info.operators.contains(&op) {
        errors.push(format!(
            "The operator '{}' is not supported by the '{name}' field.",
            op.display()
        ));
        return None;
    }
    let mut items = Vec::new();
    flatten(operand, &mut items);
    let before = errors.len();
    let mut values = Vec::new();
    for item in items {
        match item {
            Operand::Empty if !info.supports_empty => {
                let message =
                    format!("The field '{name}' does not support searching for EMPTY values.");
                if !errors.contains(&message) {
                    errors.push(message);
                }
            }
            Operand::Empty => values.push(Value::Empty),
            Operand::Literal(text, quoted) => match literal(info, name, text, quoted) {
                Ok(value) => values.push(value),
                Err(message) => errors.push(message),
            },
            Operand::Function(function, args) => {
                match function_value(info.kind, name, &function, &args) {
                    Ok(value) => values.push(value),
                    Err(message) => errors.push(message),
                }
            }
            Operand::List(_) => {} // flattened above
        }
    }
    (errors.len() == before).then(|| Term {
        field: info.field,
        name: name.to_string(),
        op,
        values,
    })
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// Types a literal. As Jira does, only an *unquoted* number is an id: `key = '10000'` is an
/// invalid issue key, `status = 3` is the status with id 3.
fn literal(info: &FieldInfo, name: &str, text: String, quoted: bool) -> Result<Value, String> {
    let date_only = info.field == Field::DueDate;
    match info.kind {
        ValueKind::Date => dates::parse_literal(&text, date_only)
            .map(Value::Date)
            .ok_or_else(|| dates::invalid_date(&text, name, date_only)),
        ValueKind::Text => match text::problem(&text) {
            None => Ok(Value::Text(text)),
            Some(text::Problem::Empty) => Err(format!(
                "The field '{name}' does not support searching for an empty string."
            )),
            Some(text::Problem::BadStart(c)) => Err(format!(
                "The text query '{text}' for field '{name}' is not allowed to start with '{c}'."
            )),
            Some(text::Problem::Unparseable) => Err(format!(
                "Unable to parse the text '{text}' for field '{name}'."
            )),
        },
        _ if !quoted && is_number(&text) => Ok(Value::Id(text)),
        ValueKind::Key if !is_key_or_id(&text) || is_number(&text) => Err(format!(
            "The issue key '{text}' for field '{name}' is invalid."
        )),
        _ => Ok(Value::Text(text)),
    }
}

fn invalid_for(function: &str, field: &str) -> String {
    format!("A value provided by the function '{function}' is invalid for the field '{field}'.")
}

fn arity(function: &str, max: usize, got: usize) -> Result<(), String> {
    if got <= max {
        Ok(())
    } else if max == 0 {
        Err(format!(
            "Function '{function}' expected '0' arguments but received '{got}'."
        ))
    } else {
        Err(format!(
            "Function '{function}' expected between '0' and '{max}' arguments but received '{got}'."
        ))
    }
}

fn function_value(
    kind: ValueKind,
    field: &str,
    function: &str,
    args: &[String],
) -> Result<Value, String> {
    let is_user_fn = function.eq_ignore_ascii_case("currentUser");
    let unknown = || match DateFn::lookup(function) {
        // A function this subset knows, used on a field of another type.
        Some(f) => invalid_for(f.name(), field),
        None if is_user_fn => invalid_for("currentUser", field),
        None => format!(
            "Unable to find JQL function '{function}({})'.",
            args.join(", ")
        ),
    };
    match kind {
        ValueKind::User if is_user_fn => {
            arity("currentUser", 0, args.len())?;
            Ok(Value::CurrentUser)
        }
        ValueKind::Date => {
            let Some(date_fn) = DateFn::lookup(function) else {
                return Err(unknown());
            };
            let max = if date_fn == DateFn::Now { 0 } else { 1 };
            arity(date_fn.name(), max, args.len())?;
            let offset = match args.first() {
                None => dates::Period::default(),
                Some(arg) => dates::parse_offset(date_fn, arg)
                    .ok_or_else(|| dates::invalid_offset(date_fn))?,
            };
            Ok(Value::Date(DateSpec::Function(date_fn, offset)))
        }
        _ => Err(unknown()),
    }
}
