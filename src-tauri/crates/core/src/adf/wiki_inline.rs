//! Inline wiki markup: marks, `{{code}}`, links, mentions, escapes and breaks. Macros
//! without a Markdown equivalent (`{color}`, `{panel}`, `{anchor}`, …) are dropped, keeping
//! their content; embedded images (`!file.png!`) become `[file.png]`.

use super::doc::{normalize_inlines, Inline, Marks};

/// Parses inline wiki markup.
pub(super) fn read_inlines(text: &str) -> Vec<Inline> {
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
        if let Some(after) = rest.strip_prefix("{{") {
            if let Some(end) = after.find("}}") {
                flush(&mut buf, out);
                let code = Marks {
                    code: true,
                    ..marks.clone()
                };
                out.push(Inline::text(&after[..end], &code));
                i += end + 4;
                prev = Some('}');
                continue;
            }
        }
        if c == '{' {
            if let Some(len) = macro_tag_len(rest) {
                // `{color:red}`, `{panel:title=x}`, `{anchor:a}`: keep only the content.
                i += len;
                continue;
            }
        }
        if c == '!' && !is_word(prev) {
            if let Some((name, len)) = image(rest) {
                flush(&mut buf, out);
                out.push(Inline::text(format!("[{name}]"), marks));
                i += len;
                prev = Some('!');
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

/// The length of a `{name}` or `{name:params}` macro tag at the start of `text`.
fn macro_tag_len(text: &str) -> Option<usize> {
    let end = text.find('}')?;
    let inner = &text[1..end];
    let name = inner.split(':').next().unwrap_or("");
    let known = matches!(
        name,
        "color"
            | "panel"
            | "anchor"
            | "section"
            | "column"
            | "tip"
            | "info"
            | "note"
            | "warning"
            | "status"
            | "expand"
    );
    (known && !inner.contains('\n')).then_some(end + 1)
}

/// `!file.png!` or `!file.png|thumbnail!`: the file name and the token's length.
fn image(text: &str) -> Option<(&str, usize)> {
    let rest = &text[1..];
    let end = rest.find('!')?;
    let inner = &rest[..end];
    let name = inner.split('|').next().unwrap_or("").trim();
    let plausible = !name.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.contains('\n')
        && name.contains('.');
    plausible.then_some((name, end + 2))
}
