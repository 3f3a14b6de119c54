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
    // The manifest is built from the same list as `commands::ALL` (src/commands/all.rs).
    let build = include_str!("../build.rs");
    assert!(build.contains("include!(\"src/commands/all.rs\")"));
    let capability: serde_json::Value =
        serde_json::from_str(include_str!("../capabilities/main-window.json")).expect("json");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    for command in jiffy_lib::commands::ALL {
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

/// The key of the first issue of the connection's first project.
fn first_issue(window: &tauri::WebviewWindow<tauri::test::MockRuntime>, id: &str) -> String {
    let projects = invoke(
        window,
        "projects_list",
        serde_json::json!({ "connection": id }),
    )
    .expect("projects");
    let jql = format!("project = {} ORDER BY key", projects[0]["key"]);
    let page = invoke(
        window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": jql, "page": { "maxResults": 1 } }),
    )
    .expect("search");
    page["issues"][0]["key"].as_str().expect("key").to_owned()
}

#[test]
fn comments_are_added_edited_restricted_and_deleted() {
    for kind in ["dataCenter", "cloud"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_app, window, _) = app_with_state(dir.path());
        let id = save_demo_connection(&window, kind);
        let key = first_issue(&window, &id);
        let args = |extra: serde_json::Value| {
            let mut all = serde_json::json!({ "connection": id, "key": key });
            if let (Some(all), Some(extra)) = (all.as_object_mut(), extra.as_object()) {
                all.extend(extra.clone());
            }
            all
        };
        let before = invoke(&window, "comments_list", args(serde_json::json!({})))
            .expect("comments")
            .as_array()
            .expect("list")
            .len();

        let empty = invoke(
            &window,
            "comment_add",
            args(serde_json::json!({ "markdown": "  ", "visibility": null })),
        )
        .expect_err("an empty comment is refused");
        assert_eq!(empty["kind"], "validation", "{kind}: {empty}");
        assert!(empty["fieldErrors"]["comment"].is_string(), "{empty}");

        let added = invoke(
            &window,
            "comment_add",
            args(
                serde_json::json!({ "markdown": "Needs **more** <script>alert(1)</script>",
                "visibility": null }),
            ),
        )
        .expect("comment added");
        let comment_id = added["id"].as_str().expect("id").to_owned();
        let html = added["bodyHtml"].as_str().expect("html");
        // The Cloud sandbox keeps only the text of an ADF body; Data Center keeps the markup.
        let (bold, markdown) = if kind == "cloud" {
            ("more", "more")
        } else {
            ("<strong>more</strong>", "**more**")
        };
        assert!(html.contains(bold), "{kind}: {html}");
        assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        assert!(added["bodyMarkdown"]
            .as_str()
            .is_some_and(|m| m.contains(markdown)));

        let options = invoke(
            &window,
            "comment_visibility_options",
            args(serde_json::json!({})),
        )
        .expect("options");
        let role = options["roles"][0].as_str().expect("a role").to_owned();
        let edited = invoke(
            &window,
            "comment_update",
            args(serde_json::json!({ "id": comment_id, "markdown": "Edited",
                "visibility": { "type": "role", "value": role } })),
        )
        .expect("comment edited");
        assert!(edited["bodyHtml"]
            .as_str()
            .is_some_and(|h| h.contains("Edited")));
        assert_eq!(edited["visibility"]["value"], role.as_str());

        let all = invoke(&window, "comments_list", args(serde_json::json!({}))).expect("comments");
        assert_eq!(all.as_array().map(Vec::len), Some(before + 1), "{kind}");
        invoke(
            &window,
            "comment_delete",
            args(serde_json::json!({ "id": comment_id })),
        )
        .expect("deleted");
        let gone = invoke(
            &window,
            "comment_delete",
            args(serde_json::json!({ "id": comment_id })),
        )
        .expect_err("already deleted");
        assert_eq!(gone["kind"], "notFound", "{gone}");
    }
}

