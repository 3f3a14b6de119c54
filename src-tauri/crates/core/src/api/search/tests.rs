use super::*;

#[test]
fn cloud_search_jql_pages() {
    let first: SearchPage = serde_json::from_str(
        r#"{"issues":[{"id":"10068","key":"ED-1","fields":{"summary":"a"}},{"id":"10067"}],
            "nextPageToken":"CAEaAggD","isLast":false,"names":{"summary":"Summary"}}"#,
    )
    .expect("page");
    assert_eq!(first.next_page(), Some(NextPage::Token("CAEaAggD".into())));
    assert_eq!(first.total, None);
    assert_eq!(
        first.names.as_ref().map(|n| n["summary"].as_str()),
        Some("Summary")
    );
    let last: SearchPage =
        serde_json::from_str(r#"{"issues":[{"id":"1"}],"isLast":true}"#).expect("page");
    assert_eq!(last.next_page(), None);
    // JRACLOUD-92184: the last page may omit both the token and isLast... or send isLast
    // false without a token. Neither must loop.
    let no_token: SearchPage =
        serde_json::from_str(r#"{"issues":[{"id":"1"}],"isLast":false}"#).expect("page");
    assert_eq!(no_token.next_page(), None);
    let empty: SearchPage =
        serde_json::from_str(r#"{"issues":[],"nextPageToken":"x","isLast":false}"#).expect("page");
    assert_eq!(empty.next_page(), None);
}

#[test]
fn dc_search_pages() {
    let page: SearchPage = serde_json::from_str(
        r#"{"expand":"names,schema","startAt":0,"maxResults":2,"total":5,
            "issues":[{"id":"1","key":"A-1"},{"id":"2","key":"A-2"}],
            "warningMessages":["The value 'x' does not exist for the field 'reporter'."]}"#,
    )
    .expect("page");
    assert_eq!(page.next_page(), Some(NextPage::StartAt(2)));
    assert_eq!(page.remaining_starts(), [2, 4]);
    assert_eq!(page.warning_messages.len(), 1);
    let with_schema: SearchPage = serde_json::from_str(
        r#"{"startAt":0,"maxResults":50,"total":0,"issues":[],
            "schema":{"customfield_10010":{"type":"number","custom":"com.atlassian.jira.plugin.system.customfieldtypes:float","customId":10010}}}"#,
    )
    .expect("page");
    let schema = with_schema.schema.as_ref().expect("schema");
    assert_eq!(
        schema["customfield_10010"].kind(),
        crate::api::fields::FieldKind::Number
    );
    let last: SearchPage =
        serde_json::from_str(r#"{"startAt":4,"maxResults":2,"total":5,"issues":[{"id":"5"}]}"#)
            .expect("page");
    assert_eq!(last.next_page(), None);
    assert!(last.remaining_starts().is_empty());
    let zero: SearchPage =
        serde_json::from_str(r#"{"startAt":0,"maxResults":0,"total":5,"issues":[]}"#)
            .expect("page");
    assert!(zero.remaining_starts().is_empty());
    assert_eq!(zero.next_page(), None);
}

#[test]
fn approximate_count_and_autocomplete() {
    let count: ApproximateCount = serde_json::from_str(r#"{"count":153}"#).expect("count");
    assert_eq!(count.count, 153);
    let data: JqlAutocompleteData = serde_json::from_str(
        r#"{"visibleFieldNames":[{"value":"summary","displayName":"summary","orderable":"true","searchable":"true",
              "operators":["~","!~","is","is not"],"types":["java.lang.String"]},
            {"value":"cf[10880]","displayName":"Project Name - cf[10880]","orderable":"true","searchable":"true",
              "auto":"true","cfid":"cf[10880]","operators":["=","!=","in","not in"],"types":["com.atlassian.jira.issue.customfields.option.Option"]}],
            "visibleFunctionNames":[{"value":"currentUser()","displayName":"currentUser()","types":["com.atlassian.jira.user.ApplicationUser"]},
              {"value":"membersOf()","displayName":"membersOf()","isList":"true","types":["com.atlassian.jira.user.ApplicationUser"]}],
            "jqlReservedWords":["empty","and","or","in","distinct"]}"#,
    )
    .expect("autocomplete data");
    assert_eq!(
        data.visible_field_names[1].cfid.as_deref(),
        Some("cf[10880]")
    );
    assert_eq!(
        data.visible_function_names[1].is_list.as_deref(),
        Some("true")
    );
    assert!(data.jql_reserved_words.contains(&"and".to_owned()));
    let suggestions: JqlSuggestions = serde_json::from_str(
        r#"{"results":[{"value":"ActiveObjects","displayName":"<b>Ac</b>tiveObjects (AO)"}]}"#,
    )
    .expect("suggestions");
    assert_eq!(suggestions.results[0].value, "ActiveObjects");
}
