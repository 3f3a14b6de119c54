use super::*;

fn store() -> (tempfile::TempDir, SavedSearchStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SavedSearchStore::new(dir.path().join("saved"));
    (dir, store)
}

fn names(list: &[SavedSearch]) -> Vec<&str> {
    list.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn saved_searches_are_kept_per_connection_by_name() {
    let (_dir, store) = store();
    assert!(store.list("c1").expect("list").is_empty());
    store
        .save("c1", "Mine", "assignee = currentUser()")
        .expect("save");
    store.save("c1", "bugs", "type = Bug").expect("save");
    store.save("c2", "Other", "project = X").expect("save");
    assert_eq!(names(&store.list("c1").expect("list")), ["bugs", "Mine"]);
    assert_eq!(names(&store.list("c2").expect("list")), ["Other"]);
    // A second store over the same folder reads what the first wrote (a restart).
    let again = SavedSearchStore::new(store.dir.clone());
    assert_eq!(
        again.list("c1").expect("list")[1].jql,
        "assignee = currentUser()"
    );
}

#[test]
fn saving_a_name_again_replaces_its_query() {
    let (_dir, store) = store();
    store.save("c1", "Mine", "a = 1").expect("save");
    store.save("c1", " mine ", "a = 2").expect("save");
    let list = store.list("c1").expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].jql.as_str()),
        ("mine", "a = 2")
    );
}

#[test]
fn saving_refuses_blank_or_oversized_input() {
    let (_dir, store) = store();
    for (connection, name, jql) in [("", "n", "q"), ("c1", "  ", "q"), ("c1", "n", " ")] {
        let err = store.save(connection, name, jql).expect_err("refused");
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    let long = "x".repeat(MAX_NAME_CHARS + 1);
    assert!(matches!(
        store.save("c1", &long, "q"),
        Err(Error::InvalidInput(_))
    ));
    let jql = "x".repeat(MAX_JQL_BYTES + 1);
    assert!(matches!(
        store.save("c1", "n", &jql),
        Err(Error::InvalidInput(_))
    ));
    assert!(store.list("c1").expect("list").is_empty());
}

#[test]
fn rename_changes_the_name_and_refuses_a_taken_or_missing_one() {
    let (_dir, store) = store();
    store.save("c1", "A", "a = 1").expect("save");
    store.save("c1", "B", "b = 1").expect("save");
    let renamed = store.rename("c1", "a", "First").expect("rename");
    assert_eq!(
        (renamed.name.as_str(), renamed.jql.as_str()),
        ("First", "a = 1")
    );
    assert_eq!(names(&store.list("c1").expect("list")), ["B", "First"]);
    assert!(matches!(
        store.rename("c1", "First", "b"),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        store.rename("c1", "Nope", "C"),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        store.rename("c2", "B", "C"),
        Err(Error::NotFound(_))
    ));
    // Changing only the case of its own name is allowed.
    store.rename("c1", "B", "b").expect("rename case");
    assert_eq!(names(&store.list("c1").expect("list")), ["b", "First"]);
}

#[test]
fn delete_removes_only_that_search() {
    let (_dir, store) = store();
    store.save("c1", "A", "a = 1").expect("save");
    store.save("c2", "A", "a = 1").expect("save");
    assert!(store.delete("c1", "a").expect("delete"));
    assert!(!store.delete("c1", "a").expect("delete again"));
    assert!(store.list("c1").expect("list").is_empty());
    assert_eq!(store.list("c2").expect("list").len(), 1);
}

#[test]
fn recent_issues_keep_the_last_ten_opened_newest_first() {
    let (_dir, store) = store();
    for n in 1..=12 {
        store
            .recent_add("c1", &format!("demo-{n}"), &format!("Issue {n}"))
            .expect("add");
    }
    store.recent_add("c2", "X-1", "other").expect("add");
    // Opening an issue again moves it to the top rather than listing it twice.
    let list = store.recent_add("c1", "DEMO-5", "Issue 5").expect("add");
    let keys: Vec<&str> = list.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "DEMO-5", "DEMO-12", "DEMO-11", "DEMO-10", "DEMO-9", "DEMO-8", "DEMO-7", "DEMO-6",
            "DEMO-4", "DEMO-3"
        ]
    );
    assert_eq!(store.recent("c2").expect("list")[0].summary, "other");
    assert!(matches!(
        store.recent_add("c1", " ", "s"),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn a_corrupt_file_is_kept_aside_and_the_store_starts_over() {
    let (_dir, store) = store();
    std::fs::create_dir_all(&store.dir).expect("dir");
    std::fs::write(store.path(), b"{ not json").expect("write");
    assert!(store.list("c1").expect("list").is_empty());
    let aside: Vec<_> = std::fs::read_dir(&store.dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("saved-searches.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    store
        .save("c1", "A", "a = 1")
        .expect("save after corruption");
    assert_eq!(store.list("c1").expect("list").len(), 1);
}

#[test]
fn removing_a_connection_forgets_its_searches_and_recent_issues() {
    let (_dir, store) = store();
    store.save("c1", "A", "a = 1").expect("save");
    store.recent_add("c1", "D-1", "").expect("add");
    store.save("c2", "B", "b = 1").expect("save");
    store.remove_connection("c1").expect("remove");
    assert!(store.list("c1").expect("list").is_empty());
    assert!(store.recent("c1").expect("list").is_empty());
    assert_eq!(store.list("c2").expect("list").len(), 1);
}

#[test]
fn a_deleted_issue_leaves_the_recent_list() {
    let (_dir, store) = store();
    for key in ["DEMO-1", "DEMO-2"] {
        store
            .recent_add("c1", key, "x")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    store
        .recent_add("c2", "DEMO-1", "x")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.recent_remove("c1", "demo-1").ok(), Some(true));
    assert_eq!(store.recent_remove("c1", "DEMO-1").ok(), Some(false));
    let keys = |c: &str| -> Vec<String> {
        store
            .recent(c)
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.key)
            .collect()
    };
    assert_eq!(keys("c1"), ["DEMO-2"]);
    assert_eq!(keys("c2"), ["DEMO-1"]);
}
