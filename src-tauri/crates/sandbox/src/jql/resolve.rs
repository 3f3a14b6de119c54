//! Turns a parsed `field op operand` into a typed [`Term`], collecting Jira's semantic
//! messages: unknown fields, unsupported operators, EMPTY where a field has no empty state,
//! list/non-list mismatches, unknown functions, bad dates and malformed issue keys.

use super::dates::{self, DateFn, DateSpec};
use super::fields::{self, Field, Op, ValueKind};
use super::parser::Term;

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
    /// A name, key, id, label, user identifier or text query.
    Text(String),
    Empty,
    CurrentUser,
    Date(DateSpec),
}

/// Jira's default direction when ORDER BY names no ASC/DESC (the field's NavigableField
/// default: dates and priority descend, everything else ascends).
pub(crate) fn default_descending(field: Field) -> bool {
    matches!(field, Field::Created | Field::Updated | Field::DueDate | Field::Priority)
}

fn shown(operand: &Operand) -> String {
    match operand {
        Operand::Literal(text, _) => format!("\"{text}\""),
        Operand::Empty => "EMPTY".into(),
        Operand::Function(name, args) => format!("{name}({})", args.join(", ")),
        Operand::List(items) => {
            format!("({})", items.iter().map(shown).collect::<Vec<_>>().join(", "))
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
    let Some((project, number)) = text.rsplit_once('-') else { return false };
    project.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && project.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// Types one clause; `None` (with messages pushed) when it cannot be searched.
pub(crate) fn term(name: &str, op: Op, operand: Operand, errors: &mut Vec<String>) -> Option<Term> {
    let Some(info) = fields::lookup(name) else {
        errors.push(format!("Field '{name}' does not exist or you do not have permission to view it."));
        return None;
    };
    if !info.operators.contains(&op) {
        errors.push(format!(
            "The operator '{}' is not supported by the '{name}' field.",
            op.display()
        ));
        return None;
    }
    let is_list = matches!(operand, Operand::List(_));
    if op.is_list() && !is_list {
        errors.push(format!(
            "Operator '{}' does not support the non-list value '{}' for field '{name}'.",
            op.display(),
            shown(&operand)
        ));
        return None;
    }
    if !op.is_list() && is_list {
        errors.push(format!(
            "Operator '{}' does not support the list value '{}' for field '{name}'.",
            op.display(),
            shown(&operand)
        ));
        return None;
    }
    if matches!(op, Op::Is | Op::IsNot) && operand != Operand::Empty {
        errors.push(format!(
            "The operator '{}' only supports searching for EMPTY values.",
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
            Operand::Literal(text, _) => match info.kind {
                ValueKind::Date => match dates::parse_literal(&text) {
                    Some(spec) => values.push(Value::Date(spec)),
                    None => errors.push(dates::invalid_date(&text, name)),
                },
                ValueKind::Key if !is_key_or_id(&text) => {
                    errors.push(format!("The issue key '{text}' for field '{name}' is invalid."))
                }
                _ => values.push(Value::Text(text)),
            },
            Operand::Function(function, args) => match function_value(info.kind, &function, &args) {
                Ok(value) => values.push(value),
                Err(message) => errors.push(message),
            },
            Operand::List(_) => {} // flattened above
        }
    }
    (errors.len() == before).then_some(Term { field: info.field, op, values })
}

fn arity(function: &str, max: usize, got: usize) -> Result<(), String> {
    match (max, got) {
        (_, n) if n <= max && (max == 0 || max == 1) && (max == 1 || n == 0) => Ok(()),
        (0, n) => Err(format!("Function '{function}' expected '0' arguments but received '{n}'.")),
        (m, n) => Err(format!(
            "Function '{function}' expected between '0' and '{m}' arguments but received '{n}'."
        )),
    }
}

fn function_value(kind: ValueKind, function: &str, args: &[String]) -> Result<Value, String> {
    let unknown = || format!("Unable to find JQL function '{function}({})'.", args.join(", "));
    match kind {
        ValueKind::User if function.eq_ignore_ascii_case("currentUser") => {
            arity("currentUser", 0, args.len())?;
            Ok(Value::CurrentUser)
        }
        ValueKind::Date => {
            let Some(date_fn) = DateFn::lookup(function) else { return Err(unknown()) };
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
