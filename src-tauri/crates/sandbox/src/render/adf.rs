//! Atlassian Document Format (v3 bodies) to and from the plain/wiki text the store keeps.
//!
//! Hand-written because no maintained Rust crate converts ADF; the subset is what Jira's own
//! editor produces for simple text: paragraphs, hard breaks, headings, lists and code blocks
//! are flattened to text on input; output is paragraphs of text.

use serde_json::{json, Value};

/// Text -> ADF document: blank lines separate paragraphs, single newlines become hardBreaks.
pub fn from_text(text: &str) -> Value {
    let paragraphs: Vec<Value> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let mut content = Vec::new();
            for (i, line) in p.split('\n').enumerate() {
                if i > 0 {
                    content.push(json!({ "type": "hardBreak" }));
                }
                if !line.is_empty() {
                    content.push(json!({ "type": "text", "text": line }));
                }
            }
            json!({ "type": "paragraph", "content": content })
        })
        .collect();
    json!({ "type": "doc", "version": 1, "content": paragraphs })
}

/// Is this value an ADF document (`{"type":"doc", "version":1, "content":[...]}`)?
pub fn is_doc(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("doc")
        && v.get("content").is_some_and(Value::is_array)
}

/// ADF document -> text (block nodes separated by blank lines).
pub fn to_text(v: &Value) -> String {
    let blocks = v
        .get("content")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    blocks
        .iter()
        .map(block_text)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block_text(node: &Value) -> String {
    let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
    let children = node
        .get("content")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match kind {
        "text" => node
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        "hardBreak" => "\n".to_string(),
        "mention" => node
            .pointer("/attrs/text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        "bulletList" | "orderedList" => children
            .iter()
            .map(|c| format!("* {}", block_text(c)))
            .collect::<Vec<_>>()
            .join("\n"),
        "paragraph" | "heading" | "codeBlock" | "listItem" | "blockquote" | "panel" => {
            let sep = if kind == "listItem" || kind == "blockquote" || kind == "panel" {
                "\n"
            } else {
                ""
            };
            children
                .iter()
                .map(block_text)
                .collect::<Vec<_>>()
                .join(sep)
        }
        _ => children.iter().map(block_text).collect::<Vec<_>>().join(""),
    }
}

/// Text -> simple HTML for `renderedFields` / `renderedBody`.
pub fn to_html(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            format!(
                "<p>{}</p>",
                crate::auth::html_escape(p).replace('\n', "<br/>\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_through_adf() {
        let text = "First paragraph\nsecond line\n\nSecond paragraph";
        let doc = from_text(text);
        assert!(is_doc(&doc));
        assert_eq!(doc["content"].as_array().map(Vec::len), Some(2));
        assert_eq!(doc["content"][0]["content"][1]["type"], "hardBreak");
        assert_eq!(to_text(&doc), text);
    }

    #[test]
    fn lists_and_mentions_flatten_to_text() {
        let doc = json!({"type": "doc", "version": 1, "content": [
            {"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "one"}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "mention", "attrs": {"text": "@Bob"}}]}]}
            ]}
        ]});
        assert_eq!(to_text(&doc), "* one\n* @Bob");
        assert!(!is_doc(&json!("plain")));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            to_html("a <b>\nc\n\nd"),
            "<p>a &lt;b&gt;<br/>\nc</p>\n<p>d</p>"
        );
    }
}
