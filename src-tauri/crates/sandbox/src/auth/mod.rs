//! Who is calling: every auth method a Jira site accepts, checked once per request by
//! [`middleware`], and the extractors handlers use ([`Caller`], [`MaybeCaller`]).

mod applinks;
mod basic;
mod bearer;
mod consent;
mod grants;
mod oauth1_provider;
mod oauth2_cloud;
pub(crate) mod oauth2_dc;
mod pat;
pub mod state;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::error::ApiError;
use crate::server::{App, Gateway};
use crate::Mode;

/// How the caller authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    Basic,
    Pat,
    OAuth1,
    OAuth2,
    ScopedToken,
}

/// An authenticated caller.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The user's key.
    pub user: String,
    pub method: Method,
    /// OAuth 2.0 / scoped-token scopes; `None` means the user's full rights.
    pub scopes: Option<Vec<String>>,
}

/// What a route needs from the token's scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    User,
}

impl Caller {
    /// Checks the token's scopes (Cloud classic/granular scopes, DC READ/WRITE/ADMIN).
    pub fn need(&self, access: Access) -> Result<(), ApiError> {
        let Some(scopes) = &self.scopes else {
            return Ok(());
        };
        let has = |s: &str| scopes.iter().any(|x| x == s);
        let granular = |prefix: &str| scopes.iter().any(|x| x.starts_with(prefix));
        let ok = match access {
            Access::Read => {
                has("read:jira-work")
                    || has("READ")
                    || has("WRITE")
                    || has("ADMIN")
                    || has("SYSTEM_ADMIN")
                    || granular("read:")
            }
            Access::Write => {
                has("write:jira-work")
                    || has("WRITE")
                    || has("ADMIN")
                    || has("SYSTEM_ADMIN")
                    || granular("write:")
            }
            Access::User => {
                has("read:jira-user")
                    || has("read:jira-work")
                    || has("READ")
                    || has("WRITE")
                    || has("ADMIN")
                    || has("SYSTEM_ADMIN")
                    || granular("read:")
            }
        };
        if ok {
            Ok(())
        } else if self.method == Method::OAuth2 && scopes.iter().any(|s| s.contains(':')) {
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Unauthorized; scope does not match",
            ))
        } else {
            Err(ApiError::forbidden(
                "The access token does not have the scope for this request.",
            ))
        }
    }
}

/// The middleware's verdict, stored in the request extensions.
#[derive(Clone, Debug)]
struct Authn(Option<Caller>);

/// Paths that authenticate on their own (OAuth dances, login page, sandbox admin).
fn skips_auth(path: &str) -> bool {
    path.starts_with("/plugins/servlet/oauth/")
        || path.starts_with("/rest/oauth2/latest/")
        || path.starts_with("/oauth/token")
        || path == "/authorize"
        || path == "/login.jsp"
        || path.starts_with("/rest/sandbox/")
        || path.starts_with("/plugins/servlet/applinks")
        || path == "/_edge/tenant_info"
        || path == "/__unknown_cloud_site"
}

/// A Cloud attachment download link (`/secure/attachment/...?media_token=`).
fn carries_media_token(req: &Request) -> bool {
    req.uri().path().starts_with("/secure/attachment/")
        && req
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|p| p.starts_with("media_token=")))
}

/// Authenticates every request once; bad credentials are refused on every endpoint (as Jira
/// does), no credentials pass through as anonymous.
pub async fn middleware(State(app): State<App>, mut req: Request, next: Next) -> Response {
    if skips_auth(req.uri().path()) {
        return next.run(req).await;
    }
    let gateway = req.extensions().get::<Gateway>().is_some();
    let header = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let caller = match header {
        None => Ok(None),
        Some(h) => {
            let (scheme, rest) = h.split_once(' ').unwrap_or((h.as_str(), ""));
            match scheme.to_ascii_lowercase().as_str() {
                "basic" => basic::check(&app, rest.trim(), gateway).map(Some),
                "bearer" => bearer::check(&app, rest.trim(), gateway).map(Some),
                "oauth" if app.mode() == Mode::DataCenter => {
                    oauth1_provider::check_api_request(&app, &req, &h).map(Some)
                }
                _ => Err(ApiError::unauthenticated().into_response()),
            }
        }
    };
    let caller = match caller {
        Ok(c) => c,
        // The media token in a download link is the credential there, and Atlassian's media
        // host ignores an Authorization header that came along (clients that follow the
        // `attachment/content` redirect send the bearer or Basic header again).
        Err(_) if carries_media_token(&req) => None,
        Err(resp) => return resp,
    };
    let username = caller
        .as_ref()
        .and_then(|c| app.lock().user(&c.user).map(|u| u.username.clone()))
        .unwrap_or_else(|| "anonymous".into());
    req.extensions_mut().insert(Authn(caller));
    let mut resp = next.run(req).await;
    if app.mode() == Mode::DataCenter {
        if let Ok(v) = HeaderValue::from_str(&username) {
            resp.headers_mut().insert("x-ausername", v);
        }
    }
    resp
}

impl FromRequestParts<App> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &App) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Authn>() {
            Some(Authn(Some(c))) => Ok(c.clone()),
            _ => Err(ApiError::unauthenticated()),
        }
    }
}

/// A caller that may be anonymous (serverInfo and the like).
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequestParts<App> for MaybeCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &App) -> Result<Self, Self::Rejection> {
        Ok(MaybeCaller(
            parts.extensions.get::<Authn>().and_then(|a| a.0.clone()),
        ))
    }
}

/// Routes of the auth flows themselves.
pub fn router() -> Router<App> {
    Router::new()
        .merge(basic::router())
        .merge(pat::router())
        .merge(applinks::router())
        .merge(oauth1_provider::router())
        .merge(oauth2_cloud::router())
        .merge(oauth2_dc::router())
}

/// HTML-escapes text (shared with the renderers).
pub fn html_escape(s: &str) -> String {
    consent::esc(s)
}

/// The DC demo incoming OAuth 2.0 link, for the seed.
pub fn dc_demo_client() -> state::OAuth2Client {
    oauth2_dc::demo_client()
}
