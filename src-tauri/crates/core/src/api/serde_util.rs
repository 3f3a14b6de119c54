//! Tolerance helpers for Jira's JSON: fields that are sometimes `null` instead of absent, and
//! ids that are strings in one deployment and numbers in the other.

use serde::{Deserialize, Deserializer};

/// Reads `null` (or absence, with `#[serde(default)]`) as the type's default, e.g. an empty
/// list: Jira sends `"labels": null` and `"components": []` for the same emptiness.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Int(i64),
    UInt(u64),
    Float(f64),
}

/// Reads an id given as `"10000"` or `10000` as a string (Cloud's attachment metadata uses
/// numbers where everything else uses strings).
pub(crate) fn string_or_number<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match StringOrNumber::deserialize(deserializer)? {
        StringOrNumber::String(s) => s,
        StringOrNumber::Int(n) => n.to_string(),
        StringOrNumber::UInt(n) => n.to_string(),
        StringOrNumber::Float(n) => n.to_string(),
    })
}