#[test]
fn an_attachment_goes_up_and_comes_back_byte_identical() {
    for kind in ["dataCenter", "cloud"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_app, window, _) = app_with_state(dir.path());
        let id = save_demo_connection(&window, kind);
        let key = first_issue(&window, &id);
        // Every byte value, so an encoding slip anywhere shows.
        let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let upload = dir.path().join("all bytes.bin");
        std::fs::write(&upload, &bytes).expect("file written");
        let created = invoke(
            &window,
            "attachment_upload",
            serde_json::json!({ "connection": id, "key": key, "path": upload }),
        )
        .expect("uploaded");
        assert_eq!(created[0]["filename"], "all bytes.bin", "{kind}: {created}");
        assert_eq!(created[0]["size"], 70_000);
        let attachment = created[0]["id"].as_str().expect("id").to_owned();

        let saved = dir.path().join("downloaded.bin");
        let written = invoke(
            &window,
            "attachment_download",
            serde_json::json!({ "connection": id, "id": attachment, "path": saved }),
        )
        .expect("downloaded");
        assert_eq!(written, 70_000);
        assert_eq!(std::fs::read(&saved).expect("read back"), bytes, "{kind}");
        // Not an image: no preview.
        let preview = invoke(
            &window,
            "attachment_thumbnail",
            serde_json::json!({ "connection": id, "id": attachment }),
        )
        .expect("thumbnail");
        assert!(preview.is_null(), "{preview}");

        let missing = invoke(
            &window,
            "attachment_upload",
            serde_json::json!({ "connection": id, "key": key, "path": dir.path().join("nope") }),
        )
        .expect_err("no such file");
        assert_eq!(missing["kind"], "invalidInput");

        invoke(
            &window,
            "attachment_delete",
            serde_json::json!({ "connection": id, "id": attachment }),
        )
        .expect("deleted");
        let gone = invoke(
            &window,
            "attachment_download",
            serde_json::json!({ "connection": id, "id": attachment,
                "path": dir.path().join("again.bin") }),
        )
        .expect_err("deleted attachments are gone");
        assert_eq!(gone["kind"], "notFound", "{gone}");
        assert!(!dir.path().join("again.bin").exists());
    }
}

#[test]
fn image_attachments_preview_as_data_urls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");
    let key = first_issue(&window, &id);
    // A 1×1 PNG.
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0,
        0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    let path = dir.path().join("dot.png");
    std::fs::write(&path, png).expect("file written");
    let created = invoke(
        &window,
        "attachment_upload",
        serde_json::json!({ "connection": id, "key": key, "path": path }),
    )
    .expect("uploaded");
    let preview = invoke(
        &window,
        "attachment_thumbnail",
        serde_json::json!({ "connection": id, "id": created[0]["id"] }),
    )
    .expect("thumbnail");
    assert_eq!(
        preview
            .as_str()
            .map(|p| p.starts_with("data:image/png;base64,iVBORw0KGgo")),
        Some(true),
        "{preview} ({})",
        created[0]["mimeType"]
    );
}

#[test]
fn users_are_searched_and_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");
    let found = invoke(
        &window,
        "users_search",
        serde_json::json!({ "connection": id, "query": "a" }),
    )
    .expect("search");
    let first = &found[0];
    let name = first["name"].as_str().expect("DC usernames").to_owned();
    let user = invoke(
        &window,
        "user_get",
        serde_json::json!({ "connection": id, "id": { "kind": "name", "value": name } }),
    )
    .expect("user");
    assert_eq!(user["displayName"], first["displayName"]);
    let missing = invoke(
        &window,
        "user_get",
        serde_json::json!({ "connection": id, "id": { "kind": "name", "value": "nobody-here" } }),
    )
    .expect_err("unknown user");
    assert_eq!(missing["kind"], "notFound", "{missing}");
    let off_site = invoke(
        &window,
        "user_avatar",
        serde_json::json!({ "connection": id, "url": "https://evil.example.com/a.png" }),
    )
    .expect_err("credentials stay on the site");
    assert_eq!(off_site["kind"], "invalidInput");
}

#[test]
fn the_console_sends_requests_with_the_connections_auth() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");
    let me = invoke(
        &window,
        "console_send",
        serde_json::json!({ "connection": id, "method": "GET", "path": "myself",
            "query": [{ "name": "expand", "value": "groups" }, { "name": "", "value": "x" }],
            "body": null }),
    )
    .expect("GET myself");
    assert_eq!(me["status"], 200);
    assert!(me["body"]["name"].is_string(), "{me}");
    assert!(me["headers"]["content-type"]
        .as_str()
        .is_some_and(|t| t.contains("json")));
    assert!(me["elapsedMs"].is_u64());

    let invalid = invoke(
        &window,
        "console_send",
        serde_json::json!({ "connection": id, "method": "POST", "path": "/rest/api/2/issue",
            "query": [], "body": "{ \"fields\": { \"summary\": \"x\" } }" }),
    )
    .expect_err("Jira refuses an issue without project and type");
    assert_eq!(invalid["kind"], "validation", "{invalid}");
    assert!(
        invalid["fieldErrors"]
            .as_object()
            .is_some_and(|f| !f.is_empty()),
        "{invalid}"
    );

    let not_json = invoke(
        &window,
        "console_send",
        serde_json::json!({ "connection": id, "method": "POST", "path": "issue",
            "query": [], "body": "{ fields: }" }),
    )
    .expect_err("checked before sending");
    assert_eq!(not_json["kind"], "invalidInput");
}

/// The create form of `issue_type` in `project`, as the dialog asks for it.
fn create_form(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    id: &str,
    project: &str,
    issue_type: &str,
) -> Vec<serde_json::Value> {
    invoke(
        window,
        "create_fields",
        serde_json::json!({ "connection": id, "project": project, "issueType": issue_type }),
    )
    .expect("create fields")
    .as_array()
    .expect("a list of fields")
    .clone()
}

