//! Jira wiki markup (REST v2 bodies on Data Center) ↔ document model, for the comment-box
//! subset: `h1.`–`h6.`, `*`/`#` lists (nested, mixed), `{code[:lang]}`, `{noformat}`,
//! `{quote}`, `bq.`, `----`, `*bold*`, `_italic_`, `{{code}}`, `-strike-`, `[text|url]`,
//! `[~user]` mentions, `\\` breaks and `\` escapes. No crate parses wiki markup, hence by hand.
//!
//! A single newline in a wiki paragraph renders as a line break in Jira, so it reads as one.
//! This file reads; [`super::wiki_write`] writes.

use super::doc::Block;
use super::wiki_inline::read_inlines;

/// Parses wiki markup into the document model. Never fails: unknown markup stays text.
pub(crate) fn read(wiki: &str) -> Vec<Block> {
    let lines: Vec<&str> = wiki
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    read_lines(&lines, 0)
}

fn read_lines(lines: &[&str], depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut i = 0;
    let flush = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(read_inlines(&para.join("\n"))));
            para.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut para, &mut blocks);
            i += 1;
            continue;
        }
        if let Some((language, end_tag, rest)) = code_open(trimmed) {
            flush(&mut para, &mut blocks);
            let mut text_lines = Vec::new();
            let mut j = i + 1;
            let mut closed = false;
            if !rest.is_empty() {
                if let Some(pos) = rest.find(end_tag) {
                    text_lines.push(&rest[..pos]);
                    closed = true;
                } else {
                    text_lines.push(rest);
                }
            }
            while !closed && j < lines.len() {
                if let Some(pos) = lines[j].find(end_tag) {
                    if pos > 0 {
                        text_lines.push(&lines[j][..pos]);
                    }
                    closed = true;
                } else {
                    text_lines.push(lines[j]);
                }
                j += 1;
            }
            blocks.push(Block::Code {
                language,
                text: text_lines.join("\n"),
            });
            i = j;
            continue;
        }
        if trimmed.starts_with("{quote}") && depth < 16 {
            flush(&mut para, &mut blocks);
            let first = trimmed.trim_start_matches("{quote}");
            let mut inner: Vec<&str> = Vec::new();
            let mut j = i + 1;
            if let Some(pos) = first.find("{quote}") {
                inner.push(&first[..pos]);
            } else {
                if !first.is_empty() {
                    inner.push(first);
                }
                while j < lines.len() {
                    if let Some(pos) = lines[j].find("{quote}") {
                        inner.push(&lines[j][..pos]);
                        j += 1;
                        break;
                    }
                    inner.push(lines[j]);
                    j += 1;
                }
            }
            blocks.push(Block::Quote(read_lines(&inner, depth + 1)));
            i = j;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("bq. ") {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Quote(vec![Block::Paragraph(read_inlines(rest))]));
            i += 1;
            continue;
        }
        if let Some((level, rest)) = heading(trimmed) {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Heading {
                level,
                content: read_inlines(rest),
            });
            i += 1;
            continue;
        }
        if trimmed.len() >= 4 && trimmed.chars().all(|c| c == '-') {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Rule);
            i += 1;
            continue;
        }
        if trimmed.starts_with('|') {
            // A table row (`||head||head||` or `|cell|cell|`): one paragraph, cells joined.
            flush(&mut para, &mut blocks);
            let cells: Vec<&str> = trimmed
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                blocks.push(Block::Paragraph(read_inlines(&cells.join(" | "))));
            }
            i += 1;
            continue;
        }
        if list_marker(trimmed).is_some() {
            flush(&mut para, &mut blocks);
            let mut items = Vec::new();
            while i < lines.len() {
                match list_marker(lines[i].trim()) {
                    Some((markers, rest)) => items.push((markers, rest)),
                    None => break,
                }
                i += 1;
            }
            blocks.extend(build_lists(&items, 0));
            continue;
        }
        para.push(line);
        i += 1;
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// `{code}`, `{code:java}`, `{code:title=x|language=java}` or `{noformat}`: the language, the
/// closing tag and what follows the opening tag on its line.
fn code_open(line: &str) -> Option<(Option<String>, &'static str, &str)> {
    if let Some(rest) = line.strip_prefix("{noformat") {
        let close = rest.find('}')?;
        return Some((None, "{noformat}", &rest[close + 1..]));
    }
    let rest = line.strip_prefix("{code")?;
    let close = rest.find('}')?;
    let params = rest[..close].trim_start_matches(':');
    let language = params
        .split('|')
        .find_map(|p| match p.split_once('=') {
            Some(("language" | "lang", v)) => Some(v.trim().to_owned()),
            Some(_) => None,
            None => Some(p.trim().to_owned()),
        })
        .filter(|l| !l.is_empty());
    Some((language, "{code}", &rest[close + 1..]))
}

pub(super) fn heading(line: &str) -> Option<(u8, &str)> {
    let bytes = line.as_bytes();
    if bytes.len() >= 4 && bytes[0] == b'h' && (b'1'..=b'6').contains(&bytes[1]) {
        if let Some(rest) = line[2..].strip_prefix(". ") {
            return Some((bytes[1] - b'0', rest));
        }
        if &line[2..] == "." {
            return Some((bytes[1] - b'0', ""));
        }
    }
    None
}

/// `** text` → ("**", "text"). A line of only `*`/`#` or `*bold*` is not a list item.
pub(super) fn list_marker(line: &str) -> Option<(&str, &str)> {
    let count = line
        .chars()
        .take_while(|c| matches!(c, '*' | '#' | '-'))
        .count();
    if count == 0 {
        return None;
    }
    // Deeper nesting than any real comment: read as text (and keeps recursion bounded).
    if count > 16 {
        return None;
    }
    let markers = &line[..count];
    // `-` only as a single-level bullet ("- item"), as Jira accepts.
    if markers.contains('-') && markers != "-" {
        return None;
    }
    let rest = line[count..].strip_prefix(' ')?;
    Some((markers, rest.trim_start()))
}

fn build_lists(items: &[(&str, &str)], depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let ordered = items[i].0.as_bytes().get(depth) == Some(&b'#');
        let mut list_items: Vec<Vec<Block>> = Vec::new();
        while i < items.len() {
            let (markers, text) = items[i];
            let kind = markers.as_bytes().get(depth).copied();
            if markers.len() == depth + 1 {
                if (kind == Some(b'#')) != ordered {
                    break;
                }
                list_items.push(vec![Block::Paragraph(read_inlines(text))]);
                i += 1;
            } else if markers.len() > depth + 1 {
                // Deeper lines nest under the current item (or a new empty one).
                let start = i;
                while i < items.len() && items[i].0.len() > depth + 1 {
                    i += 1;
                }
                let nested = build_lists(&items[start..i], depth + 1);
                match list_items.last_mut() {
                    Some(item) => item.extend(nested),
                    None => list_items.push(nested),
                }
            } else {
                break;
            }
        }
        if list_items.is_empty() {
            // Defensive: a shallower line than expected; never loop forever.
            i += 1;
            continue;
        }
        blocks.push(if ordered {
            Block::OrderedList {
                start: 1,
                items: list_items,
            }
        } else {
            Block::BulletList(list_items)
        });
    }
    blocks
}
