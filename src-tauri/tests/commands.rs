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
