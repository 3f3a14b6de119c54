//! Writing the document model as Markdown, escaped so that [`super::markdown::read`] reads
//! back the same model.

use super::doc::{push_mention, split_outer_whitespace, write_marked, Block, Inline, Wrap};

/// Writes the document model as Markdown that [`super::markdown::read`] parses back to the same model.
pub(crate) fn write(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks.iter().map(write_block).collect();
    parts.join("\n\n")
}

fn write_block(block: &Block) -> String {
    match block {
        Block::Paragraph(content) => escape_line_start(&write_inlines(content)),
        Block::Heading { level, content } => format!(
            "{} {}",
            "#".repeat(usize::from((*level).clamp(1, 6))),
            write_inlines(content).replace('\n', " ")
        ),
        Block::BulletList(items) => write_list(items, |_| "- ".to_owned()),
        Block::OrderedList { start, items } => {
            write_list(items, |i| format!("{}. ", start.saturating_add(i as u64)))
        }
        Block::Code { language, text } => {
            let mut fence = "```".to_owned();
            while text.contains(&fence) {
                fence.push('`');
            }
            format!(
                "{fence}{}\n{text}\n{fence}",
                language.as_deref().unwrap_or("")
            )
        }
        Block::Quote(blocks) => write(blocks)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_owned()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Rule => "---".to_owned(),
    }
}

fn write_list(items: &[Vec<Block>], marker: impl Fn(usize) -> String) -> String {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let marker = marker(i);
        let indent = " ".repeat(marker.len());
        let mut parts = Vec::new();
        for (j, block) in item.iter().enumerate() {
            // A second paragraph needs a blank line, or it would join the first.
            let sep = if j > 0 && matches!(block, Block::Paragraph(_)) {
                "\n"
            } else {
                ""
            };
            parts.push(format!("{sep}{}", write_block(block)));
        }
        let body = parts.join("\n");
        let mut lines = body.lines();
        let first = lines.next().unwrap_or("");
        let mut text = format!("{marker}{first}");
        for line in lines {
            text.push('\n');
            if !line.is_empty() {
                text.push_str(&indent);
                text.push_str(line);
            }
        }
        out.push(text);
    }
    out.join("\n")
}

fn write_inlines(inlines: &[Inline]) -> String {
    let leaf = |inline: &Inline| match inline {
        Inline::HardBreak => "\n".to_owned(),
        Inline::Mention { name, .. } => {
            let mut out = String::new();
            push_mention(&mut out, name);
            escape(&out)
        }
        Inline::Text { text, marks } if marks.code => {
            let (lead, core, trail) = split_outer_whitespace(text);
            if core.is_empty() {
                text.clone()
            } else {
                format!("{lead}{}{trail}", code_span(core))
            }
        }
        Inline::Text { text, .. } => escape(text),
    };
    let wrap = |w: Wrap<'_>, core: &str| match w {
        Wrap::Link(href) => format!("[{core}](<{}>)", href.replace('>', "%3E")),
        Wrap::Strong => format!("**{core}**"),
        Wrap::Em => format!("_{core}_"),
        Wrap::Strike => format!("~~{core}~~"),
    };
    write_marked(inlines, &leaf, &wrap)
}

fn code_span(text: &str) -> String {
    let mut ticks = "`".to_owned();
    while text.contains(&ticks) {
        ticks.push('`');
    }
    if ticks.len() > 1 || text.starts_with('`') || text.ends_with('`') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would turn a paragraph line into a heading, list, quote or rule.
fn escape_line_start(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let trimmed = line.trim_start();
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            let after_digits = &trimmed[digits..];
            let ordered = digits > 0
                && (after_digits.starts_with(". ")
                    || after_digits.starts_with(") ")
                    || after_digits == "."
                    || after_digits == ")");
            let special = trimmed.starts_with('#')
                || trimmed.starts_with("- ")
                || trimmed.starts_with("+ ")
                || trimmed == "-"
                || trimmed == "+"
                || trimmed.starts_with("===")
                || trimmed.starts_with("---");
            let indent = &line[..line.len() - trimmed.len()];
            if ordered {
                format!("{indent}{}\\{}", &trimmed[..digits], after_digits)
            } else if special {
                format!("{indent}\\{trimmed}")
            } else if !indent.is_empty() {
                // Four spaces would start an indented code block; leading spaces carry no
                // meaning in a paragraph anyway.
                trimmed.to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
