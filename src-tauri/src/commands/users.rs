//! Users: search, one user with their groups, and avatars fetched through Rust (the webview
//! has no credentials and its CSP allows no remote images).

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::api::users::{User, UserId};
use jiffy_core::ops;
use tauri::State;

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
/// CDN, Gravatar) are refused so credentials never leave the site. The same fetch and memory
/// as [`crate::commands::avatars::avatar_get`].
///
/// Errors: `invalidInput` for an address off the site or an answer that is not an image;
/// `notFound`; `network`.
#[tauri::command]
pub async fn user_avatar(
    state: State<'_, AppState>,
    connection: String,
    url: String,
) -> CmdResult<String> {
    crate::commands::avatars::avatar_data_url(&state, &connection, &url).await
}
