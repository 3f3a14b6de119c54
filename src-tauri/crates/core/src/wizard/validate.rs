//! `validate`: prove new credentials work (GET myself) before anything is saved.
//!
//! The secrets live only in memory during validation; the caller then saves the returned
//! connection with [`crate::connections::save_new`], which writes them to the keyring.
//! Validate first, persist second: a typo never leaves a broken connection behind.

use crate::api::users::User;
use crate::api::{ApiRequest, ClientConfig, JiraClient};
use crate::config::{AuthSettings, Connection};
use crate::error::Result;
use crate::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use std::sync::Arc;

/// A connection whose credentials Jira accepted.
#[derive(Debug, Clone)]
pub struct Validated {
    /// Who Jira says the user is.
    pub user: User,
    /// The connection to save; updated when a scoped API token had to move to the gateway.
    pub connection: Connection,
}

/// Calls `myself` with the given (unsaved) secrets.
///
/// Errors: whatever the call fails with — `Unauthorized`, `CaptchaRequired`, `Network`,
/// `Tls`… — so the wizard can say what to fix; nothing is written anywhere.
pub async fn validate(
    connection: Connection,
    secrets: &[(SecretKind, Sensitive<String>)],
    config: ClientConfig,
) -> Result<Validated> {
    let store = Arc::new(InMemoryStore::new());
    for (kind, value) in secrets {
        store.set(&connection.id, *kind, value)?;
    }
    let client = JiraClient::new(connection, store, config)?;
    let path = client.api_path("myself");
    let user: User = client
        .json(&ApiRequest {
            method: reqwest::Method::GET,
            path: &path,
            query: &[],
            body: None,
        })
        .await?;
    let mut connection = client.connection().clone();
    if let (
        Some(id),
        AuthSettings::ApiToken {
            cloud_id,
            use_gateway,
            ..
        },
    ) = (client.gateway_switch(), &mut connection.auth)
    {
        *cloud_id = Some(id);
        *use_gateway = true;
    }
    Ok(Validated { user, connection })
}

#[cfg(test)]
mod tests;
