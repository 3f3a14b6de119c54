//! Checks literal values against what exists on the site, with Jira's messages:
//! "The value 'X' does not exist for the field 'project'." (a name) and
//! "A value with ID 'N' does not exist for the field 'project'." (a number).

use super::eval::user_matches;
use super::fields::Field;
use super::parser::{Clause, Term};
use super::resolve::Value;
use super::{Catalog, JqlError, Query};

/// Jira's built-in status categories: names, keys and ids all find them.
const STATUS_CATEGORIES: &[&str] = &[
    "To Do",
    "In Progress",
    "Done",
    "new",
    "indeterminate",
    "done",
    "1",
    "2",
    "3",
    "4",
];

fn any_eq(names: &[String], wanted: &str) -> bool {
    names
        .iter()
        .any(|n| n.to_lowercase() == wanted.to_lowercase())
}

/// Whether a value names something on the site. The catalog lists issue types, statuses,
/// priorities and resolutions by name only, so a number there (Jira also takes ids) is let
/// through rather than refusing a query a real Jira would run.
fn exists(field: Field, wanted: &str, catalog: &Catalog) -> bool {
    let number = !wanted.is_empty() && wanted.chars().all(|c| c.is_ascii_digit());
    let by_name_or_id = |names: &[String]| number || any_eq(names, wanted);
    match field {
        Field::Project => catalog.projects.iter().any(|(key, id, name)| {
            key.eq_ignore_ascii_case(wanted)
                || id == wanted
                || name.to_lowercase() == wanted.to_lowercase()
        }),
        Field::IssueType => by_name_or_id(&catalog.issue_types),
        Field::Status => by_name_or_id(&catalog.statuses),
        Field::StatusCategory => {
            any_eq(&catalog.status_categories, wanted)
                || STATUS_CATEGORIES
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(wanted))
        }
        Field::Priority => by_name_or_id(&catalog.priorities),
        Field::Resolution => {
            wanted.eq_ignore_ascii_case("unresolved") || by_name_or_id(&catalog.resolutions)
        }
        Field::Assignee | Field::Reporter => catalog.users.iter().any(|u| user_matches(u, wanted)),
        // Labels are free-form, keys are checked for shape at parse time, text is a query.
        _ => true,
    }
}

fn check_term(term: &Term, catalog: &Catalog, errors: &mut Vec<String>) {
    let name = &term.name;
    for value in &term.values {
        let (wanted, is_id) = match value {
            Value::Text(t) => (t, false),
            Value::Id(t) => (t, true),
            _ => continue,
        };
        if exists(term.field, wanted, catalog) {
            continue;
        }
        let message = if is_id {
            format!("A value with ID '{wanted}' does not exist for the field '{name}'.")
        } else {
            format!("The value '{wanted}' does not exist for the field '{name}'.")
        };
        if !errors.contains(&message) {
            errors.push(message);
        }
    }
}

fn terms<'a>(clause: &'a Clause, out: &mut Vec<&'a Term>) {
    match clause {
        Clause::And(parts) | Clause::Or(parts) => parts.iter().for_each(|c| terms(c, out)),
        Clause::Not(inner) => terms(inner, out),
        Clause::Term(term) => out.push(term),
    }
}

fn all_terms(query: &Query) -> Vec<&Term> {
    let mut out = Vec::new();
    if let Some(clause) = &query.clause {
        terms(clause, &mut out);
    }
    out
}

fn result(errors: Vec<String>) -> Result<(), JqlError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(JqlError { messages: errors })
    }
}

/// Jira refuses keys and ids of issues that do not exist (or that the caller cannot see).
pub(crate) fn validate_issues(
    query: &Query,
    key_exists: &dyn Fn(&str) -> bool,
    id_exists: &dyn Fn(i64) -> bool,
) -> Result<(), JqlError> {
    let mut errors = Vec::new();
    for term in all_terms(query)
        .into_iter()
        .filter(|t| t.field == Field::Key)
    {
        for value in &term.values {
            let message = match value {
                Value::Text(key) if !key_exists(key) => format!(
                    "An issue with key '{}' does not exist for field '{}'.",
                    key.to_uppercase(),
                    term.name
                ),
                Value::Id(id) if !id.parse().is_ok_and(id_exists) => {
                    format!(
                        "A value with ID '{id}' does not exist for the field '{}'.",
                        term.name
                    )
                }
                _ => continue,
            };
            if !errors.contains(&message) {
                errors.push(message);
            }
        }
    }
    result(errors)
}

pub(crate) fn validate(query: &Query, catalog: &Catalog) -> Result<(), JqlError> {
    let mut errors = Vec::new();
    for term in all_terms(query) {
        check_term(term, catalog, &mut errors);
    }
    result(errors)
}
