//! Turning whatever people paste into candidate Jira base URLs.
//!
//! People paste the address bar: an issue (`/browse/ABC-1`), a dashboard
//! (`/secure/Dashboard.jspa`), a REST URL from a script, a bare host name. Jira can also live
//! under a context path (`https://jira.corp/jira`). We cut the path at the first segment that
//! is known to belong to Jira's own URL space; what precedes it is the context path. When no
//! such segment is present the path may itself be the context path, so each parent is offered
//! too, longest first, for `probe` to try in order.

use crate::error::{Error, Result};
use url::Url;

/// Path segments that start Jira's own URL space (so everything before them is the context
/// path). Segments ending in `.jsp`/`.jspa` (login.jsp, Dashboard.jspa…) count as well.
const JIRA_SEGMENTS: &[&str] = &[
    "browse",
    "secure",
    "rest",
    "plugins",
    "projects",
    "issues",
    "servicedesk",
    "login.jsp",
    "_edge",
];

/// Whether a host is an Atlassian Cloud site, whose base URL is always the bare origin.
pub fn is_cloud_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    [".atlassian.net", ".jira.com", ".jira-dev.com"]
        .iter()
        .any(|suffix| host.ends_with(suffix))
}

/// Candidate base URLs for what the user typed, most likely first, without trailing slash.
///
/// Whitespace and surrounding `<>`/quotes are ignored; a missing scheme means `https://`;
/// `http://` is kept as typed (the probe will say if the site redirects). Query strings,
/// fragments, credentials and default ports are dropped.
///
/// Errors: [`Error::InvalidInput`] for empty input, a scheme other than http(s), or text that
/// is not a URL with a host.
pub fn candidate_base_urls(input: &str) -> Result<Vec<String>> {
    let trimmed = input
        .trim()
        .trim_matches(|c| matches!(c, '<' | '>' | '"' | '\''))
        .trim();
    if trimmed.is_empty() {
        return Err(Error::InvalidInput(
            "Enter the address of your Jira site.".into(),
        ));
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let mut url = Url::parse(&with_scheme)
        .map_err(|e| Error::InvalidInput(format!("\"{trimmed}\" is not a web address ({e}).")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidInput(format!(
            "\"{trimmed}\" is not a web address: Jira sites start with https:// (or http://)."
        )));
    }
    let host = match url.host_str() {
        Some(host) if !host.is_empty() => host.to_owned(),
        _ => {
            return Err(Error::InvalidInput(format!(
                "\"{trimmed}\" has no host name; paste the address of your Jira site."
            )))
        }
    };
    url.set_query(None);
    url.set_fragment(None);
    // Neither can fail on an http(s) URL with a host; ignoring the unit error is safe.
    let _ = url.set_username("");
    let _ = url.set_password(None);

    let origin = url.origin().ascii_serialization();
    if is_cloud_host(&host) {
        return Ok(vec![origin]);
    }
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|seg| !seg.is_empty()).collect())
        .unwrap_or_default();
    let cut = segments.iter().position(|seg| is_jira_segment(seg));
    let join = |n: usize| -> String {
        let mut base = origin.clone();
        for seg in &segments[..n] {
            base.push('/');
            base.push_str(seg);
        }
        base
    };
    Ok(match cut {
        Some(n) => vec![join(n)],
        None => (0..=segments.len()).rev().map(join).collect(),
    })
}

