use super::*;
use serde_json::json;

fn text(t: &str) -> Value {
    json!({ "type": "text", "text": t })
}

fn marked(t: &str, marks: Value) -> Value {
    json!({ "type": "text", "text": t, "marks": marks })
}

fn doc(content: Value) -> Value {
    json!({ "type": "doc", "version": 1, "content": content })
}

/// A comment as Jira Cloud's editor stores it: every node kind of the supported subset.
fn cloud_comment() -> Value {
    doc(json!([
        { "type": "heading", "attrs": { "level": 2 }, "content": [text("Steps")] },
        { "type": "paragraph", "content": [
            text("Hello "),
            { "type": "mention", "attrs": { "id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Mia Krystof", "accessLevel": "" } },
            text(", see "),
            marked("the docs", json!([{ "type": "link", "attrs": { "href": "https://example.com/docs" } }])),
            text(" and "),
            marked("bold", json!([{ "type": "strong" }])),
            text(" "),
            marked("italic", json!([{ "type": "em" }])),
            text(" "),
            marked("x = 1", json!([{ "type": "code" }])),
            text(" "),
            marked("gone", json!([{ "type": "strike" }])),
            { "type": "hardBreak" },
            text("second line")
        ]},
        { "type": "bulletList", "content": [
            { "type": "listItem", "content": [{ "type": "paragraph", "content": [text("one")] }] },
            { "type": "listItem", "content": [
                { "type": "paragraph", "content": [text("two")] },
                { "type": "orderedList", "attrs": { "order": 1 }, "content": [
                    { "type": "listItem", "content": [{ "type": "paragraph", "content": [text("nested")] }] }
                ]}
            ]}
        ]},
        { "type": "codeBlock", "attrs": { "language": "rust" }, "content": [text("fn main() {}\n// done")] },
        { "type": "blockquote", "content": [{ "type": "paragraph", "content": [text("quoted")] }] },
        { "type": "rule" }
    ]))
}

#[test]
fn plain_text_of_a_cloud_comment() {
    let plain = to_plain_text(&cloud_comment());
    assert_eq!(
        plain,
        "Steps\n\nHello @Mia Krystof, see the docs and bold italic x = 1 gone\nsecond line\n\n\
         - one\n- two\n  1. nested\n\nfn main() {}\n// done\n\nquoted\n\n----"
    );
}

#[test]
fn adf_to_markdown_writes_every_supported_node() {
    let md = adf_to_markdown(&cloud_comment());
    assert_eq!(
        md,
        "## Steps\n\nHello @Mia Krystof, see [the docs](<https://example.com/docs>) and **bold** \
         _italic_ `x = 1` ~~gone~~\nsecond line\n\n- one\n- two\n  1. nested\n\n```rust\n\
         fn main() {}\n// done\n```\n\n> quoted\n\n---"
    );
}

#[test]
fn adf_markdown_adf_round_trip_keeps_everything_but_mentions() {
    let original = cloud_comment();
    let back = markdown_to_adf(&adf_to_markdown(&original));
    // Mentions become text ("@Mia Krystof") because Markdown has no mention syntax.
    let mut expected = original.clone();
    expected["content"][1]["content"][1] = text("@Mia Krystof");
    // Normalise: merge the neighbouring plain runs the mention now joins.
    let expected_md = adf_to_markdown(&expected);
    assert_eq!(adf_to_markdown(&back), expected_md);
    assert_eq!(back["content"][0], original["content"][0]);
    assert_eq!(back["content"][2], original["content"][2]);
    assert_eq!(back["content"][3], original["content"][3]);
    assert_eq!(back["content"][4], original["content"][4]);
    assert_eq!(back["content"][5], original["content"][5]);
}

