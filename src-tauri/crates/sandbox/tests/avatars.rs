//! Project avatars where the projects' `avatarUrls` point, in both modes: a PNG of the size
//! asked for, only for a signed-in caller who may browse the project; and changelog items
//! that name custom fields as Jira does.

mod common;

use common::{start, Site};
use jiffy_sandbox::Mode;
use serde_json::{json, Value};

/// The project's `avatarUrls` as the list of projects gives them.
async fn avatar_urls(s: &Site, api: u8, key: &str) -> Value {
    let projects = s.json(&format!("/rest/api/{api}/project"), "alice").await;
    projects
        .as_array()
        .expect("projects")
        .iter()
        .find(|p| p["key"] == key)
        .expect("project listed")["avatarUrls"]
        .clone()
}

/// GETs an absolute avatar URL (optionally as `user`), returning status, type and body.
async fn fetch(s: &Site, url: &str, user: Option<&str>) -> (u16, String, Vec<u8>) {
    let mut req = s.http.get(url);
    if let Some(user) = user {
        let (name, secret) = s.creds(user);
        req = req.basic_auth(name, Some(secret));
    }
    let r = req.send().await.expect("request");
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, kind, r.bytes().await.expect("body").to_vec())
}

/// The width and height of a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

async fn serves_each_size(mode: Mode, api: u8, path_part: &str) {
    let s = start(mode).await;
    let urls = avatar_urls(&s, api, "DEV").await;
    for (key, px) in [("16x16", 16), ("24x24", 24), ("32x32", 32), ("48x48", 48)] {
        let url = urls[key].as_str().expect("url");
        assert!(url.starts_with(s.sb.base_url()), "{url}");
        assert!(url.contains(path_part), "{url}");
        let (status, kind, body) = fetch(&s, url, Some("alice")).await;
        assert_eq!((status, kind.as_str()), (200, "image/png"), "{url}");
        assert_eq!(png_size(&body), (px, px), "{url}");
        // Like Jira's custom project avatars, not for anonymous callers.
        let (status, _, _) = fetch(&s, url, None).await;
        assert_eq!(status, 401, "{url} without credentials");
    }
    // Another project's avatar is another image.
    let other = avatar_urls(&s, api, "DOCS").await;
    let (_, _, dev) = fetch(&s, urls["48x48"].as_str().expect("url"), Some("alice")).await;
    let (_, _, docs) = fetch(&s, other["48x48"].as_str().expect("url"), Some("alice")).await;
    assert_ne!(dev, docs);
}

#[tokio::test]
async fn data_center_serves_project_avatars_from_the_servlet() {
    serves_each_size(Mode::DataCenter, 2, "/secure/projectavatar?size=").await;
}

#[tokio::test]
async fn cloud_serves_project_avatars_from_universal_avatar() {
    serves_each_size(
        Mode::Cloud,
        3,
        "/rest/api/3/universal_avatar/view/type/project/avatar/",
    )
    .await;
}

#[tokio::test]
async fn avatars_of_projects_the_caller_cannot_browse_are_not_found() {
    let s = start(Mode::DataCenter).await;
    let projects = s.json("/rest/api/2/project", "alice").await;
    let seen: Vec<&str> = projects
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    // A project id alice does not see, and an id no project has.
    let hidden = (10000..10100)
        .map(|n: i64| n.to_string())
        .find(|id| !seen.contains(&id.as_str()));
    for pid in hidden.iter().map(String::as_str).chain(["99999", "x"]) {
        let url = s.url(&format!("/secure/projectavatar?pid={pid}"));
        let (status, _, _) = fetch(&s, &url, Some("alice")).await;
        assert_eq!(status, 404, "pid {pid}");
    }
    let url = s.url("/secure/projectavatar?pid=10000&size=99999");
    assert_eq!(fetch(&s, &url, Some("alice")).await.0, 400);
    // Data Center has no universal_avatar view.
    let url = s.url("/rest/api/2/universal_avatar/view/type/project/avatar/10500");
    assert_eq!(fetch(&s, &url, Some("alice")).await.0, 404);
}

#[tokio::test]
async fn changelog_items_name_custom_fields() {
    for (mode, api) in [(Mode::DataCenter, 2), (Mode::Cloud, 3)] {
        let s = start(mode).await;
        let r = s
            .put(&format!("/rest/api/{api}/issue/DEV-2"), "alice")
            .json(&json!({ "fields": { "customfield_10010": 8, "summary": "Renamed" } }))
            .send()
            .await
            .expect("edit");
        assert_eq!(r.status(), 204, "{mode:?}");
        let issue = s
            .json(
                &format!("/rest/api/{api}/issue/DEV-2?expand=changelog"),
                "alice",
            )
            .await;
        let items: Vec<Value> = issue["changelog"]["histories"]
            .as_array()
            .expect("histories")
            .iter()
            .flat_map(|h| h["items"].as_array().cloned().unwrap_or_default())
            .collect();
        let points = items
            .iter()
            .find(|i| i["field"] == "Story Points")
            .unwrap_or_else(|| panic!("{mode:?}: {items:?}"));
        assert_eq!(points["fieldtype"], "custom");
        let summary = items
            .iter()
            .find(|i| i["field"] == "summary")
            .expect("summary");
        assert_eq!(summary["fieldtype"], "jira");
        // Cloud adds the id; Data Center's ChangeItemBean has none.
        match mode {
            Mode::Cloud => assert_eq!(points["fieldId"], "customfield_10010"),
            Mode::DataCenter => assert!(points.get("fieldId").is_none()),
        }
    }
}
