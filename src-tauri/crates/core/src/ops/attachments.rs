//! Attachments: upload (multipart with `X-Atlassian-Token: no-check`), download (streamed to
//! a file, or in memory for previews), delete.

use super::{call, call_unit, is_cloud, segment};
use crate::api::attachments::Attachment;
use crate::api::JiraClient;
use crate::error::{Error, Result};
use crate::http::error_from_reqwest;
use reqwest::Method;
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

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

/// An attachment's bytes, in memory: for small files the app shows inline (image previews).
/// Files the user saves go through [`attachment_download_to_file`], which never holds the
/// whole file in memory.
///
/// Errors: [`Error::NotFound`], HTTP and transport errors.
pub async fn attachment_download(client: &JiraClient, id: &str) -> Result<Vec<u8>> {
    let response = content_response(client, id).await?;
    let bytes = response.bytes().await.map_err(|e| error_from_reqwest(&e))?;
    Ok(bytes.to_vec())
}

/// Streams an attachment's bytes to `dest`, chunk by chunk, and returns how many bytes were
/// written. The bytes go to a temporary file in `dest`'s directory that is renamed to `dest`
/// only once the whole body has arrived and is on disk, so a failed download never leaves a
/// half file (nor clobbers an existing `dest`).
///
/// Errors: [`Error::NotFound`], HTTP and transport errors (also mid-body);
/// [`Error::InvalidInput`] when the file cannot be created or written.
pub async fn attachment_download_to_file(
    client: &JiraClient,
    id: &str,
    dest: &Path,
) -> Result<u64> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_error =
        |e: std::io::Error| Error::InvalidInput(format!("could not write {}: {e}", dest.display()));
    // Before the request, so an unwritable destination costs no download.
    let temp = tempfile::Builder::new()
        .prefix(".jiffy-download-")
        .tempfile_in(&dir)
        .map_err(file_error)?;
    let mut response = content_response(client, id).await?;
    let mut file = tokio::fs::File::from_std(temp.as_file().try_clone().map_err(file_error)?);
    let mut written: u64 = 0;
    while let Some(chunk) = response.chunk().await.map_err(|e| error_from_reqwest(&e))? {
        file.write_all(&chunk).await.map_err(file_error)?;
        written += chunk.len() as u64;
    }
    file.flush().await.map_err(file_error)?;
    file.sync_all().await.map_err(file_error)?;
    drop(file);
    // On any error above `temp` is dropped, which deletes the partial file.
    temp.persist(dest).map_err(|e| file_error(e.error))?;
    Ok(written)
}

/// The successful answer carrying an attachment's bytes. On Cloud from
/// `attachment/content/{id}?redirect=false`, which answers the bytes itself instead of a
/// redirect to a short-lived media URL; elsewhere from the `content` link in the attachment's
/// metadata (`/secure/attachment/{id}/{name}`).
async fn content_response(client: &JiraClient, id: &str) -> Result<reqwest::Response> {
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
    client
        .send_custom(Method::GET, &path, &query, &|builder| {
            builder.header(reqwest::header::ACCEPT, "*/*")
        })
        .await
}

/// Deletes an attachment.
///
/// Errors: [`Error::Forbidden`], [`Error::NotFound`], HTTP and transport errors.
pub async fn attachment_delete(client: &JiraClient, id: &str) -> Result<()> {
    let resource = format!("attachment/{}", segment(id));
    call_unit(client, Method::DELETE, &resource, &[], None).await
}

#[cfg(test)]
mod tests;
