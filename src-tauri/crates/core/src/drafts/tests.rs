use super::*;
use serde_json::json;

fn create(project: &str, issue_type: &str) -> DraftTarget {
    DraftTarget::Create {
        project: project.to_owned(),
        issue_type: issue_type.to_owned(),
    }
}

fn comment(key: &str) -> DraftTarget {
    DraftTarget::Comment {
        issue_key: key.to_owned(),
    }
}

fn values(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(map) => map,
        other => panic!("test values must be an object, not {other}"),
    }
}

#[test]
fn saves_loads_replaces_and_removes_by_connection_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::new(dir.path().join("drafts"));
    assert_eq!(store.load("c1", &create("DEMO", "10001")).unwrap(), None);

    store
        .save(
            "c1",
            &create("DEMO", "10001"),
            values(json!({ "summary": "First" })),
        )
        .unwrap();
    store
        .save(
            "c1",
            &create("DEMO", "10002"),
            values(json!({ "summary": "Other type" })),
        )
        .unwrap();
    store
        .save(
            "c2",
            &create("DEMO", "10001"),
            values(json!({ "summary": "Other site" })),
        )
        .unwrap();
    // Saving again replaces, and keys are found however they are spelt.
    let saved = store
        .save(
            "c1",
            &create("demo", "10001"),
            values(json!({ "summary": "Second", "labels": ["a", "b"] })),
        )
        .unwrap();
    assert_eq!(saved.target, create("DEMO", "10001"));
    assert!(saved.saved_at > 0);

    let loaded = store.load("c1", &create("DEMO", "10001")).unwrap().unwrap();
    assert_eq!(loaded.values["summary"], "Second");
    assert_eq!(loaded.values["labels"], json!(["a", "b"]));
    let other = store.load("c2", &create("DEMO", "10001")).unwrap().unwrap();
    assert_eq!(other.values["summary"], "Other site");

    assert!(store.remove("c1", &create("DEMO", "10001")).unwrap());
    assert!(!store.remove("c1", &create("DEMO", "10001")).unwrap());
    assert_eq!(store.load("c1", &create("DEMO", "10001")).unwrap(), None);
    // The other drafts are untouched.
    assert!(store
        .load("c1", &create("DEMO", "10002"))
        .unwrap()
        .is_some());
    assert!(store
        .load("c2", &create("DEMO", "10001"))
        .unwrap()
        .is_some());
}

#[test]
fn comments_live_in_their_own_file_and_the_list_spans_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::new(dir.path());
    store
        .save(
            "c1",
            &create("DEMO", "1"),
            values(json!({ "summary": "S" })),
        )
        .unwrap();
    store
        .save(
            "c1",
            &comment("demo-7"),
            values(json!({ "body": "Half a thought" })),
        )
        .unwrap();
    store
        .save(
            "c2",
            &comment("OPS-1"),
            values(json!({ "body": "Elsewhere" })),
        )
        .unwrap();
    assert!(dir.path().join("create.json").is_file());
    assert!(dir.path().join("comment.json").is_file());

    let all = store.list(None).unwrap();
    assert_eq!(all.len(), 3);
    // Newest first.
    assert!(all.windows(2).all(|w| w[0].saved_at >= w[1].saved_at));
    let mine = store.list(Some("c1")).unwrap();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().any(|d| d.target == comment("DEMO-7")));

    assert_eq!(store.remove_connection("c1").unwrap(), 2);
    assert_eq!(store.list(Some("c1")).unwrap(), Vec::new());
    assert_eq!(store.list(None).unwrap().len(), 1);
}

#[test]
fn drafts_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = DraftStore::new(dir.path());
        store
            .save(
                "c1",
                &create("DEMO", "10001"),
                values(json!({ "summary": "Kept" })),
            )
            .unwrap();
    }
    // A new store over the same folder, as after an app restart.
    let again = DraftStore::new(dir.path());
    let draft = again.load("c1", &create("DEMO", "10001")).unwrap().unwrap();
    assert_eq!(draft.values["summary"], "Kept");
    assert_eq!(again.list(None).unwrap().len(), 1);
}

