//! Personal access tokens (Jira Data Center 8.14+): "create one for me".
//!
//! Given a username and password, Jiffy creates a token through `/rest/pat/latest/tokens`,
//! stores it and forgets the password. The create call is authenticated with Basic auth.

use crate::error::{Error, Result};
use crate::secrets::Sensitive;
use serde::Deserialize;
use serde_json::json;

/// Longest expiry offered, in days (Jira accepts no expiry at all, but a bounded token limits
/// the damage of a stolen laptop).
pub const MAX_EXPIRY_DAYS: u32 = 365;

/// `POST` here to create a token.
pub fn create_url(base_url: &str) -> String {
    format!("{}/rest/pat/latest/tokens", base_url.trim_end_matches('/'))
}

/// The JSON body creating a token named `name` that expires after `expiry_days` days.
///
/// Errors: [`Error::InvalidInput`] for an empty name or an expiry outside 1..=365 days.
pub fn create_body(name: &str, expiry_days: u32) -> Result<serde_json::Value> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput(
            "A personal access token needs a name.".into(),
        ));
    }
    if !(1..=MAX_EXPIRY_DAYS).contains(&expiry_days) {
        return Err(Error::InvalidInput(format!(
            "A personal access token must expire after 1 to {MAX_EXPIRY_DAYS} days."
        )));
    }
    Ok(json!({ "name": name, "expirationDuration": expiry_days }))
}

/// A token Jira just created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedToken {
    /// Jira's id of the token (to revoke it later).
    pub id: Option<u64>,
    /// The token itself; Jira shows it only once.
    pub token: Sensitive<String>,
    /// When it expires, as Jira wrote it.
    pub expiring_at: Option<String>,
}

/// Parses the create answer (`{"id", "name", "createdAt", "expiringAt", "rawToken"}`).
///
/// Errors: [`Error::Internal`] when there is no `rawToken`.
pub fn parse_created(body: &str) -> Result<CreatedToken> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Raw {
        id: Option<u64>,
        raw_token: Option<String>,
        expiring_at: Option<String>,
    }
    let raw: Raw = serde_json::from_str(body).map_err(|_| {
        Error::Internal("Jira's answer to creating a personal access token is not JSON".into())
    })?;
    let token = raw.raw_token.filter(|t| !t.is_empty()).ok_or_else(|| {
        Error::Internal("Jira created no personal access token (no rawToken in its answer)".into())
    })?;
    Ok(CreatedToken {
        id: raw.id,
        token: Sensitive(token),
        expiring_at: raw.expiring_at,
    })
}

/// Creates a personal access token with the user's password (Basic auth), so the password can
/// be forgotten and the token stored instead.
///
/// Errors: the mapped HTTP error (wrong password → `Unauthorized`, CAPTCHA →
/// `CaptchaRequired`, PATs disabled or Jira older than 8.14 → `NotFound`), transport errors,
/// and those of [`create_body`] / [`parse_created`].
pub async fn create_token(
    http: &reqwest::Client,
    base_url: &str,
    username: &str,
    password: &Sensitive<String>,
    name: &str,
    expiry_days: u32,
) -> Result<CreatedToken> {
    let body = create_body(name, expiry_days)?;
    let response = crate::http::send_logged(
        http.post(create_url(base_url))
            .basic_auth(username, Some(password.expose()))
            .header(reqwest::header::ACCEPT, "application/json")
            .json(&body),
    )
    .await
    .map_err(|e| crate::http::error_from_reqwest(&e))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response
        .text()
        .await
        .map_err(|e| crate::http::error_from_reqwest(&e))?;
    if !(200..300).contains(&status) {
        return Err(crate::http::error_from_response(
            status,
            &headers,
            &text,
            Some(base_url),
        ));
    }
    parse_created(&text)
}

