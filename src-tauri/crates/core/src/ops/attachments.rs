//! Attachments: upload (multipart with `X-Atlassian-Token: no-check`), download, delete.

use super::{call, call_unit, is_cloud, segment};
use crate::api::attachments::Attachment;
use crate::api::JiraClient;
use crate::error::{Error, Result};
use crate::http::error_from_reqwest;
use reqwest::Method;

/// Uploads one file to an issue; returns the attachments Jira created (one).
///
/// Errors: [`Error::Forbidden`] without the Create Attachments permission,
/// [`Error::Validation`] for a file over the size limit, HTTP and transport errors.
pub async fn attachment_upload(
    client: &JiraClient,
    key: &str,
    filename: &str,
    bytes: Vec<u8>,
) -> Result<Vec<Attachment>> {
    let path = client.api_path(&format!("issue/{}/attachments", segment(key)));
    // Called once per attempt, so each attempt builds a fresh form from the same bytes.
    let add_form = |builder: reqwest::RequestBuilder| {
        let part = reqwest::multipart::Part::bytes(bytes.clone()).file_name(filename.to_owned());
        builder
            // Jira's XSRF protection refuses multipart writes without it.
            .header("X-Atlassian-Token", "no-check")
            .multipart(reqwest::multipart::Form::new().part("file", part))
    };
    let response = client
        .send_custom(Method::POST, &path, &[], &add_form)
        .await?;
    let text = response.text().await.map_err(|e| error_from_reqwest(&e))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::Internal(format!("unexpected answer to the upload: {e}")))
}

/// An attachment's metadata.
///
/// Errors: [`Error::NotFound`], HTTP and transport errors.
pub async fn attachment_get(client: &JiraClient, id: &str) -> Result<Attachment> {
    let resource = format!("attachment/{}", segment(id));
    call(client, Method::GET, &resource, &[], None).await
}

/// An attachment's bytes. On Cloud from `attachment/content/{id}?redirect=false`, which
/// answers the bytes itself instead of a redirect to a short-lived media URL (a redirect on
/// the same host would carry the bearer token where it is not accepted); elsewhere from the
/// `content` link in the attachment's metadata (`/secure/attachment/{id}/{name}`).
///
/// Errors: [`Error::NotFound`], HTTP and transport errors.
pub async fn attachment_download(client: &JiraClient, id: &str) -> Result<Vec<u8>> {
    let rest_path = client.api_path(&format!("attachment/content/{}", segment(id)));
    let (path, query) = if is_cloud(client) {
        (rest_path, vec![("redirect", "false".to_owned())])
    } else {
        let meta = attachment_get(client, id).await?;
        // The content link is absolute; the client sends paths relative to its API root.
        let root = client.api_root();
        let path = meta
            .content
            .strip_prefix(root.as_str())
            .or_else(|| {
                meta.content
                    .strip_prefix(client.connection().base_url.as_str())
            })
            .filter(|p| p.starts_with('/'))
            .map(str::to_owned)
            .unwrap_or(rest_path);
        (path, Vec::new())
    };
    let response = client
        .send_custom(Method::GET, &path, &query, &|builder| {
            builder.header(reqwest::header::ACCEPT, "*/*")
        })
        .await?;
    let bytes = response.bytes().await.map_err(|e| error_from_reqwest(&e))?;
    Ok(bytes.to_vec())
}

/// Deletes an attachment.
///
/// Errors: [`Error::Forbidden`], [`Error::NotFound`], HTTP and transport errors.
pub async fn attachment_delete(client: &JiraClient, id: &str) -> Result<()> {
    let resource = format!("attachment/{}", segment(id));
    call_unit(client, Method::DELETE, &resource, &[], None).await
}
