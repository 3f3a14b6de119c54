//! The demo seed: three projects (DEV, DOCS with "On Hold" and "Ready to Publish", OPS),
//! 150 issues with comments, attachments, subtasks, labels and custom fields.

use serde_json::json;

use crate::model::{Attachment, Comment, Role};
use crate::store::Store;

use super::{add_project, blank_issue, Lcg};

const DEV_SUMMARIES: &[&str] = &[
    "Login fails when the password contains a colon",
    "Issue list flickers while scrolling quickly",
    "Add keyboard shortcut to open the command palette",
    "Search results lose their sort order after refresh",
    "Crash on start-up when the config file is empty",
    "Show the assignee avatar in the issue table",
    "Attachments larger than 10 MB time out",
    "Support OAuth 2.0 refresh token rotation",
    "Dark theme: comment editor text is unreadable",
    "Retry requests that fail with 503",
    "Make the sidebar resizable",
    "Cache project metadata between sessions",
    "Paste images directly into comments",
    "JQL editor should suggest field names",
    "Remember the last opened issue per connection",
    "Transition dialog ignores required fields",
    "Render Jira wiki tables in the description",
    "Typing lag in long descriptions",
    "Notifications badge counts closed issues",
    "Export the current search as CSV",
];

const DOCS_SUMMARIES: &[&str] = &[
    "Write the getting-started guide",
    "Document connecting to Jira Data Center with a PAT",
    "Screenshots for the issue window are outdated",
    "Explain OAuth 1.0a application link setup",
    "Add a troubleshooting page for CAPTCHA lockouts",
    "Keyboard shortcuts reference",
    "Release notes for version 0.2",
    "Describe offline behaviour and caching",
    "FAQ: why does Cloud refuse my password?",
    "Translate the quick-start into German",
    "Style guide for UI copy",
    "Document JQL search tips",
    "Proofread the installation chapter",
    "Admin guide: rate limits and retries",
    "Tutorial: bulk editing issues",
    "Video walkthrough script",
    "Update the privacy statement",
];

const OPS_SUMMARIES: &[&str] = &[
    "Renew the TLS certificate for the update server",
    "Nightly build fails on the Windows runner",
    "Rotate the signing keys",
    "Disk space alert on the artifacts host",
    "Set up crash report collection",
    "Backups of the download mirror are not verified",
    "Upgrade the CI images to the new toolchain",
    "Monitor the update feed latency",
    "Clean up stale release branches",
    "Document the on-call rotation",
];

const COMMENTS: &[&str] = &[
    "I can reproduce this on the latest build.",
    "Looks like a regression from the last release. Bisecting now.",
    "Could you attach the log file? It would help a lot.",
    "Fixed in the main branch, please verify.",
    "This needs a decision from product before we continue.",
    "I've pushed a draft, feedback welcome.",
    "Blocked until the API change lands.",
    "Moving this to the next sprint.",
    "Thanks! Verified on my machine.",
    "Let's pair on this tomorrow morning.",
];

const LABELS: &[&str] = &[
    "ui",
    "backend",
    "auth",
    "performance",
    "regression",
    "customer",
    "docs",
    "good-first-issue",
];

const DESCRIPTIONS: &[&str] = &[
    "Steps to reproduce:\n1. Open the app\n2. Connect to a site\n3. Observe the problem\n\nExpected: it works.\nActual: it does not.",
    "As a user I want this so that my daily work is faster.\n\nh3. Notes\nSee the linked discussion for context.",
    "This came up in the last retrospective. *Important* for the next milestone.",
    "",
];

/// (project id, summaries, issue count, statuses used, issue types used)
type Plan = (
    i64,
    &'static [&'static str],
    usize,
    &'static [&'static str],
    &'static [&'static str],
);