#[test]
fn create_through_createmeta_with_a_custom_field_a_validation_error_and_a_subtask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");

    let projects = invoke(
        &window,
        "create_meta_projects",
        serde_json::json!({ "connection": id }),
    )
    .expect("projects");
    let project = projects[0]["key"].as_str().expect("key").to_owned();
    let types = invoke(
        &window,
        "create_issue_types",
        serde_json::json!({ "connection": id, "project": project }),
    )
    .expect("issue types");
    let types = types.as_array().expect("list");
    let type_id = |name: &str| {
        types
            .iter()
            .find(|t| t["name"] == name)
            .and_then(|t| t["id"].as_str())
            .unwrap_or_else(|| panic!("no {name} in {types:?}"))
            .to_owned()
    };
    let (task, subtask) = (type_id("Task"), type_id("Sub-task"));
    assert!(types.iter().any(|t| t["subtask"] == true));

    let form = create_form(&window, &id, &project, &task);
    // Required first, summary leading; the form picks project and type itself.
    assert_eq!(form[0]["id"], "summary", "{form:?}");
    assert_eq!(form[0]["required"], true);
    let first_optional = form
        .iter()
        .position(|f| f["required"] == false)
        .expect("optional");
    assert!(form[first_optional..]
        .iter()
        .all(|f| f["required"] == false));
    assert!(!form
        .iter()
        .any(|f| f["id"] == "project" || f["id"] == "issuetype"));
    let tier = form
        .iter()
        .find(|f| f["id"] == "customfield_10011")
        .expect("the custom select");
    assert_eq!(tier["kind"], "select");
    assert_eq!(tier["custom"], true);
    assert!(tier["options"]
        .as_array()
        .is_some_and(|o| o.iter().any(|o| o["label"] == "Staging")));

    // A draft of the form, as the dialog saves it while typing.
    let target = serde_json::json!({ "kind": "create", "project": project, "issueType": task });
    invoke(
        &window,
        "draft_save",
        serde_json::json!({ "connection": id, "target": target,
            "values": { "customfield_10011": "Staging" } }),
    )
    .expect("draft saved");

    // Missing summary: Jira's message lands on the field, and nothing is created.
    let missing = invoke(
        &window,
        "issue_create",
        serde_json::json!({ "connection": id, "project": project, "issueType": task,
            "fields": { "summary": "  ", "customfield_10011": "Staging" } }),
    )
    .expect_err("summary is required");
    assert_eq!(missing["kind"], "validation", "{missing}");
    assert!(
        missing["fieldErrors"]["summary"]
            .as_str()
            .is_some_and(|m| m.contains("summary")),
        "{missing}"
    );
    // A value that is not one of the options is refused on its field before sending.
    let bad = invoke(
        &window,
        "issue_create",
        serde_json::json!({ "connection": id, "project": project, "issueType": task,
            "fields": { "summary": "x", "customfield_10011": "Moon" } }),
    )
    .expect_err("not an option");
    assert!(bad["fieldErrors"]["customfield_10011"]
        .as_str()
        .is_some_and(|m| m.contains("Staging")));
    // A failed create keeps the draft.
    let kept = invoke(
        &window,
        "draft_load",
        serde_json::json!({ "connection": id, "target": target }),
    )
    .expect("draft load");
    assert_eq!(kept["values"]["customfield_10011"], "Staging");

    let created = invoke(
        &window,
        "issue_create",
        serde_json::json!({ "connection": id, "project": project, "issueType": task,
            "fields": { "summary": "Made by the create form", "customfield_10011": "Staging",
                "labels": "alpha,beta", "customfield_10010": "5" } }),
    )
    .expect("created");
    let key = created["key"].as_str().expect("key").to_owned();
    assert!(key.starts_with(&format!("{project}-")), "{created}");
    // Success forgets the draft.
    let gone = invoke(
        &window,
        "draft_load",
        serde_json::json!({ "connection": id, "target": target }),
    )
    .expect("draft load");
    assert_eq!(gone, serde_json::Value::Null);

    let fields_of = |key: &str| {
        use tauri::Manager;
        let state = app.state::<jiffy_lib::state::AppState>();
        let client = state.client(&id).expect("client");
        tauri::async_runtime::block_on(jiffy_core::ops::raw(
            &client,
            "GET",
            &format!("issue/{key}"),
            &[],
            None,
        ))
        .expect("issue")
        .body["fields"]
            .clone()
    };
    let fields = fields_of(&key);
    assert_eq!(fields["summary"], "Made by the create form");
    assert_eq!(fields["customfield_10011"]["value"], "Staging", "{fields}");
    assert_eq!(fields["labels"], serde_json::json!(["alpha", "beta"]));

    // A subtask names its parent; its form has the parent field.
    let sub_form = create_form(&window, &id, &project, &subtask);
    assert!(sub_form
        .iter()
        .any(|f| f["id"] == "parent" && f["kind"] == "parent" && f["required"] == true));
    let child = invoke(
        &window,
        "issue_create",
        serde_json::json!({ "connection": id, "project": project, "issueType": subtask,
            "fields": { "summary": "A piece of it", "parent": key.to_lowercase() } }),
    )
    .expect("subtask created");
    let child = child["key"].as_str().expect("key").to_owned();
    assert_eq!(fields_of(&child)["parent"]["key"], key.as_str());

    let nowhere = invoke(
        &window,
        "create_issue_types",
        serde_json::json!({ "connection": id, "project": "NOPE" }),
    )
    .expect_err("no such project");
    assert_eq!(nowhere["kind"], "notFound", "{nowhere}");
}

