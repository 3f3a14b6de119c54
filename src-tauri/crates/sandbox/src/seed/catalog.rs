//! The site's fixed catalogue: users, statuses, workflows, issue types, priorities,
//! resolutions and custom fields. Shared by every seed.

use crate::auth::state::OAuth2Client;
use crate::model::{CustomField, CustomKind, IssueType, Named, Status, Transition, User, Workflow};
use crate::store::Store;

fn user(n: u32, username: &str, name: &str, admin: bool) -> User {
    User {
        key: if admin {
            username.to_string()
        } else {
            format!("JIRAUSER{}", 10100 + n)
        },
        username: username.to_string(),
        account_id: format!("5f8a0c1d2e3b4a5c6d7e8f{n:02}"),
        display_name: name.to_string(),
        email: format!("{username}@example.com"),
        password: format!("{username}-pw"),
        api_token: format!("ATATT-sandbox-{username}"),
        active: true,
        global_admin: admin,
        groups: if admin {
            vec!["jira-administrators".into(), "jira-software-users".into()]
        } else {
            vec!["jira-software-users".into()]
        },
    }
}

/// admin (global admin), alice (developer everywhere), bob (DOCS developer, DEV user),
/// carol (DOCS user only), dave (no project access).
pub fn users() -> Vec<User> {
    vec![
        user(0, "admin", "Ada Admin", true),
        user(1, "alice", "Alice Nguyen", false),
        user(2, "bob", "Bob Okafor", false),
        user(3, "carol", "Carol Reyes", false),
        user(4, "dave", "Dave Kowalski", false),
    ]
}

fn status(id: &str, name: &str, category: &str, description: &str) -> Status {
    Status {
        id: id.into(),
        name: name.into(),
        description: description.into(),
        category: category.into(),
    }
}

pub fn statuses() -> Vec<Status> {
    vec![
        status(
            "1",
            "Open",
            "new",
            "The issue is open and ready for the assignee to start work on it.",
        ),
        status(
            "3",
            "In Progress",
            "indeterminate",
            "This issue is being actively worked on at the moment by the assignee.",
        ),
        status(
            "4",
            "Reopened",
            "new",
            "This issue was once resolved, but the resolution was deemed incorrect.",
        ),
        status(
            "5",
            "Resolved",
            "done",
            "A resolution has been taken, and it is awaiting verification by reporter.",
        ),
        status(
            "6",
            "Closed",
            "done",
            "The issue is considered finished, the resolution is correct.",
        ),
        status("10000", "To Do", "new", ""),
        status("10001", "In Review", "indeterminate", ""),
        status("10002", "Done", "done", ""),
        status(
            "10003",
            "On Hold",
            "indeterminate",
            "Work is paused, waiting on something outside the team.",
        ),
        status(
            "10004",
            "Ready to Publish",
            "indeterminate",
            "Reviewed and approved; waiting for the next docs release.",
        ),
    ]
}

