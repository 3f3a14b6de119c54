//! The connection wizard's steps, each a thin call into jiffy-core's
//! [`WizardEngine`](jiffy_core::wizard::session::WizardEngine).

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::config::{Connection, NetworkSettings};
use jiffy_core::http::{build_client, ClientOptions};
use jiffy_core::wizard::probe::{probe, ProbeResult};
use jiffy_core::wizard::session::{
    FlowOutcome, FlowStart, OAuth1CallbackChoice, OAuth1Start, OAuth2Start, PermissionSummary,
    SaveAs, SignIn, SignedIn, Site,
};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

/// Step 1: finds the Jira behind what the user pasted.
///
/// Errors: `network`, `tls`, `invalidInput` (not a Jira, too old, not a URL) with a sentence
/// saying what to do.
#[tauri::command]
pub async fn wizard_probe(
    state: State<'_, AppState>,
    url: String,
    network: Option<NetworkSettings>,
) -> CmdResult<ProbeResult> {
    let network = network.unwrap_or_default();
    let http = build_client(&ClientOptions::new(
        &state.client_config.app_version,
        &network,
    ))?;
    Ok(probe(&http, &url).await?)
}

/// Step 3 for secrets typed in (API token, password, PAT, "create a PAT for me").
///
/// Errors: as [`WizardEngine::sign_in`](jiffy_core::wizard::session::WizardEngine::sign_in).
#[tauri::command]
pub async fn wizard_sign_in(
    state: State<'_, AppState>,
    site: Site,
    sign_in: SignIn,
) -> CmdResult<SignedIn> {
    Ok(state.wizard.sign_in(&site, sign_in).await?)
}

/// OAuth 1.0a: a new RSA-2048 key pair (the public half to paste into Jira).
///
/// Errors: `internal` if generation fails.
#[tauri::command]
pub async fn wizard_oauth1_generate_key(state: State<'_, AppState>) -> CmdResult<OAuth1Start> {
    Ok(state.wizard.oauth1_generate_key().await?)
}

/// OAuth 1.0a: use an existing private key, pasted (`pem`) or from a file (`path`).
///
/// Errors: `invalidInput` for an unreadable file or something that is not an RSA private key.
#[tauri::command]
pub fn wizard_oauth1_import_key(
    state: State<'_, AppState>,
    pem: Option<String>,
    path: Option<String>,
) -> CmdResult<OAuth1Start> {
    let pem = match (pem.filter(|p| !p.trim().is_empty()), path) {
        (Some(pem), _) => pem,
        (None, Some(path)) => {
            std::fs::read_to_string(&path).map_err(|e| IpcError::InvalidInput {
                message: format!("Jiffy could not read {path}: {e}"),
            })?
        }
        (None, None) => {
            return Err(IpcError::InvalidInput {
                message: "Paste the private key or choose its file.".into(),
            })
        }
    };
    Ok(state.wizard.oauth1_import_key(&pem)?)
}

/// OAuth 1.0a reconnect: keep the key already linked in Jira.
///
/// Errors: `notFound` when the keyring has no key for the connection.
#[tauri::command]
pub fn wizard_oauth1_reuse_key(
    state: State<'_, AppState>,
    connection_id: String,
) -> CmdResult<OAuth1Start> {
    Ok(state
        .wizard
        .oauth1_key_of(state.secrets.as_ref(), &connection_id)?)
}

/// OAuth 1.0a: request token, then the approval page opens in the browser.
///
/// Errors: Jira's `oauth_problem` as a sentence (an unknown consumer means the Application
/// Link is not finished).
#[tauri::command]
pub async fn wizard_oauth1_begin<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    site: Site,
    key_id: String,
    consumer_key: String,
    callback: OAuth1CallbackChoice,
) -> CmdResult<FlowStart> {
    let start = state
        .wizard
        .oauth1_begin(&site, &key_id, &consumer_key, callback)
        .await?;
    open_quietly(&app, &start.authorize_url);
    Ok(start)
}

