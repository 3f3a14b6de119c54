//! Projects.

use super::{call, is_cloud, segment};
use crate::api::page::Page;
use crate::api::projects::Project;
use crate::api::JiraClient;
use crate::error::Result;
use reqwest::Method;

/// Every project the user can see: Cloud's paginated `project/search`, all pages; Data
/// Center's `project`, which answers them in one list.
///
/// Errors: HTTP and transport errors.
pub async fn projects(client: &JiraClient) -> Result<Vec<Project>> {
    if !is_cloud(client) {
        return call(client, Method::GET, "project", &[], None).await;
    }
    let mut all = Vec::new();
    let mut start = Some(0);
    while let Some(at) = start {
        let page: Page<Project> = call(
            client,
            Method::GET,
            "project/search",
            &[("startAt", at.to_string())],
            None,
        )
        .await?;
        start = page.next_start_at();
        all.extend(page.values);
    }
    Ok(all)
}

/// One project by key or id, with its issue types, components and versions.
///
/// Errors: [`crate::Error::NotFound`] for a project that does not exist or is not visible,
/// HTTP and transport errors.
pub async fn project(client: &JiraClient, key: &str) -> Result<Project> {
    let resource = format!("project/{}", segment(key));
    call(client, Method::GET, &resource, &[], None).await
}
