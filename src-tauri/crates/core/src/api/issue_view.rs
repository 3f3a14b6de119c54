//! The issue as the detail panel shows it: the typed system fields, every other field as a
//! [`FieldEntry`], and description and comments as **sanitized** HTML, from one
//! `GET issue/{key}?expand=renderedFields,names,schema` on either deployment.
//!
//! HTML comes from Jira's `renderedFields` when it sent them (both Data Center and Cloud
//! do for that expansion); otherwise the body (ADF on Cloud, wiki markup on Data Center) is
//! turned into Markdown by [`crate::adf`] and rendered here, with any raw HTML in it shown
//! as text. Either way it goes through [`html::sanitize_for_site`] last.

use super::comments::Comment;
use super::display::{display_value, FieldEntry};
use super::fields::FieldKind;
use super::html;
use super::issue_types::IssueType;
use super::issues::{Issue, IssueRef};
use super::priorities::Priority;
use super::rich_text::RichText;
use super::statuses::Status;
use super::users::User;
use ammonia::Url;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// The expansions [`IssueView::from_issue`] reads; ask `issue_get` for these.
pub const ISSUE_VIEW_EXPAND: &str = "renderedFields,names,schema";

/// One issue, ready for the detail panel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IssueView {
    /// Issue id.
    pub id: String,
    /// Key, e.g. `ABC-123`.
    pub key: String,
    /// Summary (empty when not visible).
    pub summary: String,
    /// Status, with its category (to-do, in progress, done).
    pub status: Option<Status>,
    /// Issue type.
    pub issue_type: Option<IssueType>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Assignee (`None`: unassigned).
    pub assignee: Option<User>,
    /// Reporter.
    pub reporter: Option<User>,
    /// Created (ISO 8601).
    pub created: Option<String>,
    /// Updated (ISO 8601).
    pub updated: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Component names.
    pub components: Vec<String>,
    /// Fix version names.
    pub fix_versions: Vec<String>,
    /// The parent (of a subtask, or on Cloud of an epic's child).
    pub parent: Option<IssueRef>,
    /// Subtasks.
    pub subtasks: Vec<IssueRef>,
    /// Links to other issues, phrased from this issue's side.
    pub links: Vec<LinkView>,
    /// Attachments.
    pub attachments: Vec<AttachmentView>,
    /// The description as sanitized HTML (empty without one).
    pub description_html: String,
    /// Every other field with a value, custom fields first (by name).
    pub fields: Vec<FieldEntry>,
    /// The first page of comments, oldest first, bodies as sanitized HTML.
    pub comments: Vec<CommentView>,
    /// How many comments the issue has in all.
    #[ts(type = "number")]
    pub comments_total: u64,
}

/// A link to another issue, e.g. "blocks" ABC-2.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LinkView {
    /// Link id.
    pub id: String,
    /// The phrase from this issue's side, e.g. "is blocked by".
    pub relation: String,
    /// The other issue.
    pub issue: IssueRef,
}

/// An attachment as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentView {
    /// Attachment id.
    pub id: String,
    /// File name.
    pub filename: String,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// MIME type.
    pub mime_type: String,
    /// Who attached it (display name).
    pub author: Option<String>,
    /// When (ISO 8601).
    pub created: String,
}

/// A comment with its body as sanitized HTML.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CommentView {
    /// Comment id.
    pub id: String,
    /// Author (absent for anonymous or deleted users).
    pub author: Option<User>,
    /// Created (ISO 8601).
    pub created: String,
    /// Last updated (ISO 8601).
    pub updated: String,
    /// The body as sanitized HTML.
    pub body_html: String,
}

