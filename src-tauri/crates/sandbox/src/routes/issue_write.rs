//! Applying `fields` and `update` to an issue (create, edit, transition screens), with Jira's
//! field-by-field validation messages in `errors`.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::model::{ChangeItem, CustomKind, Issue};
use crate::render::{adf, Ctx};
use crate::store::{Perm, Store};

/// Which fields the current screen allows (create/edit screen or a transition screen).
pub enum Screen<'a> {
    Create,
    Edit,
    Transition(&'a [String]),
}

/// (from, to) display strings of a changed field, for the changelog.
type Change = Option<(Option<String>, Option<String>)>;

pub struct Outcome {
    pub changes: Vec<ChangeItem>,
    /// Comment bodies from `update.comment[].add`.
    pub comments: Vec<String>,
}

fn cannot_set(id: &str) -> String {
    format!("Field '{id}' cannot be set. It is not on the appropriate screen, or unknown.")
}

/// Finds a user the way the site identifies them: Cloud by `{"accountId"}` only (name and key
/// were removed for privacy), DC by `{"name"}` or `{"key"}`. `Ok(None)` for null / `-1`.
pub fn user_from(ctx: &Ctx, store: &Store, v: &Value) -> Result<Option<String>, String> {
    let keys: &[&str] = if ctx.cloud() {
        &["accountId", "id"]
    } else {
        &["name", "key"]
    };
    if v.is_null() || keys.iter().any(|k| v.get(k).is_some_and(Value::is_null)) {
        return Ok(None);
    }
    let ident = keys.iter().find_map(|k| v.get(k).and_then(Value::as_str));
    let found = |i: &str| {
        store.users.iter().find(|u| {
            if ctx.cloud() {
                u.account_id == i
            } else {
                u.username.eq_ignore_ascii_case(i) || u.key == i
            }
        })
    };
    match ident {
        Some(i) if i.is_empty() || i == "-1" => Ok(None),
        Some(i) => found(i)
            .map(|u| Some(u.key.clone()))
            .ok_or_else(|| format!("User '{i}' does not exist.")),
        None if ctx.cloud() => Err("Specify the user by accountId.".into()),
        None => Err("Specify the user by name or key.".into()),
    }
}

fn id_or_name(v: &Value) -> Option<&str> {
    v.get("id")
        .and_then(Value::as_str)
        .or_else(|| v.get("name").and_then(Value::as_str))
        .or_else(|| v.as_str())
}

fn text_value(ctx: &Ctx, id: &str, v: &Value) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if !ctx.v3() => Ok(Some(s.clone())),
        v if ctx.v3() && adf::is_doc(v) => Ok(Some(adf::to_text(v))),
        _ if ctx.v3() => Err(
            "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
                .into(),
        ),
        _ => Err(format!(
            "Operation value must be a string for field '{id}'."
        )),
    }
}

fn string_list(v: &Value, what: &str) -> Result<Vec<String>, String> {
    let arr = v
        .as_array()
        .ok_or_else(|| format!("Operation value must be an array of {what}."))?;
    arr.iter()
        .map(|x| {
            let s = x
                .as_str()
                .or_else(|| x.get("value").and_then(Value::as_str))
                .ok_or_else(|| format!("Operation value must be an array of {what}."))?;
            if what == "labels" && s.contains(' ') {
                return Err(format!("The label '{s}' contains spaces which is invalid."));
            }
            Ok(s.to_string())
        })
        .collect()
}