#[test]
fn cloud_creates_with_rich_text_and_a_custom_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "cloud");
    let projects = invoke(
        &window,
        "create_meta_projects",
        serde_json::json!({ "connection": id }),
    )
    .expect("projects");
    let project = projects[0]["key"].as_str().expect("key").to_owned();
    let types = invoke(
        &window,
        "create_issue_types",
        serde_json::json!({ "connection": id, "project": project }),
    )
    .expect("issue types");
    let bug = types
        .as_array()
        .and_then(|t| t.iter().find(|t| t["name"] == "Bug"))
        .and_then(|t| t["id"].as_str())
        .expect("Bug")
        .to_owned();
    let form = create_form(&window, &id, &project, &bug);
    assert!(form
        .iter()
        .any(|f| f["id"] == "description" && f["kind"] == "richText"));
    let created = invoke(
        &window,
        "issue_create",
        serde_json::json!({ "connection": id, "project": project, "issueType": bug,
            "fields": { "summary": "Cloud bug", "description": "It **breaks**.",
                "customfield_10012": "API,Docs" } }),
    )
    .expect("created on Cloud");
    let key = created["key"].as_str().expect("key").to_owned();
    let view = invoke(
        &window,
        "issue_view",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("view");
    assert!(
        view["descriptionHtml"]
            .as_str()
            .is_some_and(|h| h.contains("breaks")),
        "{view}"
    );
}

#[test]
fn drafts_survive_a_new_app_state_over_the_same_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let create = serde_json::json!({ "kind": "create", "project": "DEMO", "issueType": "10001" });
    let comment = serde_json::json!({ "kind": "comment", "issueKey": "DEMO-3" });
    {
        let (_app, window, _) = app_with_state(dir.path());
        invoke(
            &window,
            "draft_save",
            serde_json::json!({ "connection": "c1", "target": create,
                "values": { "summary": "Half typed", "labels": ["a"] } }),
        )
        .expect("create draft");
        invoke(
            &window,
            "draft_save",
            serde_json::json!({ "connection": "c1", "target": comment,
                "values": { "body": "Not sent yet" } }),
        )
        .expect("comment draft");
    }
    // As after a restart: a new app and state over the same folders.
    let (_app, window, _) = app_with_state(dir.path());
    let draft = invoke(
        &window,
        "draft_load",
        serde_json::json!({ "connection": "c1", "target": create }),
    )
    .expect("load");
    assert_eq!(draft["values"]["summary"], "Half typed");
    assert_eq!(draft["target"], create);
    let all = invoke(
        &window,
        "drafts_list",
        serde_json::json!({ "connection": "c1" }),
    )
    .expect("list");
    assert_eq!(all.as_array().map(Vec::len), Some(2), "{all}");
    assert_eq!(
        invoke(
            &window,
            "draft_remove",
            serde_json::json!({ "connection": "c1", "target": comment }),
        )
        .expect("remove"),
        true
    );
    let bad = invoke(
        &window,
        "draft_save",
        serde_json::json!({ "connection": "", "target": comment, "values": {} }),
    )
    .expect_err("needs a connection");
    assert_eq!(bad["kind"], "invalidInput");
    // The drafts are in the data folder, and hold only what was typed.
    let text = std::fs::read_to_string(dir.path().join("data/drafts/create.json")).expect("file");
    assert!(text.contains("Half typed"));
}

