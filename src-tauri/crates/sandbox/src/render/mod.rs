//! JSON shapes of Jira's REST API (v2 and v3), following the published OpenAPI schemas.

pub mod adf;
pub mod fields;
pub mod issue;
pub mod wiki;

use serde_json::{json, Value};

use crate::model::{IssueType, Named, Project, Status, User};
use crate::store::Store;
use crate::Mode;

/// What every renderer needs: where the site is, which flavour, which API version.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub base: String,
    pub mode: Mode,
    /// 3 for `/rest/api/3` (ADF bodies), else 2.
    pub api: u8,
}

impl Ctx {
    pub fn v3(&self) -> bool {
        self.api == 3
    }

    pub fn cloud(&self) -> bool {
        self.mode == Mode::Cloud
    }

    /// `{base}/rest/api/{2|3}`
    pub fn rest(&self) -> String {
        format!("{}/rest/api/{}", self.base, self.api)
    }
}

/// A stored text field (description, comment, text area) as the HTML of `renderedFields` /
/// `renderedBody`: Data Center renders its wiki markup; Cloud renders the ADF the text came
/// from, which the store keeps as plain paragraphs.
pub fn text_html(ctx: &Ctx, text: &str) -> String {
    if ctx.cloud() {
        adf::to_html(text)
    } else {
        wiki::to_html(text)
    }
}

pub fn avatars(base: &str, kind: &str, id: &str) -> Value {
    let url = |s: u32| format!("{base}/secure/useravatar?size={s}&{kind}={id}");
    json!({ "48x48": url(48), "24x24": url(24), "16x16": url(16), "32x32": url(32) })
}

/// A user as Jira shows it: accountId on Cloud, name/key on DC.
pub fn user(ctx: &Ctx, u: &User) -> Value {
    if ctx.cloud() {
        json!({
            "self": format!("{}/user?accountId={}", ctx.rest(), u.account_id),
            "accountId": u.account_id,
            "accountType": "atlassian",
            "emailAddress": u.email,
            "avatarUrls": avatars(&ctx.base, "accountId", &u.account_id),
            "displayName": u.display_name,
            "active": u.active,
            "timeZone": "Etc/UTC",
            "locale": "en_US",
        })
    } else {
        json!({
            "self": format!("{}/user?username={}", ctx.rest(), u.username),
            "key": u.key,
            "name": u.username,
            "emailAddress": u.email,
            "avatarUrls": avatars(&ctx.base, "ownerId", &u.key),
            "displayName": u.display_name,
            "active": u.active,
            "deleted": false,
            "timeZone": "Etc/UTC",
            "locale": "en_US",
        })
    }
}

/// A user by key, or JSON null.
pub fn user_or_null(ctx: &Ctx, store: &Store, key: Option<&str>) -> Value {
    key.and_then(|k| store.user(k))
        .map(|u| user_details(ctx, u))
        .unwrap_or(Value::Null)
}

/// A user embedded in another object (Cloud `UserDetails`, DC `UserJsonBean`): the full
/// shape minus `locale` and `deleted`, which those schemas do not have.
pub fn user_details(ctx: &Ctx, u: &User) -> Value {
    let mut v = user(ctx, u);
    if let Some(o) = v.as_object_mut() {
        o.remove("locale");
        o.remove("deleted");
    }
    v
}

pub fn status_category(ctx: &Ctx, key: &str) -> Value {
    let (id, color, name) = match key {
        "new" => (2, "blue-gray", "To Do"),
        "done" => (3, "green", "Done"),
        _ => (4, "yellow", "In Progress"),
    };
    json!({
        "self": format!("{}/statuscategory/{id}", ctx.rest()),
        "id": id, "key": key, "colorName": color, "name": name,
    })
}

pub fn status(ctx: &Ctx, s: &Status) -> Value {
    json!({
        "self": format!("{}/status/{}", ctx.rest(), s.id),
        "description": s.description,
        "iconUrl": format!("{}/images/icons/statuses/generic.png", ctx.base),
        "name": s.name,
        "id": s.id,
        "statusCategory": status_category(ctx, &s.category),
    })
}

