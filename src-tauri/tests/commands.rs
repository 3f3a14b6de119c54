//! Runs real commands through Tauri's IPC layer with the mock runtime: no display, no D-Bus.

use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn request(cmd: &str) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // The mock runtime treats http://tauri.localhost as remote on Linux; tauri://localhost
        // is the app's own origin there.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::default(),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

#[test]
fn app_info_answers_through_ipc() {
    let app = jiffy_lib::build_app(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window builds");

    let response = get_ipc_response(&window, request("app_info")).expect("app_info succeeds");
    let info: serde_json::Value = response.deserialize().unwrap();
    assert_eq!(info["name"], "Jiffy");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["os"], std::env::consts::OS);
    // The folders are the OS's app folders, named after the app's identifier.
    let identifier = &app.config().identifier;
    assert!(info["configDir"]
        .as_str()
        .unwrap()
        .ends_with(identifier.as_str()));
    assert!(info["dataDir"]
        .as_str()
        .unwrap()
        .ends_with(identifier.as_str()));
}

#[test]
fn unknown_commands_are_refused() {
    let app = jiffy_lib::build_app(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window builds");
    assert!(get_ipc_response(&window, request("fs_read_everything")).is_err());
}

/// The app with its state over a temp folder and an in-memory keyring.
fn app_with_state(
    dir: &std::path::Path,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    tauri::WebviewWindow<tauri::test::MockRuntime>,
    std::sync::Arc<jiffy_core::secrets::InMemoryStore>,
) {
    let secrets = std::sync::Arc::new(jiffy_core::secrets::InMemoryStore::new());
    let state = jiffy_lib::state::AppState::new(
        dir.join("config"),
        dir.join("data"),
        secrets.clone(),
        "0.0.0-test",
    );
    let app = jiffy_lib::build_app(mock_builder().manage(state))
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window builds");
    (app, window, secrets)
}

fn invoke(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    let mut req = request(cmd);
    req.body = InvokeBody::Json(args);
    get_ipc_response(window, req)
        .map(|r| r.deserialize::<serde_json::Value>().expect("JSON answer"))
}

#[test]
fn the_wizard_connects_to_the_demo_site_and_the_connection_is_managed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, secrets) = app_with_state(dir.path());
    let demo = invoke(
        &window,
        "demo_start",
        serde_json::json!({ "kind": "dataCenter" }),
    )
    .expect("demo starts");
    let base = demo["baseUrl"].as_str().expect("base url").to_owned();
    let account = &demo["accounts"][0];

    // Step 1: a pasted issue URL is enough.
    let probe = invoke(
        &window,
        "wizard_probe",
        serde_json::json!({ "url": format!("{base}/browse/DEMO-1"), "network": null }),
    )
    .expect("probe");
    assert_eq!(probe["baseUrl"], base.as_str());
    // Jira Data Center reports `deploymentType: "Server"`, as Server did.
    assert!(matches!(
        probe["deployment"].as_str(),
        Some("dataCenter" | "server")
    ));
    let site = serde_json::json!({
        "baseUrl": probe["baseUrl"], "deployment": probe["deployment"],
        "version": probe["version"], "network": {}
    });

    // A wrong password is a typed error the UI can act on.
    let wrong = invoke(
        &window,
        "wizard_sign_in",
        serde_json::json!({ "site": site, "signIn": {
            "method": "basic", "username": account["username"], "password": "wrong" } }),
    )
    .expect_err("refused");
    assert_eq!(wrong["kind"], "unauthorized");

    let signed = invoke(
        &window,
        "wizard_sign_in",
        serde_json::json!({ "site": site, "signIn": {
            "method": "basic", "username": account["username"], "password": account["password"] } }),
    )
    .expect("signed in");
    let draft = signed["draftId"].as_str().expect("draft").to_owned();
    let check = invoke(
        &window,
        "wizard_check",
        serde_json::json!({ "draftId": draft }),
    )
    .expect("check");
    assert!(!check["projects"].as_array().expect("projects").is_empty());
    let saved = invoke(
        &window,
        "wizard_save",
        serde_json::json!({ "draftId": draft, "saveAs": { "name": "Demo", "makeDefault": true } }),
    )
    .expect("saved");
    let id = saved["id"].as_str().expect("id").to_owned();
    assert!(!secrets.is_empty(), "the password went to the keyring");

    let list = invoke(&window, "connections_list", serde_json::json!({})).expect("list");
    assert_eq!(list[0]["connection"]["name"], "Demo");
    assert_eq!(list[0]["isDefault"], true);
    let me = invoke(&window, "connection_test", serde_json::json!({ "id": id })).expect("test");
    assert_eq!(me["name"], account["username"]);
    invoke(
        &window,
        "connection_rename",
        serde_json::json!({ "id": id, "name": "Play" }),
    )
    .expect("rename");
    invoke(
        &window,
        "connection_remove",
        serde_json::json!({ "id": "Play" }),
    )
    .expect("remove");
    assert!(secrets.is_empty(), "removing deletes the keyring entries");
    let list = invoke(&window, "connections_list", serde_json::json!({})).expect("list");
    assert_eq!(list, serde_json::json!([]));
}

#[test]
fn only_web_pages_can_be_opened_in_the_browser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    for url in ["file:///etc/passwd", "javascript:alert(1)", "not a url"] {
        let err = invoke(
            &window,
            "open_in_browser",
            serde_json::json!({ "url": url }),
        )
        .expect_err("refused");
        assert_eq!(err["kind"], "invalidInput", "{url}");
    }
}

#[test]
fn every_command_is_in_the_manifest_and_granted_to_the_main_window() {
    let build = include_str!("../build.rs");
    let capability: serde_json::Value =
        serde_json::from_str(include_str!("../capabilities/main-window.json")).expect("json");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    for command in jiffy_lib::commands::ALL {
        assert!(
            build.contains(&format!("\"{command}\"")),
            "{command} missing in build.rs"
        );
        let permission = format!("allow-{}", command.replace('_', "-"));
        assert!(
            granted.contains(&permission.as_str()),
            "{permission} not granted"
        );
    }
    let own = granted.iter().filter(|p| p.starts_with("allow-")).count();
    assert_eq!(
        own,
        jiffy_lib::commands::ALL.len(),
        "a grant for a command that does not exist"
    );
}