/// The first `n` issue keys of the demo project matching `extra` JQL (e.g. `AND …`).
fn demo_keys(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    id: &str,
    extra: &str,
    n: u32,
) -> Vec<String> {
    let projects = invoke(
        window,
        "projects_list",
        serde_json::json!({ "connection": id }),
    )
    .expect("projects");
    let project = projects[0]["key"].as_str().expect("project key");
    let jql = format!("project = {project} {extra} ORDER BY key");
    let page = invoke(
        window,
        "issues_search",
        serde_json::json!({ "connection": id, "jql": jql, "page": { "maxResults": n } }),
    )
    .expect("search");
    page["issues"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["key"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn issue_actions_edit_transition_assign_and_delete_on_the_demo_site() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");
    let keys = demo_keys(&window, &id, "", 6);
    let key = keys[0].clone();
    let view = |key: &str| {
        invoke(
            &window,
            "issue_view",
            serde_json::json!({ "connection": id, "key": key }),
        )
    };

    // Edit two fields, driven by editmeta.
    let form = invoke(
        &window,
        "issue_edit_fields",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("edit form");
    let fields = form["fields"].as_array().expect("fields");
    for wanted in ["summary", "labels"] {
        let field = fields.iter().find(|f| f["id"] == wanted).expect(wanted);
        assert_eq!(field["editable"], true, "{field}");
    }
    assert!(form["values"]["summary"].is_string(), "{form}");
    invoke(
        &window,
        "issue_edit",
        serde_json::json!({ "connection": id, "key": key,
            "fields": { "summary": "Edited through IPC", "labels": "ipc,edited" } }),
    )
    .expect("edit");
    let edited = view(&key).expect("view");
    assert_eq!(edited["summary"], "Edited through IPC");
    let labels: Vec<&str> = edited["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .filter_map(|l| l.as_str())
        .collect();
    assert!(
        labels.contains(&"ipc") && labels.contains(&"edited"),
        "{labels:?}"
    );
    // Rich text: Markdown in, wiki markup on the wire, Markdown back in the edit form.
    invoke(
        &window,
        "issue_edit",
        serde_json::json!({ "connection": id, "key": key,
            "fields": { "description": "Some **bold** words" } }),
    )
    .expect("edit description");
    let form = invoke(
        &window,
        "issue_edit_fields",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("edit form");
    assert_eq!(
        form["values"]["description"], "Some **bold** words",
        "{form}"
    );
    // A bad value comes back on its field, and nothing is sent.
    let bad = invoke(
        &window,
        "issue_edit",
        serde_json::json!({ "connection": id, "key": key,
            "fields": { "summary": "Not saved", "priority": "No such priority" } }),
    )
    .expect_err("bad priority");
    assert_eq!(bad["kind"], "validation", "{bad}");
    assert!(bad["fieldErrors"]["priority"].is_string(), "{bad}");
    assert_eq!(view(&key).expect("view")["summary"], "Edited through IPC");

    // Transition through a screen: the required field is refused empty, then accepted.
    let transitions = invoke(
        &window,
        "issue_transitions",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("transitions");
    let with_screen = transitions
        .as_array()
        .expect("list")
        .iter()
        .find(|t| {
            t["fields"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f["required"] == true))
        })
        .expect("a transition with a required screen field")
        .clone();
    let field = with_screen["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["required"] == true))
        .expect("required field")
        .clone();
    let field_id = field["id"].as_str().expect("field id");
    // A value the screen field does not offer comes back on that field; nothing moves.
    let status_before = view(&key).expect("view")["status"]["name"].clone();
    let refused = invoke(
        &window,
        "issue_transition",
        serde_json::json!({ "connection": id, "key": key,
            "transitionId": with_screen["id"], "fields": { field_id: "No such value" } }),
    )
    .expect_err("a value the screen does not offer");
    assert_eq!(refused["kind"], "validation", "{refused}");
    assert!(refused["fieldErrors"][field_id].is_string(), "{refused}");
    assert_eq!(view(&key).expect("view")["status"]["name"], status_before);
    let choice = field["options"][0]["id"].as_str().expect("an option");
    invoke(
        &window,
        "issue_transition",
        serde_json::json!({ "connection": id, "key": key,
            "transitionId": with_screen["id"], "fields": { field_id: choice } }),
    )
    .expect("transition");
    let moved = view(&key).expect("view");
    assert_eq!(
        moved["status"]["name"], with_screen["to"]["name"],
        "{moved}"
    );

    // Assign to me, to someone assignable, then unassign.
    invoke(
        &window,
        "issue_assign",
        serde_json::json!({ "connection": id, "key": key, "user": "me" }),
    )
    .expect("assign to me");
    let me = view(&key).expect("view")["assignee"].clone();
    assert!(me["displayName"].is_string(), "{me}");
    let people = invoke(
        &window,
        "users_assignable",
        serde_json::json!({ "connection": id, "key": key, "query": "" }),
    )
    .expect("assignable users");
    let other = people
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["name"] != me["name"])
        .expect("another assignable user")
        .clone();
    invoke(
        &window,
        "issue_assign",
        serde_json::json!({ "connection": id, "key": key, "user": other["name"] }),
    )
    .expect("assign to another");
    assert_eq!(view(&key).expect("view")["assignee"]["name"], other["name"]);
    invoke(
        &window,
        "issue_assign",
        serde_json::json!({ "connection": id, "key": key, "user": null }),
    )
    .expect("unassign");
    assert!(view(&key).expect("view")["assignee"].is_null());

    // Delete: a parent needs its subtasks deleted too; a plain issue just goes.
    let subtask = demo_keys(&window, &id, "AND issuetype = Sub-task", 1)
        .pop()
        .expect("a subtask in the demo project");
    let parent = view(&subtask).expect("subtask")["parent"]["key"]
        .as_str()
        .expect("its parent")
        .to_owned();
    let refused = invoke(
        &window,
        "issue_delete",
        serde_json::json!({ "connection": id, "key": parent, "deleteSubtasks": false }),
    )
    .expect_err("subtasks need the flag");
    assert_eq!(refused["kind"], "validation", "{refused}");
    invoke(
        &window,
        "issue_delete",
        serde_json::json!({ "connection": id, "key": parent, "deleteSubtasks": true }),
    )
    .expect("delete with subtasks");
    for gone in [&parent, &subtask] {
        assert_eq!(view(gone).expect_err("deleted")["kind"], "notFound");
    }
}

#[test]
fn an_issue_opens_in_its_own_window_once() {
    use tauri::Manager;
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, window, _) = app_with_state(dir.path());
    let args = serde_json::json!({ "connection": "my conn", "key": "DEMO-7" });
    invoke(&window, "issue_open_window", args.clone()).expect("window opens");
    let label = "issue-my_conn-DEMO-7";
    let opened = app.get_webview_window(label).expect("the issue's window");
    let url = opened.url().expect("url");
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert!(query.contains(&("issue".into(), "DEMO-7".into())), "{url}");
    assert!(
        query.contains(&("connection".into(), "my conn".into())),
        "{url}"
    );
    // Opening it again focuses the same window instead of making a second one.
    invoke(&window, "issue_open_window", args).expect("focused");
    let issue_windows = app
        .webview_windows()
        .keys()
        .filter(|l| l.starts_with("issue-"))
        .count();
    assert_eq!(issue_windows, 1);
}
#[test]
fn cloud_edits_rich_text_as_markdown_and_assigns_by_account_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "cloud");
    let key = demo_keys(&window, &id, "", 1).pop().expect("an issue");
    let edit = |fields: serde_json::Value| {
        invoke(
            &window,
            "issue_edit",
            serde_json::json!({ "connection": id, "key": key, "fields": fields }),
        )
    };
    // Markdown in, ADF on the wire; the edit form gets Markdown back, not ADF. (The demo
    // site keeps a description's text only, so the marks do not survive it.)
    edit(serde_json::json!({ "description": "Some **bold** words" })).expect("edit");
    let form = invoke(
        &window,
        "issue_edit_fields",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("edit form");
    assert_eq!(form["values"]["description"], "Some bold words", "{form}");
    let view = invoke(
        &window,
        "issue_view",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("view");
    let html = view["descriptionHtml"].as_str().expect("html");
    assert!(html.contains("Some bold words"), "{html}");

    invoke(
        &window,
        "issue_assign",
        serde_json::json!({ "connection": id, "key": key, "user": "me" }),
    )
    .expect("assign to me");
    let view = invoke(
        &window,
        "issue_view",
        serde_json::json!({ "connection": id, "key": key }),
    )
    .expect("view");
    assert!(
        view["assignee"]["accountId"]
            .as_str()
            .is_some_and(|a| !a.is_empty()),
        "{view}"
    );
}

#[test]
fn the_history_lists_every_change_in_both_modes() {
    for kind in ["dataCenter", "cloud"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_app, window, _) = app_with_state(dir.path());
        let id = save_demo_connection(&window, kind);
        let key = first_issue(&window, &id);
        let history = |key: &str| {
            invoke(
                &window,
                "issue_history",
                serde_json::json!({ "connection": id, "key": key }),
            )
        };
        let before = history(&key).expect("history");
        let before = before.as_array().map(Vec::len).expect("list");
        // More edits than Cloud's changelog page (100) holds, so paging must follow through.
        let edits = 101;
        for n in 1..=edits {
            invoke(
                &window,
                "issue_edit",
                serde_json::json!({ "connection": id, "key": key,
                    "fields": { "summary": format!("History {n}") } }),
            )
            .expect("edit");
        }
        let after = history(&key).expect("history");
        let entries = after.as_array().expect("list");
        assert_eq!(entries.len(), before + edits, "{kind}");
        let last = entries.last().expect("an entry");
        assert!(last["author"]["displayName"].is_string(), "{kind}: {last}");
        assert!(last["created"].as_str().is_some_and(|c| !c.is_empty()));
        let item = &last["items"][0];
        assert_eq!(item["field"], "summary", "{kind}: {last}");
        assert_eq!(item["fromString"], format!("History {}", edits - 1));
        assert_eq!(item["toString"], format!("History {edits}"));

        let missing = history("NOPE-999").expect_err("no such issue");
        assert_eq!(missing["kind"], "notFound", "{kind}: {missing}");
    }
}

#[test]
fn saved_searches_and_recent_issues_are_kept_per_connection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _secrets) = app_with_state(dir.path());
    let save = |name: &str, jql: &str| {
        invoke(
            &window,
            "saved_searches_save",
            serde_json::json!({ "connection": "c1", "name": name, "jql": jql }),
        )
    };
    save("Mine", "assignee = currentUser()").expect("saved");
    save("Bugs", "type = Bug").expect("saved");
    let blank = save(" ", "x = 1").expect_err("a name is needed");
    assert_eq!(blank["kind"], "invalidInput", "{blank}");
    invoke(
        &window,
        "saved_searches_rename",
        serde_json::json!({ "connection": "c1", "from": "Bugs", "to": "All bugs" }),
    )
    .expect("renamed");
    let taken = invoke(
        &window,
        "saved_searches_rename",
        serde_json::json!({ "connection": "c1", "from": "All bugs", "to": "mine" }),
    )
    .expect_err("the name is taken");
    assert_eq!(taken["kind"], "invalidInput", "{taken}");
    let deleted = invoke(
        &window,
        "saved_searches_delete",
        serde_json::json!({ "connection": "c1", "name": "Mine" }),
    )
    .expect("deleted");
    assert_eq!(deleted, true);
    let list = invoke(
        &window,
        "saved_searches_list",
        serde_json::json!({ "connection": "c1" }),
    )
    .expect("list");
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["name"], "All bugs");
    assert_eq!(list[0]["jql"], "type = Bug");
    let other = invoke(
        &window,
        "saved_searches_list",
        serde_json::json!({ "connection": "c2" }),
    )
    .expect("list");
    assert_eq!(other, serde_json::json!([]));

    for key in ["DEMO-1", "DEMO-2", "DEMO-1"] {
        invoke(
            &window,
            "recent_issues_add",
            serde_json::json!({ "connection": "c1", "key": key, "summary": "s" }),
        )
        .expect("recent added");
    }
    let recent = invoke(
        &window,
        "recent_issues_list",
        serde_json::json!({ "connection": "c1" }),
    )
    .expect("recent");
    let keys: Vec<&str> = recent
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|r| r["key"].as_str())
        .collect();
    assert_eq!(keys, ["DEMO-1", "DEMO-2"]);
}

