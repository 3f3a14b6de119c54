//! The body of `GET /rest/api/{2,3}/jql/autocompletedata`, shaped as the Cloud OpenAPI's
//! `JQLReferenceData` (`FieldReferenceData`, `FunctionReferenceData`): every field name and
//! alias this subset accepts, its operators and type, the functions and the reserved words.

use serde_json::{json, Value};

use super::dates::DateFn;
use super::fields::{lookup, Field, FIELDS, KEYWORDS, RESERVED_WORDS};
use super::Catalog;

const DATE_TYPE: &str = "java.util.Date";
const USER_TYPE: &str = "com.atlassian.jira.user.ApplicationUser";

fn field_names() -> Vec<Value> {
    FIELDS
        .iter()
        // Rank is only there for ORDER BY; Jira lists it as a custom field this site lacks.
        .filter(|info| !info.operators.is_empty())
        .flat_map(|info| {
            info.names.iter().map(move |name| {
                let mut entry = json!({
                    "value": name,
                    "displayName": name,
                    "orderable": info.orderable.to_string(),
                    "searchable": "true",
                    "operators": info.operators.iter().map(|op| op.display()).collect::<Vec<_>>(),
                    "types": [info.java_type],
                });
                if info.auto {
                    entry["auto"] = json!("true");
                }
                entry
            })
        })
        .collect()
}

fn function_names() -> Vec<Value> {
    let mut functions: Vec<Value> = DateFn::ALL
        .iter()
        .map(|f| {
            let name = format!("{}()", f.name());
            json!({ "value": name, "displayName": name, "types": [DATE_TYPE] })
        })
        .collect();
    functions.push(json!({
        "value": "currentUser()",
        "displayName": "currentUser()",
        "types": [USER_TYPE],
    }));
    functions
}

/// Jira's reference data for the JQL editor: fields, functions and reserved words.
pub fn autocomplete_data() -> Value {
    let mut reserved: Vec<&str> = KEYWORDS.iter().chain(RESERVED_WORDS).copied().collect();
    reserved.sort_unstable();
    reserved.dedup();
    json!({
        "visibleFieldNames": field_names(),
        "visibleFunctionNames": function_names(),
        "jqlReservedWords": reserved,
    })
}

/// Jira answers at most this many suggestions.
const MAX_SUGGESTIONS: usize = 15;

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Bolds the typed prefix at the start of every word that begins with it; `None` if none does.
fn highlight(text: &str, typed: &str) -> Option<String> {
    let typed = typed.to_lowercase();
    let mut hit = typed.is_empty();
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            let cut = typed.chars().count();
            if !typed.is_empty() && lower.starts_with(&typed) && word.chars().count() >= cut {
                hit = true;
                let split = word.char_indices().nth(cut).map_or(word.len(), |(i, _)| i);
                let (head, tail) = word.split_at(split);
                format!("<b>{}</b>{}", escape_html(head), escape_html(tail))
            } else {
                escape_html(word)
            }
        })
        .collect();
    hit.then(|| words.join(" "))
}

fn suggestion(value: &str, display: String) -> Value {
    json!({ "value": value, "displayName": display })
}