/// OAuth 1.0a out-of-band: the code Jira showed.
///
/// Errors: `notFound` for a finished flow; `invalidInput` for an empty code.
#[tauri::command]
pub fn wizard_oauth1_verifier(
    state: State<'_, AppState>,
    flow_id: String,
    code: String,
) -> CmdResult<()> {
    Ok(state.wizard.oauth1_verifier(&flow_id, &code)?)
}

/// OAuth 2.0: the authorization page opens in the browser.
///
/// Errors: `invalidInput` for missing client details or a busy port.
#[tauri::command]
pub async fn wizard_oauth2_begin<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    site: Site,
    start: OAuth2Start,
) -> CmdResult<FlowStart> {
    let flow = state.wizard.oauth2_begin(&site, start).await?;
    open_quietly(&app, &flow.authorize_url);
    Ok(flow)
}

/// Waits (up to five minutes) for the browser to come back.
///
/// Errors: refused in the browser, time-out, cancelled, or as `wizard_sign_in`.
#[tauri::command]
pub async fn wizard_oauth_wait(
    state: State<'_, AppState>,
    flow_id: String,
) -> CmdResult<FlowOutcome> {
    Ok(state.wizard.oauth_wait(&flow_id).await?)
}

/// Stops waiting for the browser.
#[tauri::command]
pub fn wizard_oauth_cancel(state: State<'_, AppState>, flow_id: String) {
    state.wizard.oauth_cancel(&flow_id);
}

/// Cloud OAuth 2.0 with several sites: the one the user chose.
///
/// Errors: as `wizard_sign_in`.
#[tauri::command]
pub async fn wizard_oauth2_choose_site(
    state: State<'_, AppState>,
    flow_id: String,
    cloud_id: String,
    site_url: String,
) -> CmdResult<SignedIn> {
    Ok(state
        .wizard
        .oauth2_choose_site(&flow_id, &cloud_id, &site_url)
        .await?)
}

/// Step 4: what the new connection may do, project by project.
///
/// Errors: `notFound` for a stale draft; as Jira answers.
#[tauri::command]
pub async fn wizard_check(
    state: State<'_, AppState>,
    draft_id: String,
) -> CmdResult<PermissionSummary> {
    Ok(state.wizard.check(&draft_id).await?)
}

/// Saves the checked draft as a connection (or onto an existing one when reconnecting).
///
/// Errors: a taken name, `keyringUnavailable`, file errors; the draft survives for a retry.
#[tauri::command]
pub fn wizard_save(
    state: State<'_, AppState>,
    draft_id: String,
    save_as: SaveAs,
) -> CmdResult<Connection> {
    let saved = state
        .wizard
        .save(&state.config, state.secrets.as_ref(), &draft_id, &save_as)?;
    // A reconnected connection's watches resume at once (they paused on the expired sign-in).
    let _ = state.watches.reset_backoff(&saved.id);
    state.watch_wake.notify_one();
    Ok(saved)
}

/// Forgets an unsaved sign-in.
#[tauri::command]
pub fn wizard_discard(state: State<'_, AppState>, draft_id: String) {
    state.wizard.discard(&draft_id);
}

/// Opens an http(s) page in the system browser (token pages, admin pages, help).
///
/// Errors: `invalidInput` for anything but an http or https URL; `internal` when no browser
/// could be started.
#[tauri::command]
pub fn open_in_browser<R: Runtime>(app: AppHandle<R>, url: String) -> CmdResult<()> {
    let parsed = url::Url::parse(&url).map_err(|e| IpcError::InvalidInput {
        message: format!("\"{url}\" is not a web address: {e}"),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(IpcError::InvalidInput {
            message: "Jiffy only opens http and https pages.".into(),
        });
    }
    app.opener()
        .open_url(parsed.as_str(), None::<&str>)
        .map_err(|e| IpcError::Internal {
            message: format!("No browser could be opened ({e}); copy the link instead."),
        })
}

/// Opens the sign-in page; when no browser starts, the wizard shows the link to copy.
fn open_quietly<R: Runtime>(app: &AppHandle<R>, url: &str) {
    if let Err(e) = app.opener().open_url(url, None::<&str>) {
        eprintln!("jiffy: could not open the browser ({e}); the wizard shows the link");
    }
}
