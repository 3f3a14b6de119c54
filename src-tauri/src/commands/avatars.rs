//! Avatars (of projects, and anything else with `avatarUrls`) fetched through Rust: the
//! webview has no credentials and its CSP allows no remote images, so the image comes back
//! as a `data:` URL. Kept in memory per connection and URL, because the sidebar shows the
//! same avatars every time it is drawn.

use crate::commands::attachments::data_url;
use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use tauri::http::Method;
use tauri::State;

/// Avatars are small; anything bigger is not an avatar.
const AVATAR_MAX_BYTES: usize = 512 * 1024;
/// What the cache may hold (in `data:` URL bytes) before it starts over.
const CACHE_MAX_BYTES: usize = 16 * 1024 * 1024;
/// Image types shown inline. SVG is not among them: it is a document that can hold script,
/// so an SVG answer is asked for again as PNG (Jira's `format=png`).
const RASTER: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/// `data:` URLs by (connection id, avatar URL), with their total size. Process-wide rather
/// than in `AppState`: it is a pure memo of what the site answered, never saved.
#[derive(Default)]
struct Cache {
    urls: HashMap<(String, String), String>,
    bytes: usize,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

fn cached(connection: &str, url: &str) -> Option<String> {
    let cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    cache
        .urls
        .get(&(connection.to_owned(), url.to_owned()))
        .cloned()
}

fn remember(connection: &str, url: &str, data: &str) {
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if cache.bytes + data.len() > CACHE_MAX_BYTES {
        // Starting over is simpler than LRU and fine for a memo of small images.
        *cache = Cache::default();
    }
    cache.bytes += data.len();
    cache
        .urls
        .insert((connection.to_owned(), url.to_owned()), data.to_owned());
}

/// An avatar image (`avatarUrls` of a project, user, issue type…) as a `data:` URL, from
/// memory when this connection fetched it before. Only addresses on the connection's own
/// site (or its API gateway) are fetched, with its credentials; any other host is refused so
/// credentials never leave the site. An SVG answer is asked for again with `format=png`.
///
/// Errors: `invalidInput` for an address off the site or an answer that is not a small
/// raster image; `notFound`; `unauthorized`; `network`.
#[tauri::command]
pub async fn avatar_get(
    state: State<'_, AppState>,
    connection: String,
    url: String,
) -> CmdResult<String> {
    avatar_data_url(&state, &connection, &url).await
}

/// What [`avatar_get`] (and the users' `user_avatar`) answer: the avatar at `url` on the
/// connection's site as a `data:` URL, from memory when fetched before.
///
/// Errors: as [`avatar_get`].
pub async fn avatar_data_url(state: &AppState, connection: &str, url: &str) -> CmdResult<String> {
    if let Some(data) = cached(connection, url) {
        return Ok(data);
    }
    let client = state.live_client(connection).await?;
    let roots = [client.api_root(), client.connection().base_url.clone()];
    let roots: Vec<&str> = roots.iter().map(String::as_str).collect();
    let (path, mut query) = site_path(&roots, url).ok_or_else(|| IpcError::InvalidInput {
        message: format!("{url} is not on this connection's site"),
    })?;
    let mut image = fetch(&client, &path, &query).await?;
    if image.0 == "image/svg+xml" && !query.iter().any(|(k, _)| k == "format") {
        query.push(("format".into(), "png".into()));
        image = fetch(&client, &path, &query).await?;
    }
    let (mime, bytes) = image;
    if !RASTER.contains(&mime.as_str()) || bytes.len() > AVATAR_MAX_BYTES {
        return Err(IpcError::InvalidInput {
            message: format!("the avatar is not a small raster image ({mime})"),
        });
    }
    let data = data_url(&mime, &bytes);
    remember(connection, url, &data);
    Ok(data)
}

/// GETs `path` on the site; returns the content type (lower case, no parameters) and body.
async fn fetch(
    client: &jiffy_core::api::JiraClient,
    path: &str,
    query: &[(String, String)],
) -> CmdResult<(String, Vec<u8>)> {
    let query: Vec<(&str, String)> = query.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let response = client
        .send_custom(Method::GET, path, &query, &|b| {
            b.header("Accept", "image/*")
        })
        .await?;
    let mime = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    // A declared length over the limit is refused before the body is read.
    if response
        .content_length()
        .is_some_and(|n| n > AVATAR_MAX_BYTES as u64)
    {
        return Err(IpcError::InvalidInput {
            message: "the avatar is too big".into(),
        });
    }
    let bytes = response.bytes().await.map_err(|e| IpcError::Network {
        message: format!("the avatar did not arrive: {e}"),
    })?;
    Ok((mime, bytes.to_vec()))
}

type Query = Vec<(String, String)>;

/// The path (below the root, which is where the client sends) and query of `url` when it is
/// on one of `roots`: same scheme, host and port, under the root's path.
fn site_path(roots: &[&str], url: &str) -> Option<(String, Query)> {
    let target = url::Url::parse(url).ok()?;
    roots.iter().find_map(|root| {
        let root = url::Url::parse(root).ok()?;
        if root.origin() != target.origin() {
            return None;
        }
        let prefix = root.path().trim_end_matches('/');
        let rest = target.path().strip_prefix(prefix)?;
        if !rest.starts_with('/') {
            return None;
        }
        let query = target
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Some((rest.to_owned(), query))
    })
}

#[cfg(test)]
mod tests {
    use super::{cached, remember, site_path};

    #[test]
    fn only_addresses_on_the_site_are_fetched() {
        let roots = [
            "https://api.atlassian.com/ex/jira/abc",
            "https://corp.example.com/jira",
        ];
        let (path, query) = site_path(
            &roots,
            "https://corp.example.com/jira/secure/projectavatar?size=xsmall&pid=10000",
        )
        .expect("on the site");
        assert_eq!(path, "/secure/projectavatar");
        assert_eq!(
            query,
            [
                ("size".into(), "xsmall".into()),
                ("pid".into(), "10000".into())
            ]
        );
        let (path, _) = site_path(
            &roots,
            "https://api.atlassian.com/ex/jira/abc/rest/api/3/universal_avatar/view/type/project/avatar/1",
        )
        .expect("through the gateway");
        assert_eq!(
            path,
            "/rest/api/3/universal_avatar/view/type/project/avatar/1"
        );
        for off in [
            "https://evil.example.com/jira/secure/projectavatar",
            "http://corp.example.com/jira/secure/projectavatar",
            "https://corp.example.com:8443/jira/secure/projectavatar",
            "https://corp.example.com/jiraX/secure",
            "https://corp.example.com/other",
            "https://api.atlassian.com/ex/jira/other/rest/api/3/x",
            "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/a.png",
            "data:image/png;base64,AAAA",
            "not a url",
        ] {
            assert!(site_path(&roots, off).is_none(), "{off}");
        }
    }

    #[test]
    fn the_cache_is_per_connection_and_url() {
        remember("conn-a", "https://a/x.png", "data:image/png;base64,QQ==");
        assert_eq!(
            cached("conn-a", "https://a/x.png").as_deref(),
            Some("data:image/png;base64,QQ==")
        );
        assert_eq!(cached("conn-b", "https://a/x.png"), None);
        assert_eq!(cached("conn-a", "https://a/y.png"), None);
    }
}