#[test]
fn project_avatars_come_back_as_data_urls_in_both_modes() {
    for kind in ["dataCenter", "cloud"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_app, window, _) = app_with_state(dir.path());
        let id = save_demo_connection(&window, kind);
        let projects = invoke(
            &window,
            "projects_list",
            serde_json::json!({ "connection": id }),
        )
        .expect("projects");
        let url = projects[0]["avatarUrls"]["16x16"]
            .as_str()
            .unwrap_or_else(|| panic!("{kind}: avatarUrls in {projects}"))
            .to_owned();
        let avatar = |url: &str| {
            invoke(
                &window,
                "avatar_get",
                serde_json::json!({ "connection": id, "url": url }),
            )
        };
        let data = avatar(&url).expect("the avatar");
        // "iVBORw0KGgo" is the PNG signature in base64.
        let data = data.as_str().expect("a data URL");
        assert!(
            data.starts_with("data:image/png;base64,iVBORw0KGgo"),
            "{kind}: {data}"
        );
        assert_eq!(avatar(&url).expect("again"), data, "{kind}: the same image");

        let off_site = avatar("https://evil.example.com/secure/projectavatar?pid=10000")
            .expect_err("credentials stay on the site");
        assert_eq!(off_site["kind"], "invalidInput", "{kind}: {off_site}");
        // On the site but not an image: refused, not inlined.
        let base = url.split("/secure/").next().unwrap_or(&url);
        let base = base.split("/rest/").next().unwrap_or(base);
        let not_image = avatar(&format!("{base}/rest/api/2/serverInfo")).expect_err("JSON");
        assert_eq!(not_image["kind"], "invalidInput", "{kind}: {not_image}");
        let missing = avatar(&format!("{base}/secure/projectavatar?pid=1")).expect_err("none");
        assert_eq!(missing["kind"], "notFound", "{kind}: {missing}");
    }
}

