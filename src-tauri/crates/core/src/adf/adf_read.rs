//! Reading ADF JSON into the document model. ADF from Jira can hold any node of the Atlassian
//! schema (and future ones), so nothing here fails: unknown nodes keep their text, nodes
//! without text vanish, and malformed JSON (wrong types, missing fields) is skipped.

use super::doc::{normalize_inlines, Block, Inline, Marks};
use serde_json::Value;

/// Nodes nested deeper than this are flattened to their text, so hostile input cannot
/// overflow the stack.
const MAX_DEPTH: usize = 64;

fn node_type(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

fn children(node: &Value) -> &[Value] {
    node.get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn attr<'a>(node: &'a Value, name: &str) -> Option<&'a Value> {
    node.get("attrs").and_then(|a| a.get(name))
}

fn attr_str<'a>(node: &'a Value, name: &str) -> Option<&'a str> {
    attr(node, name).and_then(Value::as_str)
}

/// Reads a whole ADF document (or any single node) into blocks.
pub(crate) fn read_document(value: &Value) -> Vec<Block> {
    match value {
        Value::Object(_) if node_type(value) == "doc" => read_blocks(children(value), 0),
        Value::Object(_) => read_blocks(std::slice::from_ref(value), 0),
        Value::Array(nodes) => read_blocks(nodes, 0),
        // A v2 body or a plain string where ADF was expected: keep the text.
        Value::String(text) => text_paragraphs(text),
        _ => Vec::new(),
    }
}

fn text_paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let mut inlines = Vec::new();
            for (i, line) in p.split('\n').enumerate() {
                if i > 0 {
                    inlines.push(Inline::HardBreak);
                }
                inlines.push(Inline::text(line, &Marks::default()));
            }
            Block::Paragraph(normalize_inlines(inlines))
        })
        .collect()
}

fn is_inline_type(kind: &str) -> bool {
    matches!(
        kind,
        "text"
            | "hardBreak"
            | "mention"
            | "emoji"
            | "inlineCard"
            | "date"
            | "status"
            | "placeholder"
            | "inlineExtension"
            | "mediaInline"
    )
}

fn read_blocks(nodes: &[Value], depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    // Inline nodes found directly among blocks (invalid ADF, but seen) gather into a paragraph.
    let mut stray: Vec<Inline> = Vec::new();
    for node in nodes {
        if is_inline_type(node_type(node)) {
            read_inline(node, depth, &mut stray);
            continue;
        }
        if !stray.is_empty() {
            blocks.push(Block::Paragraph(normalize_inlines(std::mem::take(
                &mut stray,
            ))));
        }
        read_block(node, depth, &mut blocks);
    }
    if !stray.is_empty() {
        blocks.push(Block::Paragraph(normalize_inlines(stray)));
    }
    blocks
}

fn read_block(node: &Value, depth: usize, out: &mut Vec<Block>) {
    if depth > MAX_DEPTH {
        let text = plain_of(node);
        if !text.is_empty() {
            out.push(Block::Paragraph(vec![Inline::text(
                text,
                &Marks::default(),
            )]));
        }
        return;
    }
    let next = depth + 1;
    match node_type(node) {
        "paragraph" => out.push(Block::Paragraph(read_inlines(children(node), next))),
        "heading" => {
            let level = attr(node, "level")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .clamp(1, 6);
            out.push(Block::Heading {
                level: level as u8,
                content: read_inlines(children(node), next),
            });
        }
        "bulletList" => out.push(Block::BulletList(read_items(node, next))),
        "orderedList" => {
            let start = attr(node, "order").and_then(Value::as_u64).unwrap_or(1);
            out.push(Block::OrderedList {
                start,
                items: read_items(node, next),
            });
        }
        "codeBlock" => out.push(Block::Code {
            language: attr_str(node, "language")
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
            text: plain_of(node),
        }),
        "blockquote" => out.push(Block::Quote(read_blocks(children(node), next))),
        "rule" => out.push(Block::Rule),
        "table" => read_table(node, out),
        "media" | "mediaSingle" | "mediaGroup" => {
            // Attachments shown inline: Jira knows them by id, a text box cannot show them.
            let name = find_attr(node, "alt").unwrap_or("attachment");
            out.push(Block::Paragraph(vec![Inline::text(
                format!("[{name}]"),
                &Marks::default(),
            )]));
        }
        "blockCard" | "embedCard" => {
            if let Some(url) = attr_str(node, "url") {
                let marks = Marks {
                    link: Some(url.to_owned()),
                    ..Marks::default()
                };
                out.push(Block::Paragraph(vec![Inline::text(url, &marks)]));
            }
        }
        "expand" | "nestedExpand" => {
            if let Some(title) = attr_str(node, "title").filter(|t| !t.is_empty()) {
                let marks = Marks {
                    strong: true,
                    ..Marks::default()
                };
                out.push(Block::Paragraph(vec![Inline::text(title, &marks)]));
            }
            out.extend(read_blocks(children(node), next));
        }
        // panel, layoutSection, decisionList, taskList, extensions and anything newer: keep
        // what they contain.
        _ => {
            let kids = children(node);
            if !kids.is_empty() {
                out.extend(read_blocks(kids, next));
            } else if let Some(text) = node.get("text").and_then(Value::as_str) {
                out.push(Block::Paragraph(vec![Inline::text(
                    text,
                    &Marks::default(),
                )]));
            }
        }
    }
}

