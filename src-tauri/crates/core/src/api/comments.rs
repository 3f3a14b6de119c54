//! Comments: `Comment` and `PageOfComments` on Cloud (ADF bodies), `CommentJsonBean` and
//! `CommentsWithPaginationJsonBean` on DC (wiki bodies).

use super::rich_text::RichText;
use super::serde_util::null_as_default;
use super::users::User;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who can see a comment: members of a project role or of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Visibility {
    /// `role` or `group`.
    #[serde(rename = "type")]
    pub kind: VisibilityKind,
    /// The role or group name.
    #[serde(default)]
    pub value: String,
    /// Cloud: the group id or role name (preferred over `value` for groups).
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub identifier: Option<String>,
}

/// What a [`Visibility`] restricts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum VisibilityKind {
    /// A project role, e.g. "Developers".
    Role,
    /// A group, e.g. "jira-administrators".
    Group,
}

/// A comment on an issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Comment {
    /// Comment id.
    #[serde(default)]
    pub id: String,
    /// REST URL.
    #[serde(rename = "self")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub self_url: Option<String>,
    /// Author (absent for anonymous or deleted users).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub author: Option<User>,
    /// Last editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub update_author: Option<User>,
    /// The body: ADF on Cloud v3, wiki markup on v2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub body: Option<RichText>,
    /// The body as HTML, with `expand=renderedBody` (sanitize before showing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rendered_body: Option<String>,
    /// Created (ISO 8601).
    #[serde(default)]
    pub created: String,
    /// Last updated (ISO 8601).
    #[serde(default)]
    pub updated: String,
    /// Restriction, when the comment is not public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub visibility: Option<Visibility>,
    /// Jira Service Management: whether customers see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub jsd_public: Option<bool>,
}

impl Comment {
    /// Plain text of the body (empty without one).
    pub fn plain_text(&self) -> String {
        self.body
            .as_ref()
            .map(RichText::to_plain_text)
            .unwrap_or_default()
    }

    /// Whether the comment was edited after it was written.
    pub fn is_edited(&self) -> bool {
        !self.updated.is_empty() && self.updated != self.created
    }
}

/// One page of an issue's comments (also the shape of the issue's `comment` field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PageOfComments {
    /// The comments.
    #[serde(default, deserialize_with = "null_as_default")]
    pub comments: Vec<Comment>,
    /// Index of the first comment.
    #[serde(default)]
    #[ts(type = "number")]
    pub start_at: u64,
    /// Page size.
    #[serde(default)]
    #[ts(type = "number")]
    pub max_results: u64,
    /// Total number of comments.
    #[serde(default)]
    #[ts(type = "number")]
    pub total: u64,
}

impl PageOfComments {
    /// `startAt` of the next page, `None` after the last (or on an empty page).
    pub fn next_start_at(&self) -> Option<u64> {
        let next = self.start_at.saturating_add(self.comments.len() as u64);
        (!self.comments.is_empty() && next < self.total).then_some(next)
    }
}

#[cfg(test)]
mod tests;
