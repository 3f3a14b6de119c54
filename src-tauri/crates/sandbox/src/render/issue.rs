//! IssueBean: an issue with a field selection and `expand` (renderedFields, names, schema,
//! transitions, editmeta, changelog), plus the comment and attachment shapes.

use serde_json::{json, Map, Value};

use super::{adf, fields, Ctx};
use crate::model::{Attachment, ChangeItem, Comment, Issue};
use crate::store::Store;
use crate::time_fmt::jira;

/// Which fields to include, from Jira's `fields` parameter.
pub fn select_fields(store: &Store, param: Option<&str>, default: &str) -> Vec<String> {
    let param = param.filter(|p| !p.trim().is_empty()).unwrap_or(default);
    let all_ids = || {
        fields::system_ids()
            .map(str::to_string)
            .chain(store.custom_fields.iter().map(|c| c.id.clone()))
            .collect::<Vec<_>>()
    };
    let tokens: Vec<&str> = param
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for t in &tokens {
        match *t {
            "*all" => out.extend(all_ids()),
            "*navigable" => out.extend(all_ids().into_iter().filter(|f| fields::is_navigable(f))),
            t if t.starts_with('-') => {}
            // Jira also accepts the names of custom fields' clause (cf[10010]); ids suffice here.
            t => out.push(t.to_string()),
        }
    }
    if tokens.iter().all(|t| t.starts_with('-')) {
        out.extend(all_ids().into_iter().filter(|f| fields::is_navigable(f)));
    }
    for t in tokens.iter().filter_map(|t| t.strip_prefix('-')) {
        out.retain(|f| f != t);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(f.clone()));
    out
}

pub fn issue_ref(ctx: &Ctx, store: &Store, i: &Issue) -> Value {
    let mut f = Map::new();
    f.insert("summary".into(), json!(i.summary));
    for id in ["status", "priority", "issuetype"] {
        f.insert(id.into(), field_value(ctx, store, i, id));
    }
    json!({ "id": i.id.to_string(), "key": i.key, "self": format!("{}/issue/{}", ctx.rest(), i.id), "fields": f })
}

pub fn comment(ctx: &Ctx, store: &Store, issue: &Issue, c: &Comment, rendered: bool) -> Value {
    let mut v = json!({
        "self": format!("{}/issue/{}/comment/{}", ctx.rest(), issue.id, c.id),
        "id": c.id.to_string(),
        "author": super::user_or_null(ctx, store, Some(&c.author)),
        "body": if ctx.v3() { adf::from_text(&c.body) } else { json!(c.body) },
        "updateAuthor": super::user_or_null(ctx, store, Some(&c.update_author)),
        "created": jira(c.created),
        "updated": jira(c.updated),
    });
    if let Some((ty, value)) = &c.visibility {
        v["visibility"] = json!({ "type": ty, "value": value, "identifier": value });
    }
    if ctx.cloud() {
        v["jsdPublic"] = json!(true);
    }
    if rendered {
        v["renderedBody"] = json!(super::text_html(ctx, &c.body));
    }
    v
}

/// Attachment content URL: Cloud's REST content endpoint, DC's servlet path.
pub fn attachment_content_url(ctx: &Ctx, a: &Attachment) -> String {
    if ctx.cloud() {
        format!("{}/attachment/content/{}", ctx.rest(), a.id)
    } else {
        format!(
            "{}/secure/attachment/{}/{}",
            ctx.base,
            a.id,
            url::form_urlencoded::byte_serialize(a.filename.as_bytes()).collect::<String>()
        )
    }
}

pub fn attachment(ctx: &Ctx, store: &Store, a: &Attachment) -> Value {
    json!({
        "self": format!("{}/attachment/{}", ctx.rest(), a.id),
        "id": a.id.to_string(),
        "filename": a.filename,
        "author": super::user_or_null(ctx, store, Some(&a.author)),
        "created": jira(a.created),
        "size": a.size,
        "mimeType": a.mime,
        "content": attachment_content_url(ctx, a),
    })
}

