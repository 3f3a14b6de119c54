use super::*;
use serde_json::json;

/// A Data Center comment body as Jira's wiki editor stores it.
const DC_COMMENT: &str = "h2. Steps\n\
Hello [~mia.krystof], see [the docs|https://example.com/docs] and *bold* _italic_ {{x = 1}} -gone-\n\
second line\n\
\n\
* one\n\
* two\n\
*# nested\n\
\n\
{code:java}\n\
int x = 1; // *not bold*\n\
{code}\n\
\n\
bq. quoted\n\
\n\
----";

#[test]
fn wiki_to_markdown_reads_the_subset() {
    assert_eq!(
        wiki_to_markdown(DC_COMMENT),
        "## Steps\n\nHello @mia.krystof, see [the docs](<https://example.com/docs>) and **bold** \
         _italic_ `x = 1` ~~gone~~\nsecond line\n\n- one\n- two\n  1. nested\n\n```java\n\
         int x = 1; // *not bold*\n```\n\n> quoted\n\n---"
    );
}

#[test]
fn wiki_plain_text() {
    assert_eq!(
        wiki_to_plain_text("*Build* failed on [CI|https://ci.test]:\n# step one\n# step two"),
        "Build failed on CI:\n\n1. step one\n2. step two"
    );
}

#[test]
fn markdown_to_wiki_writes_the_subset() {
    let md =
        "## Steps\n\nSee [docs](https://example.com) and **bold** _it_ `code` ~~old~~\nnext\n\n\
              - one\n- two\n  1. nested\n\n```rust\nlet x = 1;\n```\n\n> quoted\n\n---";
    assert_eq!(
        markdown_to_wiki(md),
        "h2. Steps\n\nSee [docs|https://example.com] and *bold* _it_ {{code}} -old-\nnext\n\n\
         * one\n* two\n*# nested\n\n{code:rust}\nlet x = 1;\n{code}\n\n{quote}\nquoted\n{quote}\n\n----"
    );
}

#[test]
fn wiki_round_trips_through_markdown() {
    let md = wiki_to_markdown(DC_COMMENT);
    let wiki = markdown_to_wiki(&md);
    // Mentions become "@name" text in Markdown; everything else comes back as written.
    assert_eq!(wiki_to_markdown(&wiki), md);
    assert!(wiki.contains("*# nested"));
    assert!(wiki.contains("{code:java}\nint x = 1; // *not bold*\n{code}"));
}

#[test]
fn mentions_survive_wiki_and_become_adf_mentions_from_wiki() {
    // wiki → model → ADF keeps the user id (a DC username here).
    let blocks = super::wiki::read("ping [~jsmith] please");
    let adf = super::adf_write::write_document(&blocks);
    assert_eq!(
        adf["content"][0]["content"][1],
        json!({ "type": "mention", "attrs": { "id": "jsmith", "text": "@jsmith" } })
    );
    assert_eq!(super::wiki_write::write(&blocks), "ping [~jsmith] please");
    assert_eq!(
        wiki_to_plain_text("[~accountid:5b10ac8d82e05b22cc7d4ef5]"),
        "@accountid:5b10ac8d82e05b22cc7d4ef5"
    );
}

#[test]
fn special_characters_are_escaped_for_wiki() {
    for text in [
        "2 * 3 * 4",
        "*not bold*",
        "snake_case and _x_",
        "well-known -word- a - b",
        "{braces} [brackets] a|b",
        "h1. not a heading",
        "* not a list",
        "# not a list",
        "back\\slash",
    ] {
        let adf = json!({ "type": "doc", "version": 1, "content": [
            { "type": "paragraph", "content": [{ "type": "text", "text": text }] }
        ]});
        let blocks = super::adf_read::read_document(&adf);
        let wiki = super::wiki_write::write(&blocks);
        assert_eq!(
            wiki_to_plain_text(&wiki),
            text,
            "text {text:?} as wiki {wiki:?}"
        );
    }
    assert_eq!(markdown_to_wiki("well-known"), "well-known");
}

