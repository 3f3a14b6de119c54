//! The small document model every converter goes through: Markdown, ADF and wiki markup are
//! each read into it and written from it, so N formats need 2N converters instead of N².
//!
//! It holds exactly the subset a comment box needs; anything richer (tables, panels, media)
//! is degraded to this subset by the readers rather than rejected.

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Paragraph(Vec<Inline>),
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    BulletList(Vec<Vec<Block>>),
    OrderedList {
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Code {
        language: Option<String>,
        text: String,
    },
    Quote(Vec<Block>),
    Rule,
}

/// Inline content of a paragraph or heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Text {
        text: String,
        marks: Marks,
    },
    HardBreak,
    /// A user mention: the server's identifier (accountId or username) and the shown name.
    Mention {
        id: String,
        name: String,
    },
}

/// Formatting of a text run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    pub strong: bool,
    pub em: bool,
    pub code: bool,
    pub strike: bool,
    pub link: Option<String>,
}

impl Inline {
    pub(crate) fn text(text: impl Into<String>, marks: &Marks) -> Inline {
        Inline::Text {
            text: text.into(),
            marks: marks.clone(),
        }
    }
}

/// Merges neighbouring text runs with the same marks, drops empty runs and trailing breaks,
/// so writers never emit `**a****b**`-style noise.
pub(crate) fn normalize_inlines(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let Inline::Text { text, marks } = &inline {
            if text.is_empty() {
                continue;
            }
            if let Some(Inline::Text {
                text: prev,
                marks: prev_marks,
            }) = out.last_mut()
            {
                if prev_marks == marks {
                    prev.push_str(text);
                    continue;
                }
            }
        }
        out.push(inline);
    }
    while matches!(out.last(), Some(Inline::HardBreak)) {
        out.pop();
    }
    out
}

/// Plain text of inline content: mentions as `@name`, links as their text.
pub(crate) fn inlines_plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::HardBreak => out.push('\n'),
            Inline::Mention { name, .. } => push_mention(&mut out, name),
        }
    }
    out
}

/// Writes a mention as `@name` (without doubling an `@` the name already has).
pub(crate) fn push_mention(out: &mut String, name: &str) {
    if !name.starts_with('@') {
        out.push('@');
    }
    out.push_str(name);
}

/// Plain text of a document: blocks separated by a blank line, list items one per line.
pub(crate) fn blocks_plain(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks.iter().map(block_plain).collect();
    parts.join("\n\n")
}

fn block_plain(block: &Block) -> String {
    match block {
        Block::Paragraph(content) | Block::Heading { content, .. } => inlines_plain(content),
        Block::BulletList(items) => items
            .iter()
            .map(|item| format!("- {}", item_plain(item)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::OrderedList { start, items } => items
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}. {}", start.saturating_add(i as u64), item_plain(item)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code { text, .. } => text.clone(),
        Block::Quote(blocks) => blocks_plain(blocks),
        Block::Rule => "----".to_owned(),
    }
}

fn item_plain(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks.iter().map(block_plain).collect();
    parts.join("\n").replace('\n', "\n  ")
}

/// Moves leading and trailing whitespace of a marked run outside the markers, because
/// `** bold **` is not bold in Markdown and `* bold *` is not bold in wiki markup.
pub(crate) fn split_outer_whitespace(text: &str) -> (&str, &str, &str) {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    (&text[..start], &text[start..end], &text[end..])
}
