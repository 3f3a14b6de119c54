//! The REST console: any request to the connection's site with its auth applied.

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;
use jiffy_core::ops;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use tauri::State;
use ts_rs::TS;

/// One query parameter row of the console.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct QueryParam {
    /// Parameter name (rows with an empty name are skipped).
    pub name: String,
    /// Its value.
    pub value: String,
}

/// What Jira answered to a console request.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConsoleResponse {
    /// HTTP status (2xx: other answers arrive as the command's error).
    pub status: u16,
    /// Response headers, lower-case names.
    pub headers: BTreeMap<String, String>,
    /// The body: JSON, a string when it was not JSON, `null` when empty.
    #[ts(type = "unknown")]
    pub body: Value,
    /// Time from sending to the end of the body, in milliseconds.
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

/// Sends `method path?query` with the JSON `body` (text, checked here before anything is
/// sent; empty: no body). `path` is a REST resource (`myself` → `/rest/api/{2|3}/myself`) or
/// a path from the site's root (`/rest/agile/1.0/board`).
///
/// Errors: `invalidInput` for a body that is not JSON or an unknown method; for an answer
/// that is not 2xx its mapped error (`validation` with Jira's field errors, `notFound`, …).
#[tauri::command]
pub async fn console_send(
    state: State<'_, AppState>,
    connection: String,
    method: String,
    path: String,
    query: Vec<QueryParam>,
    body: Option<String>,
) -> CmdResult<ConsoleResponse> {
    let body = parse_body(body.as_deref())?;
    let client = state.live_client(&connection).await?;
    let query: Vec<(&str, String)> = query
        .iter()
        .filter(|q| !q.name.trim().is_empty())
        .map(|q| (q.name.trim(), q.value.clone()))
        .collect();
    let answer = ops::raw(&client, &method, path.trim(), &query, body).await?;
    Ok(ConsoleResponse {
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
        elapsed_ms: answer.elapsed_ms,
    })
}

/// The request body as JSON; blank text means no body.
fn parse_body(text: Option<&str>) -> CmdResult<Option<Value>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => serde_json::from_str(text)
            .map(Some)
            .map_err(|e| IpcError::InvalidInput {
                message: format!("The body is not valid JSON: {e}"),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_checked_before_sending() {
        assert_eq!(parse_body(None), Ok(None));
        assert_eq!(parse_body(Some("  ")), Ok(None));
        assert_eq!(
            parse_body(Some(r#"{"a": 1}"#)),
            Ok(Some(serde_json::json!({ "a": 1 })))
        );
        let err = parse_body(Some("{a: 1}")).expect_err("not JSON");
        assert!(
            matches!(&err, IpcError::InvalidInput { message } if message.contains("line 1")),
            "{err:?}"
        );
    }
}
