use super::*;

/// Sends one raw request to the listener and returns the whole response.
async fn get(port: u16, target: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn binds_loopback_only_and_names_its_redirect_uri() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let addr = listener.listener.local_addr().unwrap();
    assert!(addr.ip().is_loopback());
    assert_eq!(
        listener.redirect_uri(),
        format!("http://127.0.0.1:{}/callback", listener.port())
    );
}

#[tokio::test]
async fn a_port_in_use_is_explained() {
    let first = LoopbackListener::bind(0).await.unwrap();
    let err = LoopbackListener::bind(first.port()).await.unwrap_err();
    assert_eq!(err.kind(), "InvalidInput");
    assert!(err.to_string().contains(&first.port().to_string()), "{err}");
}

#[tokio::test]
async fn accepts_the_callback_with_the_right_state_after_other_requests() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let port = listener.port();
    let waiter = tokio::spawn(listener.wait("state", "s-123", Duration::from_secs(10)));
    let favicon = get(port, "/favicon.ico").await;
    assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
    let page = get(port, "/callback?code=c%2Fode&state=s-123").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("You can close this window"), "{page}");
    let query = waiter.await.unwrap().unwrap();
    assert_eq!(query.get("code").map(String::as_str), Some("c/ode"));
}

#[tokio::test]
async fn a_wrong_state_ends_the_wait_with_an_error() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let port = listener.port();
    let waiter = tokio::spawn(listener.wait("state", "expected", Duration::from_secs(10)));
    let page = get(port, "/callback?code=x&state=forged").await;
    assert!(page.starts_with("HTTP/1.1 400"), "{page}");
    let err = waiter.await.unwrap().unwrap_err();
    assert_eq!(err.kind(), "Unauthorized");
    assert!(err.to_string().contains("state mismatch"), "{err}");
}

#[tokio::test]
async fn a_refusal_in_the_browser_is_reported() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let port = listener.port();
    let waiter = tokio::spawn(listener.wait("state", "s", Duration::from_secs(10)));
    let page = get(
        port,
        "/callback?error=access_denied&error_description=User%20said%20no&state=s",
    )
    .await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let err = waiter.await.unwrap().unwrap_err();
    assert!(
        err.to_string().contains("access_denied: User said no"),
        "{err}"
    );
}

#[tokio::test]
async fn garbage_is_answered_and_the_wait_continues() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let port = listener.port();
    let waiter = tokio::spawn(listener.wait("oauth_token", "rt", Duration::from_secs(10)));
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    stream
        .write_all(b"POST /callback HTTP/1.1\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 400"), "{response}");
    let page = get(port, "/callback?oauth_token=rt&oauth_verifier=v").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let query = waiter.await.unwrap().unwrap();
    assert_eq!(query.get("oauth_verifier").map(String::as_str), Some("v"));
}

#[tokio::test]
async fn gives_up_after_the_timeout() {
    let listener = LoopbackListener::bind(0).await.unwrap();
    let started = std::time::Instant::now();
    let err = listener
        .wait("state", "s", Duration::from_millis(150))
        .await
        .unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(err.kind(), "Unauthorized");
    assert!(err.to_string().contains("start the sign-in again"), "{err}");
}