fn find_attr<'a>(node: &'a Value, name: &str) -> Option<&'a str> {
    attr_str(node, name).or_else(|| children(node).iter().find_map(|c| find_attr(c, name)))
}

fn read_items(list: &Value, depth: usize) -> Vec<Vec<Block>> {
    children(list)
        .iter()
        .map(|item| {
            if node_type(item) == "listItem" {
                read_blocks(children(item), depth + 1)
            } else {
                read_blocks(std::slice::from_ref(item), depth + 1)
            }
        })
        .collect()
}

/// Tables become one paragraph per row, cells separated by ` | `.
fn read_table(table: &Value, out: &mut Vec<Block>) {
    for row in children(table) {
        let cells: Vec<String> = children(row)
            .iter()
            .map(|c| plain_of(c).replace('\n', " "))
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            out.push(Block::Paragraph(vec![Inline::text(
                cells.join(" | "),
                &Marks::default(),
            )]));
        }
    }
}

fn read_inlines(nodes: &[Value], depth: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    for node in nodes {
        read_inline(node, depth, &mut out);
    }
    normalize_inlines(out)
}

fn read_marks(node: &Value) -> Marks {
    let mut marks = Marks::default();
    let list = node
        .get("marks")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for mark in list {
        match node_type(mark) {
            "strong" => marks.strong = true,
            "em" => marks.em = true,
            "code" => marks.code = true,
            "strike" => marks.strike = true,
            "link" => marks.link = attr_str(mark, "href").map(str::to_owned),
            // underline, textColor, subsup, backgroundColor: no Markdown equivalent.
            _ => {}
        }
    }
    marks
}

fn read_inline(node: &Value, depth: usize, out: &mut Vec<Inline>) {
    let plain = Marks::default();
    match node_type(node) {
        "text" => {
            if let Some(text) = node.get("text").and_then(Value::as_str) {
                out.push(Inline::text(text, &read_marks(node)));
            }
        }
        "hardBreak" => out.push(Inline::HardBreak),
        "mention" => {
            let id = attr_str(node, "id").unwrap_or_default().to_owned();
            let name = attr_str(node, "text")
                .filter(|t| !t.is_empty())
                .map(|t| t.trim_start_matches('@').to_owned())
                .unwrap_or_else(|| id.clone());
            out.push(Inline::Mention { id, name });
        }
        "emoji" => {
            let text = attr_str(node, "text").or_else(|| attr_str(node, "shortName"));
            if let Some(text) = text {
                out.push(Inline::text(text, &plain));
            }
        }
        "inlineCard" => {
            if let Some(url) = attr_str(node, "url") {
                let marks = Marks {
                    link: Some(url.to_owned()),
                    ..Marks::default()
                };
                out.push(Inline::text(url, &marks));
            }
        }
        "date" => {
            let text = attr(node, "timestamp").map(|t| match t {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if let Some(text) = text {
                out.push(Inline::text(text, &plain));
            }
        }
        "status" => {
            if let Some(text) = attr_str(node, "text") {
                out.push(Inline::text(text, &plain));
            }
        }
        _ if depth > MAX_DEPTH => out.push(Inline::text(plain_of(node), &plain)),
        _ => {
            if let Some(text) = node.get("text").and_then(Value::as_str) {
                out.push(Inline::text(text, &read_marks(node)));
            }
            for child in children(node) {
                read_inline(child, depth + 1, out);
            }
        }
    }
}

/// All text under a node, iteratively (no recursion limit needed).
pub(crate) fn plain_of(node: &Value) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node_type(node) {
            "hardBreak" => out.push('\n'),
            "mention" => {
                if let Some(t) = attr_str(node, "text").or_else(|| attr_str(node, "id")) {
                    super::doc::push_mention(&mut out, t.trim_start_matches('@'));
                }
            }
            _ => {
                if let Some(text) = node.get("text").and_then(Value::as_str) {
                    out.push_str(text);
                }
            }
        }
        stack.extend(children(node).iter().rev());
    }
    out
}
