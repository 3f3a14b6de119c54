//! Building the `reqwest` client for one connection.
//!
//! rustls with the operating system's roots (plus webpki's bundled roots as a fallback on
//! machines without a usable store), an optional per-connection CA bundle for on-prem sites
//! with a private CA, an explicit proxy or the usual `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`
//! environment variables. Certificate verification is never turned off: there is no setting
//! for it.

use crate::config::NetworkSettings;
use crate::error::{Error, Result};
use std::path::Path;
use std::time::Duration;

/// How long to wait for a TCP + TLS connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// How long a response may stay silent (per read, so big downloads are not cut off).
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// Everything that shapes a connection's HTTP client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Jiffy's version, sent as `User-Agent: Jiffy/<version>`.
    pub app_version: String,
    /// Extra trusted CAs (PEM file), from the connection's settings.
    pub ca_cert_path: Option<String>,
    /// Explicit proxy URL; `None` means the proxy environment variables.
    pub proxy: Option<String>,
    /// TCP + TLS connect timeout.
    pub connect_timeout: Duration,
    /// Read timeout.
    pub read_timeout: Duration,
}

impl ClientOptions {
    /// Options for a connection's network settings with the default timeouts.
    pub fn new(app_version: &str, network: &NetworkSettings) -> Self {
        ClientOptions {
            app_version: app_version.to_owned(),
            ca_cert_path: network.ca_cert_path.clone(),
            proxy: network.proxy.clone(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
        }
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> String {
        format!("Jiffy/{}", self.app_version)
    }
}

/// Builds the HTTP client.
///
/// Errors: [`Error::InvalidInput`] when the CA file cannot be read or holds no certificate, or
/// the proxy URL is not usable; [`Error::Tls`] / [`Error::Internal`] if TLS cannot be set up.
pub fn build_client(options: &ClientOptions) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(true)
        .tls_built_in_native_certs(true)
        .user_agent(options.user_agent())
        .connect_timeout(options.connect_timeout)
        .read_timeout(options.read_timeout)
        // Jira redirects between context paths and to login pages; a few hops are normal.
        .redirect(reqwest::redirect::Policy::limited(5));
    if let Some(path) = options
        .ca_cert_path
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        for cert in read_ca_bundle(Path::new(path))? {
            builder = builder.add_root_certificate(cert);
        }
    }
    if let Some(proxy) = options
        .proxy
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let parsed = url::Url::parse(proxy)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https" | "socks5" | "socks5h"));
        let Some(parsed) = parsed else {
            return Err(Error::InvalidInput(format!(
                "The proxy \"{proxy}\" is not a URL such as http://proxy.example:3128."
            )));
        };
        let proxy = reqwest::Proxy::all(parsed.as_str())
            .map_err(|e| Error::InvalidInput(format!("The proxy \"{proxy}\" is not usable: {e}")))?
            .no_proxy(reqwest::NoProxy::from_env());
        builder = builder.proxy(proxy);
    }
    // Without an explicit proxy, reqwest reads HTTP(S)_PROXY / ALL_PROXY / NO_PROXY itself.
    builder
        .build()
        .map_err(|e| Error::Tls(format!("could not set up the secure connection: {e}")))
}

fn read_ca_bundle(path: &Path) -> Result<Vec<reqwest::Certificate>> {
    let pem = std::fs::read(path).map_err(|e| {
        Error::InvalidInput(format!(
            "The CA certificate file {} cannot be read: {e}.",
            path.display()
        ))
    })?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        Error::InvalidInput(format!(
            "The CA certificate file {} is not a PEM certificate: {e}.",
            path.display()
        ))
    })?;
    if certs.is_empty() {
        return Err(Error::InvalidInput(format!(
            "The CA certificate file {} holds no certificate (expected \
             -----BEGIN CERTIFICATE-----).",
            path.display()
        )));
    }
    Ok(certs)
}

#[cfg(test)]
mod tests;
