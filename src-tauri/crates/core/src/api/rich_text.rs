//! Rich-text bodies: ADF documents on Cloud (REST v3), wiki-markup strings on Data Center
//! (REST v2). One type holds either, so models stay the same on both deployments.

use crate::adf;
use crate::config::Deployment;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a deployment's API writes rich text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TextFormat {
    /// Atlassian Document Format JSON (Cloud, REST v3).
    Adf,
    /// Jira wiki markup (Data Center and Server, REST v2).
    Wiki,
}

impl TextFormat {
    /// The format Jiffy uses with a deployment: v3 and ADF on Cloud, v2 and wiki elsewhere.
    pub fn for_deployment(deployment: Deployment) -> Self {
        match deployment {
            Deployment::Cloud => TextFormat::Adf,
            Deployment::DataCenter | Deployment::Server => TextFormat::Wiki,
        }
    }
}

/// A rich-text value as Jira sent it: a wiki-markup string (v2) or an ADF document (v3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum RichText {
    /// A REST v2 body: wiki markup (or plain text).
    Wiki(String),
    /// A REST v3 body: an ADF document.
    Adf(serde_json::Value),
}

impl RichText {
    /// The body for Markdown typed by the user, in the deployment's format.
    pub fn from_markdown(format: TextFormat, markdown: &str) -> Self {
        match format {
            TextFormat::Adf => RichText::Adf(adf::markdown_to_adf(markdown)),
            TextFormat::Wiki => RichText::Wiki(adf::markdown_to_wiki(markdown)),
        }
    }

    /// Which format this body is in.
    pub fn format(&self) -> TextFormat {
        match self {
            RichText::Wiki(_) => TextFormat::Wiki,
            RichText::Adf(_) => TextFormat::Adf,
        }
    }

    /// Plain text, for lists, previews and notifications.
    pub fn to_plain_text(&self) -> String {
        match self {
            RichText::Wiki(text) => adf::wiki_to_plain_text(text),
            RichText::Adf(doc) => adf::to_plain_text(doc),
        }
    }

    /// Markdown, to edit the body in Jiffy's text box.
    pub fn to_markdown(&self) -> String {
        match self {
            RichText::Wiki(text) => adf::wiki_to_markdown(text),
            RichText::Adf(doc) => adf::adf_to_markdown(doc),
        }
    }

    /// The JSON value to send back to Jira.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            RichText::Wiki(text) => serde_json::Value::String(text.clone()),
            RichText::Adf(doc) => doc.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
