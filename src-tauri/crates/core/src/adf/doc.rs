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

/// A mark that wraps a run of inline content when writing Markdown or wiki markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrap<'a> {
    Link(&'a str),
    Strong,
    Em,
    Strike,
}

/// Writes inline content, wrapping each stretch of runs that share a mark once — so
/// `strong("bold ") strong+em("nested")` becomes `**bold _nested_**`, not `**bold** **_nested_**`.
/// `leaf` writes one run without its marks; `wrap` puts markers around written content.
/// Whitespace at the edge of a stretch moves outside the markers.
pub(crate) fn write_marked(
    inlines: &[Inline],
    leaf: &dyn Fn(&Inline) -> String,
    wrap: &dyn Fn(Wrap<'_>, &str) -> String,
) -> String {
    let runs: Vec<Inline> = normalize_inlines(inlines.to_vec())
        .into_iter()
        .map(|inline| match inline {
            // Code carries no other formatting (ADF's rule, and Markdown's code spans).
            Inline::Text { text, marks } if marks.code => Inline::Text {
                text,
                marks: Marks {
                    code: true,
                    link: marks.link,
                    ..Marks::default()
                },
            },
            other => other,
        })
        .collect();
    write_level(&runs, [true; KINDS], leaf, wrap)
}

/// Mark kinds, in the order used to break ties (links outermost).
const KINDS: usize = 4;

fn wrap_key(inline: &Inline, kind: usize) -> Option<Wrap<'_>> {
    let Inline::Text { marks, .. } = inline else {
        return None;
    };
    match kind {
        0 => marks.link.as_deref().map(Wrap::Link),
        1 => marks.strong.then_some(Wrap::Strong),
        2 => marks.em.then_some(Wrap::Em),
        3 => marks.strike.then_some(Wrap::Strike),
        _ => None,
    }
}

/// Wraps by the remaining mark kind that covers the most runs first, so the widest mark
/// is outermost (`~~a **b**~~` rather than `~~a~~ **~~b~~**`).
fn write_level(
    runs: &[Inline],
    remaining: [bool; KINDS],
    leaf: &dyn Fn(&Inline) -> String,
    wrap: &dyn Fn(Wrap<'_>, &str) -> String,
) -> String {
    let best = (0..KINDS)
        .filter(|k| remaining[*k])
        .map(|k| (runs.iter().filter(|r| wrap_key(r, k).is_some()).count(), k))
        .filter(|(count, _)| *count > 0)
        // Most runs first; on a tie, the lower kind (max_by_key keeps the last maximum).
        .max_by_key(|(count, k)| (*count, KINDS - k));
    let Some((_, kind)) = best else {
        return runs.iter().map(leaf).collect();
    };
    let mut rest = remaining;
    rest[kind] = false;
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let key = wrap_key(&runs[i], kind);
        let mut j = i + 1;
        while j < runs.len() && wrap_key(&runs[j], kind) == key {
            j += 1;
        }
        let inner = write_level(&runs[i..j], rest, leaf, wrap);
        match key {
            None => out.push_str(&inner),
            Some(w) => {
                let (lead, core, trail) = split_outer_whitespace(&inner);
                out.push_str(lead);
                if !core.is_empty() {
                    out.push_str(&wrap(w, core));
                }
                out.push_str(trail);
            }
        }
        i = j;
    }
    out
}