impl IssueView {
    /// The view of an issue fetched with [`ISSUE_VIEW_EXPAND`]; `site` (the connection's
    /// base URL) resolves Jira's relative links. Never fails: missing parts stay empty.
    pub fn from_issue(issue: &Issue, site: Option<&Url>) -> IssueView {
        let f = &issue.fields;
        let rendered = issue.rendered_fields.as_ref();
        let rendered_str = |id: &str| rendered.and_then(|r| r.get(id)).and_then(Value::as_str);
        let description_html = match (rendered_str("description"), &f.description) {
            (Some(html), _) => html::sanitize_for_site(html, site),
            (None, Some(body)) => rich_text_html(body, site),
            (None, None) => String::new(),
        };
        let rendered_comments = rendered
            .and_then(|r| r.get("comment"))
            .and_then(|c| c.get("comments"))
            .and_then(Value::as_array);
        let page = f.comment.clone().unwrap_or_default();
        let comments = page
            .comments
            .iter()
            .map(|c| comment_view(c, rendered_comments, site))
            .collect();
        IssueView {
            id: issue.id.clone(),
            key: issue.key.clone(),
            summary: f.summary.clone().unwrap_or_default(),
            status: f.status.clone(),
            issue_type: f.issuetype.clone(),
            priority: f.priority.clone(),
            assignee: f.assignee.clone(),
            reporter: f.reporter.clone(),
            created: f.created.clone(),
            updated: f.updated.clone(),
            labels: f.labels.clone(),
            components: f.components.iter().map(|c| c.name.clone()).collect(),
            fix_versions: f.fix_versions.iter().map(|v| v.name.clone()).collect(),
            parent: f.parent.clone(),
            subtasks: f.subtasks.clone(),
            links: f
                .issuelinks
                .iter()
                .filter_map(|l| {
                    l.describe().map(|(relation, other)| LinkView {
                        id: l.id.clone(),
                        relation: relation.to_owned(),
                        issue: other.clone(),
                    })
                })
                .collect(),
            attachments: f
                .attachment
                .iter()
                .map(|a| AttachmentView {
                    id: a.id.clone(),
                    filename: a.filename.clone(),
                    size: a.size,
                    mime_type: a.mime_type.clone(),
                    author: a.author.as_ref().map(|u| u.display_name.clone()),
                    created: a.created.clone(),
                })
                .collect(),
            description_html,
            fields: field_entries(issue),
            comments_total: page.total.max(page.comments.len() as u64),
            comments,
        }
    }
}

/// The comment's HTML: Jira's rendered body (from `renderedFields.comment`, matched by id,
/// or `renderedBody`), else its body rendered here.
fn comment_view(c: &Comment, rendered: Option<&Vec<Value>>, site: Option<&Url>) -> CommentView {
    let from_fields = rendered
        .and_then(|all| {
            all.iter()
                .find(|r| r.get("id").and_then(Value::as_str) == Some(c.id.as_str()))
        })
        .and_then(|r| r.get("body"))
        .and_then(Value::as_str);
    let body_html = match (from_fields.or(c.rendered_body.as_deref()), &c.body) {
        (Some(html), _) => html::sanitize_for_site(html, site),
        (None, Some(body)) => rich_text_html(body, site),
        (None, None) => String::new(),
    };
    CommentView {
        id: c.id.clone(),
        author: c.author.clone(),
        created: c.created.clone(),
        updated: c.updated.clone(),
        body_html,
    }
}

/// HTML for a body Jira did not render: ADF or wiki markup → Markdown → HTML, sanitized.
fn rich_text_html(body: &RichText, site: Option<&Url>) -> String {
    use pulldown_cmark::{html::push_html, Event, Parser};
    let markdown = body.to_markdown();
    // Raw HTML in a body is text someone typed, not markup: show it as text.
    let events = Parser::new(&markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    push_html(&mut out, events);
    html::sanitize_for_site(&out, site)
}

/// The untyped fields (custom fields included), then the typed system fields the panel has
/// no place for (environment, resolution, dates, affects versions).
fn field_entries(issue: &Issue) -> Vec<FieldEntry> {
    let f = &issue.fields;
    let mut entries = issue.other_field_entries();
    let name = |id: &str, default: &str| {
        issue
            .names
            .as_ref()
            .and_then(|n| n.get(id))
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    };
    let mut push = |id: &str, default: &str, value: Value, text: String, kind: FieldKind| {
        if !text.is_empty() {
            entries.push(FieldEntry {
                id: id.to_owned(),
                name: name(id, default),
                value,
                text,
                kind,
            });
        }
    };
    if let Some(env) = &f.environment {
        push(
            "environment",
            "Environment",
            env.to_json(),
            env.to_plain_text(),
            FieldKind::RichText,
        );
    }
    if let Some(resolution) = &f.resolution {
        let value = serde_json::to_value(resolution).unwrap_or(Value::Null);
        let text = resolution.name.clone();
        push("resolution", "Resolution", value, text, FieldKind::Unknown);
    }
    for (id, default, date, kind) in [
        ("duedate", "Due date", &f.duedate, FieldKind::Date),
        (
            "resolutiondate",
            "Resolved",
            &f.resolutiondate,
            FieldKind::DateTime,
        ),
    ] {
        if let Some(date) = date {
            push(id, default, Value::from(date.clone()), date.clone(), kind);
        }
    }
    if !f.versions.is_empty() {
        let value = serde_json::to_value(&f.versions).unwrap_or(Value::Null);
        let text = display_value(&value);
        push(
            "versions",
            "Affects versions",
            value,
            text,
            FieldKind::Versions,
        );
    }
    entries
}

pub use super::issue_row::{IssueRow, ISSUE_ROW_FIELDS};

#[cfg(test)]
mod tests;