#[test]
fn hyphens_and_asterisks_in_prose_are_not_marks() {
    assert_eq!(
        wiki_to_markdown("a - b - c and well-known-thing"),
        "a - b - c and well-known-thing"
    );
    assert_eq!(wiki_to_markdown("5*3 = 15"), "5\\*3 = 15");
    assert_eq!(wiki_to_markdown("price: 5 * 3 * 2"), "price: 5 \\* 3 \\* 2");
}

#[test]
fn noformat_and_code_variants() {
    assert_eq!(
        wiki_to_markdown("{noformat}\nraw *text*\n{noformat}"),
        "```\nraw *text*\n```"
    );
    assert_eq!(
        wiki_to_markdown("{code:title=Foo.java|language=java}\nclass Foo {}\n{code}"),
        "```java\nclass Foo {}\n```"
    );
    assert_eq!(
        wiki_to_markdown("{code}one line{code}"),
        "```\none line\n```"
    );
    // An unclosed block runs to the end rather than failing.
    assert_eq!(wiki_to_markdown("{code}\nx\ny"), "```\nx\ny\n```");
}

#[test]
fn forced_breaks_links_and_attachments() {
    assert_eq!(wiki_to_markdown("a\\\\b"), "a\nb");
    assert_eq!(
        wiki_to_markdown("[https://x.test]"),
        "[https://x.test](<https://x.test>)"
    );
    assert_eq!(wiki_to_markdown("see [^log.txt]"), "see ^log.txt");
    assert_eq!(wiki_to_markdown("h3. Title"), "### Title");
}

#[test]
fn quote_blocks() {
    assert_eq!(
        wiki_to_markdown("{quote}\nfirst\n\nsecond\n{quote}\nafter"),
        "> first\n>\n> second\n\nafter"
    );
}

#[test]
fn malformed_wiki_never_panics() {
    for input in [
        "",
        "*",
        "**",
        "* ",
        "[",
        "]",
        "[~]",
        "{{",
        "{{}}",
        "{code",
        "{quote}",
        "h1.",
        "h7. x",
        "\\",
        "-",
        "----",
        "*_-+^~?",
        "[a|]",
        "[|b]",
        "é*ü*ß",
        "{{é",
        "#*#*# x",
        "bq.",
        "\r\n\r\n",
        "*unclosed bold",
        "_a *b_ c*",
    ] {
        let md = wiki_to_markdown(input);
        let _ = markdown_to_wiki(&md);
        let _ = wiki_to_plain_text(input);
    }
    let deep = format!("{} x", "*".repeat(10_000));
    assert!(wiki_to_plain_text(&deep).ends_with('x'));
}

#[test]
fn macros_images_and_tables_degrade_to_text() {
    assert_eq!(wiki_to_markdown("{color:red}red{color} text"), "red text");
    assert_eq!(wiki_to_plain_text("{panel:title=T}inside{panel}"), "inside");
    assert_eq!(
        wiki_to_plain_text("see !screen shot.png|thumbnail! here"),
        "see [screen shot.png] here"
    );
    assert_eq!(wiki_to_plain_text("Wow! Great!"), "Wow! Great!");
    assert_eq!(
        wiki_to_plain_text("||Key||Value||\n|a|*1*|"),
        "Key | Value\n\na | 1"
    );
    assert_eq!(
        wiki_to_plain_text("{unknown}stays{unknown}"),
        "{unknown}stays{unknown}"
    );
}

#[test]
fn code_containing_the_code_macro_uses_noformat() {
    let md = "```\nuse {code} here\n```";
    let wiki = markdown_to_wiki(md);
    assert_eq!(wiki, "{noformat}\nuse {code} here\n{noformat}");
    assert_eq!(wiki_to_markdown(&wiki), md);
}