#[test]
fn markdown_to_adf_builds_valid_structure() {
    let adf = markdown_to_adf("Hi **there**,\nline two\n\n1. a\n2. b\n\n# Title");
    assert_eq!(
        adf,
        doc(json!([
            { "type": "paragraph", "content": [
                text("Hi "),
                marked("there", json!([{ "type": "strong" }])),
                text(","),
                { "type": "hardBreak" },
                text("line two")
            ]},
            { "type": "orderedList", "attrs": { "order": 1 }, "content": [
                { "type": "listItem", "content": [{ "type": "paragraph", "content": [text("a")] }] },
                { "type": "listItem", "content": [{ "type": "paragraph", "content": [text("b")] }] }
            ]},
            { "type": "heading", "attrs": { "level": 1 }, "content": [text("Title")] }
        ]))
    );
}

#[test]
fn code_mark_drops_other_marks_as_adf_requires() {
    let adf = markdown_to_adf("**`code` in bold** and [`linked`](https://x.test)");
    let content = &adf["content"][0]["content"];
    assert_eq!(content[0], marked("code", json!([{ "type": "code" }])));
    assert_eq!(
        content[3],
        marked(
            "linked",
            json!([{ "type": "code" }, { "type": "link", "attrs": { "href": "https://x.test" } }])
        )
    );
}

#[test]
fn markdown_escapes_round_trip() {
    for s in [
        "2 * 3 * 4 = 24",
        "snake_case_name and [brackets]",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "a <b> & c ~ d",
        "back\\slash and `tick`",
    ] {
        let adf = doc(json!([{ "type": "paragraph", "content": [text(s)] }]));
        let md = adf_to_markdown(&adf);
        assert_eq!(markdown_to_adf(&md), adf, "text {s:?} as markdown {md:?}");
    }
}

#[test]
fn code_with_backticks_uses_longer_fences() {
    let adf = doc(json!([
        { "type": "paragraph", "content": [marked("a ` b", json!([{ "type": "code" }]))] },
        { "type": "codeBlock", "content": [text("```\ninner\n```")] }
    ]));
    assert_eq!(markdown_to_adf(&adf_to_markdown(&adf)), adf);
}

#[test]
fn whitespace_inside_marks_moves_outside() {
    let adf = doc(json!([{ "type": "paragraph", "content": [
        text("a"),
        marked(" bold ", json!([{ "type": "strong" }])),
        text("b")
    ]}]));
    let md = adf_to_markdown(&adf);
    assert_eq!(md, "a **bold** b");
}

#[test]
fn unknown_and_rich_nodes_degrade_to_text() {
    let adf = doc(json!([
        { "type": "panel", "attrs": { "panelType": "info" }, "content": [
            { "type": "paragraph", "content": [text("in a panel")] }
        ]},
        { "type": "table", "content": [
            { "type": "tableRow", "content": [
                { "type": "tableHeader", "content": [{ "type": "paragraph", "content": [text("k")] }] },
                { "type": "tableHeader", "content": [{ "type": "paragraph", "content": [text("v")] }] }
            ]},
            { "type": "tableRow", "content": [
                { "type": "tableCell", "content": [{ "type": "paragraph", "content": [text("a")] }] },
                { "type": "tableCell", "content": [{ "type": "paragraph", "content": [text("1")] }] }
            ]}
        ]},
        { "type": "mediaSingle", "content": [{ "type": "media", "attrs": { "id": "x", "type": "file", "alt": "shot.png" } }] },
        { "type": "paragraph", "content": [
            { "type": "emoji", "attrs": { "shortName": ":smile:", "text": "😄" } },
            { "type": "inlineCard", "attrs": { "url": "https://site.test/browse/A-1" } },
            { "type": "status", "attrs": { "text": "DONE", "color": "green" } },
            { "type": "someFutureInline", "text": " future" }
        ]},
        { "type": "someFutureBlock", "content": [{ "type": "paragraph", "content": [text("kept")] }] },
        { "type": "decisionList" }
    ]));
    assert_eq!(
        to_plain_text(&adf),
        "in a panel\n\nk | v\n\na | 1\n\n[shot.png]\n\n😄https://site.test/browse/A-1DONE future\n\nkept"
    );
}

