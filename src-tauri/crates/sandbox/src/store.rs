//! The whole mutable state of a site and the lookups and permission checks every route needs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::auth::state::AuthState;
use crate::model::{CustomField, Issue, IssueType, Named, Project, Role, Status, User, Workflow};

/// Everything a site knows; serialised whole for `--data` persistence.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Store {
    pub users: Vec<User>,
    pub projects: Vec<Project>,
    pub statuses: Vec<Status>,
    pub workflows: Vec<Workflow>,
    pub issue_types: Vec<IssueType>,
    pub priorities: Vec<Named>,
    pub resolutions: Vec<Named>,
    pub custom_fields: Vec<CustomField>,
    pub issues: BTreeMap<i64, Issue>,
    /// Attachment id -> content, base64 (keeps the snapshot plain JSON).
    pub blobs: BTreeMap<i64, String>,
    /// Upper-cased issue key -> id; rebuilt after loading.
    #[serde(skip)]
    pub key_index: HashMap<String, i64>,
    /// One sequence for comments, attachments and change groups (Jira's are distinct but
    /// nothing observable depends on that).
    pub next_id: i64,
    pub next_issue_id: i64,
    pub auth: AuthState,
    /// Test clock: milliseconds added to the system clock (`/rest/sandbox/clock`).
    pub clock_offset_ms: i64,
    /// DC's `atlassian.oauth2.provider.skip.redirect.url.https.requirement`.
    pub oauth2_skip_https: bool,
    /// One-time download grants behind Cloud's `attachment/content` redirect: token ->
    /// (attachment id, expiry ms). Not persisted.
    #[serde(skip)]
    pub media_tokens: HashMap<String, (i64, i64)>,
    /// Set by any mutation so the persister knows to write.
    #[serde(skip)]
    pub dirty: bool,
    /// Issues changed (or deleted) since the last write; only these rows are rewritten.
    #[serde(skip)]
    pub dirty_issues: BTreeSet<i64>,
    /// Attachment contents added (or removed) since the last write.
    #[serde(skip)]
    pub dirty_blobs: BTreeSet<i64>,
}

/// Jira permissions the sandbox enforces, with Jira's keys and ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    Browse,
    Create,
    Edit,
    Delete,
    Assign,
    Assignable,
    Transition,
    Resolve,
    Close,
    AddComments,
    EditAllComments,
    EditOwnComments,
    DeleteAllComments,
    DeleteOwnComments,
    CreateAttachments,
    DeleteAllAttachments,
    DeleteOwnAttachments,
    AdministerProjects,
    Schedule,
    Link,
    WorkOn,
}