/// Sets one field from a `fields` value. Returns the (from, to) strings for the changelog.
fn set_field(
    ctx: &Ctx,
    store: &Store,
    issue: &mut Issue,
    id: &str,
    v: &Value,
    screen: &Screen,
) -> Result<Change, String> {
    let on_screen = match screen {
        Screen::Transition(fields) => fields.iter().any(|f| f == id),
        _ => true,
    };
    let before = crate::render::issue::field_value(ctx, store, issue, id).to_string();
    match id {
        "summary" if on_screen => {
            let s = v.as_str().unwrap_or("").trim().to_string();
            if s.is_empty() {
                return Err("You must specify a summary of the issue.".into());
            }
            if s.chars().count() > 255 {
                return Err("Summary must be less than 255 characters.".into());
            }
            issue.summary = s;
        }
        "description" if on_screen => issue.description = text_value(ctx, id, v)?,
        "issuetype" if !matches!(screen, Screen::Transition(_)) => {
            let want = id_or_name(v).ok_or("Specify an issue type")?;
            let project = store
                .project_by_id(issue.project_id)
                .ok_or("Specify a valid project ID or key")?;
            let t = store
                .issue_types
                .iter()
                .find(|t| {
                    (t.id == want || t.name.eq_ignore_ascii_case(want))
                        && project.issue_types.contains(&t.id)
                })
                .ok_or("Specify a valid issue type")?;
            issue.issue_type = t.id.clone();
        }
        "priority" if on_screen => {
            issue.priority = match v {
                Value::Null => None,
                v => {
                    let want = id_or_name(v).ok_or("Specify a valid priority")?;
                    let p = store
                        .priorities
                        .iter()
                        .find(|p| p.id == want || p.name.eq_ignore_ascii_case(want))
                        .ok_or_else(|| format!("Priority name '{want}' is not valid"))?;
                    Some(p.id.clone())
                }
            }
        }
        "assignee" if on_screen => {
            let key = user_from(ctx, store, v)?;
            if let Some(k) = &key {
                let project = store
                    .project_by_id(issue.project_id)
                    .ok_or("Specify a valid project ID or key")?;
                if !store.can(k, project, Perm::Assignable) {
                    let name = store
                        .user(k)
                        .map(|u| {
                            if ctx.cloud() {
                                u.account_id.clone()
                            } else {
                                u.username.clone()
                            }
                        })
                        .unwrap_or_default();
                    return Err(format!("User '{name}' cannot be assigned issues."));
                }
            }
            issue.assignee = key;
        }
        "reporter" if !matches!(screen, Screen::Transition(_)) => {
            issue.reporter = user_from(ctx, store, v)?;
        }
        "labels" if on_screen => issue.labels = string_list(v, "labels")?,
        "duedate" if on_screen => {
            issue.duedate = match v.as_str() {
                None | Some("") => None,
                Some(s) => Some(
                    crate::time_fmt::parse_date(s)
                        .ok_or_else(|| format!("Error parsing date string: {s}"))?
                        .to_string(),
                ),
            }
        }
        "parent" if matches!(screen, Screen::Create) => {
            let want = v
                .get("key")
                .and_then(Value::as_str)
                .or_else(|| v.get("id").and_then(Value::as_str))
                .ok_or("Could not find issue by id or key.")?;
            let pid = store
                .issue_id(want)
                .ok_or("Could not find issue by id or key.")?;
            issue.parent = Some(pid);
        }
        "resolution" if matches!(screen, Screen::Transition(_)) && on_screen => {
            let want = id_or_name(v).ok_or("Specify a valid resolution")?;
            let r = store
                .resolutions
                .iter()
                .find(|r| r.id == want || r.name.eq_ignore_ascii_case(want))
                .ok_or_else(|| format!("Resolution '{want}' is not valid"))?;
            issue.resolution = Some(r.id.clone());
        }
        custom if custom.starts_with("customfield_") && on_screen => {
            let cf = store
                .custom_field(custom)
                .ok_or_else(|| cannot_set(custom))?
                .clone();
            if v.is_null() {
                issue.custom.remove(custom);
            } else {
                let value = custom_input(ctx, store, &cf, v)?;
                issue.custom.insert(custom.to_string(), value);
            }
        }
        other => return Err(cannot_set(other)),
    }
    let after = crate::render::issue::field_value(ctx, store, issue, id).to_string();
    Ok((before != after).then(|| (short(&before), short(&after))))
}

fn short(json_text: &str) -> Option<String> {
    let v: Value = serde_json::from_str(json_text).ok()?;
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        v => v
            .get("name")
            .or_else(|| v.get("displayName"))
            .or_else(|| v.get("value"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| Some(v.to_string())),
    }
}