pub fn issue_type(ctx: &Ctx, t: &IssueType) -> Value {
    let mut v = json!({
        "self": format!("{}/issuetype/{}", ctx.rest(), t.id),
        "id": t.id,
        "description": t.description,
        "iconUrl": format!("{}/images/icons/issuetypes/{}.svg", ctx.base, t.name.to_lowercase()),
        "name": t.name,
        "subtask": t.subtask,
    });
    if ctx.cloud() {
        v["hierarchyLevel"] = json!(if t.subtask {
            -1
        } else if t.name == "Epic" {
            1
        } else {
            0
        });
    }
    v
}

pub fn priority(ctx: &Ctx, p: &Named) -> Value {
    let color = match p.id.as_str() {
        "1" => "#d04437",
        "2" => "#f15c75",
        "3" => "#f79232",
        "4" => "#707070",
        _ => "#999999",
    };
    json!({
        "self": format!("{}/priority/{}", ctx.rest(), p.id),
        "iconUrl": format!("{}/images/icons/priorities/{}.svg", ctx.base, p.name.to_lowercase()),
        "name": p.name,
        "id": p.id,
        "description": p.description,
        "statusColor": color,
    })
}

pub fn resolution(ctx: &Ctx, r: &Named) -> Value {
    json!({
        "self": format!("{}/resolution/{}", ctx.rest(), r.id),
        "id": r.id,
        "description": r.description,
        "name": r.name,
    })
}

/// The short project shape used inside issues.
pub fn project_ref(ctx: &Ctx, p: &Project) -> Value {
    json!({
        "self": format!("{}/project/{}", ctx.rest(), p.id),
        "id": p.id.to_string(),
        "key": p.key,
        "name": p.name,
        "projectTypeKey": p.type_key,
        "simplified": false,
        "avatarUrls": project_avatars(ctx, p),
    })
}

/// A project's avatar URLs as each deployment words them: Data Center's
/// `/secure/projectavatar` servlet, Cloud's `universal_avatar` view (48×48 without a size,
/// as Cloud sends it). Both are served by `routes::avatars`.
pub fn project_avatars(ctx: &Ctx, p: &Project) -> Value {
    let id = crate::routes::avatars::avatar_id(p.id);
    let url = |size: Option<&str>| {
        if ctx.cloud() {
            let base = format!(
                "{}/universal_avatar/view/type/project/avatar/{id}",
                ctx.rest()
            );
            size.map_or(base.clone(), |s| format!("{base}?size={s}"))
        } else {
            let size = size.unwrap_or("large");
            format!(
                "{}/secure/projectavatar?size={size}&pid={}&avatarId={id}",
                ctx.base, p.id
            )
        }
    };
    json!({
        "48x48": url(None),
        "24x24": url(Some("small")),
        "16x16": url(Some("xsmall")),
        "32x32": url(Some("medium")),
    })
}

/// The full project (GET project/{key}), with issue types and lead.
pub fn project(ctx: &Ctx, store: &Store, p: &Project) -> Value {
    let mut v = project_ref(ctx, p);
    v["description"] = json!(p.description);
    v["lead"] = user_or_null(ctx, store, Some(&p.lead));
    v["issueTypes"] = json!(p
        .issue_types
        .iter()
        .filter_map(|id| store.issue_type(id))
        .map(|t| issue_type(ctx, t))
        .collect::<Vec<_>>());
    v["assigneeType"] = json!("UNASSIGNED");
    v["components"] = json!([]);
    v["versions"] = json!([]);
    v["roles"] = json!({
        "Administrators": format!("{}/project/{}/role/10002", ctx.rest(), p.id),
        "Developers": format!("{}/project/{}/role/10001", ctx.rest(), p.id),
        "Users": format!("{}/project/{}/role/10000", ctx.rest(), p.id),
    });
    v["archived"] = json!(false);
    if ctx.cloud() {
        v["isPrivate"] = json!(false);
        v["style"] = json!("classic");
    }
    v
}
