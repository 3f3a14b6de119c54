//! Jira's error body, `ErrorCollection` in both specs: general messages and per-field errors.
//! [`crate::http::errors`] turns failed responses into [`crate::Error`] (and also reads
//! non-JSON bodies); this is the typed JSON shape, for forms that attach `errors` to fields.

use super::serde_util::null_as_default;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// `{ "errorMessages": [...], "errors": { field: message }, "status": n }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ErrorCollection {
    /// Messages not tied to a field.
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_messages: Vec<String>,
    /// Field id → message.
    #[serde(default, deserialize_with = "null_as_default")]
    pub errors: BTreeMap<String, String>,
    /// HTTP status, when Jira includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<u16>,
}

impl ErrorCollection {
    /// Parses a body; `None` when it is not an error collection (HTML, empty, other JSON).
    pub fn parse(body: &str) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        let object = value.as_object()?;
        if !object.contains_key("errorMessages") && !object.contains_key("errors") {
            return None;
        }
        serde_json::from_value(value).ok()
    }

    /// Whether it says nothing.
    pub fn is_empty(&self) -> bool {
        self.error_messages.is_empty() && self.errors.is_empty()
    }

    /// All messages in one sentence list: general ones first, then `field: message`.
    pub fn summary(&self) -> String {
        let general = self.error_messages.iter().cloned();
        let fields = self
            .errors
            .iter()
            .map(|(field, msg)| format!("{field}: {msg}"));
        general.chain(fields).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests;
