//! Writing the document model as ADF JSON that Jira Cloud accepts (doc version 1).

use super::doc::{normalize_inlines, Block, Inline};
use serde_json::{json, Map, Value};

/// The whole document: `{"type":"doc","version":1,"content":[…]}`.
pub(crate) fn write_document(blocks: &[Block]) -> Value {
    json!({ "type": "doc", "version": 1, "content": write_blocks(blocks) })
}

fn write_blocks(blocks: &[Block]) -> Vec<Value> {
    blocks.iter().map(write_block).collect()
}

fn node(kind: &str, content: Vec<Value>) -> Value {
    let mut map = Map::new();
    map.insert("type".into(), Value::from(kind));
    // ADF allows a paragraph without content; an empty array is also accepted, but omitting
    // it matches what Jira's own editor sends.
    if !content.is_empty() {
        map.insert("content".into(), Value::Array(content));
    }
    Value::Object(map)
}

fn write_block(block: &Block) -> Value {
    match block {
        Block::Paragraph(content) => node("paragraph", write_inlines(content)),
        Block::Heading { level, content } => {
            let mut value = node("heading", write_inlines(content));
            value["attrs"] = json!({ "level": (*level).clamp(1, 6) });
            value
        }
        Block::BulletList(items) => node("bulletList", write_items(items)),
        Block::OrderedList { start, items } => {
            let mut value = node("orderedList", write_items(items));
            value["attrs"] = json!({ "order": start });
            value
        }
        Block::Code { language, text } => {
            let content = if text.is_empty() {
                Vec::new()
            } else {
                vec![json!({ "type": "text", "text": text })]
            };
            let mut value = node("codeBlock", content);
            if let Some(language) = language {
                value["attrs"] = json!({ "language": language });
            }
            value
        }
        Block::Quote(blocks) => {
            // ADF's blockquote takes paragraphs, lists and code blocks, not headings or rules.
            let inner: Vec<Block> = blocks
                .iter()
                .map(|b| match b {
                    Block::Heading { content, .. } => Block::Paragraph(content.clone()),
                    Block::Quote(inner) => Block::Paragraph(inner_text(inner)),
                    other => other.clone(),
                })
                .filter(|b| *b != Block::Rule)
                .collect();
            node("blockquote", write_blocks(&inner))
        }
        Block::Rule => node("rule", Vec::new()),
    }
}

fn inner_text(blocks: &[Block]) -> Vec<Inline> {
    vec![Inline::text(
        super::doc::blocks_plain(blocks),
        &Default::default(),
    )]
}

fn write_items(items: &[Vec<Block>]) -> Vec<Value> {
    items
        .iter()
        .map(|item| {
            // A listItem must start with a paragraph (or list/code block) and not be empty.
            let mut blocks = item.clone();
            if !matches!(
                blocks.first(),
                Some(Block::Paragraph(_) | Block::BulletList(_) | Block::OrderedList { .. })
                    | Some(Block::Code { .. })
            ) {
                blocks.insert(0, Block::Paragraph(Vec::new()));
            }
            let blocks: Vec<Block> = blocks
                .into_iter()
                .map(|b| match b {
                    Block::Heading { content, .. } => Block::Paragraph(content),
                    other => other,
                })
                .collect();
            node("listItem", write_blocks(&blocks))
        })
        .collect()
}

fn write_inlines(inlines: &[Inline]) -> Vec<Value> {
    normalize_inlines(inlines.to_vec())
        .iter()
        .map(|inline| match inline {
            Inline::Text { text, marks } => {
                let mut list = Vec::new();
                // ADF: the code mark combines only with link.
                if marks.code {
                    list.push(json!({ "type": "code" }));
                } else {
                    if marks.strong {
                        list.push(json!({ "type": "strong" }));
                    }
                    if marks.em {
                        list.push(json!({ "type": "em" }));
                    }
                    if marks.strike {
                        list.push(json!({ "type": "strike" }));
                    }
                }
                if let Some(href) = &marks.link {
                    list.push(json!({ "type": "link", "attrs": { "href": href } }));
                }
                let mut value = json!({ "type": "text", "text": text });
                if !list.is_empty() {
                    value["marks"] = Value::Array(list);
                }
                value
            }
            Inline::HardBreak => json!({ "type": "hardBreak" }),
            Inline::Mention { id, name } => {
                json!({ "type": "mention", "attrs": { "id": id, "text": format!("@{name}") } })
            }
        })
        .collect()
}
