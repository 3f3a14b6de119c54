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

/// Starts a demo site (`dataCenter` or `cloud`) and saves a connection to it (password or
/// API token); its id.
fn save_demo_connection(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    kind: &str,
) -> String {
    let demo = invoke(window, "demo_start", serde_json::json!({ "kind": kind })).expect("demo");
    let account = &demo["accounts"][0];
    let probe = invoke(
        window,
        "wizard_probe",
        serde_json::json!({ "url": demo["baseUrl"], "network": null }),
    )
    .expect("probe");
    let site = serde_json::json!({
        "baseUrl": probe["baseUrl"], "deployment": probe["deployment"],
        "version": probe["version"], "network": {}
    });
    let sign_in = if kind == "cloud" {
        serde_json::json!({ "method": "apiToken", "email": account["email"], "token": account["apiToken"] })
    } else {
        serde_json::json!({ "method": "basic", "username": account["username"], "password": account["password"] })
    };
    let signed = invoke(
        window,
        "wizard_sign_in",
        serde_json::json!({ "site": site, "signIn": sign_in }),
    )
    .expect("signed in");
    let saved = invoke(
        window,
        "wizard_save",
        serde_json::json!({ "draftId": signed["draftId"], "saveAs": { "name": "Demo", "makeDefault": true } }),
    )
    .expect("saved");
    saved["id"].as_str().expect("id").to_owned()
}

#[test]
fn projects_search_and_an_issue_view_with_hostile_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");

    let projects = invoke(
        &window,
        "projects_list",
        serde_json::json!({ "connection": id }),
    )
    .expect("projects");
    let project = projects[0]["key"]
        .as_str()
        .expect("a project key")
        .to_owned();
    assert!(projects[0]["name"].as_str().is_some_and(|n| !n.is_empty()));

    let jql = format!("project = {project} ORDER BY key");
    let page = invoke(
        &window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": jql, "page": { "maxResults": 2 } }),
    )
    .expect("search");
    let rows = page["issues"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{page}");
    let key = rows[0]["key"].as_str().expect("key").to_owned();
    assert!(key.starts_with(&format!("{project}-")), "{key}");
    for column in ["issueType", "summary", "status", "priority", "updated"] {
        assert!(rows[0][column].is_string(), "{column} in {page}");
    }
    let total = page["total"].as_u64().expect("Data Center tells the total");
    assert_eq!(page["totalIsApproximate"], false);
    assert!(total > 2, "the demo project has more than one page of 2");
    // The next page continues where this one ended.
    assert_eq!(page["nextStartAt"], 2);
    let next = invoke(
        &window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": jql,
            "page": { "startAt": 2, "maxResults": 2 } }),
    )
    .expect("page 2");
    assert_ne!(next["issues"][0]["key"], key.as_str());
    let bad = invoke(
        &window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": "project = = (", "page": { "maxResults": 5 } }),
    )
    .expect_err("bad JQL is refused");
    assert_eq!(bad["kind"], "validation", "{bad}");

    // Hostile markup goes in through the REST API, as any Jira user could type it.
    let hostile = "Look: <img src=x onerror=alert(1)> and <script>alert(2)</script>";
    {
        use tauri::Manager;
        let state = app.state::<jiffy_lib::state::AppState>();
        let client = state.client(&id).expect("client");
        let resource = format!("issue/{key}");
        let comments = format!("issue/{key}/comment");
        tauri::async_runtime::block_on(async {
            let body = serde_json::json!({ "fields": { "description": hostile } });
            jiffy_core::ops::raw(&client, "PUT", &resource, &[], Some(body))
                .await
                .expect("description set");
            let body = serde_json::json!({ "body": hostile });
            jiffy_core::ops::raw(&client, "POST", &comments, &[], Some(body))
                .await
                .expect("comment added");
        });
    }
    let view = invoke(
        &window,
        "issue_view",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("issue view");
    assert_eq!(view["key"], key.as_str());
    let description = view["descriptionHtml"].as_str().expect("html");
    let comments = view["comments"].as_array().expect("comments");
    let comment = comments.last().expect("the new comment")["bodyHtml"]
        .as_str()
        .expect("html");
    for html in [description, comment] {
        // The text is there (so this is the hostile body), but no element can run anything.
        assert!(html.contains("onerror=alert(1)"), "{html}");
        assert!(html.contains("alert(2)"), "{html}");
        let lower = html.to_ascii_lowercase();
        assert!(
            !lower.contains("<img") && !lower.contains("<script"),
            "{html}"
        );
    }

    let missing = invoke(
        &window,
        "issue_view",
        serde_json::json!({ "connection": id, "key": format!("{project}-999999") }),
    )
    .expect_err("missing issue");
    assert_eq!(missing["kind"], "notFound");

    let data = invoke(
        &window,
        "jql_autocomplete",
        serde_json::json!({ "connection": id }),
    )
    .expect("autocomplete data");
    assert!(data["visibleFieldNames"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f["value"] == "project")));
    let suggestions = invoke(
        &window,
        "jql_suggest",
        serde_json::json!({ "connection": id, "field": "project", "value": "" }),
    )
    .expect("suggestions");
    assert!(suggestions.is_array(), "{suggestions}");
}

#[test]
fn cloud_search_pages_by_token_and_views_adf_safely() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "cloud");
    let projects = invoke(
        &window,
        "projects_list",
        serde_json::json!({ "connection": id }),
    )
    .expect("projects");
    let project = projects[0]["key"]
        .as_str()
        .expect("a project key")
        .to_owned();
    let jql = format!("project = {project} ORDER BY key");
    let page = invoke(
        &window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": jql, "page": { "maxResults": 2 } }),
    )
    .expect("search");
    let key = page["issues"][0]["key"].as_str().expect("key").to_owned();
    // Cloud's search/jql tells no total: the first page carries the approximate count.
    assert_eq!(page["totalIsApproximate"], true, "{page}");
    let total = page["total"].as_u64().expect("approximate count");
    assert_eq!(page["nextStartAt"], serde_json::Value::Null);
    assert!(total > 2, "the demo project has more than one page of 2");
    let token = page["nextPageToken"].as_str().expect("token").to_owned();
    let next = invoke(
        &window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": jql,
            "page": { "nextPageToken": token, "maxResults": 2 } }),
    )
    .expect("page 2");
    assert_ne!(next["issues"][0]["key"], key.as_str());

    let hostile = "Look: <img src=x onerror=alert(1)> and <script>alert(2)</script>";
    {
        use tauri::Manager;
        let state = app.state::<jiffy_lib::state::AppState>();
        let client = state.client(&id).expect("client");
        let doc = serde_json::json!({ "type": "doc", "version": 1, "content": [
            { "type": "paragraph", "content": [{ "type": "text", "text": hostile }] }
        ] });
        let body = serde_json::json!({ "fields": { "description": doc } });
        tauri::async_runtime::block_on(jiffy_core::ops::raw(
            &client,
            "PUT",
            &format!("issue/{key}"),
            &[],
            Some(body),
        ))
        .expect("description set");
    }
    let view = invoke(
        &window,
        "issue_view",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("issue view");
    let html = view["descriptionHtml"].as_str().expect("html");
    assert!(
        html.contains("onerror=alert(1)") && html.contains("alert(2)"),
        "{html}"
    );
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<img") && !lower.contains("<script"),
        "{html}"
    );
}
