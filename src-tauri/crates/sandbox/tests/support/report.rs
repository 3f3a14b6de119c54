//! Turning `jsonschema` errors into readable lines with the JSON pointer of the culprit.

use jsonschema::error::ValidationErrorKind;
use jsonschema::ValidationError;

/// Pushes readable lines for `error` onto `out`.
///
/// An `anyOf`/`oneOf` failure alone says nothing useful ("not valid under any of the
/// schemas"), so the failures inside each alternative are listed instead — except an
/// alternative that only failed for not being `null` (the `nullable` wrapper).
pub fn explain(what: &str, error: &ValidationError<'_>, out: &mut Vec<String>) {
    let branches: Vec<&Vec<ValidationError<'static>>> = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
                .iter()
                .filter(|branch| !only_not_null(branch))
                .collect()
        }
        _ => Vec::new(),
    };
    let mut explained = Vec::new();
    for (index, branch) in branches.iter().enumerate() {
        let mut lines = Vec::new();
        for inner in branch.iter() {
            explain(what, inner, &mut lines);
        }
        if branches.len() > 1 {
            for line in &mut lines {
                line.push_str(&format!(" [alternative {index}]"));
            }
        }
        explained.extend(lines);
    }
    if explained.is_empty() {
        explained.push(format!(
            "{what}: at {:?}: {}",
            error.instance_path().as_str(),
            short(error)
        ));
    }
    out.extend(explained);
}

fn only_not_null(branch: &[ValidationError<'_>]) -> bool {
    matches!(branch, [single]
        if single.kind().keyword() == "type" && single.to_string().ends_with("\"null\""))
}

/// The error message, cut so that a whole issue body is not printed for one mismatch.
fn short(error: &ValidationError<'_>) -> String {
    const MAX: usize = 300;
    let text = error.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