/// The value of one field of an issue.
pub fn field_value(ctx: &Ctx, store: &Store, i: &Issue, id: &str) -> Value {
    let opt = |v: Option<Value>| v.unwrap_or(Value::Null);
    match id {
        "summary" => json!(i.summary),
        "description" => match &i.description {
            Some(d) if ctx.v3() => adf::from_text(d),
            Some(d) => json!(d),
            None => Value::Null,
        },
        "issuetype" => opt(store
            .issue_type(&i.issue_type)
            .map(|t| super::issue_type(ctx, t))),
        "project" => opt(store
            .project_by_id(i.project_id)
            .map(|p| super::project_ref(ctx, p))),
        "status" => opt(store.status(&i.status).map(|s| super::status(ctx, s))),
        "priority" => opt(i
            .priority
            .as_deref()
            .and_then(|p| store.priority(p))
            .map(|p| super::priority(ctx, p))),
        "assignee" => super::user_or_null(ctx, store, i.assignee.as_deref()),
        "reporter" => super::user_or_null(ctx, store, i.reporter.as_deref()),
        "creator" => super::user_or_null(ctx, store, Some(&i.creator)),
        "labels" => json!(i.labels),
        "resolution" => opt(i
            .resolution
            .as_deref()
            .and_then(|r| store.resolution(r))
            .map(|r| super::resolution(ctx, r))),
        "resolutiondate" => opt(i.resolution_date.map(|d| json!(jira(d)))),
        "created" => json!(jira(i.created)),
        "updated" => json!(jira(i.updated)),
        "duedate" => opt(i.duedate.as_ref().map(|d| json!(d))),
        "parent" => opt(i
            .parent
            .and_then(|p| store.issues.get(&p))
            .map(|p| issue_ref(ctx, store, p))),
        "subtasks" => json!(store
            .subtasks(i.id)
            .iter()
            .map(|s| issue_ref(ctx, store, s))
            .collect::<Vec<_>>()),
        "issuelinks" => json!([]),
        "comment" => json!({
            "comments": i.comments.iter().map(|c| comment(ctx, store, i, c, false)).collect::<Vec<_>>(),
            "maxResults": i.comments.len(),
            "total": i.comments.len(),
            "startAt": 0,
        }),
        "attachment" => json!(i
            .attachments
            .iter()
            .map(|a| attachment(ctx, store, a))
            .collect::<Vec<_>>()),
        custom => match (store.custom_field(custom), i.custom.get(custom)) {
            (Some(cf), Some(v)) => fields::custom_value(ctx, store, cf, v),
            _ => Value::Null,
        },
    }
}