/// Converts a request value into the stored custom value for the field's kind.
fn custom_input(
    ctx: &Ctx,
    store: &Store,
    cf: &crate::model::CustomField,
    v: &Value,
) -> Result<Value, String> {
    let option = |x: &Value| -> Result<String, String> {
        let want = x
            .get("value")
            .and_then(Value::as_str)
            .or_else(|| x.as_str());
        let by_id = x.get("id").and_then(Value::as_str);
        let found = cf.options.iter().enumerate().find(|(i, o)| {
            Some(o.as_str()) == want
                || by_id == Some(crate::render::fields::option_id(cf, *i).as_str())
        });
        found.map(|(_, o)| o.clone()).ok_or_else(|| {
            format!(
                "Option value '{}' is not valid",
                want.or(by_id).unwrap_or("")
            )
        })
    };
    match cf.kind {
        CustomKind::Number => v
            .as_f64()
            .map(|n| json!(n))
            .ok_or_else(|| format!("Operation value must be a number for field '{}'.", cf.id)),
        CustomKind::Select => option(v).map(Value::from),
        CustomKind::MultiSelect => {
            let arr = v
                .as_array()
                .ok_or("Operation value must be an array of options.")?;
            arr.iter()
                .map(option)
                .collect::<Result<Vec<_>, _>>()
                .map(|v| json!(v))
        }
        CustomKind::UserPicker => user_from(ctx, store, v).map(|k| json!(k)),
        CustomKind::Date => {
            let s = v.as_str().unwrap_or("");
            crate::time_fmt::parse_date(s)
                .map(|d| json!(d.to_string()))
                .ok_or_else(|| format!("Error parsing date string: {s}"))
        }
        CustomKind::Labels => string_list(v, "labels").map(|l| json!(l)),
        CustomKind::TextArea => text_value(ctx, &cf.id, v).map(|t| json!(t)),
    }
}

/// Applies `fields` and `update`; errors are collected field by field.
pub fn apply(
    ctx: &Ctx,
    store: &Store,
    issue: &mut Issue,
    fields: &Map<String, Value>,
    update: &Map<String, Value>,
    screen: Screen,
) -> Result<Outcome, BTreeMap<String, String>> {
    let mut errors = BTreeMap::new();
    let mut out = Outcome {
        changes: vec![],
        comments: vec![],
    };
    let record = |id: &str,
                  r: Result<Change, String>,
                  errors: &mut BTreeMap<String, String>,
                  out: &mut Outcome| match r {
        Ok(Some((from, to))) => out.changes.push(ChangeItem {
            field: id.to_string(),
            from,
            to,
        }),
        Ok(None) => {}
        Err(e) => {
            errors.insert(id.to_string(), e);
        }
    };
    for (id, v) in fields {
        if id == "project" {
            continue;
        }
        let r = set_field(ctx, store, issue, id, v, &screen);
        record(id, r, &mut errors, &mut out);
    }
    for (id, ops) in update {
        let Some(ops) = ops.as_array() else {
            errors.insert(id.clone(), "Operations must be an array.".into());
            continue;
        };
        for op in ops {
            let Some((verb, value)) = op.as_object().and_then(|o| o.iter().next()) else {
                continue;
            };
            if id == "comment" && verb == "add" {
                match value.get("body").map(|b| text_value(ctx, "comment", b)) {
                    Some(Ok(Some(body))) => out.comments.push(body),
                    Some(Err(e)) => {
                        errors.insert("comment".into(), e);
                    }
                    _ => {
                        errors.insert("comment".into(), "Comment body can not be empty!".into());
                    }
                }
                continue;
            }
            let new_value = match verb.as_str() {
                "set" => value.clone(),
                "add" | "remove" => {
                    let mut arr: Vec<Value> = match id.as_str() {
                        "labels" => issue.labels.iter().map(|l| json!(l)).collect(),
                        _ => issue
                            .custom
                            .get(id)
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default(),
                    };
                    let item = value.get("value").cloned().unwrap_or_else(|| value.clone());
                    if verb == "add" {
                        if !arr.contains(&item) {
                            arr.push(item);
                        }
                    } else {
                        arr.retain(|x| x != &item);
                    }
                    json!(arr)
                }
                _ => {
                    errors.insert(
                        id.clone(),
                        format!("Unsupported operation '{verb}' for field '{id}'."),
                    );
                    continue;
                }
            };
            let r = set_field(ctx, store, issue, id, &new_value, &screen);
            record(id, r, &mut errors, &mut out);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
