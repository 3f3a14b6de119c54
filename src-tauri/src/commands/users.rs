//! Users: search, one user with their groups, and avatars fetched through Rust (the webview
//! has no credentials and its CSP allows no remote images).

use crate::commands::attachments::data_url;
use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::api::users::{User, UserId};
use jiffy_core::ops;
use tauri::http::Method;
use tauri::State;

/// Avatars are small; anything bigger is not an avatar.
const AVATAR_MAX_BYTES: usize = 1024 * 1024;

/// Users matching `query` (name, username or email, as the deployment matches them).
///
/// Errors: `unauthorized`, `network`.
#[tauri::command]
pub async fn users_search(
    state: State<'_, AppState>,
    connection: String,
    query: String,
) -> CmdResult<Vec<User>> {
    let client = state.live_client(&connection).await?;
    Ok(ops::users_search(&client, &query).await?)
}

/// One user by account id (Cloud) or username (Data Center), with their groups when Jira
/// lets this account see them (`expand=groups`; absent otherwise).
///
/// Errors: `notFound` for an unknown user; `network`.
#[tauri::command]
pub async fn user_get(
    state: State<'_, AppState>,
    connection: String,
    id: UserId,
) -> CmdResult<User> {
    let client = state.live_client(&connection).await?;
    let (param, value) = id.query_param();
    let query = [(param, value.to_owned()), ("expand", "groups".to_owned())];
    // ops::user_get asks without `expand`; the raw answer is the same user bean.
    match ops::raw(&client, "GET", "user", &query, None).await {
        Ok(answer) => serde_json::from_value(answer.body).map_err(|e| IpcError::Internal {
            message: format!("unexpected answer for the user: {e}"),
        }),
        // A site that refuses the expansion still tells who the user is.
        Err(jiffy_core::Error::Forbidden(_)) => Ok(ops::user_get(&client, &id).await?),
        Err(e) => Err(e.into()),
    }
}

/// An avatar image (`avatarUrls` of a user or project) as a `data:` URL. Only addresses on
/// the connection's own site are fetched, with its credentials; other hosts (Cloud's avatar
/// CDN, Gravatar) are refused so credentials never leave the site.
///
/// Errors: `invalidInput` for an address off the site or an answer that is not an image;
/// `notFound`; `network`.
#[tauri::command]
pub async fn user_avatar(
    state: State<'_, AppState>,
    connection: String,
    url: String,
) -> CmdResult<String> {
    let client = state.live_client(&connection).await?;
    let (path, query) = site_path(&[&client.api_root(), &client.connection().base_url], &url)
        .ok_or_else(|| IpcError::InvalidInput {
            message: format!("{url} is not on this connection's site"),
        })?;
    let query: Vec<(&str, String)> = query.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let response = client
        .send_custom(Method::GET, &path, &query, &|b| {
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
    let bytes = response.bytes().await.map_err(|e| IpcError::Network {
        message: format!("the avatar did not arrive: {e}"),
    })?;
    // SVG avatars (Jira's defaults) are documents that can hold script: not inlined.
    let raster = ["image/png", "image/jpeg", "image/gif", "image/webp"];
    if !raster.contains(&mime.as_str()) || bytes.len() > AVATAR_MAX_BYTES {
        return Err(IpcError::InvalidInput {
            message: format!("the avatar is not a small raster image ({mime})"),
        });
    }
    Ok(data_url(&mime, &bytes))
}

type Query = Vec<(String, String)>;

/// The path (below the API root, which is where the client sends) and query of `url` when it
/// is on one of `roots` (same scheme, host and port, under the root's path).
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
    use super::site_path;

    #[test]
    fn only_addresses_on_the_site_are_fetched() {
        let roots = ["https://jira.example.com/jira"];
        let (path, query) = site_path(
            &roots,
            "https://jira.example.com/jira/secure/useravatar?size=48&ownerId=a",
        )
        .expect("on the site");
        assert_eq!(path, "/secure/useravatar");
        assert_eq!(
            query,
            [("size".into(), "48".into()), ("ownerId".into(), "a".into())]
        );
        for off in [
            "https://evil.example.com/jira/secure/useravatar",
            "http://jira.example.com/jira/secure/useravatar",
            "https://jira.example.com:8443/jira/secure/useravatar",
            "https://jira.example.com/jiraX/secure",
            "https://avatar-management.services.atlassian.net/a.png",
            "not a url",
        ] {
            assert!(site_path(&roots, off).is_none(), "{off}");
        }
    }
}
