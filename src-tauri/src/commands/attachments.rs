//! Attachments of an issue: upload a local file, download to a chosen path, delete, and a
//! small image preview as a `data:` URL (the webview never fetches from Jira itself).

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use base64::Engine;
use jiffy_core::api::attachments::Attachment;
use jiffy_core::api::issue_view::AttachmentView;
use jiffy_core::ops;
use std::path::{Path, PathBuf};
use tauri::State;

/// Previews are for small images only: bigger files are downloaded, not inlined.
pub const THUMBNAIL_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// File name endings of the raster images a preview is tried for.
const IMAGE_EXTENSIONS: &[&str] = &["png", "gif", "jpg", "jpeg", "webp", "bmp"];

fn view(a: Attachment) -> AttachmentView {
    AttachmentView {
        id: a.id,
        filename: a.filename,
        size: a.size,
        mime_type: a.mime_type,
        author: a.author.map(|u| u.display_name),
        created: a.created,
    }
}

/// Uploads one local file (a path from the file dialog or a drop) to the issue; the UI calls
/// it once per file so each file has its own progress line. Returns what Jira created.
///
/// Errors: `invalidInput` when the file cannot be read; `forbidden` without the Create
/// Attachments permission; `validation` for a file over Jira's limit; `network`.
#[tauri::command]
pub async fn attachment_upload(
    state: State<'_, AppState>,
    connection: String,
    key: String,
    path: PathBuf,
) -> CmdResult<Vec<AttachmentView>> {
    let filename = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| IpcError::InvalidInput {
            message: format!("{} is not a file", path.display()),
        })?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|e| IpcError::InvalidInput {
            message: format!("could not read {}: {e}", path.display()),
        })?;
    let client = state.live_client(&connection).await?;
    let created = ops::attachment_upload(&client, &key, &filename, bytes).await?;
    Ok(created.into_iter().map(view).collect())
}

/// Streams an attachment to `path` (chosen with the save dialog); returns the bytes written.
/// A failed download leaves no partial file and keeps an existing one.
///
/// Errors: `notFound`; `invalidInput` when `path` cannot be written; `network`.
#[tauri::command]
pub async fn attachment_download(
    state: State<'_, AppState>,
    connection: String,
    id: String,
    path: PathBuf,
) -> CmdResult<u64> {
    let client = state.live_client(&connection).await?;
    Ok(ops::attachment_download_to_file(&client, &id, Path::new(&path)).await?)
}

/// Deletes an attachment.
///
/// Errors: `forbidden`, `notFound`, `network`.
#[tauri::command]
pub async fn attachment_delete(
    state: State<'_, AppState>,
    connection: String,
    id: String,
) -> CmdResult<()> {
    let client = state.live_client(&connection).await?;
    Ok(ops::attachment_delete(&client, &id).await?)
}

/// A preview of an image attachment as a `data:` URL, or `null` for anything that is not a
/// raster image under [`THUMBNAIL_MAX_BYTES`] (the UI then shows no preview).
///
/// Errors: `notFound`, `network`.
#[tauri::command]
pub async fn attachment_thumbnail(
    state: State<'_, AppState>,
    connection: String,
    id: String,
) -> CmdResult<Option<String>> {
    let client = state.live_client(&connection).await?;
    let meta = ops::attachment_get(&client, &id).await?;
    if !may_be_image(&meta) {
        return Ok(None);
    }
    let bytes = ops::attachment_download(&client, &id).await?;
    // The metadata may understate the size; the limit holds for what actually arrived.
    if bytes.len() as u64 > THUMBNAIL_MAX_BYTES {
        return Ok(None);
    }
    Ok(sniff_raster(&bytes).map(|mime| data_url(mime, &bytes)))
}

/// Whether an attachment is worth downloading for a preview: small, and an image by its MIME
/// type or (uploads that did not say their type are `application/octet-stream`) by its name.
fn may_be_image(meta: &Attachment) -> bool {
    let by_name = meta
        .filename
        .rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
    meta.size <= THUMBNAIL_MAX_BYTES && (meta.is_image() || by_name)
}

/// The raster type the bytes really are, by their signature. The `data:` URL's type comes
/// from here rather than from Jira's metadata, so an SVG or HTML file named `x.png` is never
/// inlined as an image (SVG is excluded entirely: it is a document that can hold script).
fn sniff_raster(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"BM", "image/bmp"),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, mime)| *mime)
}

/// `data:{mime};base64,…`.
pub(crate) fn data_url(mime: &str, bytes: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{mime};base64,{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(filename: &str, mime_type: &str, size: u64) -> Attachment {
        Attachment {
            filename: filename.to_owned(),
            mime_type: mime_type.to_owned(),
            size,
            ..Default::default()
        }
    }

    #[test]
    fn small_images_by_type_or_name_are_worth_a_preview() {
        assert!(may_be_image(&meta("a", "image/png", 10)));
        assert!(may_be_image(&meta("a.JPG", "application/octet-stream", 10)));
        assert!(!may_be_image(&meta("a.txt", "text/plain", 10)));
        assert!(!may_be_image(&meta(
            "a.png",
            "image/png",
            THUMBNAIL_MAX_BYTES + 1
        )));
    }

    #[test]
    fn the_preview_type_comes_from_the_bytes() {
        assert_eq!(sniff_raster(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff_raster(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff_raster(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff_raster(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff_raster(b"<svg onload=alert(1)>"), None);
        assert_eq!(sniff_raster(b"<html>"), None);
        assert_eq!(sniff_raster(b""), None);
    }

    #[test]
    fn data_urls_carry_the_bytes_in_base64() {
        assert_eq!(
            data_url("image/png", b"\x89PNG"),
            "data:image/png;base64,iVBORw=="
        );
    }
}