/// (perm, key, id, name, description)
pub const PERMS: &[(Perm, &str, &str, &str, &str)] = &[
    (
        Perm::Browse,
        "BROWSE_PROJECTS",
        "10",
        "Browse Projects",
        "Ability to browse projects and the issues within them.",
    ),
    (
        Perm::Create,
        "CREATE_ISSUES",
        "11",
        "Create Issues",
        "Ability to create issues.",
    ),
    (
        Perm::Edit,
        "EDIT_ISSUES",
        "12",
        "Edit Issues",
        "Ability to edit issues.",
    ),
    (
        Perm::Delete,
        "DELETE_ISSUES",
        "16",
        "Delete Issues",
        "Ability to delete issues.",
    ),
    (
        Perm::Assign,
        "ASSIGN_ISSUES",
        "13",
        "Assign Issues",
        "Ability to assign issues to other people.",
    ),
    (
        Perm::Assignable,
        "ASSIGNABLE_USER",
        "17",
        "Assignable User",
        "Users with this permission may be assigned to issues.",
    ),
    (
        Perm::Transition,
        "TRANSITION_ISSUES",
        "46",
        "Transition Issues",
        "Ability to transition issues.",
    ),
    (
        Perm::Resolve,
        "RESOLVE_ISSUES",
        "14",
        "Resolve Issues",
        "Ability to resolve and reopen issues.",
    ),
    (
        Perm::Close,
        "CLOSE_ISSUES",
        "18",
        "Close Issues",
        "Ability to close issues.",
    ),
    (
        Perm::AddComments,
        "ADD_COMMENTS",
        "15",
        "Add Comments",
        "Ability to comment on issues.",
    ),
    (
        Perm::EditAllComments,
        "EDIT_ALL_COMMENTS",
        "34",
        "Edit All Comments",
        "Ability to edit all comments made on issues.",
    ),
    (
        Perm::EditOwnComments,
        "EDIT_OWN_COMMENTS",
        "35",
        "Edit Own Comments",
        "Ability to edit own comments made on issues.",
    ),
    (
        Perm::DeleteAllComments,
        "DELETE_ALL_COMMENTS",
        "36",
        "Delete All Comments",
        "Ability to delete all comments made on issues.",
    ),
    (
        Perm::DeleteOwnComments,
        "DELETE_OWN_COMMENTS",
        "37",
        "Delete Own Comments",
        "Ability to delete own comments made on issues.",
    ),
    (
        Perm::CreateAttachments,
        "CREATE_ATTACHMENTS",
        "19",
        "Create Attachments",
        "Users with this permission may create attachments.",
    ),
    (
        Perm::DeleteAllAttachments,
        "DELETE_ALL_ATTACHMENTS",
        "38",
        "Delete All Attachments",
        "Users with this permission may delete all attachments.",
    ),
    (
        Perm::DeleteOwnAttachments,
        "DELETE_OWN_ATTACHMENTS",
        "39",
        "Delete Own Attachments",
        "Users with this permission may delete own attachments.",
    ),
    (
        Perm::AdministerProjects,
        "ADMINISTER_PROJECTS",
        "23",
        "Administer Projects",
        "Ability to administer a project in Jira.",
    ),
    (
        Perm::Schedule,
        "SCHEDULE_ISSUES",
        "28",
        "Schedule Issues",
        "Ability to view or edit an issue's due date.",
    ),
    (
        Perm::Link,
        "LINK_ISSUES",
        "21",
        "Link Issues",
        "Ability to link issues together.",
    ),
    (
        Perm::WorkOn,
        "WORK_ON_ISSUES",
        "20",
        "Work On Issues",
        "Ability to log work done against an issue.",
    ),
];

/// Which permissions a project role grants (a simplified default permission scheme).
pub fn role_grants(role: Role, perm: Perm) -> bool {
    use Perm::*;
    match role {
        Role::Administrators => true,
        Role::Developers => !matches!(
            perm,
            AdministerProjects | EditAllComments | DeleteAllComments | DeleteAllAttachments
        ),
        Role::Users => matches!(
            perm,
            Browse
                | Create
                | AddComments
                | EditOwnComments
                | DeleteOwnComments
                | CreateAttachments
                | DeleteOwnAttachments
        ),
    }
}

impl Store {
    /// The site's clock in Unix milliseconds (system clock plus the test offset).
    pub fn now_ms(&self) -> i64 {
        let sys = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        sys.saturating_add(self.clock_offset_ms)
    }

    pub fn reindex(&mut self) {
        self.key_index = self
            .issues
            .values()
            .map(|i| (i.key.to_ascii_uppercase(), i.id))
            .collect();
    }

    /// Marks an issue as changed (created, edited, commented, deleted) for persistence.
    pub fn touch_issue(&mut self, id: i64) {
        self.dirty = true;
        self.dirty_issues.insert(id);
    }

    /// Marks an attachment's content as added or removed, for persistence.
    pub fn touch_blob(&mut self, id: i64) {
        self.dirty = true;
        self.dirty_blobs.insert(id);
    }

    pub fn next_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn user(&self, key: &str) -> Option<&User> {
        self.users.iter().find(|u| u.key == key)
    }

    /// Finds a user by username, key, account id or email (what Jira's parameters accept).
    pub fn find_user(&self, ident: &str) -> Option<&User> {
        self.users.iter().find(|u| {
            u.username.eq_ignore_ascii_case(ident)
                || u.key == ident
                || u.account_id == ident
                || u.email.eq_ignore_ascii_case(ident)
        })
    }

