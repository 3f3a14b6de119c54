use super::to_html;

#[test]
fn headings_one_to_six() {
    for level in 1..=6 {
        assert_eq!(
            to_html(&format!("h{level}. Title")),
            format!("<h{level}>Title</h{level}>")
        );
    }
    // Not a heading: h7, no space, or not at the start of the line.
    assert_eq!(to_html("h7. x"), "<p>h7. x</p>");
    assert_eq!(to_html("h1.x"), "<p>h1.x</p>");
    assert_eq!(to_html("see h1. x"), "<p>see h1. x</p>");
}

#[test]
fn bold_italic_monospace_deleted_inserted() {
    assert_eq!(
        to_html("a *bold* and _italic_ and {{mono_text*}} end"),
        "<p>a <b>bold</b> and <em>italic</em> and <tt>mono_text*</tt> end</p>"
    );
    assert_eq!(
        to_html("-gone- +new+"),
        "<p><del>gone</del> <ins>new</ins></p>"
    );
    // Markers inside words, around spaces or unclosed stay text.
    assert_eq!(
        to_html("snake_case_name 2 * 3 * 4 e2e-guide *open"),
        "<p>snake_case_name 2 * 3 * 4 e2e-guide *open</p>"
    );
}

#[test]
fn bullet_numbered_and_nested_lists() {
    assert_eq!(
        to_html("* one\n* two\n** two.a\n* three"),
        "<ul><li>one\n</li><li>two\n<ul><li>two.a\n</li></ul></li><li>three\n</li></ul>"
    );
    assert_eq!(
        to_html("# first\n# second"),
        "<ol><li>first\n</li><li>second\n</li></ol>"
    );
    assert_eq!(to_html("- dash"), "<ul><li>dash\n</li></ul>");
    // A list ends at the next paragraph; bold at a line's start is not an item.
    assert_eq!(
        to_html("* item\nafter\n*bold* start"),
        "<ul><li>item\n</li></ul>\n<p>after<br/>\n<b>bold</b> start</p>"
    );
}

#[test]
fn links_to_web_and_mail_only() {
    assert_eq!(
        to_html("see [the docs|https://example.com/a?x=1&y=2] or [https://example.org]"),
        "<p>see <a href=\"https://example.com/a?x=1&amp;y=2\" class=\"external-link\" \
         rel=\"nofollow\">the docs</a> or <a href=\"https://example.org\" \
         class=\"external-link\" rel=\"nofollow\">https://example.org</a></p>"
    );
    assert_eq!(
        to_html("[click|javascript:alert(1)] [not a link]"),
        "<p>[click|javascript:alert(1)] [not a link]</p>"
    );
}

#[test]
fn code_and_noformat_keep_their_text() {
    let html = to_html("before\n{code:java}\nlet *x* = a < b;\n{code}\nafter");
    assert_eq!(
        html,
        "<p>before</p>\n<div class=\"code panel\"><div class=\"codeContent panelContent\">\
         <pre class=\"code-java\">let *x* = a &lt; b;</pre></div></div>\n<p>after</p>"
    );
    assert_eq!(
        to_html("{noformat}_raw_ [x|http://y]{noformat}"),
        "<div class=\"preformatted panel\"><div class=\"preformattedContent panelContent\">\
         <pre>_raw_ [x|http://y]</pre></div></div>"
    );
    // Monospace around the word "code" is not a code block.
    assert_eq!(
        to_html("a {{code}} b {{noformat}}"),
        "<p>a <tt>code</tt> b <tt>noformat</tt></p>"
    );
    // An unclosed block runs to the end, still escaped.
    assert!(to_html("{code}<b>").contains("<pre class=\"code-java\">&lt;b&gt;</pre>"));
}

#[test]
fn paragraphs_line_breaks_quotes_and_rules() {
    assert_eq!(
        to_html("a\nb\n\nc\r\n----\nbq. quoted"),
        "<p>a<br/>\nb</p>\n<p>c</p>\n<hr/>\n<blockquote><p>quoted</p></blockquote>"
    );
    assert_eq!(to_html(""), "");
}

#[test]
fn raw_html_is_escaped_before_any_markup() {
    let html = to_html(
        "Before <img src=x onerror=\"window.__pwned=1\"> *after*\n\
         * <script>alert(1)</script>\n\
         [x|https://e.com/\"onmouseover=\"alert(1)]",
    );
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("\"onmouseover"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; <b>after</b>"));
    assert!(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;"));
}
