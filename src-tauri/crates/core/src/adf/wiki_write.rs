//! Writing the document model as Jira wiki markup, escaped so that
//! [`super::wiki::read`] reads back the same model.

use super::doc::{split_outer_whitespace, write_marked, Block, Inline, Wrap};
use super::wiki::{heading, list_marker};
use super::wiki_inline::is_word;

/// Writes the document model as wiki markup that [`super::wiki::read`] parses back to the same model.
pub(crate) fn write(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks.iter().map(|b| write_block(b, "")).collect();
    parts.join("\n\n")
}

fn write_block(block: &Block, list_prefix: &str) -> String {
    match block {
        Block::Paragraph(content) => escape_line_start(&write_inlines(content)),
        Block::Heading { level, content } => {
            format!(
                "h{}. {}",
                (*level).clamp(1, 6),
                write_inlines(content).replace('\n', " ")
            )
        }
        Block::BulletList(items) => write_list(items, &format!("{list_prefix}*")),
        Block::OrderedList { items, .. } => write_list(items, &format!("{list_prefix}#")),
        // Code that itself contains `{code}` goes in `{noformat}` (no highlighting, but intact).
        Block::Code { text, .. } if text.contains("{code}") && !text.contains("{noformat}") => {
            format!("{{noformat}}\n{text}\n{{noformat}}")
        }
        Block::Code { language, text } => match language {
            Some(lang) => format!("{{code:{lang}}}\n{text}\n{{code}}"),
            None => format!("{{code}}\n{text}\n{{code}}"),
        },
        Block::Quote(blocks) => format!("{{quote}}\n{}\n{{quote}}", write(blocks)),
        Block::Rule => "----".to_owned(),
    }
}

fn write_list(items: &[Vec<Block>], prefix: &str) -> String {
    let mut lines = Vec::new();
    for item in items {
        // A wiki list item is one line: further paragraphs join with a forced break.
        let mut text_parts = Vec::new();
        let mut nested = Vec::new();
        for block in item {
            match block {
                Block::BulletList(_) | Block::OrderedList { .. } => {
                    nested.push(write_block(block, prefix))
                }
                Block::Paragraph(content) | Block::Heading { content, .. } => {
                    text_parts.push(write_inlines(content).replace('\n', "\\\\ "))
                }
                other => text_parts.push(super::doc::blocks_plain(std::slice::from_ref(other))),
            }
        }
        lines.push(format!("{prefix} {}", text_parts.join(" \\\\ ")));
        lines.extend(nested);
    }
    lines.join("\n")
}

fn write_inlines(inlines: &[Inline]) -> String {
    let leaf = |inline: &Inline| match inline {
        Inline::HardBreak => "\n".to_owned(),
        Inline::Mention { id, .. } => format!("[~{id}]"),
        Inline::Text { text, marks } if marks.code => {
            let (lead, core, trail) = split_outer_whitespace(text);
            if core.is_empty() {
                text.clone()
            } else {
                format!("{lead}{{{{{}}}}}{trail}", core.replace("}}", "} }"))
            }
        }
        Inline::Text { text, .. } => escape(text),
    };
    let wrap = |w: Wrap<'_>, core: &str| match w {
        // A bare URL links to itself: `[https://…]`.
        Wrap::Link(href) if core == escape(href) => format!("[{href}]"),
        Wrap::Link(href) => format!("[{core}|{href}]"),
        Wrap::Strong => format!("*{core}*"),
        Wrap::Em => format!("_{core}_"),
        Wrap::Strike => format!("-{core}-"),
    };
    write_marked(inlines, &leaf, &wrap)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if c == '\\' {
            // `\\` is a line break in wiki markup, so a literal backslash is an entity.
            out.push_str("&#92;");
            prev = Some(c);
            continue;
        }
        let always = matches!(c, '[' | ']' | '{' | '}' | '|');
        // Mark characters only matter where they could open or close a run.
        let could_open = !is_word(prev) && next.is_some_and(|n| !n.is_whitespace());
        let could_close = prev.is_some_and(|p| !p.is_whitespace()) && !is_word(next);
        let mark =
            matches!(c, '*' | '_' | '-' | '+' | '^' | '~' | '?') && (could_open || could_close);
        if always || mark {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn escape_line_start(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let starts_block = heading(line.trim()).is_some()
                || line.trim_start().starts_with("bq. ")
                || list_marker(line.trim()).is_some()
                || line.trim_start().starts_with('#');
            if starts_block {
                format!("\\{}", line.trim_start())
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
