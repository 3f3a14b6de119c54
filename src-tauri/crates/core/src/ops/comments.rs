//! Comments of an issue.

use super::{call, call_unit, segment, to_json};
use crate::api::comments::{Comment, PageOfComments};
use crate::api::requests::AddComment;
use crate::api::JiraClient;
use crate::error::Result;
use reqwest::Method;

/// Every comment of an issue, oldest first, all pages.
///
/// Errors: [`crate::Error::NotFound`], HTTP and transport errors.
pub async fn comments(client: &JiraClient, key: &str) -> Result<Vec<Comment>> {
    let resource = format!("issue/{}/comment", segment(key));
    let mut all = Vec::new();
    let mut start = Some(0);
    while let Some(at) = start {
        let query = [("startAt", at.to_string())];
        let page: PageOfComments = call(client, Method::GET, &resource, &query, None).await?;
        start = page.next_start_at();
        all.extend(page.comments);
    }
    Ok(all)
}

/// Adds a comment; returns it as Jira stored it.
///
/// Errors: [`crate::Error::Validation`] (an empty body, an unknown visibility role or group),
/// [`crate::Error::Forbidden`], HTTP and transport errors.
pub async fn comment_add(client: &JiraClient, key: &str, body: &AddComment) -> Result<Comment> {
    let resource = format!("issue/{}/comment", segment(key));
    call(client, Method::POST, &resource, &[], Some(&to_json(body)?)).await
}

/// Replaces a comment's body (and visibility); returns the updated comment.
///
/// Errors: as [`comment_add`]; [`crate::Error::NotFound`] for an unknown comment id.
pub async fn comment_update(
    client: &JiraClient,
    key: &str,
    id: &str,
    body: &AddComment,
) -> Result<Comment> {
    let resource = format!("issue/{}/comment/{}", segment(key), segment(id));
    call(client, Method::PUT, &resource, &[], Some(&to_json(body)?)).await
}

/// Deletes a comment.
///
/// Errors: [`crate::Error::Forbidden`], [`crate::Error::NotFound`], HTTP and transport errors.
pub async fn comment_delete(client: &JiraClient, key: &str, id: &str) -> Result<()> {
    let resource = format!("issue/{}/comment/{}", segment(key), segment(id));
    call_unit(client, Method::DELETE, &resource, &[], None).await
}
