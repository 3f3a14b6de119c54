//! Project avatar images, where the `avatarUrls` of a project point: Data Center's
//! `/secure/projectavatar?size=…&pid=…&avatarId=…` (Cloud still answers it too) and Cloud's
//! `GET /rest/api/3/universal_avatar/view/type/project/avatar/{id}?size=…`.
//!
//! Every project has its own (custom) avatar, so, as Jira does for custom project avatars,
//! the image needs a signed-in caller who may browse the project: anonymous callers get 401,
//! others 404 (as for a project they cannot see). The image is a small PNG drawn here: a
//! tile in the project's own colour, at the size asked for.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::auth::{Access, MaybeCaller};
use crate::error::{ApiError, ApiResult};
use crate::server::App;
use crate::store::Perm;

/// A project's avatar id is its id plus this, so the avatar names its owner (the permission
/// check needs the project) without a table of avatars in the store.
const AVATAR_ID_OFFSET: i64 = 500;

pub fn router() -> Router<App> {
    Router::new()
        .route("/secure/projectavatar", get(secure_project_avatar))
        .route(
            "/rest/api/{v}/universal_avatar/view/type/{kind}/avatar/{id}",
            get(universal_avatar),
        )
}

/// The avatar id of project `pid`.
pub fn avatar_id(pid: i64) -> i64 {
    pid + AVATAR_ID_OFFSET
}

/// Jira's size names (and plain pixel counts) in pixels; no size is the large one.
fn pixels(size: Option<&str>) -> Option<u32> {
    Some(match size {
        None | Some("large") => 48,
        Some("xsmall") => 16,
        Some("small") => 24,
        Some("medium") => 32,
        Some("xlarge") => 64,
        Some(n) => n.parse().ok().filter(|n| (8..=128).contains(n))?,
    })
}

/// `/secure/projectavatar?pid=…&avatarId=…&size=…` (the avatar id wins over `pid`).
async fn secure_project_avatar(
    State(app): State<App>,
    MaybeCaller(caller): MaybeCaller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let pid = match (q.get("avatarId"), q.get("pid")) {
        (Some(avatar), _) => avatar.parse::<i64>().ok().map(|a| a - AVATAR_ID_OFFSET),
        (None, Some(pid)) => pid.parse::<i64>().ok(),
        (None, None) => None,
    };
    image(&app, caller, pid, q.get("size").map(String::as_str))
}

/// Cloud's `universal_avatar/view/type/{type}/avatar/{id}`; this site has project avatars only.
async fn universal_avatar(
    State(app): State<App>,
    Path((v, kind, id)): Path<(String, String, String)>,
    MaybeCaller(caller): MaybeCaller,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let ctx = super::ctx(&app, &v)?;
    if !ctx.cloud() {
        return Err(ApiError::not_found(format!(
            "null for uri: {}/universal_avatar/view/type/{kind}/avatar/{id}",
            ctx.rest()
        )));
    }
    if kind != "project" {
        return Err(ApiError::not_found(format!(
            "Avatar with id {id} not found."
        )));
    }
    let pid = id.parse::<i64>().ok().map(|a| a - AVATAR_ID_OFFSET);
    image(&app, caller, pid, q.get("size").map(String::as_str))
}

/// The PNG of project `pid` for a caller who may browse it.
fn image(
    app: &App,
    caller: Option<crate::auth::Caller>,
    pid: Option<i64>,
    size: Option<&str>,
) -> ApiResult<Response> {
    let caller = caller.ok_or_else(ApiError::unauthenticated)?;
    caller.need(Access::Read)?;
    let px = pixels(size)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid avatar size: {size:?}")))?;
    let store = app.lock();
    let project = pid
        .and_then(|pid| store.project_by_id(pid))
        .filter(|p| store.can(&caller.user, p, Perm::Browse))
        .ok_or_else(|| ApiError::not_found("Avatar not found."))?;
    let png = tile_png(px, colour(project.id)).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not draw the avatar: {e}"),
        )
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        png,
    )
        .into_response())
}

/// A colour per project, from a palette with white text contrast.
fn colour(pid: i64) -> [u8; 3] {
    const PALETTE: [[u8; 3]; 6] = [
        [0x25, 0x63, 0xeb],
        [0x05, 0x96, 0x69],
        [0xd9, 0x77, 0x06],
        [0x7c, 0x3a, 0xed],
        [0xdc, 0x26, 0x26],
        [0x08, 0x91, 0xb2],
    ];
    PALETTE[pid.rem_euclid(PALETTE.len() as i64) as usize]
}

/// A `px`×`px` RGB PNG: the colour with a white square in the middle third, so the avatar
/// is recognisably an image (not a flat block) at every size.
pub fn tile_png(px: u32, rgb: [u8; 3]) -> Result<Vec<u8>, png::EncodingError> {
    let mut pixels = Vec::with_capacity((px * px * 3) as usize);
    let (low, high) = (px / 3, px - px / 3);
    for y in 0..px {
        for x in 0..px {
            let inner = (low..high).contains(&x) && (low..high).contains(&y);
            pixels.extend_from_slice(if inner { &[0xff; 3] } else { &rgb });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, px, px);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::pixels;

    #[test]
    fn sizes_are_jiras_names_or_pixel_counts() {
        assert_eq!(pixels(None), Some(48));
        assert_eq!(pixels(Some("xsmall")), Some(16));
        assert_eq!(pixels(Some("medium")), Some(32));
        assert_eq!(pixels(Some("24")), Some(24));
        assert_eq!(pixels(Some("4096")), None);
        assert_eq!(pixels(Some("huge")), None);
    }
}
