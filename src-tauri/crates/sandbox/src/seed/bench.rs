//! `bench:N`: N deterministic issues in project BENCH (for benchmarks; 100,000 in about a
//! second).

use crate::model::Role;
use crate::store::Store;

use super::{add_project, blank_issue, Lcg};

pub fn fill(store: &mut Store, n: usize, now: i64) {
    let everyone: Vec<(&str, Role)> = vec![
        ("alice", Role::Administrators),
        ("bob", Role::Developers),
        ("carol", Role::Users),
    ];
    add_project(
        store,
        10003,
        "BENCH",
        "Benchmark",
        "Generated issues for benchmarks.",
        "Software Simplified Workflow",
        &["10001", "10004", "10003"],
        &everyone,
    );
    let users: Vec<String> = store.users.iter().map(|u| u.key.clone()).collect();
    let statuses = ["10000", "3", "10001", "10002"];
    let types = ["10001", "10004", "10003"];
    let labels = ["backend", "frontend", "perf", "ux", "security"];
    let mut rng = Lcg(42);
    let day = 86_400_000i64;
    for i in 0..n {
        let created = now - (n - i) as i64 * 60_000;
        let Some(mut issue) = blank_issue(store, 10003, created) else {
            return;
        };
        issue.summary = format!("Benchmark issue {} ({})", i + 1, rng.pick(&labels));
        issue.description = Some(format!("Deterministic benchmark issue number {}.", i + 1));
        issue.issue_type = rng.pick(&types).to_string();
        issue.status = rng.pick(&statuses).to_string();
        if issue.status == "10002" {
            issue.resolution = Some("10000".into());
            issue.resolution_date = Some(created + day);
        }
        issue.reporter = Some(rng.pick(&users).clone());
        issue.creator = issue.reporter.clone().unwrap_or_default();
        issue.assignee = (rng.below(4) != 0).then(|| rng.pick(&users).clone());
        issue.priority = Some((1 + rng.below(5)).to_string());
        issue.labels = vec![rng.pick(&labels).to_string()];
        issue.updated = created + rng.below(1000) as i64 * 1000;
        store.issues.insert(issue.id, issue);
    }
}
