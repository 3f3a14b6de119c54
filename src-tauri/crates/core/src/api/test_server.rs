//! A tiny HTTP/1.1 server for unit tests: each request is handed to a closure.
//!
//! Not the sandbox (that is another crate, deliberately independent): only what a unit test
//! needs to see the exact requests the client sends.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One received request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names lower-cased.
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

/// An answer: status, extra headers, JSON body.
pub struct Reply(pub u16, pub Vec<(&'static str, String)>, pub String);

/// Starts the server; returns its base URL and the log of requests.
pub async fn serve<F>(handler: F) -> (String, Arc<Mutex<Vec<Seen>>>)
where
    F: Fn(&Seen) -> Reply + Send + Sync + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen_log = log.clone();
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let (head, body) = loop {
                let n = stream.read(&mut chunk).await.unwrap_or(0);
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                    let len = head
                        .lines()
                        .filter_map(|l| l.split_once(':'))
                        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if rest.len() >= len || n == 0 {
                        break (head.to_owned(), rest.to_owned());
                    }
                } else if n == 0 {
                    break (text, String::new());
                }
            };
            let mut lines = head.lines();
            let mut first = lines.next().unwrap_or("").split_whitespace();
            let seen = Seen {
                method: first.next().unwrap_or("").to_owned(),
                target: first.next().unwrap_or("").to_owned(),
                headers: lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                    .collect(),
                body,
            };
            let Reply(status, headers, body) = handler(&seen);
            seen_log.lock().unwrap().push(seen);
            let mut response = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n");
            for (k, v) in headers {
                response.push_str(&format!("{k}: {v}\r\n"));
            }
            response.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ));
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    (base, log)
}
