use super::*;

#[test]
fn parses_error_collections() {
    let e = ErrorCollection::parse(
        r#"{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue.","customfield_10010":"Not a number"},"status":400}"#,
    )
    .expect("error collection");
    assert_eq!(
        e.errors["summary"],
        "You must specify a summary of the issue."
    );
    assert_eq!(e.status, Some(400));
    assert_eq!(
        e.summary(),
        "customfield_10010: Not a number summary: You must specify a summary of the issue."
    );
    let gone = ErrorCollection::parse(
        r#"{"errorMessages":["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."],"errors":{}}"#,
    )
    .expect("error collection");
    assert!(gone
        .summary()
        .starts_with("The requested API has been removed."));
    assert!(!gone.is_empty());
    assert_eq!(
        ErrorCollection::parse("<html><title>Unauthorized (401)</title></html>"),
        None
    );
    assert_eq!(
        ErrorCollection::parse(r#"{"message":"Client must be authenticated"}"#),
        None
    );
    assert_eq!(
        ErrorCollection::parse(r#"{"errorMessages":null,"errors":null}"#).map(|e| e.is_empty()),
        Some(true)
    );
    assert_eq!(
        ErrorCollection::parse(r#"{"errorMessages":"not a list"}"#),
        None
    );
}