fn tr(id: &str, name: &str, to: &str, from: &[&str], screen: &[&str]) -> Transition {
    Transition {
        id: id.into(),
        name: name.into(),
        to: to.into(),
        from: from.iter().map(|s| s.to_string()).collect(),
        screen: screen.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn workflows() -> Vec<Workflow> {
    vec![
        Workflow {
            name: "Software Simplified Workflow".into(),
            initial: "10000".into(),
            transitions: vec![
                tr("11", "To Do", "10000", &[], &[]),
                tr("21", "In Progress", "3", &[], &[]),
                tr("31", "In Review", "10001", &[], &[]),
                tr("41", "Done", "10002", &[], &["resolution"]),
            ],
        },
        Workflow {
            name: "Documentation Workflow".into(),
            initial: "10000".into(),
            transitions: vec![
                tr("11", "Start writing", "3", &["10000", "10003"], &[]),
                tr(
                    "21",
                    "Put on hold",
                    "10003",
                    &["10000", "3", "10001"],
                    &["comment"],
                ),
                tr(
                    "31",
                    "Send to review",
                    "10001",
                    &["3"],
                    &["customfield_10013"],
                ),
                tr("41", "Approve", "10004", &["10001"], &[]),
                tr(
                    "51",
                    "Request changes",
                    "3",
                    &["10001", "10004"],
                    &["comment"],
                ),
                tr("61", "Publish", "10002", &["10004"], &["resolution"]),
                tr("71", "Reopen", "10000", &["10002"], &[]),
            ],
        },
        Workflow {
            name: "jira".into(),
            initial: "1".into(),
            transitions: vec![
                tr("4", "Start Progress", "3", &["1", "4"], &[]),
                tr("301", "Stop Progress", "1", &["3"], &[]),
                tr(
                    "5",
                    "Resolve Issue",
                    "5",
                    &["1", "3", "4"],
                    &["resolution", "assignee"],
                ),
                tr(
                    "2",
                    "Close Issue",
                    "6",
                    &["1", "3", "4", "5"],
                    &["resolution"],
                ),
                tr("3", "Reopen Issue", "4", &["5", "6"], &[]),
            ],
        },
    ]
}

fn itype(id: &str, name: &str, subtask: bool, description: &str) -> IssueType {
    IssueType {
        id: id.into(),
        name: name.into(),
        description: description.into(),
        subtask,
    }
}

pub fn issue_types() -> Vec<IssueType> {
    vec![
        itype(
            "10000",
            "Epic",
            false,
            "A big user story that needs to be broken down.",
        ),
        itype("10001", "Task", false, "A small, distinct piece of work."),
        itype(
            "10002",
            "Sub-task",
            true,
            "A small piece of work that's part of a larger task.",
        ),
        itype(
            "10003",
            "Story",
            false,
            "Functionality or a feature expressed as a user goal.",
        ),
        itype("10004", "Bug", false, "A problem or error."),
    ]
}

fn named(id: &str, name: &str, description: &str) -> Named {
    Named {
        id: id.into(),
        name: name.into(),
        description: description.into(),
    }
}

pub fn priorities() -> Vec<Named> {
    vec![
        named("1", "Highest", "This problem will block progress."),
        named("2", "High", "Serious problem that could block progress."),
        named("3", "Medium", "Has the potential to affect progress."),
        named("4", "Low", "Minor problem or easily worked around."),
        named(
            "5",
            "Lowest",
            "Trivial problem with little or no impact on progress.",
        ),
    ]
}

pub fn resolutions() -> Vec<Named> {
    vec![
        named("10000", "Done", "Work has been completed on this issue."),
        named(
            "1",
            "Fixed",
            "A fix for this issue is checked into the tree and tested.",
        ),
        named(
            "2",
            "Won't Fix",
            "The problem described is an issue which will never be fixed.",
        ),
        named(
            "3",
            "Duplicate",
            "The problem is a duplicate of an existing issue.",
        ),
        named(
            "4",
            "Incomplete",
            "The problem is not completely described.",
        ),
        named(
            "5",
            "Cannot Reproduce",
            "All attempts at reproducing this issue failed.",
        ),
    ]
}

fn cf(id: &str, name: &str, kind: CustomKind, options: &[&str]) -> CustomField {
    CustomField {
        id: id.into(),
        name: name.into(),
        kind,
        options: options.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn custom_fields() -> Vec<CustomField> {
    vec![
        cf("customfield_10010", "Story Points", CustomKind::Number, &[]),
        cf(
            "customfield_10011",
            "Environment Tier",
            CustomKind::Select,
            &["Production", "Staging", "Development"],
        ),
        cf(
            "customfield_10012",
            "Components Affected",
            CustomKind::MultiSelect,
            &["Frontend", "Backend", "API", "Docs", "Infrastructure"],
        ),
        cf("customfield_10013", "Reviewer", CustomKind::UserPicker, &[]),
        cf("customfield_10014", "Target Date", CustomKind::Date, &[]),
        cf("customfield_10015", "Audience", CustomKind::Labels, &[]),
        cf(
            "customfield_10016",
            "Acceptance Criteria",
            CustomKind::TextArea,
            &[],
        ),
    ]
}

/// A store holding only the catalogue and users (no projects or issues yet).
pub fn base_store(skip_https: bool) -> Store {
    let mut s = Store {
        users: users(),
        statuses: statuses(),
        workflows: workflows(),
        issue_types: issue_types(),
        priorities: priorities(),
        resolutions: resolutions(),
        custom_fields: custom_fields(),
        next_id: 20000,
        next_issue_id: 10000,
        oauth2_skip_https: skip_https,
        ..Default::default()
    };
    s.auth.oauth2_clients.push(OAuth2Client {
        client_id: super::CLOUD_CLIENT_ID.into(),
        client_secret: super::CLOUD_CLIENT_SECRET.into(),
        name: "Jiffy (sandbox 3LO app)".into(),
        redirect_uris: vec![],
        scopes: vec![],
    });
    s.auth.oauth2_clients.push(crate::auth::dc_demo_client());
    s
}
