//! Initial content: `demo` (three projects, ~150 issues) and `bench:N`.

mod bench;
pub mod catalog;
mod demo;

use std::collections::BTreeMap;

use crate::model::{Issue, Project, Role};
use crate::store::Store;
use crate::{Config, DemoUser, Seed};

/// The cloud id of the sandbox site (`/_edge/tenant_info`, gateway path).
pub const CLOUD_ID: &str = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
/// The OAuth 2.0 (3LO) app registered on the cloud-mode site.
pub const CLOUD_CLIENT_ID: &str = "sandbox-3lo-client";
pub const CLOUD_CLIENT_SECRET: &str = "sandbox-3lo-secret";

/// Builds the initial store for `cfg.seed`.
pub fn build(cfg: &Config) -> Store {
    let mut store = catalog::base_store(cfg.oauth2_skip_https_requirement);
    let now = store.now_ms();
    match cfg.seed {
        Seed::Demo => demo::fill(&mut store, now),
        Seed::Bench(n) => bench::fill(&mut store, n, now),
        Seed::Empty => {}
    }
    store.reindex();
    store
}

/// The users with their credentials, for `StartInfo`.
pub fn demo_users(store: &Store) -> Vec<DemoUser> {
    store
        .users
        .iter()
        .map(|u| DemoUser {
            username: u.username.clone(),
            key: u.key.clone(),
            account_id: u.account_id.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            password: u.password.clone(),
            api_token: u.api_token.clone(),
        })
        .collect()
}

/// Adds a project; `roles` maps usernames to roles.
pub fn add_project(
    store: &mut Store,
    id: i64,
    key: &str,
    name: &str,
    description: &str,
    workflow: &str,
    types: &[&str],
    roles: &[(&str, Role)],
) {
    let key_of = |username: &str| {
        store
            .users
            .iter()
            .find(|u| u.username == username)
            .map(|u| u.key.clone())
    };
    let roles: BTreeMap<String, Role> = roles
        .iter()
        .filter_map(|(u, r)| key_of(u).map(|k| (k, *r)))
        .collect();
    let lead = key_of("alice").unwrap_or_default();
    store.projects.push(Project {
        id,
        key: key.into(),
        name: name.into(),
        description: description.into(),
        lead,
        type_key: "software".into(),
        roles,
        workflow: workflow.into(),
        issue_types: types.iter().map(|s| s.to_string()).collect(),
        counter: 0,
    });
}

/// A blank issue in `project_id` with the next id and key, without taking them.
pub fn preview_issue(store: &Store, project_id: i64, now: i64) -> Option<Issue> {
    let project = store.projects.iter().find(|p| p.id == project_id)?;
    let key = format!("{}-{}", project.key, project.counter + 1);
    let initial = store
        .workflow(&project.workflow)
        .map(|w| w.initial.clone())
        .unwrap_or_default();
    Some(Issue {
        id: store.next_issue_id + 1,
        key,
        project_id,
        issue_type: "10001".into(),
        status: initial,
        summary: String::new(),
        description: None,
        assignee: None,
        reporter: None,
        creator: String::new(),
        priority: Some("3".into()),
        labels: vec![],
        resolution: None,
        resolution_date: None,
        created: now,
        updated: now,
        duedate: None,
        parent: None,
        custom: BTreeMap::new(),
        comments: vec![],
        attachments: vec![],
        history: vec![],
    })
}

/// A blank issue in `project_id`, taking the next id and key.
pub fn blank_issue(store: &mut Store, project_id: i64, now: i64) -> Option<Issue> {
    let issue = preview_issue(store, project_id, now)?;
    let project = store.projects.iter_mut().find(|p| p.id == project_id)?;
    project.counter += 1;
    store.next_issue_id += 1;
    Some(issue)
}

/// A tiny deterministic generator, so seeds are identical on every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
