//! `whoami` and `api` (a raw request with the connection's auth applied).

use crate::args::ApiArgs;
use crate::ctx::Ctx;
use crate::output::Output;
use jiffy_core::{ops, Error, Result};
use serde_json::Value;

/// The signed-in user of the selected connection.
///
/// Errors: as [`Ctx::client`] and the request.
pub async fn whoami(ctx: &Ctx, selected: Option<&str>) -> Result<Output> {
    let client = ctx.client(selected)?;
    let user = ops::myself(&client).await?;
    let mut text = user.label().to_owned();
    if let Some(email) = &user.email_address {
        text.push_str(&format!(" <{email}>"));
    }
    text.push_str(&format!(" on {}", client.connection().base_url));
    Ok(Output::new(&user, text))
}

/// Splits `k=v` query arguments.
///
/// Errors: [`Error::InvalidInput`] for an argument without `=`.
pub fn parse_query(args: &[String]) -> Result<Vec<(String, String)>> {
    args.iter()
        .map(|a| {
            a.split_once('=')
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .ok_or_else(|| Error::InvalidInput(format!("--query {a}: expected K=V")))
        })
        .collect()
}

/// The body of `--data`: inline JSON, or `@FILE`.
///
/// Errors: [`Error::InvalidInput`] for an unreadable file or invalid JSON.
pub fn parse_body(data: Option<&str>) -> Result<Option<Value>> {
    let Some(data) = data else { return Ok(None) };
    let text = match data.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::InvalidInput(format!("could not read {path}: {e}")))?,
        None => data.to_owned(),
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| Error::InvalidInput(format!("--data is not valid JSON: {e}")))
}

/// Sends the raw request through `jiffy_core::ops::raw`; the answer's body is printed as
/// JSON (or as text when it is not JSON).
///
/// Errors: [`Error::InvalidInput`] for a bad method, query or body; as the request.
pub async fn raw(ctx: &Ctx, selected: Option<&str>, args: &ApiArgs) -> Result<Output> {
    let query = parse_query(&args.query)?;
    let query: Vec<(&str, String)> = query.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let body = parse_body(args.data.as_deref())?;
    let client = ctx.client(selected)?;
    let answer = ops::raw(&client, &args.method, &args.path, &query, body).await?;
    let text = match &answer.body {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    };
    Ok(Output {
        json: answer.body,
        text,
    })
}
