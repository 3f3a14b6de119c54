//! `renderedFields` and `renderedBody`: Data Center renders wiki markup to HTML (raw HTML in
//! the text escaped, as Jira does); Cloud renders the text of the ADF it keeps, markup-free.

mod common;

use common::{body, start};
use jiffy_sandbox::Mode;
use serde_json::json;

const WIKI: &str = "h2. Plan\n*Bold* and _it_ with {{code}}\n* one\n# two\n\
                    [docs|https://example.com]\n{code}let x = <b>;{code}\n\
                    Raw <img src=x onerror=\"window.__pwned=1\"> text";

#[tokio::test]
async fn data_center_renders_wiki_markup_with_raw_html_escaped() {
    let s = start(Mode::DataCenter).await;
    let r = s
        .put("/rest/api/2/issue/DOCS-3", "alice")
        .json(&json!({ "fields": { "description": WIKI } }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let v = s
        .json(
            "/rest/api/2/issue/DOCS-3?fields=description,comment&expand=renderedFields",
            "alice",
        )
        .await;
    // The raw field keeps the markup; the rendered one is HTML.
    assert_eq!(v["fields"]["description"], WIKI);
    let html = v["renderedFields"]["description"].as_str().unwrap();
    for part in [
        "<h2>Plan</h2>",
        "<b>Bold</b> and <em>it</em> with <tt>code</tt>",
        "<ul><li>one",
        "<ol><li>two",
        "<a href=\"https://example.com\" class=\"external-link\" rel=\"nofollow\">docs</a>",
        "<pre class=\"code-java\">let x = &lt;b&gt;;</pre>",
        "Raw &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; text",
    ] {
        assert!(html.contains(part), "{part} not in {html}");
    }
    assert!(!html.contains("<img"), "{html}");

    // Comments too, in the renderedFields and the comment's renderedBody.
    let r = s
        .post("/rest/api/2/issue/DOCS-3/comment", "alice")
        .json(&json!({ "body": "Looks *good* <script>x()</script>" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let id = body(r).await["id"].as_str().unwrap().to_string();
    let one = s
        .json(
            &format!("/rest/api/2/issue/DOCS-3/comment/{id}?expand=renderedBody"),
            "alice",
        )
        .await;
    let expected = "<p>Looks <b>good</b> &lt;script&gt;x()&lt;/script&gt;</p>";
    assert_eq!(one["renderedBody"], expected);
    let v = s
        .json(
            "/rest/api/2/issue/DOCS-3?fields=comment&expand=renderedFields",
            "alice",
        )
        .await;
    let comments = v["renderedFields"]["comment"]["comments"]
        .as_array()
        .unwrap();
    assert!(
        comments.iter().any(|c| c["body"] == expected),
        "{comments:?}"
    );
}

#[tokio::test]
async fn cloud_renders_the_adf_text_without_wiki_markup() {
    let s = start(Mode::Cloud).await;
    let doc = json!({ "type": "doc", "version": 1, "content": [
        { "type": "paragraph", "content": [{ "type": "text", "text": "*not bold* <i>x</i>" }] }
    ]});
    let r = s
        .put("/rest/api/3/issue/DOCS-3", "alice")
        .json(&json!({ "fields": { "description": doc } }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let v = s
        .json(
            "/rest/api/3/issue/DOCS-3?fields=description&expand=renderedFields",
            "alice",
        )
        .await;
    assert_eq!(
        v["renderedFields"]["description"],
        "<p>*not bold* &lt;i&gt;x&lt;/i&gt;</p>"
    );
}