/// Fills `store` with the demo content; deterministic apart from `now`.
pub fn fill(store: &mut Store, now: i64) {
    use Role::*;
    add_project(
        store,
        10000,
        "DEV",
        "Jiffy Development",
        "The Jiffy desktop client.",
        "Software Simplified Workflow",
        &["10000", "10001", "10002", "10003", "10004"],
        &[("alice", Administrators), ("bob", Users)],
    );
    add_project(
        store,
        10001,
        "DOCS",
        "Documentation",
        "User and admin documentation.",
        "Documentation Workflow",
        &["10001", "10002", "10003"],
        &[("alice", Developers), ("bob", Developers), ("carol", Users)],
    );
    add_project(
        store,
        10002,
        "OPS",
        "Operations",
        "Build, release and infrastructure work.",
        "jira",
        &["10001", "10002", "10004"],
        &[("alice", Developers)],
    );
    let mut rng = Lcg(7);
    let plans: [Plan; 3] = [
        (
            10000,
            DEV_SUMMARIES,
            60,
            &["10000", "3", "10001", "10002"],
            &["10004", "10003", "10001"],
        ),
        (
            10001,
            DOCS_SUMMARIES,
            50,
            &["10000", "3", "10003", "10001", "10004", "10002"],
            &["10001", "10003"],
        ),
        (
            10002,
            OPS_SUMMARIES,
            40,
            &["1", "3", "4", "5", "6"],
            &["10001", "10004"],
        ),
    ];
    for (project_id, summaries, count, statuses, types) in plans {
        let mut parents: Vec<i64> = Vec::new();
        for n in 0..count {
            let age_days = (count - n) as i64 * 2 + rng.below(2) as i64;
            let created = now - age_days * 86_400_000 - rng.below(36_000) as i64 * 1000;
            let Some(mut issue) = blank_issue(store, project_id, created) else {
                return;
            };
            let base = summaries[n % summaries.len()];
            issue.summary = match n / summaries.len() {
                0 => base.to_string(),
                1 => format!("{base} (follow-up)"),
                round => format!("{base} (part {})", round + 1),
            };
            let is_subtask = n % 10 == 9 && !parents.is_empty();
            if is_subtask {
                issue.issue_type = "10002".into();
                issue.parent = parents.last().copied();
                issue.summary = format!("Sub-task: {}", issue.summary);
            } else {
                issue.issue_type = rng.pick(types).to_string();
                if n % 10 == 3 {
                    parents.push(issue.id);
                }
            }
            issue.status = rng.pick(statuses).to_string();
            if matches!(issue.status.as_str(), "10002" | "5" | "6") {
                issue.resolution = Some(if project_id == 10002 { "1" } else { "10000" }.into());
                issue.resolution_date = Some(created + 3 * 86_400_000);
            }
            let desc = rng.pick(DESCRIPTIONS);
            issue.description = (!desc.is_empty()).then(|| desc.to_string());
            let members = members(store, project_id);
            issue.reporter = Some(rng.pick(&members).clone());
            issue.creator = issue.reporter.clone().unwrap_or_default();
            issue.assignee = (rng.below(5) != 0).then(|| rng.pick(&members).clone());
            issue.priority = Some((1 + rng.below(5)).to_string());
            let label_count = rng.below(3);
            let mut labels: Vec<String> = (0..label_count)
                .map(|_| rng.pick(LABELS).to_string())
                .collect();
            labels.sort();
            labels.dedup();
            issue.labels = labels;
            if rng.below(3) == 0 {
                let due = crate::time_fmt::to_odt(now + (rng.below(40) as i64 - 10) * 86_400_000);
                issue.duedate = Some(due.date().to_string());
            }
            fill_custom(&mut issue.custom, &mut rng, &members);
            let comment_count = rng.below(5);
            for c in 0..comment_count {
                store.next_id += 1;
                let at = created + (c as i64 + 1) * 3_600_000;
                let author = rng.pick(&members).clone();
                issue.comments.push(Comment {
                    id: store.next_id,
                    author: author.clone(),
                    update_author: author,
                    body: rng.pick(COMMENTS).to_string(),
                    created: at,
                    updated: at,
                    visibility: None,
                });
            }
            issue.updated = issue.comments.last().map(|c| c.updated).unwrap_or(created);
            if n % 7 == 2 {
                store.next_id += 1;
                let content = format!(
                    "sandbox log for {}\nINFO started\nWARN slow response (812 ms)\nERROR {}\n",
                    issue.key, issue.summary
                );
                use base64::Engine;
                store.blobs.insert(
                    store.next_id,
                    base64::engine::general_purpose::STANDARD.encode(content.as_bytes()),
                );
                issue.attachments.push(Attachment {
                    id: store.next_id,
                    issue_id: issue.id,
                    filename: format!("{}-log.txt", issue.key.to_lowercase()),
                    mime: "text/plain".into(),
                    size: content.len(),
                    author: issue.creator.clone(),
                    created,
                });
            }
            store.issues.insert(issue.id, issue);
        }
    }
}

fn members(store: &Store, project_id: i64) -> Vec<String> {
    let mut v: Vec<String> = store
        .project_by_id(project_id)
        .map(|p| p.roles.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(admin) = store.users.iter().find(|u| u.global_admin) {
        v.push(admin.key.clone());
    }
    v
}

fn fill_custom(
    custom: &mut std::collections::BTreeMap<String, serde_json::Value>,
    rng: &mut Lcg,
    members: &[String],
) {
    if rng.below(2) == 0 {
        custom.insert(
            "customfield_10010".into(),
            json!([1, 2, 3, 5, 8, 13][rng.below(6)]),
        );
    }
    if rng.below(2) == 0 {
        let tier = ["Production", "Staging", "Development"][rng.below(3)];
        custom.insert("customfield_10011".into(), json!(tier));
    }
    if rng.below(3) == 0 {
        custom.insert("customfield_10012".into(), json!(["Frontend", "API"]));
    }
    if rng.below(3) == 0 {
        custom.insert("customfield_10013".into(), json!(rng.pick(members)));
    }
    if rng.below(4) == 0 {
        custom.insert("customfield_10014".into(), json!("2026-12-01"));
    }
    if rng.below(4) == 0 {
        custom.insert("customfield_10015".into(), json!(["admins", "end-users"]));
    }
    if rng.below(3) == 0 {
        custom.insert(
            "customfield_10016".into(),
            json!("* The change is covered by tests\n* Docs are updated"),
        );
    }
}
