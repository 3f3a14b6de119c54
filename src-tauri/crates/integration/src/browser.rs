//! The browser's part of the OAuth flows: a plain HTTP client that posts the sandbox's
//! authorize pages (login + consent in one form, as the sandbox README's curl walk-through
//! does) and reports where the page redirected.

use std::collections::HashMap;

/// An HTTP client that does not follow redirects, so the redirect itself can be read.
///
/// # Panics
/// When reqwest cannot build a client (no TLS backend): nothing can run then.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_else(|e| panic!("reqwest client: {e}"))
}

/// What an authorize page answered to the posted form.
#[derive(Debug)]
pub struct PageAnswer {
    /// HTTP status.
    pub status: u16,
    /// Where it redirected, if it did.
    pub location: Option<String>,
    /// The page itself.
    pub body: String,
}

/// Posts the authorize page at `authorize_url` (its query carried over into the form) with
/// `extra` form fields: what the user does by logging in and pressing Allow.
///
/// # Panics
/// When the page cannot be reached.
pub async fn submit(authorize_url: &url::Url, extra: &[(&str, &str)]) -> PageAnswer {
    let mut form: HashMap<String, String> = authorize_url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for (k, v) in extra {
        form.insert((*k).to_owned(), (*v).to_owned());
    }
    let mut target = authorize_url.clone();
    target.set_query(None);
    let response = http()
        .post(target.as_str())
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("authorize page: {e}"));
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.text().await.unwrap_or_default();
    PageAnswer {
        status,
        location,
        body,
    }
}

/// Like [`submit`], for a page that must redirect; returns the `Location`.
///
/// # Panics
/// When the page does not redirect (the message shows the page).
pub async fn approve(authorize_url: &url::Url, extra: &[(&str, &str)]) -> String {
    let answer = submit(authorize_url, extra).await;
    answer.location.unwrap_or_else(|| {
        panic!(
            "the authorize page answered {} without a redirect: {}",
            answer.status, answer.body
        )
    })
}

/// Approves in the background and follows the redirect to the loopback listener, as the
/// system browser would after `open(url)`.
pub fn approve_in_background(authorize_url: &url::Url, extra: &[(&str, &str)]) {
    let url = authorize_url.clone();
    let extra: Vec<(String, String)> = extra
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    tokio::spawn(async move {
        let pairs: Vec<(&str, &str)> = extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let location = approve(&url, &pairs).await;
        visit(&location).await;
    });
}

/// Follows `location` (the redirect to the loopback listener) like a browser would; returns
/// the page's status.
///
/// # Panics
/// When the listener cannot be reached.
pub async fn visit(location: &str) -> u16 {
    http()
        .get(location)
        .send()
        .await
        .unwrap_or_else(|e| panic!("visiting {location}: {e}"))
        .status()
        .as_u16()
}
