//! Jira wiki markup -> HTML, for Data Center's `renderedFields` and `renderedBody`.
//!
//! Hand-written because no maintained Rust crate renders Jira's wiki dialect; the subset is
//! what people type every day: `h1.`–`h6.` headings, `*bold*`, `_italic_`, `-deleted-`,
//! `+inserted+`, `{{monospace}}`, `*`/`-`/`#` lists (nested by repeating the marker),
//! `[text|url]` and `[url]` links, `{code}`, `{noformat}`, `bq.`, `----`, paragraphs and line
//! breaks. Like Jira, the whole text is HTML-escaped **first**, so raw HTML typed into wiki
//! text stays text: the site remains a faithful source of hostile-looking content.

use crate::auth::html_escape;

/// Wiki markup -> HTML (escaped first; markup applied to the escaped text).
pub fn to_html(text: &str) -> String {
    let escaped = html_escape(&text.replace("\r\n", "\n"));
    let mut out: Vec<String> = Vec::new();
    let mut rest = escaped.as_str();
    // Preformatted blocks first: nothing inside them is markup.
    while let Some((start, open_len, kind)) = next_block(rest) {
        blocks(&rest[..start], &mut out);
        let body_from = start + open_len;
        let close = format!("{{{kind}}}");
        let (body, after) = match rest[body_from..].find(&close) {
            Some(end) => (
                &rest[body_from..body_from + end],
                &rest[body_from + end + close.len()..],
            ),
            None => (&rest[body_from..], ""),
        };
        let body = body.strip_prefix('\n').unwrap_or(body);
        let body = body.strip_suffix('\n').unwrap_or(body);
        out.push(match kind {
            "code" => format!(
                "<div class=\"code panel\"><div class=\"codeContent panelContent\">\
                 <pre class=\"code-java\">{body}</pre></div></div>"
            ),
            _ => format!(
                "<div class=\"preformatted panel\"><div class=\"preformattedContent \
                 panelContent\"><pre>{body}</pre></div></div>"
            ),
        });
        rest = after;
    }
    blocks(rest, &mut out);
    out.join("\n")
}

/// The next `{code}`, `{code:lang}` or `{noformat}` opener: (offset, its length, kind).
/// `{{code}}` is monospace, not a block: an opener right after a `{` does not count.
fn next_block(s: &str) -> Option<(usize, usize, &'static str)> {
    let free = |at: &usize| !s[..*at].ends_with('{');
    let code = s
        .match_indices("{code")
        .map(|(at, _)| at)
        .filter(free)
        .find_map(|at| {
            let tail = &s[at + 5..];
            if tail.starts_with('}') {
                Some((at, 6, "code"))
            } else if tail.starts_with(':') {
                tail.find('}').map(|end| (at, 5 + end + 1, "code"))
            } else {
                None
            }
        });
    let noformat = s
        .match_indices("{noformat}")
        .map(|(at, _)| at)
        .find(free)
        .map(|at| (at, 10, "noformat"));
    match (code, noformat) {
        (Some(c), Some(n)) => Some(if c.0 < n.0 { c } else { n }),
        (c, n) => c.or(n),
    }
}

/// Block structure of (escaped) text without preformatted parts: headings, lists, quotes,
/// rules and paragraphs whose lines are joined by `<br/>`.
fn blocks(text: &str, out: &mut Vec<String>) {
    let mut paragraph: Vec<&str> = Vec::new();
    let mut lists = String::new(); // the open lists' markers, outermost first: "*#"
    let flush = |paragraph: &mut Vec<&str>, out: &mut Vec<String>| {
        if !paragraph.is_empty() {
            let lines: Vec<String> = paragraph.iter().map(|l| inline(l)).collect();
            out.push(format!("<p>{}</p>", lines.join("<br/>\n")));
            paragraph.clear();
        }
    };
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        if let Some((markers, item)) = list_item(trimmed) {
            flush(&mut paragraph, out);
            let mut html = String::new();
            let keep = lists
                .chars()
                .zip(markers.chars())
                .take_while(|(a, b)| a == b)
                .count();
            while lists.chars().count() > keep {
                let last = lists.pop();
                html.push_str(if last == Some('#') {
                    "</li></ol>"
                } else {
                    "</li></ul>"
                });
            }
            if lists.chars().count() == markers.chars().count() && keep > 0 {
                html.push_str("</li>");
            }
            for m in markers.chars().skip(keep) {
                html.push_str(if m == '#' { "<ol>" } else { "<ul>" });
                lists.push(m);
            }
            html.push_str(&format!("<li>{}", inline(item)));
            out.push(html);
            continue;
        }
        close_lists(&mut lists, out);
        if trimmed.trim().is_empty() {
            flush(&mut paragraph, out);
        } else if let Some((level, title)) = heading(trimmed) {
            flush(&mut paragraph, out);
            out.push(format!("<h{level}>{}</h{level}>", inline(title)));
        } else if let Some(quote) = trimmed.strip_prefix("bq. ") {
            flush(&mut paragraph, out);
            out.push(format!("<blockquote><p>{}</p></blockquote>", inline(quote)));
        } else if trimmed.trim_end() == "----" {
            flush(&mut paragraph, out);
            out.push("<hr/>".into());
        } else {
            paragraph.push(line);
        }
    }
    close_lists(&mut lists, out);
    flush(&mut paragraph, out);
}

