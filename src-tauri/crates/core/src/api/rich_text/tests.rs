use super::*;
use serde_json::json;

#[test]
fn a_string_is_wiki_and_an_object_is_adf() {
    let wiki: RichText = serde_json::from_value(json!("*bold*")).expect("wiki");
    assert_eq!(wiki, RichText::Wiki("*bold*".into()));
    assert_eq!(wiki.format(), TextFormat::Wiki);
    assert_eq!(wiki.to_markdown(), "**bold**");
    let doc = json!({ "type": "doc", "version": 1, "content": [
        { "type": "paragraph", "content": [{ "type": "text", "text": "bold", "marks": [{ "type": "strong" }] }] }
    ]});
    let adf: RichText = serde_json::from_value(doc.clone()).expect("adf");
    assert_eq!(adf.format(), TextFormat::Adf);
    assert_eq!(adf.to_markdown(), "**bold**");
    assert_eq!(adf.to_plain_text(), "bold");
    // Serialised back exactly as received.
    assert_eq!(serde_json::to_value(&adf).expect("json"), doc);
    assert_eq!(serde_json::to_value(&wiki).expect("json"), json!("*bold*"));
}

#[test]
fn from_markdown_picks_the_deployment_format() {
    assert_eq!(
        TextFormat::for_deployment(Deployment::Cloud),
        TextFormat::Adf
    );
    assert_eq!(
        TextFormat::for_deployment(Deployment::DataCenter),
        TextFormat::Wiki
    );
    assert_eq!(
        TextFormat::for_deployment(Deployment::Server),
        TextFormat::Wiki
    );
    let v2 = RichText::from_markdown(TextFormat::Wiki, "a `b`");
    assert_eq!(v2.to_json(), json!("a {{b}}"));
    let v3 = RichText::from_markdown(TextFormat::Adf, "a `b`");
    assert_eq!(
        v3.to_json()["content"][0]["content"][1]["marks"][0]["type"],
        "code"
    );
    assert_eq!(v3.to_markdown(), "a `b`");
}
