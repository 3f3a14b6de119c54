use super::*;

fn cloud(name: &str) -> Connection {
    Connection {
        id: new_connection_id(),
        name: name.to_owned(),
        base_url: "https://mysite.atlassian.net".to_owned(),
        deployment: Deployment::Cloud,
        version: Some("1001.0.0".to_owned()),
        auth: AuthSettings::ApiToken {
            email: "me@example.com".to_owned(),
            cloud_id: None,
            use_gateway: false,
        },
        network: NetworkSettings::default(),
    }
}

fn dc(name: &str) -> Connection {
    Connection {
        id: new_connection_id(),
        name: name.to_owned(),
        base_url: "https://jira.corp/jira".to_owned(),
        deployment: Deployment::DataCenter,
        version: Some("9.12.2".to_owned()),
        auth: AuthSettings::OAuth1 {
            consumer_key: "jiffy-abc".to_owned(),
            callback: OAuth1Callback::Loopback { port: 47801 },
        },
        network: NetworkSettings {
            ca_cert_path: Some("/etc/ssl/corp-ca.pem".to_owned()),
            proxy: Some("http://proxy.corp:3128".to_owned()),
        },
    }
}

#[test]
fn first_connection_becomes_default_and_removal_moves_it() {
    let mut config = Config::default();
    let a = cloud("Work");
    let b = dc("Corp");
    config.add(a.clone()).unwrap();
    config.add(b.clone()).unwrap();
    assert_eq!(config.default_connection().map(|c| &c.id), Some(&a.id));
    config.set_default("corp").unwrap();
    assert_eq!(config.default_connection().map(|c| &c.id), Some(&b.id));
    let removed = config.remove("Corp").unwrap();
    assert_eq!(removed.id, b.id);
    assert_eq!(config.default_connection().map(|c| &c.id), Some(&a.id));
    config.remove(&a.id).unwrap();
    assert_eq!(config.default_connection, None);
    assert_eq!(config.remove("Work").unwrap_err().kind(), "NotFound");
}

#[test]
fn names_must_be_present_and_unique() {
    let mut config = Config::default();
    config.add(cloud("Work")).unwrap();
    assert_eq!(
        config.add(cloud(" WORK ")).unwrap_err().kind(),
        "InvalidInput"
    );
    assert_eq!(config.add(cloud("   ")).unwrap_err().kind(), "InvalidInput");
    config.add(cloud("  Home ")).unwrap();
    assert!(
        config.get("home").is_some(),
        "names are trimmed and matched case-insensitively"
    );
    assert_eq!(config.set_default("nope").unwrap_err().kind(), "NotFound");
}

#[test]
fn update_replaces_by_id_and_guards_names() {
    let mut config = Config::default();
    let a = cloud("Work");
    config.add(a.clone()).unwrap();
    config.add(dc("Corp")).unwrap();
    let renamed = Connection {
        name: "Office".to_owned(),
        version: Some("1002.0.0".to_owned()),
        ..a.clone()
    };
    config.update(renamed).unwrap();
    assert_eq!(config.get(&a.id).map(|c| c.name.as_str()), Some("Office"));
    let clash = Connection {
        name: "corp".to_owned(),
        ..a.clone()
    };
    assert_eq!(config.update(clash).unwrap_err().kind(), "InvalidInput");
    assert_eq!(
        config.update(cloud("Ghost")).unwrap_err().kind(),
        "NotFound"
    );
}

#[test]
fn save_then_load_round_trips_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConfigStore::new(dir.path().join("nested"));
    assert_eq!(
        store.load().unwrap(),
        Config::default(),
        "missing file = empty config"
    );
    let mut config = Config::default();
    config.add(cloud("Work")).unwrap();
    config.add(dc("Corp")).unwrap();
    store.save(&config).unwrap();
    assert_eq!(store.load().unwrap(), config);
    // Saving again replaces the file and leaves no temporary files behind.
    config.remove("Work").unwrap();
    store.save(&config).unwrap();
    assert_eq!(store.load().unwrap(), config);
    let names: Vec<_> = std::fs::read_dir(dir.path().join("nested"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec![CONFIG_FILE_NAME.to_owned()]);
}

#[test]
fn json_shape_is_camel_case_and_tagged() {
    let mut config = Config::default();
    let conn = dc("Corp");
    config.add(conn.clone()).unwrap();
    let json = serde_json::to_value(&config).unwrap();
    assert_eq!(json["schemaVersion"], CONFIG_SCHEMA_VERSION);
    assert_eq!(json["defaultConnection"], conn.id.as_str());
    let c = &json["connections"][0];
    assert_eq!(c["baseUrl"], "https://jira.corp/jira");
    assert_eq!(c["deployment"], "dataCenter");
    assert_eq!(c["auth"]["method"], "oauth1");
    assert_eq!(c["auth"]["consumerKey"], "jiffy-abc");
    assert_eq!(c["auth"]["callback"]["mode"], "loopback");
    assert_eq!(c["auth"]["callback"]["port"], 47801);
    assert_eq!(c["network"]["caCertPath"], "/etc/ssl/corp-ca.pem");
}

#[test]
fn newer_or_foreign_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConfigStore::new(dir.path());
    std::fs::write(store.path(), r#"{"schemaVersion": 99, "connections": []}"#).unwrap();
    let err = store.load().unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains("newer Jiffy"), "{err}");
    std::fs::write(store.path(), r#"{"connections": []}"#).unwrap();
    assert_eq!(store.load().unwrap_err().kind(), "Internal");
    std::fs::write(store.path(), "not json").unwrap();
    assert_eq!(store.load().unwrap_err().kind(), "Internal");
}

#[test]
fn connection_ids_are_distinct_hex() {
    let a = new_connection_id();
    let b = new_connection_id();
    assert_eq!(a.len(), 16);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, b);
}
