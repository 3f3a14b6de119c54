use super::*;

/// No element or attribute in `html` can run script or load anything from the network.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<style",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<svg",
        "<math",
        " on",
        "javascript:",
        "style=",
        "<img src=\"http",
        "<img src=\"x",
    ] {
        assert!(!lower.contains(bad), "{bad:?} survived in {html}");
    }
}

#[test]
fn image_with_an_event_handler_is_inert() {
    let out = sanitize("<p>hi <img src=x onerror=alert(1)></p>");
    assert_inert(&out);
    assert!(out.starts_with("<p>hi "), "{out}");
}

#[test]
fn scripts_go_with_their_content() {
    let out = sanitize("<p>a</p><script>alert(2)</script><p>b</p>");
    assert_eq!(out, "<p>a</p><p>b</p>");
}

#[test]
fn javascript_links_lose_their_target_and_handlers() {
    let out =
        sanitize(r#"<a href="javascript:alert(1)">x</a><a href=" JaVa&#09;script:alert(1)">y</a>"#);
    assert_inert(&out);
    assert!(out.contains(">x</a>") && out.contains(">y</a>"), "{out}");
    let out = sanitize(r#"<a href="https://example.com/" onclick="steal()">ok</a>"#);
    assert_eq!(
        out,
        r#"<a href="https://example.com/" rel="noopener noreferrer">ok</a>"#
    );
}

#[test]
fn only_web_and_mail_links_keep_their_target() {
    let out = sanitize(concat!(
        r#"<a href="mailto:a@b.c">m</a><a href="ftp://x/">f</a>"#,
        r#"<a href="data:text/html,<script>alert(1)</script>">d</a>"#
    ));
    assert!(out.contains(r#"href="mailto:a@b.c""#), "{out}");
    assert!(!out.contains("ftp:") && !out.contains("data:"), "{out}");
    assert_inert(&out);
}

#[test]
fn svg_and_math_tricks_are_removed() {
    for input in [
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        r#"<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>"#,
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        r#"<svg><animate onbegin=alert(1) attributeName=href values="javascript:alert(1)"/></svg>"#,
    ] {
        assert_inert(&sanitize(input));
    }
}

#[test]
fn style_iframe_object_and_forms_are_removed() {
    let out = sanitize(concat!(
        r#"<p style="position:fixed">p</p><style>body{display:none}</style>"#,
        r#"<iframe src="https://evil/"></iframe><object data="x"></object>"#,
        r#"<form action="https://evil/"><input name=a><button>go</button></form>"#
    ));
    assert_inert(&out);
    assert!(!out.contains("<input") && !out.contains("<button"), "{out}");
    assert!(out.starts_with("<p>p</p>"), "{out}");
}

#[test]
fn nested_and_misnested_tags_come_out_balanced_and_inert() {
    let out = sanitize("<b><i>x</b>y</i><p><a href=https://a/>z<img src=x onerror=alert(1)>");
    assert_inert(&out);
    assert_eq!(
        out.matches("<b>").count(),
        out.matches("</b>").count(),
        "{out}"
    );
    assert_eq!(
        out.matches("<a ").count(),
        out.matches("</a>").count(),
        "{out}"
    );
    let out = sanitize("<<script>script>alert(1)<</script>/script>");
    assert_inert(&out);
    let out = sanitize("<scr<script>ipt>alert(1)</script>");
    assert_inert(&out);
}

#[test]
fn formatting_tables_lists_and_code_are_kept() {
    let input = concat!(
        "<h2>Title</h2><p><b>bold</b> <em>em</em> <del>gone</del></p>",
        "<ul><li>one</li></ul><ol><li>two</li></ol>",
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>",
        "<pre><code>let x = 1 &lt; 2;</code></pre><blockquote>q</blockquote>"
    );
    assert_eq!(sanitize(input), input);
}

#[test]
fn data_images_stay_and_remote_images_become_links() {
    let png = "data:image/png;base64,iVBORw0KGgo=";
    let out = sanitize(&format!(r#"<img src="{png}" alt="dot" onload="x()">"#));
    assert_eq!(out, format!(r#"<img src="{png}" alt="dot">"#));
    let out =
        sanitize(r#"<p><img src="https://jira/secure/attachment/1/a.png" alt="diagram"></p>"#);
    assert_eq!(
        out,
        r#"<p><a href="https://jira/secure/attachment/1/a.png" rel="noopener noreferrer">diagram</a></p>"#
    );
    // Without alt text the file name names the link; inside a link, the image is just text.
    let out = sanitize(r#"<a href="https://x/big.png"><img src="https://x/t/thumb.png?v=1"></a>"#);
    assert_eq!(
        out,
        r#"<a href="https://x/big.png" rel="noopener noreferrer">thumb.png</a>"#
    );
    // Jira Data Center's rendered attachment image and emoticon.
    let base = Url::parse("https://jira.corp/").unwrap();
    let out = sanitize_for_site(
        concat!(
            r#"<span class="image-wrap" style=""><img src="/secure/attachment/10000/shot.png" "#,
            r#"style="border: 0px solid black" /></span> ok <img class="emoticon" "#,
            r#"src="/images/icons/emoticons/smile.png" height="16" width="16" align="absmiddle" "#,
            r#"alt="" border="0"/>"#
        ),
        Some(&base),
    );
    assert_eq!(
        out,
        concat!(
            r#"<span><a href="https://jira.corp/secure/attachment/10000/shot.png" "#,
            r#"rel="noopener noreferrer">shot.png</a></span> ok <a "#,
            r#"href="https://jira.corp/images/icons/emoticons/smile.png" "#,
            r#"rel="noopener noreferrer">smile.png</a>"#
        )
    );
    // SVG documents can carry script: not even as data: URLs.
    let out = sanitize(r#"<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="s">"#);
    assert!(!out.contains("data:"), "{out}");
}

#[test]
fn alt_text_cannot_break_out_of_the_rewrite() {
    let out = sanitize(r#"<img src="https://x/a.png" alt="<script>alert(1)</script>&quot;>">"#);
    assert_inert(&out);
    assert!(out.contains("&lt;script&gt;"), "{out}");
    // A file name made of markup is text too.
    let out = sanitize(r#"<img src="https://x/%3Cscript%3E<script>.png">"#);
    assert_inert(&out);
    assert!(out.contains("&lt;script&gt;"), "{out}");
}

#[test]
fn relative_links_resolve_against_the_site_or_are_dropped() {
    let html = r#"<a href="/browse/ABC-1">ABC-1</a>"#;
    assert_eq!(sanitize(html), r#"<a rel="noopener noreferrer">ABC-1</a>"#);
    let base = Url::parse("https://jira.example.com/").unwrap();
    assert_eq!(
        sanitize_for_site(html, Some(&base)),
        r#"<a href="https://jira.example.com/browse/ABC-1" rel="noopener noreferrer">ABC-1</a>"#
    );
}

#[test]
fn plain_text_and_empty_input_are_safe() {
    assert_eq!(sanitize(""), "");
    assert_eq!(sanitize("1 < 2 & 3 > 2"), "1 &lt; 2 &amp; 3 &gt; 2");
}

#[test]
fn jira_code_panels_keep_their_code_and_lose_their_styles() {
    let out = sanitize(concat!(
        r#"<div class="code panel" style="border-width: 1px;"><div class="codeContent "#,
        r#"panelContent"><pre class="code-java">if (a &lt; b) { run(); }</pre></div></div>"#
    ));
    assert_eq!(
        out,
        "<div><div><pre>if (a &lt; b) { run(); }</pre></div></div>"
    );
}
