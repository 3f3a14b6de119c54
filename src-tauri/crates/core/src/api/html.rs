//! Jira's rendered HTML (descriptions, comments) made safe to show in the webview.
//!
//! [`sanitize`] keeps what a reader needs — formatting, headings, lists, tables, code and
//! quotes, links — and removes everything that can run or restyle: scripts, event handlers,
//! `style`, `iframe`, `object`, forms, SVG. The allow-list is `ammonia`'s (html5ever parses
//! the input the way a browser would, so mis-nested tags cannot smuggle anything through).
//!
//! Links keep `http`, `https` and `mailto` targets only and get `rel="noopener noreferrer"`.
//! Images stay only when their source is a `data:image/…` URL: Jira's image URLs need the
//! connection's credentials, which the webview does not have (and the CSP blocks remote
//! images anyway), so any other image becomes a link to its address, named by its alt text.

use ammonia::{Builder, Url, UrlRelative};
use std::borrow::Cow;
use std::collections::HashSet;

/// Safe HTML for a fragment of Jira's rendered HTML. Relative links (Jira writes
/// `/browse/ABC-1`) are dropped: without the site's address they lead nowhere; use
/// [`sanitize_for_site`] to keep them.
pub fn sanitize(html: &str) -> String {
    sanitize_for_site(html, None)
}

/// [`sanitize`], resolving relative links and image addresses against the site's base URL
/// (`https://jira.example.com/`), so `/browse/ABC-1` stays a working link.
pub fn sanitize_for_site(html: &str, base: Option<&Url>) -> String {
    // Pass 1 keeps remote image addresses so they can become links; pass 2 is the policy
    // itself (data: images only) and also re-checks what the rewrite in between produced.
    let first = policy(base, true).clean(html).to_string();
    let rewritten = images_to_links(&first);
    policy(None, false).clean(&rewritten).to_string()
}

/// The ammonia policy; `remote_images` lets `<img src="https://…">` through (pass 1 only).
fn policy(base: Option<&Url>, remote_images: bool) -> Builder<'static> {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "data"]))
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .url_relative(match base {
            Some(base) => UrlRelative::RewriteWithBase(base.clone()),
            None => UrlRelative::Deny,
        })
        .attribute_filter(move |element, attribute, value| {
            keep_attribute(element, attribute, value, remote_images)
        });
    builder
}

/// `data:` is allowed as a scheme only so images can use it: links and quotes' `cite` may not.
fn keep_attribute<'u>(
    element: &str,
    attribute: &str,
    value: &'u str,
    remote_images: bool,
) -> Option<Cow<'u, str>> {
    // Parse the way the browser will (it ignores tabs and newlines inside the scheme).
    let url = Url::parse(value).ok();
    let is_data = url.as_ref().is_some_and(|u| u.scheme() == "data");
    let keep = match (element, attribute) {
        ("img", "src") if is_data => url.as_ref().is_some_and(is_data_image),
        ("img", "src") => remote_images,
        (_, "href" | "src" | "cite" | "longdesc") => !is_data,
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

/// A raster image as a `data:` URL (SVG is excluded: it is a document that can hold script).
fn is_data_image(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    [
        "image/png",
        "image/gif",
        "image/jpeg",
        "image/jpg",
        "image/webp",
        "image/bmp",
    ]
    .iter()
    .any(|mime| {
        path.strip_prefix(mime)
            .is_some_and(|rest| rest.starts_with(';') || rest.starts_with(','))
    })
}

/// Rewrites every `<img>` of ammonia's output whose source is not a `data:` image into a
/// link (or, inside a link or without a source, into its alt text).
///
/// Hand-written because ammonia can filter attributes but not swap elements. It reads only
/// ammonia's own serialisation, which is regular: every attribute value is double-quoted
/// with `"` escaped, and a `<` outside a tag is always written `&lt;`. Its output goes
/// through the sanitizer again, so a mistake here cannot let anything unsafe through.
fn images_to_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut link_depth = 0usize;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..lt + tag_length(&rest[lt..])];
        rest = &rest[lt + tag.len()..];
        let name = tag_name(tag);
        match name.as_str() {
            "a" => link_depth += 1,
            "/a" => link_depth = link_depth.saturating_sub(1),
            "img" => {
                out.push_str(&image_replacement(tag, link_depth > 0));
                continue;
            }
            _ => {}
        }
        out.push_str(tag);
    }
    out.push_str(rest);
    out
}

/// Length of the tag at the start of `s` (through its `>`, skipping quoted values).
fn tag_length(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// `a`, `/a`, `img`, … for a tag's text.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value of attribute `name` in a serialised tag, still escaped as ammonia wrote it.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag.trim_start_matches('<');
    rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    loop {
        rest = rest.trim_start();
        let end = rest.find(|c: char| c == '=' || c == '>' || c == '/' || c.is_whitespace())?;
        let (key, after) = rest.split_at(end);
        let after = after.strip_prefix("=\"")?;
        let close = after.find('"')?;
        if key.eq_ignore_ascii_case(name) {
            return Some(&after[..close]);
        }
        rest = &after[close + 1..];
    }
}

/// What an `<img>` tag becomes: itself for a `data:` image, else a link or its alt text.
fn image_replacement(tag: &str, inside_link: bool) -> String {
    let alt = attribute(tag, "alt").unwrap_or("");
    let src = attribute(tag, "src").unwrap_or("");
    if src.to_ascii_lowercase().starts_with("data:") {
        return format!("<img src=\"{src}\" alt=\"{alt}\">");
    }
    // The values are attribute-escaped (`&amp;`, `&quot;`); as text they also need `<`, `>`.
    let text_of = |s: &str| s.replace('<', "&lt;").replace('>', "&gt;");
    // Jira's emoticons and pasted images have no alt text: the file name reads better than
    // the whole address.
    let file_name = src
        .split(['?', '#'])
        .next()
        .and_then(|path| path.rsplit('/').find(|s| !s.is_empty()))
        .unwrap_or(src);
    let label = if alt.trim().is_empty() {
        file_name
    } else {
        alt
    };
    if src.is_empty() || inside_link {
        return text_of(label);
    }
    format!("<a href=\"{src}\">{}</a>", text_of(label))
}

#[cfg(test)]
mod tests;
