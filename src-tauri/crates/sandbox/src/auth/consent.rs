//! The HTML pages of the browser steps: log in, then allow or deny.

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn login_fields(login_label: &str) -> String {
    format!(
        "<label>{login_label} <input name=\"os_username\" autocomplete=\"username\"></label><br>\
         <label>Password <input name=\"os_password\" type=\"password\"></label><br>"
    )
}

/// OAuth 1.0a: "{consumer} would like to read and write data on your behalf".
pub fn oauth1_page(consumer: &str, token: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Allow access - Jira (sandbox)</title></head><body>\
         <h1>Welcome to Jira</h1><p><b>{c}</b> would like to read and write data on your \
         behalf.</p><form method=\"post\" action=\"/plugins/servlet/oauth/authorize\">\
         <input type=\"hidden\" name=\"oauth_token\" value=\"{t}\">{login}\
         <button name=\"approve\" value=\"Allow\">Allow</button>\
         <button name=\"approve\" value=\"Deny\">Deny</button></form></body></html>",
        c = esc(consumer),
        t = esc(token),
        login = login_fields("Username"),
    )
}

/// OAuth 2.0 (Cloud 3LO and DC): login, scopes, optionally the site picker, allow/deny.
pub fn oauth2_page(
    action: &str,
    app_name: &str,
    scopes: &[String],
    hidden: &[(&str, String)],
    login_label: &str,
    site: Option<(&str, &str)>,
) -> String {
    let hidden: String = hidden
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            )
        })
        .collect();
    let scopes: String = scopes
        .iter()
        .map(|s| format!("<li>{}</li>", esc(s)))
        .collect();
    let site = site
        .map(|(id, url)| {
            format!(
                "<label>Use app on <select name=\"site\"><option value=\"{}\">{}</option>\
                 </select></label><br>",
                esc(id),
                esc(url)
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html><head><title>Authorize {n}</title></head><body>\
         <h1>{n} is requesting access to your account</h1><ul>{scopes}</ul>\
         <form method=\"post\" action=\"{action}\">{hidden}{login}{site}\
         <button name=\"decision\" value=\"accept\">Accept</button>\
         <button name=\"decision\" value=\"deny\">Deny</button></form></body></html>",
        n = esc(app_name),
        login = login_fields(login_label),
    )
}

/// The authorize request's parameters the OAuth 2.0 consent form carries to its submit.
pub fn oauth2_hidden(get: impl Fn(&str) -> String) -> Vec<(&'static str, String)> {
    [
        "client_id",
        "redirect_uri",
        "state",
        "scope",
        "code_challenge",
    ]
    .iter()
    .map(|k| (*k, get(k)))
    .collect()
}

/// 303 back to the client's `redirect` with `params` (already encoded) and its `state`.
pub fn redirect_back(redirect: &str, params: &str, state: &str) -> axum::response::Response {
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let state = url::form_urlencoded::byte_serialize(state.as_bytes()).collect::<String>();
    see_other(&format!("{redirect}{sep}{params}&state={state}"))
}

/// A plain error page for the browser steps.
pub fn error_page(title: &str, detail: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{t}</title></head><body><h1>{t}</h1><p>{d}</p>\
         </body></html>",
        t = esc(title),
        d = esc(detail)
    )
}

/// 303 to `to`; a target that cannot be a `Location` header (control characters, say) gets a
/// 400 page instead of axum's `Redirect::to`, which would panic on it.
pub fn see_other(to: &str) -> axum::response::Response {
    use axum::http::{header, HeaderValue, StatusCode};
    use axum::response::{Html, IntoResponse};
    match HeaderValue::from_str(to) {
        Ok(v) => (StatusCode::SEE_OTHER, [(header::LOCATION, v)]).into_response(),
        Err(_) => (
            StatusCode::BAD_REQUEST,
            Html(error_page(
                "Invalid redirect",
                "The redirect URL is not a valid URL.",
            )),
        )
            .into_response(),
    }
}
