use super::*;
use crate::api::ClientConfig;
use crate::config::{AuthSettings, Connection, Deployment, NetworkSettings};
use crate::secrets::{InMemoryStore, SecretKind, SecretStore};
use std::sync::Arc;
use tokio::io::AsyncReadExt;

/// A server that promises `promised` bytes of attachment content but sends only `sent`
/// before hanging up: a download cut off mid-body.
async fn truncating_server(promised: usize, sent: usize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf).await;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\
                 Content-Length: {promised}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&vec![7u8; sent]).await;
            let _ = stream.shutdown().await;
        }
    });
    base
}

fn cloud_client(base: &str) -> JiraClient {
    let store = Arc::new(InMemoryStore::new());
    store
        .set("c1", SecretKind::ApiToken, &"token".into())
        .expect("store");
    let connection = Connection {
        id: "c1".into(),
        name: "Test".into(),
        base_url: base.into(),
        deployment: Deployment::Cloud,
        version: None,
        auth: AuthSettings::ApiToken {
            email: "a@example.com".into(),
            cloud_id: None,
            use_gateway: false,
        },
        network: NetworkSettings::default(),
    };
    JiraClient::new(connection, store, ClientConfig::new("0.1.0")).expect("client")
}

#[tokio::test]
async fn a_download_cut_off_mid_body_leaves_no_file() {
    let base = truncating_server(200_000, 50_000).await;
    let client = cloud_client(&base);
    let dir = tempfile::tempdir().expect("temp dir");
    let dest = dir.path().join("cut.bin");
    let result = attachment_download_to_file(&client, "10000", &dest).await;
    assert!(result.is_err(), "{result:?}");
    assert!(!dest.exists());
    // Not even the temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[tokio::test]
async fn a_complete_body_is_written_whole() {
    let base = truncating_server(70_000, 70_000).await;
    let client = cloud_client(&base);
    let dir = tempfile::tempdir().expect("temp dir");
    let dest = dir.path().join("whole.bin");
    let written = attachment_download_to_file(&client, "10000", &dest)
        .await
        .expect("download");
    assert_eq!(written, 70_000);
    assert_eq!(std::fs::read(&dest).expect("file"), vec![7u8; 70_000]);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}
