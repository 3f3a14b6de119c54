//! A JQL subset that behaves like Jira's: lexer, parser, validation, evaluation, ordering,
//! the autocomplete reference data and value suggestions.
//!
//! Hand-written on purpose: no JQL crate exists on crates.io, and JQL's grammar is small enough
//! that a lexer plus a recursive-descent parser (`parser.rs`, `operands.rs`) stays readable.
//! Messages keep Jira's own wording, taken from Jira's functional tests (`TestJqlParsing`,
//! `TestOperatorMatrix`, `TestSystemFieldLiterals`), Jira's `SearchSortUtilImpl` (default
//! order), Atlassian's OpenAPI examples (`POST /rest/api/3/jql/parse`, autocomplete
//! suggestions) and errors reported from live sites.
//!
//! Use: [`parse`] (syntax, fields, operators, functions, date formats) → [`Query::validate`]
//! (values against the site's catalog) → optionally [`Query::validate_issues`] (keys and ids)
//! → [`Query::matches`] per issue → [`Query::sort`].
//!
//! Semantics worth knowing (each as Jira does it):
//! - `!=` and `NOT IN` never match an empty field; `NOT field = x` does.
//! - An unquoted number is an id (`status = 3`); a quoted one is a name, or an id when no name
//!   matches (`status = '3'`); `key = '10000'` is an invalid key.
//! - `resolution = Unresolved` is `resolution IS EMPTY`.
//! - `~` is word search: case-insensitive, light stemming, `win*`, `"\"exact phrase\""`,
//!   terms AND-ed unless `OR` stands between them, `-term` excludes.
//! - Without ORDER BY: key descending, or relevance when the query searches text.
//!
//! Known differences: history operators (`WAS`, `CHANGED`) are refused; the week starts on
//! Sunday (Jira's English default, not the user's locale); relevance is a word count rather
//! than Lucene's score; ids of types, statuses, priorities and resolutions are not checked by
//! `validate` (the catalog carries names only).

mod autocomplete;
mod dates;
mod eval;
mod fields;
mod lexer;
mod operands;
mod parser;
mod resolve;
mod sort;
mod text;
mod validate;

#[cfg(test)]
mod tests_eval;
#[cfg(test)]
mod tests_misc;
#[cfg(test)]
mod tests_parse;

pub use autocomplete::{autocomplete_data, suggestions};

/// A user as JQL sees one: any of these identifiers finds them (case-insensitively).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRef {
    /// Cloud account id.
    pub account_id: String,
    /// DC login name.
    pub username: String,
    /// DC user key.
    pub key: String,
    /// Full name.
    pub display_name: String,
    /// Email address.
    pub email: String,
}

/// The searchable facts of one issue, as the server hands them to the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueFacts {
    /// Numeric issue id.
    pub id: i64,
    /// Issue key, e.g. `DOC-12`.
    pub key: String,
    /// Project key.
    pub project_key: String,
    /// Project id.
    pub project_id: String,
    /// Project name.
    pub project_name: String,
    /// Issue type name.
    pub issue_type: String,
    /// Issue type id.
    pub issue_type_id: String,
    /// Status name.
    pub status: String,
    /// Status id.
    pub status_id: String,
    /// `"new"` | `"indeterminate"` | `"done"`.
    pub status_category_key: String,
    /// `"To Do"` | `"In Progress"` | `"Done"`.
    pub status_category_name: String,
    /// Assignee, if any.
    pub assignee: Option<UserRef>,
    /// Reporter, if any.
    pub reporter: Option<UserRef>,
    /// Priority name, if any.
    pub priority: Option<String>,
    /// Priority id, if any.
    pub priority_id: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Resolution name; `None` means unresolved.
    pub resolution: Option<String>,
    /// Summary.
    pub summary: String,
    /// Description as plain text.
    pub description: String,
    /// Comment bodies as plain text.
    pub comments: Vec<String>,
    /// Creation time.
    pub created: time::OffsetDateTime,
    /// Last update time.
    pub updated: time::OffsetDateTime,
    /// Due date, if any.
    pub duedate: Option<time::Date>,
}

/// What exists on the site, for [`Query::validate`] ("The value 'X' does not exist ...").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// `(key, id, name)` of every project the caller may see.
    pub projects: Vec<(String, String, String)>,
    /// Issue type names.
    pub issue_types: Vec<String>,
    /// Status names.
    pub statuses: Vec<String>,
    /// Status category names (empty: Jira's built-in three are used).
    pub status_categories: Vec<String>,
    /// Priority names.
    pub priorities: Vec<String>,
    /// Resolution names.
    pub resolutions: Vec<String>,
    /// Users.
    pub users: Vec<UserRef>,
}

/// The moment and the caller a query is evaluated for.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalContext {
    /// "Now" for relative dates and date functions; its offset is the zone dates are read in.
    pub now: time::OffsetDateTime,
    /// The caller, for `currentUser()`; `None` is anonymous (matches nobody).
    pub current_user: Option<UserRef>,
}

/// A rejected query: Jira-worded messages for `errorMessages` (answer 400).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JqlError {
    /// One message per problem, worded as Jira words them.
    pub messages: Vec<String>,
}

impl JqlError {
    pub(crate) fn one(message: impl Into<String>) -> JqlError {
        JqlError {
            messages: vec![message.into()],
        }
    }
}

impl std::fmt::Display for JqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.messages.join(" "))
    }
}

impl std::error::Error for JqlError {}

/// A parsed JQL query: an optional WHERE tree and an optional ORDER BY list.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub(crate) clause: Option<parser::Clause>,
    pub(crate) order_by: Option<Vec<parser::SortKey>>,
}

/// Parses JQL; blank JQL matches everything. Syntax errors come first (one message, with
/// Jira's `(line L, character C)`); then unknown fields, unsupported operators, unknown
/// functions and bad dates are all reported together, as Jira does.
pub fn parse(jql: &str) -> Result<Query, JqlError> {
    parser::parse_query(jql)
}

impl Query {
    /// Checks literal values against the site's catalog (projects, statuses, users, ...).
    pub fn validate(&self, catalog: &Catalog) -> Result<(), JqlError> {
        validate::validate(self, catalog)
    }

    /// Checks issue keys and ids in `key`/`issuekey`/`id` clauses against the issues the
    /// caller can see ("An issue with key 'X' does not exist for field 'key'.").
    pub fn validate_issues(
        &self,
        key_exists: impl Fn(&str) -> bool,
        id_exists: impl Fn(i64) -> bool,
    ) -> Result<(), JqlError> {
        validate::validate_issues(self, &key_exists, &id_exists)
    }

    /// Whether `issue` satisfies the WHERE clause (always true without one).
    pub fn matches(&self, issue: &IssueFacts, ctx: &EvalContext) -> bool {
        match &self.clause {
            None => true,
            Some(clause) => eval::eval_clause(clause, issue, ctx),
        }
    }

    /// Orders issues by ORDER BY; without one, Jira's default: issue key descending, or
    /// relevance first when the query searches text (`~`).
    pub fn sort(&self, issues: &mut Vec<&IssueFacts>) {
        sort::sort_issues(self.clause.as_ref(), self.order_by.as_deref(), issues);
    }

    /// Whether the query has a WHERE clause (Cloud's `search/jql` refuses unbounded queries).
    pub fn is_bounded(&self) -> bool {
        self.clause.is_some()
    }
}
