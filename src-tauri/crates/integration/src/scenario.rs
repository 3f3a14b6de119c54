//! Every operation of `jiffy_core::ops` against the demo seed, the same steps in both modes:
//! what a user does in a day, checked through jiffy-core's own models.

mod writes;
pub use writes::write_operations;

use jiffy_core::api::search::NextPage;
use jiffy_core::api::JiraClient;
use jiffy_core::ops::{self, PageRequest};
use jiffy_core::Error;
use serde_json::json;

/// Panics with the operation's name and the error when `result` failed.
pub fn ok<T>(what: &str, result: jiffy_core::Result<T>) -> T {
    result.unwrap_or_else(|e| panic!("{what} failed: {e} ({})", e.kind()))
}

/// Projects, project, search (two pages of DEV's 60), users and permissions: reads only.
pub async fn read_operations(client: &JiraClient) {
    let me = ok("myself", ops::myself(client).await);
    assert!(!me.display_name.is_empty(), "{me:?}");

    let projects = ok("projects", ops::projects(client).await);
    let mut keys: Vec<&str> = projects.iter().map(|p| p.key.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["DEV", "DOCS", "OPS"]);
    let docs = ok("project", ops::project(client, "DOCS").await);
    assert_eq!(docs.key, "DOCS");
    assert!(
        docs.issue_types.iter().any(|t| t.name == "Task"),
        "{docs:?}"
    );
    assert!(matches!(
        ops::project(client, "NOPE").await,
        Err(Error::NotFound(_))
    ));

    let fields = vec!["summary".to_owned(), "status".to_owned()];
    let jql = "project = DEV ORDER BY key ASC";
    let first = ok(
        "search_page",
        ops::search_page(
            client,
            jql,
            &fields,
            PageRequest {
                next: None,
                max_results: 50,
            },
        )
        .await,
    );
    assert_eq!(first.issues.len(), 50);
    let next = first.next_page().expect("a second page of DEV");
    match (&next, client.connection().deployment) {
        (NextPage::Token(_), jiffy_core::config::Deployment::Cloud) => {}
        (NextPage::StartAt(50), jiffy_core::config::Deployment::DataCenter) => {}
        other => panic!("unexpected paging {other:?}"),
    }
    let second = ok(
        "search_page 2",
        ops::search_page(
            client,
            jql,
            &fields,
            PageRequest {
                next: Some(next),
                max_results: 50,
            },
        )
        .await,
    );
    assert_eq!(second.issues.len(), 10);
    assert_eq!(second.next_page(), None);
    assert!(first.issues[0].fields.summary.is_some());

    let all = ok(
        "search_all",
        ops::search_all(client, jql, &fields, None).await,
    );
    assert_eq!(all.len(), 60);
    // Same issues, same order as the two pages fetched one by one (DC fetches the remaining
    // pages concurrently and must put them back in order).
    let paged: Vec<&str> = first
        .issues
        .iter()
        .chain(&second.issues)
        .map(|i| i.key.as_str())
        .collect();
    let keys: Vec<&str> = all.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, paged);
    let big = ok(
        "search_all over several pages",
        ops::search_all(
            client,
            "project in (DEV, DOCS, OPS) ORDER BY key ASC",
            &fields,
            Some(140),
        )
        .await,
    );
    assert_eq!(big.len(), 140);
    let mut unique: Vec<&str> = big.iter().map(|i| i.key.as_str()).collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 140, "pages overlapped");
    // No fields asked for: the same navigable fields in both deployments.
    let plain = ok(
        "search_all default fields",
        ops::search_all(client, "project = DOCS ORDER BY key ASC", &[], Some(3)).await,
    );
    assert_eq!(plain.len(), 3);
    assert!(plain[0].key.starts_with("DOCS-"), "{:?}", plain[0]);
    assert!(plain[0].fields.summary.is_some(), "{:?}", plain[0]);
    assert!(plain[0].fields.status.is_some(), "{:?}", plain[0]);
    let some = ok(
        "search_all limit",
        ops::search_all(client, jql, &fields, Some(7)).await,
    );
    assert_eq!(some.len(), 7);
    assert_eq!(some[6].key, all[6].key);
    assert!(matches!(
        ops::search_all(client, "project = = DEV", &fields, None).await,
        Err(Error::Validation { .. })
    ));

    let found = ok("users_search", ops::users_search(client, "bob").await);
    assert!(
        found.iter().any(|u| u.display_name.starts_with("Bob")),
        "{found:?}"
    );
    let bob = found
        .iter()
        .find(|u| u.display_name.starts_with("Bob"))
        .and_then(|u| u.id())
        .expect("bob has an id");
    let again = ok("user_get", ops::user_get(client, &bob).await);
    assert!(again.display_name.starts_with("Bob"), "{again:?}");
    let assignable = ok(
        "users_assignable",
        ops::users_assignable(client, "DOCS-1", "").await,
    );
    // DOCS: alice and bob are Developers (assignable); carol is only a User.
    let names: Vec<&str> = assignable.iter().map(|u| u.label()).collect();
    assert!(names.iter().any(|n| n.starts_with("Bob")), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Carol")), "{names:?}");

    let count = ok(
        "approximate_count",
        ops::approximate_count(client, "project = DEV").await,
    );
    assert_eq!(count, 60);
    let data = ok(
        "jql_autocomplete_data",
        ops::jql_autocomplete_data(client).await,
    );
    assert!(
        data.visible_field_names
            .iter()
            .any(|f| f.value == "project"),
        "{data:?}"
    );
    let suggested = ok(
        "jql_suggestions",
        ops::jql_suggestions(client, "project", "DO").await,
    );
    assert!(
        suggested.iter().any(|s| s.value.contains("DOCS")),
        "{suggested:?}"
    );

    let perms = ok(
        "my_permissions",
        ops::my_permissions(client, Some("DOCS")).await,
    );
    assert!(perms.has("BROWSE_PROJECTS"), "{perms:?}");
    assert!(perms.has("CREATE_ISSUES"), "{perms:?}");

    let raw = ok("raw", ops::raw(client, "get", "myself", &[], None).await);
    assert_eq!(raw.status, 200);
    assert_eq!(raw.body["displayName"], json!(me.display_name));
    assert!(raw
        .headers
        .get("content-type")
        .is_some_and(|v| v.contains("json")));
    let query = [("permissions", "BROWSE_PROJECTS".to_owned())];
    let raw = ok(
        "raw with a query",
        ops::raw(client, "GET", "mypermissions", &query, None).await,
    );
    assert_eq!(
        raw.body["permissions"]["BROWSE_PROJECTS"]["havePermission"],
        json!(true)
    );
    let raw = ok(
        "raw absolute",
        ops::raw(client, "GET", "/rest/api/2/serverInfo", &[], None).await,
    );
    assert!(raw.body["version"].is_string(), "{raw:?}");
    assert!(matches!(
        ops::raw(client, "GET", "issue/NOPE-1", &[], None).await,
        Err(Error::NotFound(_))
    ));
}
