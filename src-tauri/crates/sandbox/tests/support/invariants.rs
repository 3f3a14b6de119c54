//! Beyond schemas: invariants every Jira answer keeps, which a client relies on.
//!
//! - Links: every `self` is an absolute URL on the site that answered, so a client can follow
//!   it (third-party libraries do, e.g. to reload an issue).
//! - Pages: `{startAt, maxResults, total}` pages (issues, comments, values…) hold at most
//!   `maxResults` items, never run past `total`, and `isLast` agrees with the counts.

use serde_json::Value;

/// Checks the invariants over a whole answer; `origin` is `http://host:port` of the site.
pub fn check(origin: &str, body: &Value) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    walk(origin, body, "", &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The `scheme://host:port` part of a base URL.
pub fn origin(base: &str) -> &str {
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    }
}

fn walk(origin: &str, value: &Value, pointer: &str, errors: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(link) = object.get("self").and_then(Value::as_str) {
                let on_site = link
                    .strip_prefix(origin)
                    .is_some_and(|rest| rest.starts_with('/'));
                if !on_site {
                    errors.push(format!(
                        "at \"{pointer}/self\": {link:?} is not a link on {origin}"
                    ));
                }
            }
            page(object, pointer, errors);
            for (key, inner) in object {
                walk(origin, inner, &format!("{pointer}/{key}"), errors);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                walk(origin, inner, &format!("{pointer}/{index}"), errors);
            }
        }
        _ => {}
    }
}

/// The counts of a page object, if it is one.
fn page(object: &serde_json::Map<String, Value>, pointer: &str, errors: &mut Vec<String>) {
    let number = |key: &str| object.get(key).and_then(Value::as_u64);
    let (Some(start_at), Some(max_results)) = (number("startAt"), number("maxResults")) else {
        return;
    };
    let items = ["values", "issues", "comments", "worklogs", "histories"]
        .iter()
        .find_map(|key| {
            object
                .get(*key)
                .and_then(Value::as_array)
                .map(|a| (*key, a.len()))
        });
    let Some((key, len)) = items else {
        return;
    };
    let len = len as u64;
    let mut fail = |message: String| errors.push(format!("at \"{pointer}\": {message}"));
    if len > max_results {
        fail(format!("{len} {key} on a page of maxResults {max_results}"));
    }
    if let Some(total) = number("total") {
        if start_at + len > total {
            fail(format!(
                "startAt {start_at} + {len} {key} runs past total {total}"
            ));
        }
        if let Some(is_last) = object.get("isLast").and_then(Value::as_bool) {
            if is_last != (start_at + len >= total) {
                fail(format!(
                    "isLast {is_last} with startAt {start_at}, {len} {key}, total {total}"
                ));
            }
        }
    }
}
