//! `comment …` and `attachment …`: what hangs off an issue, through `jiffy_core::ops`.

use crate::args::{AttachmentCommand, CommentCommand};
use crate::ctx::Ctx;
use crate::output::{table, Output};
use crate::work::user_label;
use jiffy_core::api::requests::AddComment;
use jiffy_core::ops;
use jiffy_core::{Error, Result};
use serde_json::json;

/// `comment …`
pub async fn comment(
    ctx: &Ctx,
    selected: Option<&str>,
    command: &CommentCommand,
) -> Result<Output> {
    let client = ctx.client(selected)?;
    let format = ops::text_format(&client);
    match command {
        CommentCommand::List { key } => {
            let comments = ops::comments(&client, key).await?;
            let text = comments
                .iter()
                .map(|c| {
                    format!(
                        "#{} {} ({}):\n{}",
                        c.id,
                        user_label(c.author.as_ref()),
                        c.created,
                        c.plain_text()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            Ok(Output::new(&comments, text))
        }
        CommentCommand::Add { key, text } => {
            let c = ops::comment_add(&client, key, &AddComment::new(format, text)).await?;
            let shown = format!("Added comment {} to {key}", c.id);
            Ok(Output::new(&c, shown))
        }
        CommentCommand::Edit { key, id, text } => {
            let c = ops::comment_update(&client, key, id, &AddComment::new(format, text)).await?;
            Ok(Output::new(&c, format!("Updated comment {id}")))
        }
        CommentCommand::Delete { key, id } => {
            ops::comment_delete(&client, key, id).await?;
            Ok(Output::new(
                &json!({ "id": id, "deleted": true }),
                format!("Deleted comment {id}"),
            ))
        }
    }
}

/// `attachment …`
pub async fn attachment(
    ctx: &Ctx,
    selected: Option<&str>,
    command: &AttachmentCommand,
) -> Result<Output> {
    let client = ctx.client(selected)?;
    match command {
        AttachmentCommand::Upload { key, files } => {
            let mut all = Vec::new();
            for file in files {
                let bytes = tokio::fs::read(file).await.map_err(|e| {
                    Error::InvalidInput(format!("could not read {}: {e}", file.display()))
                })?;
                let name = file
                    .file_name()
                    .map_or_else(|| "attachment".into(), |n| n.to_string_lossy().into_owned());
                all.extend(ops::attachment_upload(&client, key, &name, bytes).await?);
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|a| vec![a.id.clone(), a.size.to_string(), a.filename.clone()])
                .collect();
            Ok(Output::new(&all, table(&["ID", "BYTES", "FILE"], &rows)))
        }
        AttachmentCommand::Download { id, out } => {
            // Streamed to disk: attachments can be far larger than what fits in memory.
            let bytes = ops::attachment_download_to_file(&client, id, out).await?;
            let file = out.display().to_string();
            Ok(Output::new(
                &json!({ "id": id, "file": file, "bytes": bytes }),
                format!("Saved {bytes} bytes to {file}"),
            ))
        }
        AttachmentCommand::Delete { id } => {
            ops::attachment_delete(&client, id).await?;
            Ok(Output::new(
                &json!({ "id": id, "deleted": true }),
                format!("Deleted attachment {id}"),
            ))
        }
    }
}
