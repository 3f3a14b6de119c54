//! Markdown ↔ document model. Reading uses `pulldown-cmark` (CommonMark plus strikethrough);
//! writing is by hand because it must produce exactly the subset the reader reads back.
//!
//! A single newline inside a paragraph is a line break, not a space: in a comment box people
//! press Enter to start a new line, as in Jira's own editor.

use super::doc::{normalize_inlines, Block, Inline, Marks};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

enum Frame {
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Para {
        implicit: bool,
        content: Vec<Inline>,
    },
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Code {
        language: Option<String>,
        text: String,
    },
}

/// Containers nested deeper than this are read as their content, so hostile input cannot
/// build a tree deep enough to overflow the stack of the (recursive) writers.
const MAX_NESTING: usize = 32;

struct Reader {
    stack: Vec<Frame>,
    /// For each open quote/list/item tag: whether it got a frame (false past [`MAX_NESTING`]).
    containers: Vec<bool>,
    marks: Marks,
    links: Vec<Option<String>>,
}

impl Reader {
    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks(b) | Frame::Quote(b) | Frame::Item(b)) => b.push(block),
            // Never reached with well-nested events; keep the block rather than lose it.
            _ => self.stack.push(Frame::Blocks(vec![block])),
        }
    }

    fn close_implicit_para(&mut self) {
        if matches!(self.stack.last(), Some(Frame::Para { implicit: true, .. })) {
            self.close_top();
        }
    }

    fn inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Para { content, .. } | Frame::Heading { content, .. }) => {
                content.push(inline)
            }
            Some(Frame::Code { text, .. }) => {
                if let Inline::Text { text: t, .. } = &inline {
                    text.push_str(t)
                }
            }
            _ => self.stack.push(Frame::Para {
                implicit: true,
                content: vec![inline],
            }),
        }
    }

    fn close_top(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let block = match frame {
            Frame::Blocks(blocks) => {
                // Only the root is a bare block list; put it back.
                self.stack.push(Frame::Blocks(blocks));
                return;
            }
            Frame::Quote(blocks) => Block::Quote(blocks),
            Frame::List { start: None, items } => Block::BulletList(items),
            Frame::List {
                start: Some(start),
                items,
            } => Block::OrderedList { start, items },
            Frame::Item(blocks) => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
                return;
            }
            Frame::Para { content, .. } => Block::Paragraph(normalize_inlines(content)),
            Frame::Heading { level, content } => Block::Heading {
                level,
                content: normalize_inlines(content),
            },
            Frame::Code { language, mut text } => {
                if text.ends_with('\n') {
                    text.pop();
                }
                Block::Code { language, text }
            }
        };
        self.push_block(block);
    }

    fn marks(&self) -> Marks {
        let mut marks = self.marks.clone();
        marks.link = self.links.iter().rev().find_map(Clone::clone);
        marks
    }
}

/// Parses Markdown into the document model.
pub(crate) fn read(markdown: &str) -> Vec<Block> {
    let mut reader = Reader {
        stack: vec![Frame::Blocks(Vec::new())],
        containers: vec![],
        marks: Marks::default(),
        links: vec![],
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => start(&mut reader, tag),
            Event::End(tag) => end(&mut reader, tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let marks = reader.marks();
                reader.inline(Inline::Text {
                    text: text.into_string(),
                    marks,
                });
            }
            Event::Code(text) => {
                let marks = Marks {
                    code: true,
                    ..reader.marks()
                };
                reader.inline(Inline::Text {
                    text: text.into_string(),
                    marks,
                });
            }
            Event::SoftBreak | Event::HardBreak => reader.inline(Inline::HardBreak),
            Event::Rule => {
                reader.close_implicit_para();
                reader.push_block(Block::Rule);
            }
            _ => {}
        }
    }
    while reader.stack.len() > 1 {
        reader.close_top();
    }
    match reader.stack.pop() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    }
}

fn start(reader: &mut Reader, tag: Tag<'_>) {
    let is_block = matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::HtmlBlock
    );
    if is_block {
        reader.close_implicit_para();
    }
    if matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) {
        let open = reader.containers.iter().filter(|c| **c).count() < MAX_NESTING;
        reader.containers.push(open);
        if !open {
            return;
        }
    }
    match tag {
        Tag::Paragraph => reader.stack.push(Frame::Para {
            implicit: false,
            content: vec![],
        }),
        Tag::Heading { level, .. } => {
            let level = match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 => 5,
                HeadingLevel::H6 => 6,
            };
            reader.stack.push(Frame::Heading {
                level,
                content: vec![],
            });
        }
        Tag::BlockQuote(_) => reader.stack.push(Frame::Quote(vec![])),
        Tag::CodeBlock(kind) => {
            let language = match kind {
                CodeBlockKind::Fenced(info) => info
                    .split_whitespace()
                    .next()
                    .map(str::to_owned)
                    .filter(|l| !l.is_empty()),
                CodeBlockKind::Indented => None,
            };
            reader.stack.push(Frame::Code {
                language,
                text: String::new(),
            });
        }
        Tag::List(start) => reader.stack.push(Frame::List {
            start,
            items: vec![],
        }),
        Tag::Item => reader.stack.push(Frame::Item(vec![])),
        Tag::Emphasis => reader.marks.em = true,
        Tag::Strong => reader.marks.strong = true,
        Tag::Strikethrough => reader.marks.strike = true,
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
            reader.links.push(Some(dest_url.into_string()))
        }
        _ => {}
    }
}

fn end(reader: &mut Reader, tag: TagEnd) {
    match tag {
        TagEnd::Emphasis => reader.marks.em = false,
        TagEnd::Strong => reader.marks.strong = false,
        TagEnd::Strikethrough => reader.marks.strike = false,
        TagEnd::Link | TagEnd::Image => {
            reader.links.pop();
        }
        TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => {
            reader.close_implicit_para();
            if reader.containers.pop().unwrap_or(false) {
                reader.close_top();
            }
        }
        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => {
            reader.close_implicit_para();
            reader.close_top();
        }
        _ => {}
    }
}