/// The change groups of an issue (Changelog objects), oldest first.
pub fn histories(ctx: &Ctx, store: &Store, i: &Issue) -> Vec<Value> {
    i.history
        .iter()
        .map(|h| {
            json!({
                "id": h.id.to_string(),
                "author": super::user_or_null(ctx, store, Some(&h.author)),
                "created": jira(h.created),
                "items": h.items.iter().map(|it| change_item(ctx, store, it)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// One changed field as Jira words it: `field` is the name people see (a custom field's
/// name, a system field's id such as `status`), `fieldtype` `custom` or `jira`; Cloud adds
/// `fieldId` (Data Center's `ChangeItemBean` has none).
fn change_item(ctx: &Ctx, store: &Store, it: &ChangeItem) -> Value {
    let custom = store.custom_field(&it.field);
    let mut v = json!({
        "field": custom.map_or(it.field.as_str(), |cf| cf.name.as_str()),
        "fieldtype": if custom.is_some() { "custom" } else { "jira" },
        "from": it.from, "fromString": it.from,
        "to": it.to, "toString": it.to,
    });
    if ctx.cloud() {
        v["fieldId"] = json!(it.field);
    }
    v
}

fn changelog(ctx: &Ctx, store: &Store, i: &Issue) -> Value {
    let histories = histories(ctx, store, i);
    json!({ "startAt": 0, "maxResults": histories.len(), "total": histories.len(), "histories": histories })
}

/// The full IssueBean for `field_ids` and `expand` (comma-separated list).
pub fn issue(
    ctx: &Ctx,
    store: &Store,
    user: &str,
    i: &Issue,
    field_ids: &[String],
    expand: &str,
) -> Value {
    let expand: Vec<&str> = expand.split(',').map(str::trim).collect();
    let has = |e: &str| expand.contains(&e);
    let mut f = Map::new();
    for id in field_ids {
        if fields::name(store, id).is_some() {
            f.insert(id.clone(), field_value(ctx, store, i, id));
        }
    }
    let mut v = json!({
        "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
        "id": i.id.to_string(),
        "self": format!("{}/issue/{}", ctx.rest(), i.id),
        "key": i.key,
        "fields": f,
    });
    if has("renderedFields") {
        let mut r = Map::new();
        for id in field_ids {
            let html = match id.as_str() {
                "description" => i
                    .description
                    .as_deref()
                    .map(|d| Value::from(super::text_html(ctx, d))),
                "comment" => Some(json!({
                    "comments": i.comments.iter().map(|c| {
                        let mut cv = comment(ctx, store, i, c, false);
                        cv["body"] = json!(super::text_html(ctx, &c.body));
                        cv
                    }).collect::<Vec<_>>(),
                    "maxResults": i.comments.len(), "total": i.comments.len(), "startAt": 0,
                })),
                "created" | "updated" | "resolutiondate" | "duedate" => {
                    let fv = field_value(ctx, store, i, id);
                    Some(fv)
                }
                other => match (store.custom_field(other), i.custom.get(other)) {
                    (Some(cf), Some(val)) if cf.kind == crate::model::CustomKind::TextArea => {
                        val.as_str().map(|t| Value::from(super::text_html(ctx, t)))
                    }
                    _ => None,
                },
            };
            if fields::name(store, id).is_some() {
                r.insert(id.clone(), html.unwrap_or(Value::Null));
            }
        }
        v["renderedFields"] = Value::Object(r);
    }
    if has("names") {
        let names: Map<String, Value> = field_ids
            .iter()
            .filter_map(|id| fields::name(store, id).map(|n| (id.clone(), json!(n))))
            .collect();
        v["names"] = Value::Object(names);
    }
    if has("schema") {
        let schema: Map<String, Value> = field_ids
            .iter()
            .filter_map(|id| fields::schema(store, id).map(|s| (id.clone(), s)))
            .collect();
        v["schema"] = Value::Object(schema);
    }
    if has("transitions") || has("transitions.fields") {
        v["transitions"] = json!(crate::routes::transitions::list(
            ctx,
            store,
            i,
            has("transitions.fields")
        ));
    }
    if has("editmeta") {
        v["editmeta"] = json!({ "fields": crate::routes::meta::edit_fields(ctx, store, user, i) });
    }
    if has("changelog") {
        v["changelog"] = changelog(ctx, store, i);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_selection_follows_jiras_rules() {
        let store = crate::seed::build(&crate::Config::default());
        let all = select_fields(&store, None, "*all");
        assert!(
            all.contains(&"comment".to_string()) && all.contains(&"customfield_10016".to_string())
        );
        let nav = select_fields(&store, Some("*navigable"), "*all");
        assert!(!nav.contains(&"comment".to_string()) && nav.contains(&"summary".to_string()));
        assert_eq!(
            select_fields(&store, Some("summary, status,summary"), "*all"),
            vec!["summary", "status"]
        );
        let minus = select_fields(&store, Some("*all,-comment"), "id");
        assert!(!minus.contains(&"comment".to_string()) && minus.contains(&"summary".to_string()));
        // Only exclusions: start from the navigable set.
        let only_minus = select_fields(&store, Some("-summary"), "id");
        assert!(
            !only_minus.contains(&"summary".to_string())
                && only_minus.contains(&"status".to_string())
        );
        assert_eq!(select_fields(&store, Some(""), "id"), vec!["id"]);
    }
}