#[test]
fn malformed_adf_never_panics() {
    let inputs = [
        json!(null),
        json!(42),
        json!("a plain v2 string\n\nsecond paragraph"),
        json!([]),
        json!({}),
        json!({ "type": "doc" }),
        json!({ "type": "doc", "content": "not an array" }),
        json!({ "type": "doc", "content": [null, 1, "x", { "type": 5 }, { "content": [{ "text": 3 }] }] }),
        json!({ "type": "doc", "content": [{ "type": "heading", "attrs": { "level": 99 }, "content": [text("h")] }] }),
        json!({ "type": "doc", "content": [{ "type": "paragraph", "content": [{ "type": "text", "text": "x", "marks": "bad" }] }] }),
        json!({ "type": "doc", "content": [{ "type": "mention", "attrs": {} }] }),
        json!({ "type": "doc", "content": [{ "type": "bulletList", "content": [{ "type": "listItem" }] }] }),
    ];
    for input in &inputs {
        let _ = to_plain_text(input);
        let md = adf_to_markdown(input);
        let _ = markdown_to_adf(&md);
    }
    assert_eq!(
        to_plain_text(&inputs[2]),
        "a plain v2 string\n\nsecond paragraph"
    );
    assert_eq!(adf_to_markdown(&inputs[8]), "###### h");
}

#[test]
fn deeply_nested_input_does_not_overflow_the_stack() {
    // serde_json refuses to parse JSON nested deeper than 128, so Jira's answers stay below.
    let mut node = json!({ "type": "paragraph", "content": [text("deep")] });
    for _ in 0..120 {
        node = json!({ "type": "blockquote", "content": [node] });
    }
    let nested = doc(json!([node]));
    assert_eq!(to_plain_text(&nested), "deep");
    assert!(adf_to_markdown(&nested).ends_with("deep"));
    for md in [
        format!("{}deep", "> ".repeat(5000)),
        format!("{}deep", "- ".repeat(5000)),
    ] {
        let adf = markdown_to_adf(&md);
        assert!(to_plain_text(&adf).ends_with("deep"));
        assert!(markdown_to_wiki(&md).contains("deep"));
    }
}

#[test]
fn empty_inputs() {
    assert_eq!(markdown_to_adf(""), doc(json!([])));
    assert_eq!(to_plain_text(&doc(json!([]))), "");
    assert_eq!(adf_to_markdown(&doc(json!([{ "type": "paragraph" }]))), "");
}

#[test]
fn list_item_with_two_paragraphs_round_trips() {
    let adf = doc(json!([{ "type": "bulletList", "content": [
        { "type": "listItem", "content": [
            { "type": "paragraph", "content": [text("first")] },
            { "type": "paragraph", "content": [text("second")] }
        ]}
    ]}]));
    assert_eq!(markdown_to_adf(&adf_to_markdown(&adf)), adf);
}

#[test]
fn ordered_list_start_is_kept() {
    let adf = markdown_to_adf("3. three\n4. four");
    assert_eq!(adf["content"][0]["attrs"]["order"], 3);
    assert_eq!(adf_to_markdown(&adf), "3. three\n4. four");
}

#[test]
fn nested_marks_are_written_once() {
    for md in [
        "**bold _nested_ end**",
        "**_both_** and [**bold** link](<https://x.test>)",
        "~~struck **and bold**~~",
    ] {
        assert_eq!(adf_to_markdown(&markdown_to_adf(md)), md);
    }
    assert_eq!(wiki_to_markdown("*bold _it_ end*"), "**bold _it_ end**");
    assert_eq!(markdown_to_wiki("**bold _it_ end**"), "*bold _it_ end*");
    assert_eq!(
        markdown_to_wiki("[**x** y](https://x.test)"),
        "[*x* y|https://x.test]"
    );
}
