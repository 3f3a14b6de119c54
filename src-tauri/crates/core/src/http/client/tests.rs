use super::*;
use std::process::{Child, Command, Stdio};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn options() -> ClientOptions {
    ClientOptions::new("1.2.3", &NetworkSettings::default())
}

/// Accepts one connection, answers 200 and returns the request head.
async fn one_request() -> (u16, tokio::task::JoinHandle<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 8192];
        let mut len = 0;
        while !buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf[len..]).await.unwrap();
            if n == 0 {
                break;
            }
            len += n;
        }
        stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
            .await
            .unwrap();
        String::from_utf8_lossy(&buf[..len]).to_string()
    });
    (port, handle)
}

#[tokio::test]
async fn sends_the_jiffy_user_agent() {
    let (port, seen) = one_request().await;
    let client = build_client(&options()).unwrap();
    let response = client
        .get(format!("http://127.0.0.1:{port}/rest/api/2/serverInfo"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let head = seen.await.unwrap().to_ascii_lowercase();
    assert!(head.contains("user-agent: jiffy/1.2.3\r\n"), "{head}");
}

#[tokio::test]
async fn an_explicit_proxy_receives_the_request() {
    let (port, seen) = one_request().await;
    let client = build_client(&ClientOptions {
        proxy: Some(format!("http://127.0.0.1:{port}")),
        ..options()
    })
    .unwrap();
    client
        .get("http://jira.example.invalid/rest/api/2/myself")
        .send()
        .await
        .unwrap();
    let head = seen.await.unwrap();
    assert!(
        head.starts_with("GET http://jira.example.invalid/rest/api/2/myself HTTP/1.1"),
        "{head}"
    );
}

#[test]
fn bad_settings_are_explained() {
    let missing = ClientOptions {
        ca_cert_path: Some("/nonexistent/ca.pem".into()),
        ..options()
    };
    assert_eq!(build_client(&missing).unwrap_err().kind(), "InvalidInput");
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "this is not a certificate").unwrap();
    let junk = ClientOptions {
        ca_cert_path: Some(junk.display().to_string()),
        ..options()
    };
    assert_eq!(build_client(&junk).unwrap_err().kind(), "InvalidInput");
    let proxy = ClientOptions {
        proxy: Some("proxy.corp 3128".into()),
        ..options()
    };
    assert_eq!(build_client(&proxy).unwrap_err().kind(), "InvalidInput");
    let blank = ClientOptions {
        proxy: Some("  ".into()),
        ca_cert_path: Some(String::new()),
        ..options()
    };
    assert!(build_client(&blank).is_ok(), "blank settings mean none");
}

/// Kills the `openssl s_server` child when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn openssl(dir: &std::path::Path, args: &[&str]) {
    let out = Command::new("/usr/bin/openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A site with a private CA: refused as a TLS error without the CA, trusted with it.
/// Uses `openssl` to mint the CA and run the TLS server; when it is missing, the untrusted
/// case is still checked against a plain listener.
#[tokio::test]
async fn a_private_ca_is_trusted_only_when_configured() {
    if !std::path::Path::new("/usr/bin/openssl").exists() {
        let (port, _seen) = one_request().await;
        let err = build_client(&options())
            .unwrap()
            .get(format!("https://127.0.0.1:{port}/"))
            .send()
            .await
            .unwrap_err();
        assert_eq!(crate::http::error_from_reqwest(&err).kind(), "Tls");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    openssl(
        d,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Jiffy Test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    openssl(
        d,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "srv.key",
            "-out",
            "srv.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "srv.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "srv.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        Command::new("/usr/bin/openssl")
            .args([
                "s_server",
                "-accept",
                &format!("127.0.0.1:{port}"),
                "-cert",
                "srv.pem",
                "-key",
                "srv.key",
                "-www",
                "-quiet",
            ])
            .current_dir(d)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Wait for the server to listen.
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let url = format!("https://localhost:{port}/");
    let err = build_client(&options())
        .unwrap()
        .get(&url)
        .send()
        .await
        .unwrap_err();
    let mapped = crate::http::error_from_reqwest(&err);
    assert_eq!(mapped.kind(), "Tls", "{mapped}");
    assert!(mapped.to_string().contains("CA certificate"), "{mapped}");
    let trusted = ClientOptions {
        ca_cert_path: Some(d.join("ca.pem").display().to_string()),
        ..options()
    };
    let response = build_client(&trusted)
        .unwrap()
        .get(&url)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}
