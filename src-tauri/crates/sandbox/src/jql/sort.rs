//! ORDER BY. Without one, Jira sorts by issue key descending (`SearchSortUtilImpl`'s
//! `DEFAULT_KEY_SORT`), except that a query with a free-text (`~`) condition is left in
//! Lucene's relevance order; here relevance is how often the searched words occur.
//! Empty values sort after every value in ascending order (and so first in descending
//! order). Ties fall back to the issue id so pages are stable.

use std::cmp::Ordering;

use super::eval::{priority_level, split_key, status_category_id, text_documents};
use super::fields::{Field, Op};
use super::parser::{Clause, SortKey};
use super::resolve::Value;
use super::{text, IssueFacts};

/// A sortable projection of one field of one issue; `None` is EMPTY.
#[derive(PartialEq, PartialOrd)]
enum SortValue {
    Number(i64),
    Text(String),
    Key(String, i64),
    Time(time::OffsetDateTime),
    Day(time::Date),
}

fn lower(text: &str) -> SortValue {
    SortValue::Text(text.to_lowercase())
}

fn sort_value(field: Field, issue: &IssueFacts) -> Option<SortValue> {
    Some(match field {
        // Jira's project sorter compares names.
        Field::Project => lower(&issue.project_name),
        Field::Key => match split_key(&issue.key) {
            Some((project, number)) => SortValue::Key(project.to_lowercase(), number),
            None => SortValue::Key(issue.key.to_lowercase(), 0),
        },
        Field::IssueType => lower(&issue.issue_type),
        Field::Status => lower(&issue.status),
        // Category order as Jira shows it: To Do, In Progress, Done.
        Field::StatusCategory => {
            SortValue::Number(match status_category_id(&issue.status_category_key) {
                "2" => 1,
                "4" => 2,
                "3" => 3,
                _ => 0,
            })
        }
        Field::Assignee => lower(&issue.assignee.as_ref()?.display_name),
        Field::Reporter => lower(&issue.reporter.as_ref()?.display_name),
        Field::Priority => SortValue::Number(priority_level(
            issue.priority.as_deref()?,
            issue.priority_id.as_deref(),
        )?),
        Field::Labels => {
            if issue.labels.is_empty() {
                return None;
            }
            let mut labels: Vec<String> = issue.labels.iter().map(|l| l.to_lowercase()).collect();
            labels.sort();
            SortValue::Text(labels.join(" "))
        }
        Field::Resolution => lower(issue.resolution.as_deref()?),
        Field::Summary => lower(&issue.summary),
        Field::Description => lower(&issue.description),
        Field::Created => SortValue::Time(issue.created),
        Field::Updated => SortValue::Time(issue.updated),
        Field::DueDate => SortValue::Day(issue.duedate?),
        Field::Rank => SortValue::Number(issue.id),
        Field::Text | Field::Comment => return None,
    })
}

/// Compares two projected values; EMPTY is greater than any value.
fn compare_values(x: &Option<SortValue>, y: &Option<SortValue>, descending: bool) -> Ordering {
    let ascending = match (x, y) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
    };
    if descending {
        ascending.reverse()
    } else {
        ascending
    }
}

const DEFAULT: &[SortKey] = &[SortKey {
    field: Field::Key,
    descending: true,
}];

/// Free-text conditions that count towards relevance: `~` clauses not under a NOT.
fn text_conditions<'a>(clause: &'a Clause, negated: bool, out: &mut Vec<(Field, &'a str)>) {
    match clause {
        Clause::And(parts) | Clause::Or(parts) => {
            parts.iter().for_each(|c| text_conditions(c, negated, out))
        }
        Clause::Not(inner) => text_conditions(inner, !negated, out),
        Clause::Term(term) if term.op == Op::Like && !negated => {
            out.extend(term.values.iter().filter_map(|v| match v {
                Value::Text(q) => Some((term.field, q.as_str())),
                _ => None,
            }))
        }
        Clause::Term(_) => {}
    }
}

fn relevance(conditions: &[(Field, &str)], issue: &IssueFacts) -> usize {
    conditions
        .iter()
        .map(|(field, q)| text::score(&text_documents(*field, issue), q))
        .sum()
}

pub(crate) fn sort_issues(
    clause: Option<&Clause>,
    order_by: Option<&[SortKey]>,
    issues: &mut [&IssueFacts],
) {
    let mut conditions = Vec::new();
    if let Some(clause) = clause {
        text_conditions(clause, false, &mut conditions);
    }
    let keys = match order_by {
        Some(keys) if !keys.is_empty() => keys,
        _ => DEFAULT,
    };
    // Project every sort value once: comparisons then allocate nothing (bench seeds are big).
    let relevant = !matches!(order_by, Some(k) if !k.is_empty()) && !conditions.is_empty();
    let mut rows: Vec<(usize, Vec<Option<SortValue>>, &IssueFacts)> = issues
        .iter()
        .map(|i| {
            let score = if relevant {
                relevance(&conditions, i)
            } else {
                0
            };
            (
                score,
                keys.iter().map(|k| sort_value(k.field, i)).collect(),
                *i,
            )
        })
        .collect();
    rows.sort_by(|(score_a, values_a, a), (score_b, values_b, b)| {
        score_b
            .cmp(score_a)
            .then_with(|| {
                keys.iter()
                    .zip(values_a.iter().zip(values_b))
                    .map(|(k, (x, y))| compare_values(x, y, k.descending))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            })
            .then_with(|| a.id.cmp(&b.id))
    });
    for (slot, (_, _, issue)) in issues.iter_mut().zip(rows) {
        *slot = issue;
    }
}
