//! The queries a watch sends, built from the user's JQL.

/// The user's JQL without its own `ORDER BY …` (found case-insensitively, outside quoted
/// strings), trimmed: a watch orders by `updated` itself.
///
/// Hand-written rather than a JQL parser: only the top-level `ORDER BY` clause matters, and
/// JQL has just two quote characters (with backslash escapes) to skip over.
pub fn strip_order_by(jql: &str) -> &str {
    let bytes = jql.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if starts_order_by(bytes, i) => return jql[..i].trim(),
            None => {}
        }
        i += 1;
    }
    jql.trim()
}

/// Whether `ORDER` (a whole word) followed by whitespace and `BY` (a whole word) starts at `i`.
fn starts_order_by(bytes: &[u8], i: usize) -> bool {
    let word = |at: usize, w: &[u8]| {
        bytes
            .get(at..at + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    };
    let boundary = |at: usize| bytes.get(at).is_none_or(|b| !is_word(*b));
    if !word(i, b"order") || (i > 0 && is_word(bytes[i - 1])) {
        return false;
    }
    let mut j = i + 5;
    let spaces = j;
    while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    j > spaces && word(j, b"by") && boundary(j + 2)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

/// `base` ANDed with `extra` (either may be empty), then `ORDER BY updated <dir>`.
pub(super) fn and_order(base: &str, extra: &str, direction: &str) -> String {
    let filter = match (base.is_empty(), extra.is_empty()) {
        (true, _) => extra.to_owned(),
        (false, true) => base.to_owned(),
        (false, false) => format!("({base}) AND {extra}"),
    };
    if filter.is_empty() {
        format!("ORDER BY updated {direction}")
    } else {
        format!("{filter} ORDER BY updated {direction}")
    }
}

/// `updated >= "-<minutes>m"`: relative to the server's own clock, so the client's clock
/// being off does not open a gap.
pub(super) fn updated_within(minutes: u64) -> String {
    format!("updated >= \"-{minutes}m\"")
}

/// `key in (A-1, B-2)` for keys Jiffy got from Jira (letters, digits, `_` and `-` only; any
/// other key is quoted).
pub(super) fn key_in(keys: &[String]) -> String {
    let quoted: Vec<String> = keys
        .iter()
        .map(|k| {
            if k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                k.clone()
            } else {
                format!("\"{}\"", k.replace('\\', "\\\\").replace('"', "\\\""))
            }
        })
        .collect();
    format!("key in ({})", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_is_stripped_outside_quotes_only() {
        assert_eq!(strip_order_by("project = DOCS"), "project = DOCS");
        assert_eq!(
            strip_order_by("project = DOCS order  by created DESC"),
            "project = DOCS"
        );
        assert_eq!(
            strip_order_by("project = DOCS\nORDER\tBY rank"),
            "project = DOCS"
        );
        assert_eq!(strip_order_by("ORDER BY key"), "");
        assert_eq!(
            strip_order_by("summary ~ \"order by\" ORDER BY key"),
            "summary ~ \"order by\""
        );
        assert_eq!(
            strip_order_by("summary ~ 'it\\'s order by' and x = 1"),
            "summary ~ 'it\\'s order by' and x = 1"
        );
        // Words that merely contain "order" are not the clause.
        assert_eq!(strip_order_by("reorder by = 1"), "reorder by = 1");
        assert_eq!(strip_order_by("cf.order byx = 1"), "cf.order byx = 1");
        assert_eq!(strip_order_by("ordering = 1 order by x"), "ordering = 1");
    }

    #[test]
    fn queries_combine_filter_window_and_order() {
        assert_eq!(
            and_order("a = 1 OR b = 2", &updated_within(7), "ASC"),
            "(a = 1 OR b = 2) AND updated >= \"-7m\" ORDER BY updated ASC"
        );
        assert_eq!(and_order("", "", "DESC"), "ORDER BY updated DESC");
        assert_eq!(
            and_order("a = 1", "", "DESC"),
            "a = 1 ORDER BY updated DESC"
        );
        assert_eq!(
            key_in(&["DOCS-1".into(), "X\"Y".into()]),
            "key in (DOCS-1, \"X\\\"Y\")"
        );
    }
}
