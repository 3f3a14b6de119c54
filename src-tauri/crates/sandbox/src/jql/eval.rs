//! Evaluates a WHERE tree against one issue.
//!
//! Jira's EMPTY semantics: `=`/`IN` match EMPTY only when EMPTY is asked for; `!=`/`NOT IN`
//! never match an issue whose field is empty (`assignee != bob` skips unassigned issues),
//! while `NOT (assignee = bob)` does include them.

use time::OffsetDateTime;

use super::dates;
use super::fields::{Field, Op};
use super::parser::{Clause, Term};
use super::resolve::Value;
use super::text;
use super::{EvalContext, IssueFacts, UserRef};

pub(crate) fn eval_clause(clause: &Clause, issue: &IssueFacts, ctx: &EvalContext) -> bool {
    match clause {
        Clause::And(parts) => parts.iter().all(|c| eval_clause(c, issue, ctx)),
        Clause::Or(parts) => parts.iter().any(|c| eval_clause(c, issue, ctx)),
        Clause::Not(inner) => !eval_clause(inner, issue, ctx),
        Clause::Term(term) => eval_term(term, issue, ctx),
    }
}

fn eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase()
}

/// Whether the issue's field has no value.
fn is_empty(field: Field, issue: &IssueFacts) -> bool {
    match field {
        Field::Assignee => issue.assignee.is_none(),
        Field::Reporter => issue.reporter.is_none(),
        Field::Priority => issue.priority.is_none(),
        Field::Labels => issue.labels.is_empty(),
        Field::Resolution => issue.resolution.is_none(),
        Field::DueDate => issue.duedate.is_none(),
        Field::Summary => issue.summary.trim().is_empty(),
        Field::Description => issue.description.trim().is_empty(),
        Field::Comment => issue.comments.is_empty(),
        _ => false,
    }
}

pub(crate) fn user_matches(user: &UserRef, wanted: &str) -> bool {
    [
        &user.account_id,
        &user.username,
        &user.key,
        &user.email,
        &user.display_name,
    ]
    .iter()
    .any(|id| !id.is_empty() && eq(id, wanted))
}

fn same_user(a: &UserRef, b: &UserRef) -> bool {
    let same = |x: &str, y: &str| !x.is_empty() && x == y;
    same(&a.account_id, &b.account_id) || same(&a.username, &b.username) || same(&a.key, &b.key)
}

/// Jira's status category ids: 2 To Do (new), 4 In Progress (indeterminate), 3 Done (done).
pub(crate) fn status_category_id(key: &str) -> &'static str {
    match key {
        "new" => "2",
        "indeterminate" => "4",
        "done" => "3",
        _ => "1",
    }
}

/// How important a priority is (higher = more urgent), from Jira's default schemes' names,
/// else from its id (Jira numbers its default priorities from 1 = most urgent).
pub(crate) fn priority_level(name: &str, id: Option<&str>) -> Option<i64> {
    const LEVELS: &[(&str, i64)] = &[
        ("highest", 5),
        ("blocker", 5),
        ("high", 4),
        ("critical", 4),
        ("medium", 3),
        ("major", 3),
        ("low", 2),
        ("minor", 2),
        ("lowest", 1),
        ("trivial", 1),
    ];
    let lower = name.to_lowercase();
    LEVELS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, level)| *level)
        .or_else(|| {
            id.or(Some(name))
                .and_then(|i| i.parse::<i64>().ok())
                .map(|i| 6 - i)
        })
}

/// Splits `ABC-12` into `("ABC", 12)`.
pub(crate) fn split_key(key: &str) -> Option<(&str, i64)> {
    let (project, number) = key.rsplit_once('-')?;
    Some((project, number.parse().ok()?))
}

/// Equality of one non-empty field value with one literal; `is_id` for an unquoted number.
fn text_value_matches(field: Field, issue: &IssueFacts, wanted: &str, is_id: bool) -> bool {
    match field {
        Field::Project => {
            eq(&issue.project_key, wanted)
                || eq(&issue.project_name, wanted)
                || issue.project_id == wanted
        }
        Field::Key if is_id => wanted.parse::<i64>().is_ok_and(|id| id == issue.id),
        Field::Key => eq(&issue.key, wanted),
        Field::IssueType => eq(&issue.issue_type, wanted) || issue.issue_type_id == wanted,
        Field::Status => eq(&issue.status, wanted) || issue.status_id == wanted,
        Field::StatusCategory => {
            eq(&issue.status_category_name, wanted)
                || eq(&issue.status_category_key, wanted)
                || status_category_id(&issue.status_category_key) == wanted
        }
        Field::Assignee => issue
            .assignee
            .as_ref()
            .is_some_and(|u| user_matches(u, wanted)),
        Field::Reporter => issue
            .reporter
            .as_ref()
            .is_some_and(|u| user_matches(u, wanted)),
        Field::Priority => {
            issue.priority.as_deref().is_some_and(|p| eq(p, wanted))
                || issue.priority_id.as_deref() == Some(wanted)
        }
        Field::Labels => issue.labels.iter().any(|l| eq(l, wanted)),
        Field::Resolution => issue.resolution.as_deref().is_some_and(|r| eq(r, wanted)),
        _ => false,
    }
}

