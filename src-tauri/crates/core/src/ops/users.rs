//! The signed-in user, user search and permissions.

use super::{call, is_cloud};
use crate::api::permissions::MyPermissions;
use crate::api::users::{User, UserId};
use crate::api::JiraClient;
use crate::error::Result;
use reqwest::Method;

/// The signed-in user (`GET myself`): the check that credentials work.
///
/// Errors: [`crate::Error::Unauthorized`] for refused credentials,
/// [`crate::Error::CaptchaRequired`] after too many wrong passwords, other HTTP and transport
/// errors.
pub async fn myself(client: &JiraClient) -> Result<User> {
    call(client, Method::GET, "myself", &[], None).await
}

/// Users matching `query` (Cloud: `query=`; Data Center: `username=`, which also matches
/// display names and emails).
///
/// Errors: HTTP and transport errors.
pub async fn users_search(client: &JiraClient, query: &str) -> Result<Vec<User>> {
    let param = if is_cloud(client) {
        "query"
    } else {
        "username"
    };
    call(
        client,
        Method::GET,
        "user/search",
        &[(param, query.to_owned())],
        None,
    )
    .await
}

/// One user by account id (Cloud) or username (Data Center).
///
/// Errors: [`crate::Error::NotFound`] for an unknown user, HTTP and transport errors.
pub async fn user_get(client: &JiraClient, user: &UserId) -> Result<User> {
    let (param, value) = user.query_param();
    call(
        client,
        Method::GET,
        "user",
        &[(param, value.to_owned())],
        None,
    )
    .await
}

/// Users who may be assigned `issue_key` and match `query` (empty: all of them).
///
/// Errors: [`crate::Error::NotFound`] for an issue that is not visible, HTTP and transport
/// errors.
pub async fn users_assignable(
    client: &JiraClient,
    issue_key: &str,
    query: &str,
) -> Result<Vec<User>> {
    let param = if is_cloud(client) {
        "query"
    } else {
        "username"
    };
    let params = [
        ("issueKey", issue_key.to_owned()),
        (param, query.to_owned()),
    ];
    call(client, Method::GET, "user/assignable/search", &params, None).await
}

/// The permissions Jiffy cares about ([`crate::api::permissions::JIFFY_PERMISSIONS`]),
/// globally or in one project.
///
/// Errors: [`crate::Error::NotFound`] for a project the user cannot see, HTTP and transport
/// errors.
pub async fn my_permissions(
    client: &JiraClient,
    project_key: Option<&str>,
) -> Result<MyPermissions> {
    let mut query = vec![("permissions", MyPermissions::query_value())];
    if let Some(key) = project_key {
        query.push(("projectKey", key.to_owned()));
    }
    call(client, Method::GET, "mypermissions", &query, None).await
}