    pub fn project(&self, key_or_id: &str) -> Option<&Project> {
        self.projects
            .iter()
            .find(|p| p.key.eq_ignore_ascii_case(key_or_id) || p.id.to_string() == key_or_id)
    }

    pub fn project_by_id(&self, id: i64) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn issue_id(&self, key_or_id: &str) -> Option<i64> {
        if let Ok(id) = key_or_id.parse::<i64>() {
            return self.issues.contains_key(&id).then_some(id);
        }
        self.key_index.get(&key_or_id.to_ascii_uppercase()).copied()
    }

    pub fn status(&self, id: &str) -> Option<&Status> {
        self.statuses.iter().find(|s| s.id == id)
    }

    pub fn issue_type(&self, id: &str) -> Option<&IssueType> {
        self.issue_types.iter().find(|t| t.id == id)
    }

    pub fn priority(&self, id: &str) -> Option<&Named> {
        self.priorities.iter().find(|p| p.id == id)
    }

    pub fn resolution(&self, id: &str) -> Option<&Named> {
        self.resolutions.iter().find(|p| p.id == id)
    }

    pub fn custom_field(&self, id: &str) -> Option<&CustomField> {
        self.custom_fields.iter().find(|f| f.id == id)
    }

    pub fn workflow(&self, name: &str) -> Option<&Workflow> {
        self.workflows.iter().find(|w| w.name == name)
    }

    /// Does `user` hold `perm` in `project`? Global admins hold everything.
    pub fn can(&self, user: &str, project: &Project, perm: Perm) -> bool {
        if self.user(user).is_some_and(|u| u.global_admin) {
            return true;
        }
        project
            .roles
            .get(user)
            .is_some_and(|r| role_grants(*r, perm))
    }

    /// Can `user` see this issue at all (Browse on its project)?
    pub fn can_issue(&self, user: &str, issue: &Issue, perm: Perm) -> bool {
        self.project_by_id(issue.project_id)
            .is_some_and(|p| self.can(user, p, perm))
    }

    /// Projects `user` may browse, in key order.
    pub fn browsable_projects(&self, user: &str) -> Vec<&Project> {
        let mut v: Vec<&Project> = self
            .projects
            .iter()
            .filter(|p| self.can(user, p, Perm::Browse))
            .collect();
        v.sort_by(|a, b| a.key.cmp(&b.key));
        v
    }

    pub fn subtasks(&self, parent: i64) -> Vec<&Issue> {
        self.issues
            .values()
            .filter(|i| i.parent == Some(parent))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_a_growing_set_of_permissions() {
        for (perm, ..) in PERMS {
            assert!(role_grants(Role::Administrators, *perm));
            if role_grants(Role::Users, *perm) {
                assert!(role_grants(Role::Developers, *perm), "{perm:?}");
            }
        }
        assert!(role_grants(Role::Users, Perm::Browse));
        assert!(!role_grants(Role::Users, Perm::Edit));
        assert!(role_grants(Role::Developers, Perm::Transition));
        assert!(!role_grants(Role::Developers, Perm::DeleteAllComments));
    }

    #[test]
    fn demo_permissions_match_the_readme() {
        let store = crate::seed::build(&crate::Config::default());
        let key = |name: &str| {
            store
                .users
                .iter()
                .find(|u| u.username == name)
                .map(|u| u.key.clone())
                .unwrap_or_default()
        };
        let docs = store
            .project("DOCS")
            .cloned()
            .unwrap_or_else(|| panic!("DOCS seeded"));
        let ops = store
            .project("ops")
            .cloned()
            .unwrap_or_else(|| panic!("OPS seeded"));
        assert!(store.can(&key("carol"), &docs, Perm::Create));
        assert!(!store.can(&key("carol"), &docs, Perm::Edit));
        assert!(!store.can(&key("carol"), &ops, Perm::Browse));
        assert!(store.can(&key("bob"), &docs, Perm::Edit));
        assert!(store.can(&key("admin"), &ops, Perm::AdministerProjects));
        assert!(store.browsable_projects(&key("dave")).is_empty());
        assert_eq!(store.issue_id("docs-1"), store.issue_id("DOCS-1"));
        assert!(store.issue_id("DOCS-1").is_some());
    }
}
