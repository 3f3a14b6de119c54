//! The loopback listener that receives an OAuth redirect from the system browser.
//!
//! Bound to 127.0.0.1 only (never 0.0.0.0: nothing on the network may answer for the user) on
//! a fixed port, because Atlassian matches the registered callback URL exactly. It accepts one
//! callback: checks the expected parameter (`state` for OAuth 2.0, `oauth_token` for OAuth
//! 1.0a), answers a small "you can close this window" page and gives up after a timeout.
//!
//! The HTTP handling is written by hand: one GET request line per connection is all there is
//! to parse, and an HTTP server crate would add a dependency tree for that alone.

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

/// How long to wait for the browser by default.
pub const DEFAULT_CALLBACK_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The path the browser is redirected to.
pub const CALLBACK_PATH: &str = "/callback";

/// Largest request head accepted; real callbacks are far smaller.
const MAX_HEAD: usize = 16 * 1024;

/// How long one connection may take to send its request line (a stalled connection must not
/// block the real callback).
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A listener waiting for one OAuth callback.
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
    port: u16,
}

impl LoopbackListener {
    /// Binds `127.0.0.1:port` (`0` picks a free port, for tests).
    ///
    /// Errors: [`Error::InvalidInput`] when the port is taken, with what to do about it.
    pub async fn bind(port: u16) -> Result<Self> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(addr).await.map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                Error::InvalidInput(format!(
                    "Port {port} on 127.0.0.1 is already in use, so Jiffy cannot receive the \
                     sign-in. Close the program using it, or choose another port in the \
                     connection settings and register the same callback URL in your OAuth app."
                ))
            } else {
                Error::Internal(format!("could not listen on 127.0.0.1:{port}: {e}"))
            }
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::Internal(format!("loopback listener has no address: {e}")))?
            .port();
        Ok(LoopbackListener { listener, port })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The redirect URI to register and send: `http://127.0.0.1:{port}/callback`.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Waits for the callback whose `param` equals `expected`, and returns its query.
    ///
    /// Other paths (a browser's `/favicon.ico`) get a 404 and the wait goes on. A callback
    /// with the wrong value, or with an OAuth `error`, ends the wait with an error: one
    /// callback is accepted, never a second try by someone else.
    ///
    /// Errors: [`Error::Unauthorized`] on a mismatch, a refusal in the browser, or when
    /// `timeout` passes without a callback.
    pub async fn wait(
        self,
        param: &str,
        expected: &str,
        timeout: Duration,
    ) -> Result<BTreeMap<String, String>> {
        let deadline = Instant::now() + timeout;
        loop {
            let accepted = tokio::time::timeout_at(deadline, self.listener.accept()).await;
            let (mut stream, _) = match accepted {
                Err(_) => {
                    return Err(Error::Unauthorized(format!(
                        "no answer came back from the browser within {} s; start the sign-in \
                         again",
                        timeout.as_secs()
                    )))
                }
                Ok(Err(_)) => {
                    // e.g. out of file descriptors: do not spin while it lasts.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
                Ok(Ok(conn)) => conn,
            };
            let Some(target) = read_request_target(&mut stream).await else {
                respond(
                    &mut stream,
                    400,
                    "Bad request",
                    "This is not a sign-in answer.",
                )
                .await;
                continue;
            };
            let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
            if path != CALLBACK_PATH {
                respond(&mut stream, 404, "Not found", "Nothing here.").await;
                continue;
            }
            let query: BTreeMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            if let Some(error) = query.get("error") {
                let description = query
                    .get("error_description")
                    .map(String::as_str)
                    .unwrap_or("");
                respond(
                    &mut stream,
                    200,
                    "Sign-in cancelled",
                    "Jiffy was not authorized. You can close this window.",
                )
                .await;
                return Err(Error::Unauthorized(format!(
                    "the authorization was refused in the browser ({error}{}{description})",
                    if description.is_empty() { "" } else { ": " }
                )));
            }
            if query.get(param).map(String::as_str) != Some(expected) {
                let message = "This answer does not belong to the sign-in Jiffy started. \
                               Start again from Jiffy.";
                respond(&mut stream, 400, "Sign-in failed", message).await;
                return Err(Error::Unauthorized(
                    "the browser returned an answer for a different sign-in (state mismatch); \
                     start again"
                        .into(),
                ));
            }
            respond(
                &mut stream,
                200,
                "Signed in",
                "Jiffy is connected. You can close this window and return to Jiffy.",
            )
            .await;
            return Ok(query);
        }
    }
}

/// Reads the request head and returns the request target of a `GET`, or `None`.
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let read = async {
        let mut chunk = [0u8; 1024];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < MAX_HEAD {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        Some(())
    };
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    let head = String::from_utf8_lossy(&buf);
    let line = head.lines().next()?;
    let mut parts = line.split_whitespace();
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) if target.starts_with('/') => Some(target.to_owned()),
        _ => None,
    }
}

/// Writes a small HTML page and closes the connection; a browser that went away is ignored.
async fn respond(stream: &mut TcpStream, status: u16, title: &str, message: &str) {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title} — Jiffy</title>\
         <style>body{{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;\
         text-align:center;color:#172b4d}}</style></head><body><h1>{title}</h1><p>{message}</p>\
         </body></html>"
    );
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests;
