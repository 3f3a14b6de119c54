//! One row of the issue table: every column a person can choose, as text, from the fields a
//! search asked for ([`ISSUE_ROW_FIELDS`]).

use super::issues::Issue;
use super::users::User;
use serde::Serialize;
use ts_rs::TS;

/// One row of the issue table: key, type, summary, status, assignee, priority and updated
/// (shown by default) and created, reporter, due date, labels, components and fix versions
/// (columns a person may add).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueRow {
    /// Issue id.
    pub id: String,
    /// Key, e.g. `ABC-123`.
    pub key: String,
    /// Issue type name.
    pub issue_type: String,
    /// Summary.
    pub summary: String,
    /// Status name.
    pub status: String,
    /// Status category key (`new`, `indeterminate`, `done`), for the status colour.
    pub status_category: String,
    /// Assignee's display name (empty: unassigned).
    pub assignee: String,
    /// Priority name.
    pub priority: String,
    /// Updated (ISO 8601).
    pub updated: String,
    /// Created (ISO 8601).
    pub created: String,
    /// Reporter's display name (empty: none).
    pub reporter: String,
    /// Due date (`yyyy-mm-dd`; empty: none).
    pub due_date: String,
    /// Labels.
    pub labels: Vec<String>,
    /// Component names.
    pub components: Vec<String>,
    /// Fix version names.
    pub fix_versions: Vec<String>,
}

/// The fields a search must ask for to fill [`IssueRow`]s.
pub const ISSUE_ROW_FIELDS: [&str; 12] = [
    "issuetype",
    "summary",
    "status",
    "assignee",
    "priority",
    "updated",
    "created",
    "reporter",
    "duedate",
    "labels",
    "components",
    "fixVersions",
];

fn user_name(user: Option<&User>) -> String {
    user.map(|u| u.display_name.clone()).unwrap_or_default()
}

impl IssueRow {
    /// The row of an issue from a search (missing fields stay empty).
    pub fn from_issue(issue: &Issue) -> IssueRow {
        let f = &issue.fields;
        IssueRow {
            id: issue.id.clone(),
            key: issue.key.clone(),
            issue_type: f
                .issuetype
                .as_ref()
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            summary: f.summary.clone().unwrap_or_default(),
            status: f
                .status
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            status_category: f
                .status
                .as_ref()
                .and_then(|s| s.status_category.as_ref())
                .map(|c| c.key.clone())
                .unwrap_or_default(),
            assignee: user_name(f.assignee.as_ref()),
            priority: f
                .priority
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            updated: f.updated.clone().unwrap_or_default(),
            created: f.created.clone().unwrap_or_default(),
            reporter: user_name(f.reporter.as_ref()),
            due_date: f.duedate.clone().unwrap_or_default(),
            labels: f.labels.clone(),
            components: f.components.iter().map(|c| c.name.clone()).collect(),
            fix_versions: f.fix_versions.iter().map(|v| v.name.clone()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Issue, IssueRow};
    use serde_json::json;

    #[test]
    fn table_rows_take_their_columns_from_the_fields() {
        let issue: Issue = serde_json::from_value(json!({
            "id": "10001", "key": "DEMO-1",
            "fields": {
                "summary": "Printer on fire",
                "status": { "id": "3", "name": "In Progress",
                    "statusCategory": { "id": 4, "key": "indeterminate", "name": "In Progress" } },
                "issuetype": { "id": "1", "name": "Bug", "subtask": false },
                "priority": { "id": "2", "name": "High" },
                "assignee": { "name": "mia", "displayName": "Mia Krystof", "active": true },
                "reporter": { "name": "bob", "displayName": "Bob", "active": true },
                "created": "2024-01-02T10:00:00.000+0000",
                "updated": "2024-01-03T10:00:00.000+0000",
                "duedate": "2024-02-01",
                "labels": ["hardware", "urgent"],
                "components": [{ "id": "1", "name": "Printers" }],
                "fixVersions": [{ "id": "5", "name": "2.0" }, { "id": "6", "name": "2.1" }]
            }
        }))
        .expect("issue");
        assert_eq!(
            IssueRow::from_issue(&issue),
            IssueRow {
                id: "10001".into(),
                key: "DEMO-1".into(),
                issue_type: "Bug".into(),
                summary: "Printer on fire".into(),
                status: "In Progress".into(),
                status_category: "indeterminate".into(),
                assignee: "Mia Krystof".into(),
                priority: "High".into(),
                updated: "2024-01-03T10:00:00.000+0000".into(),
                created: "2024-01-02T10:00:00.000+0000".into(),
                reporter: "Bob".into(),
                due_date: "2024-02-01".into(),
                labels: vec!["hardware".into(), "urgent".into()],
                components: vec!["Printers".into()],
                fix_versions: vec!["2.0".into(), "2.1".into()],
            }
        );
    }

    #[test]
    fn missing_fields_leave_empty_columns() {
        let bare = IssueRow::from_issue(&Issue::default());
        assert_eq!((bare.assignee.as_str(), bare.status.as_str()), ("", ""));
        assert_eq!((bare.reporter.as_str(), bare.due_date.as_str()), ("", ""));
        assert!(bare.labels.is_empty() && bare.components.is_empty());
        // Jira sends `null` for an empty multi-value field on some versions.
        let nulls: Issue = serde_json::from_value(json!({
            "id": "1", "key": "A-1",
            "fields": { "labels": null, "components": null, "fixVersions": null }
        }))
        .expect("issue");
        assert!(IssueRow::from_issue(&nulls).fix_versions.is_empty());
    }
}
