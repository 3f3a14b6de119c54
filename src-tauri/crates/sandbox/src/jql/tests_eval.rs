//! Evaluation tests: matching, EMPTY, dates at a fixed "now", ordering, validation against a
//! catalog, and no panics on arbitrary input.

use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use super::{parse, EvalContext, IssueFacts, UserRef};

/// A Thursday afternoon.
pub(super) const NOW: OffsetDateTime = datetime!(2026-09-24 15:30 UTC);

fn user(name: &str, display: &str) -> UserRef {
    UserRef {
        account_id: format!("acc-{name}"),
        username: name.into(),
        key: format!("JIRAUSER-{name}"),
        display_name: display.into(),
        email: format!("{name}@example.com"),
    }
}

pub(super) fn alice() -> UserRef {
    user("alice", "Alice Able")
}

pub(super) fn bob() -> UserRef {
    user("bob", "Bob Baker")
}

fn issue(id: i64, key: &str) -> IssueFacts {
    let project = key.split('-').next().unwrap_or_default().to_string();
    let (project_id, project_name) = if project == "A" {
        ("10000", "Alpha")
    } else {
        ("10001", "Beta Docs")
    };
    IssueFacts {
        id,
        key: key.into(),
        project_key: project,
        project_id: project_id.into(),
        project_name: project_name.into(),
        issue_type: "Bug".into(),
        issue_type_id: "10004".into(),
        status: "Open".into(),
        status_id: "1".into(),
        status_category_key: "new".into(),
        status_category_name: "To Do".into(),
        assignee: None,
        reporter: None,
        priority: None,
        priority_id: None,
        labels: vec![],
        resolution: None,
        summary: String::new(),
        description: String::new(),
        comments: vec![],
        created: NOW,
        updated: NOW,
        duedate: None,
    }
}

pub(super) fn fixtures() -> Vec<IssueFacts> {
    let mut a1 = issue(1, "A-1");
    a1.assignee = Some(alice());
    a1.reporter = Some(bob());
    (a1.priority, a1.priority_id) = (Some("High".into()), Some("2".into()));
    a1.labels = vec!["backend".into(), "urgent".into()];
    a1.summary = "Login page crashes".into();
    a1.description = "Stack trace attached".into();
    a1.comments = vec!["Seen on Firefox too".into()];
    a1.created = NOW - Duration::days(3);
    a1.updated = NOW - Duration::hours(1);
    a1.duedate = Some(date!(2026 - 09 - 25));

    let mut a2 = issue(2, "A-2");
    (a2.issue_type, a2.issue_type_id) = ("Task".into(), "10002".into());
    (a2.status, a2.status_id) = ("In Progress".into(), "3".into());
    a2.status_category_key = "indeterminate".into();
    a2.status_category_name = "In Progress".into();
    a2.reporter = Some(alice());
    (a2.priority, a2.priority_id) = (Some("Low".into()), Some("4".into()));
    a2.summary = "Write docs for the Windows installer".into();
    a2.created = datetime!(2026-09-01 10:00 UTC);
    a2.updated = NOW - Duration::days(10);

    let mut a10 = issue(10, "A-10");
    (a10.status, a10.status_id) = ("Done".into(), "10001".into());
    a10.status_category_key = "done".into();
    a10.status_category_name = "Done".into();
    a10.assignee = Some(bob());
    a10.reporter = Some(bob());
    a10.labels = vec!["frontend".into()];
    a10.resolution = Some("Fixed".into());
    a10.summary = "Timeout in search".into();
    a10.description = "Jira Software is great".into();
    a10.created = datetime!(2026-08-01 00:00 UTC);
    a10.updated = datetime!(2026-09-24 00:30 UTC);
    a10.duedate = Some(date!(2026 - 09 - 01));

    let mut b3 = issue(3, "B-3");
    (b3.issue_type, b3.issue_type_id) = ("Story".into(), "10001".into());
    b3.assignee = Some(alice());
    b3.reporter = Some(alice());
    (b3.priority, b3.priority_id) = (Some("Highest".into()), Some("1".into()));
    b3.summary = "Publish the release notes".into();
    b3.comments = vec!["Blocked by the login crash".into()];
    b3.created = NOW - Duration::minutes(5);
    b3.updated = NOW - Duration::minutes(5);
    b3.duedate = Some(date!(2026 - 09 - 24));
    vec![a1, a2, a10, b3]
}

pub(super) fn ctx() -> EvalContext {
    EvalContext {
        now: NOW,
        current_user: Some(alice()),
    }
}

