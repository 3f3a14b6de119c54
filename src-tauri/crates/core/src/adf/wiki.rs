//! Jira wiki markup (REST v2 bodies on Data Center) ↔ document model, for the comment-box
//! subset: `h1.`–`h6.`, `*`/`#` lists (nested, mixed), `{code[:lang]}`, `{noformat}`,
//! `{quote}`, `bq.`, `----`, `*bold*`, `_italic_`, `{{code}}`, `-strike-`, `[text|url]`,
//! `[~user]` mentions, `\\` breaks and `\` escapes. No crate parses wiki markup, hence by hand.
//!
//! A single newline in a wiki paragraph renders as a line break in Jira, so it reads as one.
//! This file reads; [`super::wiki_write`] writes.

use super::doc::{normalize_inlines, Block, Inline, Marks};

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
            blocks.push(Block::CodeBlock {
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

/// Parses inline wiki markup.
fn read_inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    parse_inline(text, &Marks::default(), &mut out, 0);
    normalize_inlines(out)
}

pub(super) fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Finds the closing `delim` for a run opened just before `from`: preceded by non-space,
/// followed by a non-word character.
fn find_close(text: &str, from: usize, delim: char) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (pos, c) in text[from..].char_indices() {
        let at = from + pos;
        if c == '\n' {
            return None;
        }
        if c == delim && pos > 0 && prev.is_some_and(|p| !p.is_whitespace() && p != '\\') {
            let next = text[at + c.len_utf8()..].chars().next();
            if !is_word(next) {
                return Some(at);
            }
        }
        prev = Some(c);
    }
    None
}

fn parse_inline(text: &str, marks: &Marks, out: &mut Vec<Inline>, depth: usize) {
    let mut buf = String::new();
    let mut prev: Option<char> = None;
    let mut i = 0;
    let flush = |buf: &mut String, out: &mut Vec<Inline>| {
        if !buf.is_empty() {
            out.push(Inline::text(std::mem::take(buf), marks));
        }
    };
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        let next = rest[c.len_utf8()..].chars().next();
        if c == '\\' {
            if next == Some('\\') {
                flush(&mut buf, out);
                out.push(Inline::HardBreak);
                i += 2;
            } else if let Some(n) = next {
                buf.push(n);
                i += 1 + n.len_utf8();
            } else {
                buf.push(c);
                i += 1;
            }
            prev = Some(c);
            continue;
        }
        if let Some(after) = rest.strip_prefix("&#92;") {
            buf.push('\\');
            i = text.len() - after.len();
            prev = Some('\\');
            continue;
        }
        if c == '\n' {
            flush(&mut buf, out);
            out.push(Inline::HardBreak);
            i += 1;
            prev = Some(c);
            continue;
        }
        if rest.starts_with("{{") {
            if let Some(end) = rest[2..].find("}}") {
                flush(&mut buf, out);
                let code = Marks {
                    code: true,
                    ..marks.clone()
                };
                out.push(Inline::text(&rest[2..2 + end], &code));
                i += end + 4;
                prev = Some('}');
                continue;
            }
        }
        if c == '[' {
            if let Some(end) = rest.find(']') {
                let inner = &rest[1..end];
                if !inner.is_empty() && !inner.contains('\n') {
                    flush(&mut buf, out);
                    read_link(inner, marks, out, depth);
                    i += end + 1;
                    prev = Some(']');
                    continue;
                }
            }
        }
        let mark_kind = match c {
            '*' => Some(0),
            '_' => Some(1),
            '-' => Some(2),
            '+' | '^' | '~' | '?' => Some(3),
            _ => None,
        };
        if let Some(kind) = mark_kind {
            let opens = !is_word(prev) && next.is_some_and(|n| !n.is_whitespace() && n != c);
            if opens && depth < 16 {
                if let Some(close) = find_close(text, i + 1, c) {
                    flush(&mut buf, out);
                    let mut inner = marks.clone();
                    match kind {
                        0 => inner.strong = true,
                        1 => inner.em = true,
                        2 => inner.strike = true,
                        // underline, sup, sub, citation: no Markdown equivalent; keep text.
                        _ => {}
                    }
                    parse_inline(&text[i + 1..close], &inner, out, depth + 1);
                    i = close + 1;
                    prev = Some(c);
                    continue;
                }
            }
        }
        buf.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    flush(&mut buf, out);
}

fn read_link(inner: &str, marks: &Marks, out: &mut Vec<Inline>, depth: usize) {
    if let Some(user) = inner.strip_prefix('~') {
        let id = user.strip_prefix("accountid:").unwrap_or(user).to_owned();
        out.push(Inline::Mention {
            id,
            name: user.to_owned(),
        });
        return;
    }
    let (label, url) = match inner.rsplit_once('|') {
        Some((label, url)) => (label, url.trim()),
        None => (inner, inner.trim()),
    };
    if url.starts_with('^') || url.starts_with('#') {
        // An attachment or anchor link: keep the label as text.
        out.push(Inline::text(label, marks));
        return;
    }
    let linked = Marks {
        link: Some(url.to_owned()),
        ..marks.clone()
    };
    if label == url {
        out.push(Inline::text(label, &linked));
    } else {
        parse_inline(label, &linked, out, depth + 1);
    }
}
