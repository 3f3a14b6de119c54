//! Matching a concrete request path to the document's path template.

use serde_json::Value;

/// One operation's path template, split for matching.
struct Template {
    /// As written in the document, e.g. `/api/2/issue/{issueIdOrKey}`.
    raw: String,
    /// `Some(literal)` or `None` for a `{parameter}` segment.
    segments: Vec<Option<String>>,
}

/// The document's path templates and the path part of its server URL.
pub struct PathTemplates {
    /// Path part of `servers[0].url` (`/rest` for Data Center, empty for Cloud).
    server_prefix: String,
    templates: Vec<Template>,
}

impl PathTemplates {
    /// Reads `servers[0].url` and the keys of `paths`.
    pub fn from_document(doc: &Value) -> Result<PathTemplates, String> {
        let server_prefix = doc
            .pointer("/servers/0/url")
            .and_then(Value::as_str)
            .map(server_path)
            .unwrap_or_default();
        let templates = doc
            .get("paths")
            .and_then(Value::as_object)
            .ok_or("the document has no `paths`")?
            .keys()
            .map(|raw| Template {
                raw: raw.clone(),
                segments: split(raw)
                    .map(|s| (!s.starts_with('{')).then(|| s.to_string()))
                    .collect(),
            })
            .collect();
        Ok(PathTemplates {
            server_prefix,
            templates,
        })
    }

    /// The template matching `concrete` (query string ignored, server prefix stripped).
    /// Literal segments win over parameters, earlier ones first, so `issue/createmeta/...` is
    /// not taken for `issue/{issueIdOrKey}/...`.
    pub fn best(&self, concrete: &str) -> Option<&str> {
        let path = concrete.split(['?', '#']).next().unwrap_or_default();
        let path = path
            .strip_prefix(self.server_prefix.as_str())
            .unwrap_or(path);
        let wanted: Vec<&str> = split(path).collect();
        self.templates
            .iter()
            .filter(|t| {
                t.segments.len() == wanted.len()
                    && t.segments.iter().zip(&wanted).all(|(t, w)| match t {
                        Some(literal) => literal == w,
                        None => !w.is_empty(),
                    })
            })
            .max_by_key(|t| {
                t.segments
                    .iter()
                    .map(Option::is_some)
                    .collect::<Vec<bool>>()
            })
            .map(|t| t.raw.as_str())
    }
}

/// `http://{baseurl}/rest` → `/rest`; `https://your-domain.atlassian.net` → ``.
fn server_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(slash) => after_scheme[slash..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// The segments after the leading `/` (a trailing `/` is ignored).
fn split(path: &str) -> impl Iterator<Item = &str> {
    path.trim_end_matches('/').split('/').skip(1)
}