#[test]
fn search_rows_carry_the_optional_columns_and_history_names_custom_fields() {
    for kind in ["dataCenter", "cloud"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_app, window, _) = app_with_state(dir.path());
        let id = save_demo_connection(&window, kind);
        let key = first_issue(&window, &id);
        invoke(
            &window,
            "issue_edit",
            serde_json::json!({ "connection": id, "key": key,
                "fields": { "customfield_10010": "13", "labels": "w2-column" } }),
        )
        .expect("edit");
        let page = invoke(
            &window,
            "issues_search",
            serde_json::json!({ "connection": id, "jql": format!("key = {key}"),
                "page": { "maxResults": 1 } }),
        )
        .expect("search");
        let row = &page["issues"][0];
        for column in ["created", "reporter", "dueDate"] {
            assert!(row[column].is_string(), "{kind}: {column} in {row}");
        }
        assert!(row["created"].as_str().is_some_and(|c| !c.is_empty()));
        assert_eq!(
            row["labels"],
            serde_json::json!(["w2-column"]),
            "{kind}: {row}"
        );
        assert!(row["components"].is_array() && row["fixVersions"].is_array());

        let history = invoke(
            &window,
            "issue_history",
            serde_json::json!({ "connection": id, "key": key }),
        )
        .expect("history");
        let fields: Vec<&str> = history
            .as_array()
            .expect("list")
            .iter()
            .flat_map(|h| h["items"].as_array().into_iter().flatten())
            .filter_map(|i| i["field"].as_str())
            .collect();
        assert!(fields.contains(&"Story Points"), "{kind}: {fields:?}");
        assert!(
            !fields.iter().any(|f| f.starts_with("customfield_")),
            "{kind}"
        );
    }
}