/// Keys matching `jql`, in the query's order.
fn search_as(jql: &str, ctx: &EvalContext) -> Vec<String> {
    let query = parse(jql).unwrap_or_else(|e| panic!("{jql:?}: {e:?}"));
    let issues = fixtures();
    let mut hits: Vec<&IssueFacts> = issues.iter().filter(|i| query.matches(i, ctx)).collect();
    query.sort(&mut hits);
    hits.iter().map(|i| i.key.clone()).collect()
}

fn search(jql: &str) -> Vec<String> {
    search_as(jql, &ctx())
}

#[track_caller]
fn check(jql: &str, expected: &[&str]) {
    assert_eq!(search(jql), expected, "for {jql:?}");
}

#[test]
fn default_order_is_key_descending_numerically_within_a_project() {
    check("", &["B-3", "A-10", "A-2", "A-1"]);
}

#[test]
fn project_by_key_name_or_id_case_insensitively() {
    check("project = a", &["A-10", "A-2", "A-1"]);
    check("project = \"beta docs\"", &["B-3"]);
    check("project = 10001", &["B-3"]);
    check("project != A", &["B-3"]);
    check("project in (B, Alpha)", &["B-3", "A-10", "A-2", "A-1"]);
    check("project not in (A)", &["B-3"]);
}

#[test]
fn keys_ids_and_key_ranges() {
    check("key = a-2", &["A-2"]);
    check("issuekey in (A-1, B-3)", &["B-3", "A-1"]);
    check("id = 10", &["A-10"]);
    check("key > A-2", &["A-10"]);
    check("key >= A-2", &["A-10", "A-2"]);
    check("key < A-10", &["A-2", "A-1"]);
    check("key <= A-1", &["A-1"]);
    check("id > 2", &["B-3", "A-10"]);
}

#[test]
fn names_and_ids_of_types_statuses_and_categories() {
    check("type = bug", &["A-10", "A-1"]);
    check("issuetype in (Task, Story)", &["B-3", "A-2"]);
    check("status = \"in progress\"", &["A-2"]);
    check("status = 10001", &["A-10"]);
    check("statusCategory = \"To Do\"", &["B-3", "A-1"]);
    check("statusCategory in (indeterminate, 3)", &["A-10", "A-2"]);
    check("statusCategory != Done", &["B-3", "A-2", "A-1"]);
    // An unquoted number is an id; a quoted one is a name, or an id when no name matches.
    check("status = 3", &["A-2"]);
    check("status = '3'", &["A-2"]);
    check("type = 10002", &["A-2"]);
    check("project = EMPTY or status = EMPTY or key is EMPTY", &[]);
}

#[test]
fn users_by_any_identifier_and_current_user() {
    for who in [
        "alice",
        "ACC-ALICE",
        "JIRAUSER-alice",
        "alice@example.com",
        "Alice Able",
    ] {
        check(&format!("assignee = \"{who}\""), &["B-3", "A-1"]);
    }
    check("assignee = currentUser()", &["B-3", "A-1"]);
    // Unassigned issues are not "!= currentUser()": EMPTY has to be asked for.
    check(
        "reporter = currentUser() AND assignee != currentUser()",
        &[],
    );
    check(
        "reporter = currentUser() AND (assignee != currentUser() OR assignee is EMPTY)",
        &["A-2"],
    );
    let anonymous = EvalContext {
        now: NOW,
        current_user: None,
    };
    assert!(search_as("assignee = currentUser()", &anonymous).is_empty());
}

#[test]
fn empty_semantics_follow_jira() {
    check("assignee is EMPTY", &["A-2"]);
    check("assignee = EMPTY", &["A-2"]);
    check("assignee is not null", &["B-3", "A-10", "A-1"]);
    // != and NOT IN never match an empty field; NOT (=) does.
    check("assignee != bob", &["B-3", "A-1"]);
    check("assignee not in (bob)", &["B-3", "A-1"]);
    check("NOT assignee = bob", &["B-3", "A-2", "A-1"]);
    check("assignee in (EMPTY, bob)", &["A-10", "A-2"]);
    check("priority is empty", &["A-10"]);
    check("labels is EMPTY", &["B-3", "A-2"]);
    check("due is empty", &["A-2"]);
    check("description is not empty", &["A-10", "A-1"]);
    check("resolution = Unresolved", &["B-3", "A-2", "A-1"]);
    check("resolution != Unresolved", &["A-10"]);
    check("resolution = fixed", &["A-10"]);
}