fn close_lists(lists: &mut String, out: &mut Vec<String>) {
    if lists.is_empty() {
        return;
    }
    let mut html = String::new();
    while let Some(m) = lists.pop() {
        html.push_str(if m == '#' { "</li></ol>" } else { "</li></ul>" });
    }
    out.push(html);
}

/// `* item`, `** nested`, `# numbered`, `*# mixed`, `- dash`: (markers, the item's text).
/// A `-` list is one level deep, as in Jira; `*bold* text` is not an item (no space).
fn list_item(line: &str) -> Option<(String, &str)> {
    if let Some(item) = line.strip_prefix("- ") {
        return Some(("-".into(), item));
    }
    let markers: String = line
        .chars()
        .take_while(|c| *c == '*' || *c == '#')
        .collect();
    if markers.is_empty() {
        return None;
    }
    let item = line[markers.len()..].strip_prefix(' ')?;
    Some((markers, item))
}

/// `h1. Title` … `h6. Title`: (level, title).
fn heading(line: &str) -> Option<(u8, &str)> {
    let bytes = line.as_bytes();
    if bytes.len() > 4 && bytes[0] == b'h' && bytes[2] == b'.' && bytes[3] == b' ' {
        let level = bytes[1].wrapping_sub(b'0');
        if (1..=6).contains(&level) {
            return Some((level, &line[4..]));
        }
    }
    None
}

/// Inline markup on one escaped line: monospace and links first (their insides are not
/// markup), then bold, italic, deleted and inserted text in the rest.
fn inline(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        let mono = rest.find("{{");
        let link = rest.find('[');
        let next = match (mono, link) {
            (Some(m), Some(l)) => m.min(l),
            (m, l) => match m.or(l) {
                Some(at) => at,
                None => break,
            },
        };
        let (before, from) = rest.split_at(next);
        if let Some(body) = from.strip_prefix("{{") {
            if let Some(end) = body.find("}}") {
                out.push_str(&emphasis(before));
                out.push_str(&format!("<tt>{}</tt>", &body[..end]));
                rest = &body[end + 2..];
                continue;
            }
        } else if let Some(end) = from.find(']') {
            if let Some(a) = link_html(&from[1..end]) {
                out.push_str(&emphasis(before));
                out.push_str(&a);
                rest = &from[end + 1..];
                continue;
            }
        }
        // Not markup after all: keep the opener as text and look further on.
        let step = if from.starts_with("{{") { 2 } else { 1 };
        out.push_str(&emphasis(&rest[..next + step]));
        rest = &rest[next + step..];
    }
    out.push_str(&emphasis(rest));
    out
}

/// `[text|url]` or `[url]` as a link, for web and mail addresses only (a `javascript:` or
/// other scheme stays text, as Jira does).
fn link_html(inside: &str) -> Option<String> {
    let (label, url) = match inside.rsplit_once('|') {
        Some((label, url)) => (label, url.trim()),
        None => (inside, inside.trim()),
    };
    let lower = url.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:", "ftp://"];
    if url.is_empty() || !allowed.iter().any(|s| lower.starts_with(s)) {
        return None;
    }
    // The text was escaped before parsing, so the URL holds no quote to break out with.
    Some(format!(
        "<a href=\"{url}\" class=\"external-link\" rel=\"nofollow\">{}</a>",
        emphasis(label)
    ))
}

/// `*bold*`, `_italic_`, `-deleted-`, `+inserted+` (markers that open after a non-word
/// character and close before one, around text that neither starts nor ends with a space).
fn emphasis(text: &str) -> String {
    let mut s = text.to_string();
    for (marker, tag) in [('*', "b"), ('_', "em"), ('-', "del"), ('+', "ins")] {
        s = wrap(&s, marker, tag);
    }
    s
}

fn wrap(text: &str, marker: char, tag: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let opens = chars[i] == marker
            && !word(i.checked_sub(1).and_then(|p| chars.get(p)))
            && chars
                .get(i + 1)
                .is_some_and(|c| !c.is_whitespace() && *c != marker);
        if opens {
            let close = (i + 2..chars.len()).find(|&j| {
                chars[j] == marker && !chars[j - 1].is_whitespace() && !word(chars.get(j + 1))
            });
            if let Some(j) = close {
                let inner: String = chars[i + 1..j].iter().collect();
                out.push_str(&format!("<{tag}>{inner}</{tag}>"));
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
#[path = "wiki_tests.rs"]
mod tests;
