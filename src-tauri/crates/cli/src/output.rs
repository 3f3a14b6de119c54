//! What a command prints: a JSON document for `--json`, plain text otherwise; and how errors
//! are shown and turned into exit codes.

use jiffy_core::Error;
use serde::Serialize;
use serde_json::{json, Value};

/// Exit code of a command that failed at run time (usage errors exit with clap's 2).
pub const EXIT_ERROR: i32 = 1;

/// Exit code of a usage error (clap's own code).
pub const EXIT_USAGE: i32 = 2;

/// The result of one command: the same information for machines and for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The one JSON document printed with `--json`.
    pub json: Value,
    /// The human-readable text printed otherwise (no trailing newline needed).
    pub text: String,
}

impl Output {
    /// An output whose JSON is `value` serialised, with the given text.
    ///
    /// Serialising jiffy-core's models cannot fail (plain structs with string keys); if it
    /// ever did, the JSON says so instead of panicking.
    pub fn new(value: &impl Serialize, text: String) -> Self {
        let json = serde_json::to_value(value).unwrap_or_else(
            |e| json!({ "error": { "kind": "Internal", "message": e.to_string() } }),
        );
        Output { json, text }
    }

    /// What to print on stdout.
    pub fn render(&self, as_json: bool) -> String {
        if as_json {
            serde_json::to_string_pretty(&self.json).unwrap_or_else(|_| self.json.to_string())
        } else {
            self.text.clone()
        }
    }
}

/// The JSON form of an error: `{"error": {"kind", "message", …details}}`.
pub fn error_json(error: &Error) -> Value {
    let mut body = json!({ "kind": error.kind(), "message": error.to_string() });
    match error {
        Error::Validation { field_errors, .. } => body["fieldErrors"] = json!(field_errors),
        Error::CaptchaRequired { login_url } => body["loginUrl"] = json!(login_url),
        Error::RateLimited { retry_after_secs } => body["retryAfterSecs"] = json!(retry_after_secs),
        _ => {}
    }
    json!({ "error": body })
}

/// The text form of an error, field errors included, for stderr.
pub fn error_text(error: &Error) -> String {
    let mut text = format!("error: {error}");
    if let Error::Validation { field_errors, .. } = error {
        for (field, message) in field_errors {
            text.push_str(&format!("\n  {field}: {message}"));
        }
    }
    text
}

/// The process exit code for an error found after parsing: always [`EXIT_ERROR`] (issue 4:
/// 0 ok, 1 error, 2 usage); the `kind` in the JSON error tells scripts which error it was.
pub fn exit_code(_error: &Error) -> i32 {
    EXIT_ERROR
}

/// A plain text table: a header row and aligned columns (the last one is not padded).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                let pad = widths.get(i).copied().unwrap_or(0);
                out.push_str(&format!("{cell:<pad$}  "));
            }
        }
        out.trim_end().to_owned()
    };
    let mut lines = vec![line(header.to_vec())];
    lines.extend(
        rows.iter()
            .map(|r| line(r.iter().map(String::as_str).collect())),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns() {
        let t = table(
            &["KEY", "SUMMARY"],
            &[
                vec!["A-1".into(), "x".into()],
                vec!["ABC-10".into(), "y".into()],
            ],
        );
        assert_eq!(t, "KEY     SUMMARY\nA-1     x\nABC-10  y");
    }

    #[test]
    fn errors_keep_kind_and_field_errors() {
        let e = Error::Validation {
            message: "bad".into(),
            field_errors: [("summary".to_owned(), "required".to_owned())].into(),
        };
        let j = error_json(&e);
        assert_eq!(j["error"]["kind"], "Validation");
        assert_eq!(j["error"]["fieldErrors"]["summary"], "required");
        assert!(error_text(&e).contains("summary: required"));
        assert_eq!(exit_code(&e), EXIT_ERROR);
    }
}