fn date_of(field: Field, issue: &IssueFacts, now: OffsetDateTime) -> Option<OffsetDateTime> {
    match field {
        Field::Created => Some(issue.created),
        Field::Updated => Some(issue.updated),
        Field::DueDate => issue
            .duedate
            .map(|d| now.replace_date(d).replace_time(time::Time::MIDNIGHT)),
        _ => None,
    }
}

/// Compares the issue's field with a value: `Some(Ordering)` of issue vs value.
fn compare(
    field: Field,
    issue: &IssueFacts,
    value: &Value,
    ctx: &EvalContext,
) -> Option<std::cmp::Ordering> {
    match (field, value) {
        (Field::Created | Field::Updated, Value::Date(spec)) => {
            let at = date_of(field, issue, ctx.now)?;
            Some(at.cmp(&dates::resolve(*spec, ctx.now)))
        }
        // A due date is a day: compare days, whatever time the operand carries.
        (Field::DueDate, Value::Date(spec)) => {
            let due = issue.duedate?;
            let day = dates::resolve(*spec, ctx.now)
                .to_offset(ctx.now.offset())
                .date();
            Some(due.cmp(&day))
        }
        (Field::Key, Value::Id(wanted)) => Some(issue.id.cmp(&wanted.parse().ok()?)),
        (Field::Key, Value::Text(wanted)) => {
            let (project, number) = split_key(wanted)?;
            let (own_project, own_number) = split_key(&issue.key)?;
            eq(project, own_project).then(|| own_number.cmp(&number))
        }
        (Field::Priority, Value::Text(wanted) | Value::Id(wanted)) => {
            let own = priority_level(issue.priority.as_deref()?, issue.priority_id.as_deref())?;
            Some(own.cmp(&priority_level(wanted, None)?))
        }
        _ => None,
    }
}

/// Whether the issue equals one value (`=` / `IN` semantics, EMPTY included).
fn positive(term: &Term, issue: &IssueFacts, value: &Value, ctx: &EvalContext) -> bool {
    let empty = is_empty(term.field, issue);
    match value {
        Value::Empty => empty,
        Value::Text(t) if term.field == Field::Resolution && eq(t, "unresolved") => empty,
        Value::Text(t) => !empty && text_value_matches(term.field, issue, t, false),
        Value::Id(t) => !empty && text_value_matches(term.field, issue, t, true),
        Value::CurrentUser => {
            let own = match term.field {
                Field::Assignee => issue.assignee.as_ref(),
                Field::Reporter => issue.reporter.as_ref(),
                _ => None,
            };
            matches!((own, &ctx.current_user), (Some(a), Some(b)) if same_user(a, b))
        }
        Value::Date(spec) => match term.field {
            Field::DueDate => compare(term.field, issue, value, ctx).is_some_and(|o| o.is_eq()),
            _ => {
                // Dates are stored to the millisecond but written to the minute in JQL.
                let to_minute = |t: OffsetDateTime| {
                    t.replace_second(0)
                        .and_then(|t| t.replace_nanosecond(0))
                        .ok()
                };
                let own = date_of(term.field, issue, ctx.now).and_then(to_minute);
                own.is_some() && own == to_minute(dates::resolve(*spec, ctx.now))
            }
        },
    }
}

pub(crate) fn text_documents(field: Field, issue: &IssueFacts) -> Vec<&str> {
    match field {
        Field::Summary => vec![issue.summary.as_str()],
        Field::Description => vec![issue.description.as_str()],
        Field::Comment => issue.comments.iter().map(String::as_str).collect(),
        _ => {
            let mut docs = vec![issue.summary.as_str(), issue.description.as_str()];
            docs.extend(issue.comments.iter().map(String::as_str));
            docs
        }
    }
}

fn eval_term(term: &Term, issue: &IssueFacts, ctx: &EvalContext) -> bool {
    let any_positive = || term.values.iter().any(|v| positive(term, issue, v, ctx));
    let ordered = |want: fn(std::cmp::Ordering) -> bool| {
        term.values
            .iter()
            .any(|v| compare(term.field, issue, v, ctx).is_some_and(want))
    };
    match term.op {
        Op::Eq | Op::In => any_positive(),
        Op::Ne | Op::NotIn => !is_empty(term.field, issue) && !any_positive(),
        Op::Is => is_empty(term.field, issue),
        Op::IsNot => !is_empty(term.field, issue),
        Op::Gt => ordered(|o| o.is_gt()),
        Op::Ge => ordered(|o| o.is_ge()),
        Op::Lt => ordered(|o| o.is_lt()),
        Op::Le => ordered(|o| o.is_le()),
        Op::Like | Op::NotLike => {
            let found = term.values.iter().any(|v| match v {
                Value::Text(q) => text::contains(&text_documents(term.field, issue), q),
                Value::Empty => is_empty(term.field, issue),
                _ => false,
            });
            found == (term.op == Op::Like)
        }
    }
}
