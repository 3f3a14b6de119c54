//! Keeps every webview on the app's own origin.
//!
//! Jira content (descriptions, comments) can contain links; a click must never turn the app
//! window into a browser for an arbitrary site, where the IPC bridge would be in reach.

use tauri::{plugin::TauriPlugin, Runtime, Url};

/// Origins the app's pages are served from: the embedded assets on each platform, and
/// Vite's dev server in development builds.
pub fn is_app_origin(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) if cfg!(debug_assertions) => url.port() == Some(5173),
        _ => false,
    }
}

/// A plugin that refuses navigation away from the app's origin in every window.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let allowed = is_app_origin(url);
            if !allowed {
                eprintln!(
                    "jiffy: blocked navigation away from the app to {}",
                    url.origin().ascii_serialization()
                );
            }
            allowed
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_origin_is_allowed() {
        let ok = [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
        ];
        for u in ok {
            assert!(
                is_app_origin(&Url::parse(u).unwrap()),
                "{u} should be allowed"
            );
        }
        let blocked = [
            "https://evil.example/",
            "https://mysite.atlassian.net/browse/ABC-1",
            "http://localhost:8080/",
            "file:///etc/passwd",
            "javascript:alert(1)",
        ];
        for u in blocked {
            assert!(
                !is_app_origin(&Url::parse(u).unwrap()),
                "{u} should be blocked"
            );
        }
    }
}