#[test]
fn a_corrupt_file_is_kept_aside_and_the_store_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("create.json"), "{ this is not json").unwrap();
    std::fs::write(dir.path().join("comment.json"), [0xff_u8, 0xfe, 0x00]).unwrap();
    let store = DraftStore::new(dir.path());

    assert_eq!(store.load("c1", &create("DEMO", "1")).unwrap(), None);
    assert_eq!(store.list(None).unwrap(), Vec::new());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let aside = names
        .iter()
        .find(|n| n.starts_with("create.json.corrupt-"))
        .unwrap_or_else(|| panic!("the broken file is kept: {names:?}"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(aside)).unwrap(),
        "{ this is not json"
    );
    assert!(names.iter().any(|n| n.starts_with("comment.json.corrupt-")));

    // Saving works again and does not touch the kept file.
    store
        .save(
            "c1",
            &create("DEMO", "1"),
            values(json!({ "summary": "New" })),
        )
        .unwrap();
    assert_eq!(
        store
            .load("c1", &create("DEMO", "1"))
            .unwrap()
            .unwrap()
            .values["summary"],
        "New"
    );
    assert!(dir.path().join(aside).is_file());
}

#[test]
fn a_file_from_a_newer_jiffy_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let newer = r#"{"schemaVersion": 99, "drafts": [], "somethingNew": true}"#;
    std::fs::write(dir.path().join("create.json"), newer).unwrap();
    let store = DraftStore::new(dir.path());
    store
        .save(
            "c1",
            &create("DEMO", "1"),
            values(json!({ "summary": "Mine" })),
        )
        .unwrap();
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("create.json.corrupt-"))
        .expect("the newer file is kept");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), newer);
}

#[test]
fn blank_keys_and_huge_drafts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::new(dir.path());
    let some = || values(json!({ "summary": "x" }));
    for (connection, target) in [
        ("", create("DEMO", "1")),
        ("c1", create(" ", "1")),
        ("c1", create("DEMO", "")),
        ("c1", comment("  ")),
    ] {
        let err = store.save(connection, &target, some()).unwrap_err();
        assert_eq!(err.kind(), "InvalidInput", "{connection:?} {target:?}");
    }
    let huge = values(json!({ "description": "x".repeat(MAX_DRAFT_BYTES + 1) }));
    let err = store.save("c1", &create("DEMO", "1"), huge).unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(!dir.path().join("create.json").exists(), "nothing written");
}

#[test]
fn only_the_newest_drafts_of_a_kind_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::new(dir.path());
    for n in 0..=MAX_DRAFTS_PER_KIND {
        store
            .save(
                "c1",
                &comment(&format!("DEMO-{n}")),
                values(json!({ "body": n })),
            )
            .unwrap();
    }
    let all = store.list(Some("c1")).unwrap();
    assert_eq!(all.len(), MAX_DRAFTS_PER_KIND);
    assert!(store.load("c1", &comment("DEMO-0")).unwrap().is_none());
    let last = format!("DEMO-{MAX_DRAFTS_PER_KIND}");
    assert!(store.load("c1", &comment(&last)).unwrap().is_some());
}

#[test]
fn the_wire_shape_is_tagged_and_camel_case() {
    let target: DraftTarget =
        serde_json::from_value(json!({ "kind": "create", "project": "DEMO", "issueType": "3" }))
            .unwrap();
    assert_eq!(target, create("DEMO", "3"));
    let target: DraftTarget =
        serde_json::from_value(json!({ "kind": "comment", "issueKey": "DEMO-1" })).unwrap();
    assert_eq!(
        serde_json::to_value(&target).unwrap(),
        json!({ "kind": "comment", "issueKey": "DEMO-1" })
    );
}