fn is_jira_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    JIRA_SEGMENTS.contains(&lower.as_str()) || lower.ends_with(".jsp") || lower.ends_with(".jspa")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(input: &str) -> String {
        let all = candidate_base_urls(input).unwrap();
        assert_eq!(all.len(), 1, "{input} → {all:?}");
        all.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn bare_cloud_host_gets_https() {
        assert_eq!(one("mysite.atlassian.net"), "https://mysite.atlassian.net");
        assert_eq!(
            one("  MySite.Atlassian.NET/  \n"),
            "https://mysite.atlassian.net"
        );
    }

    #[test]
    fn cloud_paths_are_always_dropped() {
        assert_eq!(
            one("https://mysite.atlassian.net/jira/software/projects/ABC/boards/1?x=1"),
            "https://mysite.atlassian.net"
        );
        assert_eq!(
            one("https://mysite.atlassian.net/browse/ABC-1"),
            "https://mysite.atlassian.net"
        );
    }

    #[test]
    fn trailing_slash_root_offers_the_origin() {
        assert_eq!(
            candidate_base_urls("https://jira.corp/").unwrap(),
            vec!["https://jira.corp"]
        );
    }

    #[test]
    fn issue_and_dashboard_links_are_cut() {
        assert_eq!(one("https://jira.corp/browse/ABC-1"), "https://jira.corp");
        assert_eq!(
            one("https://jira.corp/secure/Dashboard.jspa"),
            "https://jira.corp"
        );
        assert_eq!(
            one("https://jira.corp/login.jsp?os_destination=%2F"),
            "https://jira.corp"
        );
        assert_eq!(
            one("https://jira.corp/issues/?jql=project%3DABC"),
            "https://jira.corp"
        );
    }

    #[test]
    fn context_paths_are_kept() {
        assert_eq!(
            one("https://jira.corp/jira/browse/X-1"),
            "https://jira.corp/jira"
        );
        assert_eq!(
            one("https://jira.corp/jira/secure/Dashboard.jspa#top"),
            "https://jira.corp/jira"
        );
        assert_eq!(
            one("https://jira.corp/tools/jira/browse/X-1"),
            "https://jira.corp/tools/jira"
        );
        // Without a Jira segment the path may be the context path, or may not: offer both.
        assert_eq!(
            candidate_base_urls("https://jira.corp/jira").unwrap(),
            vec!["https://jira.corp/jira", "https://jira.corp"]
        );
        assert_eq!(
            candidate_base_urls("https://jira.corp/jira/").unwrap(),
            vec!["https://jira.corp/jira", "https://jira.corp"]
        );
    }

    #[test]
    fn rest_urls_are_cut_at_rest() {
        assert_eq!(
            one("https://jira.corp/rest/api/2/issue/ABC-1?expand=names"),
            "https://jira.corp"
        );
        assert_eq!(
            one("https://jira.corp/jira/rest/api/2/serverInfo"),
            "https://jira.corp/jira"
        );
    }

    #[test]
    fn http_is_kept_and_ports_are_kept_unless_default() {
        assert_eq!(
            one("http://jira.lan:8080/browse/A-1"),
            "http://jira.lan:8080"
        );
        assert_eq!(one("https://jira.corp:443/browse/A-1"), "https://jira.corp");
        assert_eq!(
            one("jira.lan:8080/secure/Dashboard.jspa"),
            "https://jira.lan:8080"
        );
        assert_eq!(
            one("http://127.0.0.1:2990/jira/browse/A-1"),
            "http://127.0.0.1:2990/jira"
        );
    }

    #[test]
    fn credentials_and_wrappers_are_dropped() {
        assert_eq!(
            one("<https://bob:pw@jira.corp/browse/A-1>"),
            "https://jira.corp"
        );
        assert_eq!(one("\"jira.corp/browse/A-1\""), "https://jira.corp");
    }

    #[test]
    fn unusable_input_is_explained() {
        for bad in [
            "",
            "   ",
            "ftp://jira.corp",
            "https://",
            "http://exa mple.com",
        ] {
            let err = candidate_base_urls(bad).unwrap_err();
            assert_eq!(err.kind(), "InvalidInput", "{bad:?}: {err}");
            assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn cloud_hosts_are_recognised() {
        assert!(is_cloud_host("acme.atlassian.net"));
        assert!(is_cloud_host("ACME.Atlassian.net."));
        assert!(is_cloud_host("legacy.jira.com"));
        assert!(!is_cloud_host("atlassian.net.evil.example"));
        assert!(!is_cloud_host("jira.corp"));
    }
}