#[test]
fn labels_and_priorities() {
    check("labels = URGENT", &["A-1"]);
    check("labels in (frontend, backend)", &["A-10", "A-1"]);
    check("labels != backend", &["A-10"]);
    check("priority = high", &["A-1"]);
    check("priority > Medium", &["B-3", "A-1"]);
    check("priority >= High", &["B-3", "A-1"]);
    check("priority < High", &["A-2"]);
    check("priority <= Low", &["A-2"]);
}

#[test]
fn text_search_on_each_field() {
    check("summary ~ crash", &["A-1"]);
    check("summary ~ \"win*\"", &["A-2"]);
    check("summary !~ crash", &["B-3", "A-10", "A-2"]);
    check("description ~ \"\\\"jira software\\\"\"", &["A-10"]);
    check("comment ~ firefox", &["A-1"]);
    check("text ~ login", &["B-3", "A-1"]);
    check("text ~ \"stack firefox\"", &["A-1"]);
    // A lone exclusion matches what lacks the word (Jira's '-Test' literal).
    check("summary ~ \"-crash\"", &["B-3", "A-10", "A-2"]);
}

#[test]
fn precedence_not_and_parentheses_change_results() {
    check(
        "project = B OR type = Bug AND status = Done",
        &["B-3", "A-10"],
    );
    check("(project = B OR type = Bug) AND status = Done", &["A-10"]);
    check("NOT (project = B OR type = Bug)", &["A-2"]);
    check("!project = A || priority = Highest", &["B-3"]);
}

#[test]
fn relative_dates_at_a_fixed_now() {
    check("created >= -5m", &["B-3"]);
    check("created > -4d", &["B-3", "A-1"]);
    check("created < -4w", &["A-10"]);
    check("updated >= \"-1d 2h\"", &["B-3", "A-10", "A-1"]);
    check("updated <= -2h", &["A-10", "A-2"]);
    check("createdDate > -1w AND updatedDate < -30m", &["A-1"]);
}

#[test]
fn absolute_dates_and_date_functions() {
    check("created >= \"2026-09-01\"", &["B-3", "A-2", "A-1"]);
    check("created < \"2026/09/01 10:01\"", &["A-10", "A-2"]);
    check("created = \"2026-09-01 10:00\"", &["A-2"]);
    check("updated >= startOfDay()", &["B-3", "A-10", "A-1"]);
    check("updated < startOfDay(-1d) ", &["A-2"]);
    check("updated >= startOfWeek()", &["B-3", "A-10", "A-1"]);
    check("created >= startOfMonth()", &["B-3", "A-2", "A-1"]);
    check(
        "created >= startOfMonth(-1M) and created < startOfMonth()",
        &["A-10"],
    );
    check("created <= endOfDay(-3d)", &["A-10", "A-2", "A-1"]);
    check("updated > endOfWeek(-1w)", &["B-3", "A-10", "A-1"]);
    check("created < now()", &["B-3", "A-10", "A-2", "A-1"]);
    check("created > endOfMonth(-1)", &["B-3", "A-2", "A-1"]);
    check(
        "created >= startOfYear() and created <= endOfYear()",
        &["B-3", "A-10", "A-2", "A-1"],
    );
}

#[test]
fn due_dates_compare_by_day() {
    check("due = \"2026-09-24\"", &["B-3"]);
    check("duedate < now()", &["A-10"]);
    check("due <= endOfDay()", &["B-3", "A-10"]);
    check("due >= 1d", &["A-1"]);
    check("due > startOfMonth() and due <= 7d", &["B-3", "A-1"]);
}

#[test]
fn order_by_several_fields() {
    check(
        "ORDER BY project ASC, key ASC",
        &["A-1", "A-2", "A-10", "B-3"],
    );
    // EMPTY sorts after every value ascending, so first when descending.
    check("order by priority", &["A-10", "B-3", "A-1", "A-2"]);
    check("order by priority asc", &["A-2", "A-1", "B-3", "A-10"]);
    check("order by created", &["B-3", "A-1", "A-2", "A-10"]);
    check(
        "order by assignee, key desc",
        &["B-3", "A-1", "A-10", "A-2"],
    );
    check(
        "order by status, updated desc",
        &["A-10", "A-2", "B-3", "A-1"],
    );
    check("order by due asc, key", &["A-10", "B-3", "A-1", "A-2"]);
    check(
        "order by type DESC, summary",
        &["A-2", "B-3", "A-1", "A-10"],
    );
    check("project = A order by labels", &["A-1", "A-10", "A-2"]);
    // Rank, which many clients send, follows creation (id) order.
    check("order by Rank ASC", &["A-1", "A-2", "B-3", "A-10"]);
    check("order by rank desc", &["A-10", "B-3", "A-2", "A-1"]);
}