#[test]
fn watches_are_added_checked_switched_off_and_go_with_their_connection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    let id = save_demo_connection(&window, "dataCenter");
    let draft = |name: &str, connection: &str| {
        serde_json::json!({ "draft": {
            "connection": connection, "name": name,
            "jql": "project = DOCS AND status in (\"On Hold\", \"Ready to Publish\")",
            "schedule": { "kind": "weekly", "weekday": "mon", "at": "09:00", "timeZone": "Europe/Paris" },
            "notify": "new", "enabled": true
        }})
    };
    let watch = invoke(&window, "watch_add", draft("Docs to publish", &id)).expect("added");
    let watch_id = watch["id"].as_str().expect("watch id").to_owned();
    assert_eq!(watch["schedule"]["weekday"], "mon");

    let taken = invoke(&window, "watch_add", draft("docs TO publish", &id)).expect_err("taken");
    assert_eq!(taken["kind"], "invalidInput", "{taken}");
    let nowhere = invoke(&window, "watch_add", draft("Elsewhere", "no-such")).expect_err("none");
    assert_eq!(nowhere["kind"], "notFound", "{nowhere}");

    let list = invoke(&window, "watches_list", serde_json::json!({})).expect("list");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert!(list[0]["lastRunAt"].is_null());

    // Checking now runs the query against the demo site, whatever the schedule says.
    let list = invoke(
        &window,
        "watch_run_now",
        serde_json::json!({ "id": watch_id }),
    )
    .expect("checked");
    assert!(list[0]["lastRunAt"].is_u64(), "{list}");
    assert!(list[0]["lastError"].is_null(), "{list}");
    assert!(list[0]["matching"].as_u64().unwrap_or(0) > 0, "{list}");

    let off = invoke(
        &window,
        "watch_set_enabled",
        serde_json::json!({ "id": watch_id, "enabled": false }),
    )
    .expect("switched off");
    assert_eq!(off["enabled"], false);
    invoke(
        &window,
        "watches_mark_seen",
        serde_json::json!({ "id": null }),
    )
    .expect("seen");
    let list = invoke(&window, "watches_list", serde_json::json!({})).expect("list");
    assert_eq!(list[0]["unseen"], 0);

    // Preferences: closing the window keeps Jiffy in the tray unless switched off.
    let prefs = invoke(&window, "preferences_get", serde_json::json!({})).expect("prefs");
    assert_eq!(prefs["keepRunningInTray"], true);
    invoke(
        &window,
        "preferences_set",
        serde_json::json!({ "preferences": { "keepRunningInTray": false } }),
    )
    .expect("saved");
    let prefs = invoke(&window, "preferences_get", serde_json::json!({})).expect("prefs");
    assert_eq!(prefs["keepRunningInTray"], false);

    invoke(
        &window,
        "connection_remove",
        serde_json::json!({ "id": id }),
    )
    .expect("removed");
    let list = invoke(&window, "watches_list", serde_json::json!({})).expect("list");
    assert_eq!(list, serde_json::json!([]));
    // The connection's removal kept the preferences.
    let prefs = invoke(&window, "preferences_get", serde_json::json!({})).expect("prefs");
    assert_eq!(prefs["keepRunningInTray"], false);
}

#[test]
fn attachments_the_desktop_would_run_are_not_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, window, _) = app_with_state(dir.path());
    for name in ["install.sh", "Jiffy.desktop", "setup.EXE"] {
        let refused = invoke(
            &window,
            "attachment_open",
            serde_json::json!({ "connection": "any", "id": "1", "filename": name }),
        )
        .expect_err("refused");
        assert_eq!(refused["kind"], "invalidInput", "{refused}");
        assert!(
            refused["message"]
                .as_str()
                .unwrap_or("")
                .contains("could run a program"),
            "{refused}"
        );
    }
}
