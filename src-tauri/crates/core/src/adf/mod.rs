//! Rich text: Atlassian Document Format (Cloud, REST v3), Jira wiki markup (Data Center,
//! REST v2), Markdown (what people type in Jiffy) and plain text.
//!
//! Why by hand: on crates.io, `md2adf` (0.1.0, one release, undocumented) and `madfun`
//! (0.1.2, its README calls itself incomplete) only go Markdown → ADF, `adf2html` and
//! `htmltoadf` go to and from HTML, and nothing reads or writes wiki markup. (`cargo search`
//! itself is unavailable through this registry mirror; this was checked on docs.rs.) So the
//! converters are written here for exactly the subset a comment box needs — paragraphs,
//! hard breaks, bold/italic/strike/code marks, links, bullet and ordered lists, headings,
//! code blocks, quotes, rules and mentions (`@name`) — with Markdown parsed by
//! `pulldown-cmark`. Every format is read into one small document model ([`doc`]) and written
//! from it. Readers never fail or panic: richer content (tables, panels, media, unknown
//! nodes) degrades to its text.
//!
//! Mentions survive ADF → model → ADF and wiki → model → wiki, but Markdown has no mention
//! syntax: `@name` typed in Markdown stays text (resolving it needs a user search).

mod adf_read;
mod adf_write;
mod doc;
mod markdown;
mod markdown_write;
mod wiki;
mod wiki_inline;
mod wiki_write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod wiki_tests;

use serde_json::Value;

/// Plain text of an ADF document (or of any ADF node, or of a v2 string body): blocks
/// separated by a blank line, list items one per line as `- item` / `1. item`, mentions as
/// `@name`, links as their text. For previews, search snippets and notifications.
pub fn to_plain_text(adf: &Value) -> String {
    doc::blocks_plain(&adf_read::read_document(adf))
}

/// Markdown for an ADF document, in the subset [`markdown_to_adf`] reads back.
pub fn adf_to_markdown(adf: &Value) -> String {
    markdown_write::write(&adf_read::read_document(adf))
}

/// An ADF document (`{"type":"doc","version":1,…}`) for Markdown typed in a comment box.
/// A single newline is a line break, as in Jira's editor.
pub fn markdown_to_adf(markdown: &str) -> Value {
    adf_write::write_document(&markdown::read(markdown))
}

/// Wiki markup (a Data Center body) for Markdown typed in a comment box.
pub fn markdown_to_wiki(markdown: &str) -> String {
    wiki_write::write(&markdown::read(markdown))
}

/// Markdown for a wiki-markup body, in the subset [`markdown_to_wiki`] reads back.
pub fn wiki_to_markdown(wiki: &str) -> String {
    markdown_write::write(&wiki::read(wiki))
}

/// Plain text of a wiki-markup body, formatted like [`to_plain_text`].
pub fn wiki_to_plain_text(wiki: &str) -> String {
    doc::blocks_plain(&wiki::read(wiki))
}
