//! Attachments: `Attachment`/`AttachmentMetadata` on Cloud (whose id is a number in one and
//! a string in the other), `AttachmentJsonBean` on DC, and the upload answer (an array).

use super::serde_util::string_or_number;
use super::users::User;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A file attached to an issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attachment {
    /// Attachment id (always a string here).
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// REST URL of the metadata.
    #[serde(rename = "self")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub self_url: Option<String>,
    /// File name.
    #[serde(default)]
    pub filename: String,
    /// Who attached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub author: Option<User>,
    /// When (ISO 8601).
    #[serde(default)]
    pub created: String,
    /// Size in bytes.
    #[serde(default)]
    #[ts(type = "number")]
    pub size: u64,
    /// MIME type.
    #[serde(default)]
    pub mime_type: String,
    /// Download URL (DC: `{base}/secure/attachment/{id}/{filename}`; Cloud:
    /// `/rest/api/3/attachment/content/{id}`).
    #[serde(default)]
    pub content: String,
    /// Thumbnail URL, for images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub thumbnail: Option<String>,
}

impl Attachment {
    /// Whether the UI can preview it as an image.
    pub fn is_image(&self) -> bool {
        self.mime_type.starts_with("image/")
    }
}

/// `GET /attachment/meta`: whether attachments are on, and the size limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentSettings {
    /// Whether attachments are enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Maximum size of one file, in bytes.
    #[serde(default)]
    #[ts(type = "number")]
    pub upload_limit: u64,
}

#[cfg(test)]
mod tests;
