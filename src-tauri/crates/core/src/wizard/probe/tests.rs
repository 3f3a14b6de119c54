use super::*;
use std::collections::BTreeMap;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A tiny local web server: path → (status, body); everything else is an HTML 404.
async fn site(routes: &[(&str, u16, &str)]) -> String {
    let routes: BTreeMap<String, (u16, String)> = routes
        .iter()
        .map(|(p, s, b)| (p.to_string(), (*s, b.to_string())))
        .collect();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = vec![0u8; 8192];
            let mut len = 0;
            while !buf[..len].windows(4).any(|w| w == b"\r\n\r\n") && len < buf.len() {
                match stream.read(&mut buf[len..]).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => len += n,
                }
            }
            let head = String::from_utf8_lossy(&buf[..len]).to_string();
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let (status, body, kind) = match routes.get(&path) {
                Some((s, b)) => (*s, b.clone(), "application/json"),
                None => (
                    404,
                    "<html><title>Nothing</title></html>".to_owned(),
                    "text/html",
                ),
            };
            let response = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    base
}

const DC: &str = r#"{"baseUrl":"https://jira.corp/jira","version":"10.3.19","versionNumbers":[10,3,19],"deploymentType":"Server","buildNumber":10030019,"serverTitle":"Corp Jira"}"#;

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

#[tokio::test]
async fn finds_jira_under_a_context_path_from_an_issue_link() {
    let base = site(&[("/jira/rest/api/2/serverInfo", 200, DC)]).await;
    let found = probe(&client(), &format!("{base}/jira/browse/ABC-1"))
        .await
        .unwrap();
    assert_eq!(found.base_url, format!("{base}/jira"));
    assert_eq!(
        found.reported_base_url.as_deref(),
        Some("https://jira.corp/jira")
    );
    assert_eq!(found.deployment, Deployment::DataCenter);
    assert_eq!(found.version, "10.3.19");
    assert_eq!(found.server_title.as_deref(), Some("Corp Jira"));
    assert_eq!(found.methods.first(), Some(&AuthMethod::Pat));
}

#[tokio::test]
async fn falls_back_to_the_parent_when_the_path_is_not_the_context() {
    let base = site(&[("/rest/api/2/serverInfo", 200, DC)]).await;
    let found = probe(&client(), &format!("{base}/some/page"))
        .await
        .unwrap();
    assert_eq!(found.base_url, base);
}

#[tokio::test]
async fn old_jira_is_refused_with_a_reason() {
    let old = r#"{"version":"6.4.14","versionNumbers":[6,4,14],"deploymentType":"Server"}"#;
    let base = site(&[("/rest/api/2/serverInfo", 200, old)]).await;
    let err = probe(&client(), &base).await.unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(
        err.to_string().contains("Jira 6.4.14") && err.to_string().contains("7.0"),
        "{err}"
    );
}

#[tokio::test]
async fn a_site_that_is_not_jira_is_said_so() {
    let base = site(&[("/rest/api/2/serverInfo", 200, r#"{"hello":"world"}"#)]).await;
    let err = probe(&client(), &base).await.unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains("not a Jira site"), "{err}");
}

#[tokio::test]
async fn an_unreachable_site_is_a_network_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = probe(&client(), &format!("http://127.0.0.1:{port}/jira"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "Network");
}

#[test]
fn server_info_variants() {
    let cloud = r#"{"baseUrl":"https://acme.atlassian.net","version":"1001.0.0-SNAPSHOT","versionNumbers":[1001,0,0],"deploymentType":"Cloud","serverTitle":"Jira"}"#;
    let found = parse_server_info("https://acme.atlassian.net", cloud)
        .unwrap()
        .unwrap();
    assert_eq!(found.deployment, Deployment::Cloud);
    assert_eq!(
        found.methods,
        vec![AuthMethod::ApiToken, AuthMethod::OAuth2]
    );
    let server8 = r#"{"version":"8.20.1","deploymentType":"Server"}"#;
    let found = parse_server_info("https://jira.lan/", server8)
        .unwrap()
        .unwrap();
    assert_eq!(found.deployment, Deployment::Server);
    assert_eq!(found.base_url, "https://jira.lan");
    assert_eq!(
        found.methods,
        vec![AuthMethod::Pat, AuthMethod::OAuth1, AuthMethod::Basic]
    );
    let dc = r#"{"version":"9.12.0","versionNumbers":[9,12,0],"deploymentType":"DataCenter"}"#;
    assert_eq!(
        parse_server_info("https://j", dc)
            .unwrap()
            .unwrap()
            .deployment,
        Deployment::DataCenter
    );
    assert_eq!(parse_server_info("https://j", "<html>").unwrap(), None);
}