/// The body of `GET /rest/api/{2,3}/jql/autocompletedata/suggestions?fieldName=&fieldValue=`:
/// `{"results":[{"value","displayName"}]}`, the typed prefix bolded as Jira bolds it
/// (projects answer their name, shown as `Name (KEY)`). Users answer their account id when
/// `by_account_id` (Cloud), else their username (Data Center).
pub fn suggestions(catalog: &Catalog, field_name: &str, typed: &str, by_account_id: bool) -> Value {
    let typed = typed.trim().trim_matches(|c| c == '"' || c == '\'');
    let names = |list: &[String]| -> Vec<Value> {
        list.iter()
            .filter_map(|n| highlight(n, typed).map(|d| suggestion(n, d)))
            .collect()
    };
    let results: Vec<Value> = match lookup(field_name).map(|f| f.field) {
        Some(Field::Project) => catalog
            .projects
            .iter()
            .filter_map(|(key, _, name)| {
                let shown_name = highlight(name, typed);
                let shown_key = highlight(key, typed);
                let display = format!(
                    "{} ({})",
                    shown_name.clone().unwrap_or_else(|| escape_html(name)),
                    shown_key.clone().unwrap_or_else(|| escape_html(key))
                );
                (shown_name.is_some() || shown_key.is_some()).then(|| suggestion(name, display))
            })
            .collect(),
        Some(Field::IssueType) => names(&catalog.issue_types),
        Some(Field::Status) => names(&catalog.statuses),
        Some(Field::Priority) => names(&catalog.priorities),
        Some(Field::Resolution) => names(&catalog.resolutions),
        Some(Field::StatusCategory) => {
            let builtin = ["To Do", "In Progress", "Done"].map(String::from);
            let list = if catalog.status_categories.is_empty() {
                &builtin[..]
            } else {
                &catalog.status_categories[..]
            };
            names(list)
        }
        Some(Field::Assignee | Field::Reporter) => catalog
            .users
            .iter()
            .filter_map(|u| {
                let id = if by_account_id {
                    &u.account_id
                } else {
                    &u.username
                };
                let name = highlight(&u.display_name, typed);
                let login = highlight(&u.username, typed).or_else(|| highlight(&u.email, typed));
                (name.is_some() || login.is_some()).then(|| {
                    let shown = name.unwrap_or_else(|| escape_html(&u.display_name));
                    suggestion(
                        id,
                        format!(
                            "{shown} - {} ({})",
                            escape_html(&u.email),
                            escape_html(&u.username)
                        ),
                    )
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    json!({ "results": results.into_iter().take(MAX_SUGGESTIONS).collect::<Vec<_>>() })
}

#[cfg(test)]
mod tests {
    use super::autocomplete_data;

    #[test]
    fn has_the_three_lists_with_jira_shapes() {
        let data = autocomplete_data();
        let fields = data["visibleFieldNames"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let status = fields
            .iter()
            .find(|f| f["value"] == "status")
            .cloned()
            .unwrap_or_default();
        assert_eq!(status["displayName"], "status");
        assert_eq!(status["orderable"], "true");
        assert_eq!(status["searchable"], "true");
        assert_eq!(status["auto"], "true");
        assert_eq!(status["types"][0], "com.atlassian.jira.issue.status.Status");
        assert!(status["operators"]
            .as_array()
            .is_some_and(|ops| ops.contains(&"not in".into())));
        // Aliases are listed too, as Jira lists them.
        for alias in [
            "type",
            "key",
            "issuekey",
            "createdDate",
            "due",
            "updatedDate",
        ] {
            assert!(
                fields.iter().any(|f| f["value"] == alias),
                "{alias} missing"
            );
        }
        let summary = fields
            .iter()
            .find(|f| f["value"] == "summary")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            summary["operators"],
            serde_json::json!(["~", "!~", "is", "is not"])
        );
        assert!(summary.get("auto").is_none());

        let functions = data["visibleFunctionNames"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(functions
            .iter()
            .any(|f| f["value"] == "startOfDay()" && f["types"][0] == "java.util.Date"));
        assert!(functions.iter().any(|f| f["value"] == "currentUser()"));

        let words = data["jqlReservedWords"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for word in ["empty", "and", "or", "in", "distinct"] {
            assert!(words.iter().any(|w| w == word), "{word} missing");
        }
    }

    #[test]
    fn suggestions_bold_the_typed_prefix_as_jira_does() {
        use super::suggestions;
        use crate::jql::{Catalog, UserRef};
        let catalog = Catalog {
            projects: vec![
                ("AO".into(), "1".into(), "ActiveObjects".into()),
                ("AC".into(), "2".into(), "Atlassian Connect".into()),
                (
                    "ACJIRA".into(),
                    "3".into(),
                    "Atlassian Connect in Jira".into(),
                ),
                ("DOC".into(), "4".into(), "Docs".into()),
            ],
            statuses: vec!["In Progress".into(), "Open".into(), "Done".into()],
            users: vec![UserRef {
                account_id: "acc-1".into(),
                username: "alice".into(),
                key: "JIRAUSER1".into(),
                display_name: "Alice Able".into(),
                email: "alice@example.com".into(),
            }],
            ..Catalog::default()
        };
        // Atlassian's own example for fieldName=project&fieldValue=Ac.
        assert_eq!(
            suggestions(&catalog, "project", "Ac", true),
            serde_json::json!({"results": [
                {"displayName": "<b>Ac</b>tiveObjects (AO)", "value": "ActiveObjects"},
                {"displayName": "Atlassian Connect (<b>AC</b>)", "value": "Atlassian Connect"},
                {"displayName": "Atlassian Connect in Jira (<b>AC</b>JIRA)", "value": "Atlassian Connect in Jira"},
            ]})
        );
        assert_eq!(
            suggestions(&catalog, "status", "pro", true),
            serde_json::json!({"results": [{"value": "In Progress", "displayName": "In <b>Pro</b>gress"}]})
        );
        assert_eq!(
            suggestions(&catalog, "assignee", "al", false)["results"][0],
            serde_json::json!({"value": "alice", "displayName": "<b>Al</b>ice Able - alice@example.com (alice)"})
        );
        assert_eq!(
            suggestions(&catalog, "reporter", "al", true)["results"][0]["value"],
            "acc-1"
        );
        assert_eq!(
            suggestions(&catalog, "status", "", true)["results"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        assert_eq!(
            suggestions(&catalog, "summary", "x", true),
            serde_json::json!({"results": []})
        );
        assert_eq!(
            suggestions(&catalog, "nosuchfield", "x", true),
            serde_json::json!({"results": []})
        );
    }

    #[test]
    fn every_key_is_in_the_openapi_schema() {
        let data = autocomplete_data();
        let field_keys = [
            "value",
            "displayName",
            "orderable",
            "searchable",
            "auto",
            "operators",
            "types",
        ];
        for field in data["visibleFieldNames"].as_array().into_iter().flatten() {
            let object = field.as_object().cloned().unwrap_or_default();
            assert!(
                object.keys().all(|k| field_keys.contains(&k.as_str())),
                "{field}"
            );
        }
        for function in data["visibleFunctionNames"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let object = function.as_object().cloned().unwrap_or_default();
            let allowed = ["value", "displayName", "types", "isList"];
            assert!(
                object.keys().all(|k| allowed.contains(&k.as_str())),
                "{function}"
            );
        }
    }
}