/// Revokes the token `id` (`DELETE /rest/pat/latest/tokens/{id}`) with the same username and
/// password that created it: used when a token was created but the connection could not be
/// validated or saved, so no unused token is left behind in Jira.
///
/// Errors: the mapped HTTP error (`NotFound` for a token already gone), transport errors.
pub async fn revoke_token(
    http: &reqwest::Client,
    base_url: &str,
    username: &str,
    password: &Sensitive<String>,
    id: u64,
) -> Result<()> {
    let response = crate::http::send_logged(
        http.delete(format!("{}/{id}", create_url(base_url)))
            .basic_auth(username, Some(password.expose()))
            .header(reqwest::header::ACCEPT, "application/json"),
    )
    .await
    .map_err(|e| crate::http::error_from_reqwest(&e))?;
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    Err(crate::http::error_from_response(
        status,
        &headers,
        &text,
        Some(base_url),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_create_request_and_reads_the_token() {
        assert_eq!(
            create_url("https://jira.corp/jira/"),
            "https://jira.corp/jira/rest/pat/latest/tokens"
        );
        assert_eq!(
            create_body(" Jiffy on laptop ", 90).unwrap(),
            json!({"name": "Jiffy on laptop", "expirationDuration": 90})
        );
        assert_eq!(create_body("", 90).unwrap_err().kind(), "InvalidInput");
        assert_eq!(create_body("x", 0).unwrap_err().kind(), "InvalidInput");
        assert_eq!(create_body("x", 366).unwrap_err().kind(), "InvalidInput");
        let created = parse_created(
            r#"{"id":42,"name":"Jiffy","createdAt":"2026-11-25T10:00:00.000+0000","expiringAt":"2027-02-23T10:00:00.000+0000","rawToken":"NjE0MjQ5"}"#,
        )
        .unwrap();
        assert_eq!(created.id, Some(42));
        assert_eq!(created.token.expose(), "NjE0MjQ5");
        assert!(!format!("{created:?}").contains("NjE0MjQ5"));
        assert_eq!(parse_created(r#"{"id":1}"#).unwrap_err().kind(), "Internal");
        assert_eq!(parse_created("<html>").unwrap_err().kind(), "Internal");
    }

    #[tokio::test]
    async fn creates_a_token_with_basic_auth() {
        use crate::api::test_server::{serve, Reply};
        let (base, log) = serve(|seen| {
            // base64("bob:pw")
            if seen.headers.get("authorization").map(String::as_str) == Some("Basic Ym9iOnB3") {
                Reply(
                    201,
                    vec![],
                    r#"{"id":7,"name":"Jiffy","rawToken":"T0K"}"#.into(),
                )
            } else {
                Reply(
                    401,
                    vec![("X-Seraph-LoginReason", "AUTHENTICATED_FAILED".into())],
                    String::new(),
                )
            }
        })
        .await;
        let http = reqwest::Client::new();
        let created = create_token(&http, &base, "bob", &"pw".into(), "Jiffy", 90)
            .await
            .unwrap();
        assert_eq!(created.token.expose(), "T0K");
        let seen = log.lock().unwrap()[0].clone();
        assert_eq!(seen.target, "/rest/pat/latest/tokens");
        let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
        assert_eq!(body["expirationDuration"], 90);
        let err = create_token(&http, &base, "bob", &"bad".into(), "Jiffy", 90)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("password is wrong"), "{err}");
    }

    #[tokio::test]
    async fn revokes_a_token_by_id_with_basic_auth() {
        use crate::api::test_server::{serve, Reply};
        let (base, log) = serve(|seen| match seen.target.as_str() {
            "/rest/pat/latest/tokens/7" => Reply(204, vec![], String::new()),
            _ => Reply(
                404,
                vec![],
                r#"{"errorMessages":["Token not found."],"errors":{}}"#.into(),
            ),
        })
        .await;
        let http = reqwest::Client::new();
        revoke_token(&http, &base, "bob", &"pw".into(), 7)
            .await
            .unwrap();
        let seen = log.lock().unwrap()[0].clone();
        assert_eq!(seen.method, "DELETE");
        assert_eq!(seen.headers["authorization"], "Basic Ym9iOnB3");
        let err = revoke_token(&http, &base, "bob", &"pw".into(), 8)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "NotFound");
    }
}
