//! The command line, as clap derive types. Nothing here does any work: [`crate::run`] maps each
//! command onto jiffy-core.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Jiffy's command-line client for Jira Cloud and Data Center.
#[derive(Debug, Parser)]
#[command(name = "jiffy-cli", version, about)]
pub struct Cli {
    /// Machine output: one JSON document on stdout; errors as JSON on stderr.
    #[arg(long, global = true)]
    pub json: bool,
    /// The connection to use (name or id); the default connection otherwise.
    #[arg(short = 'c', long, global = true, value_name = "NAME")]
    pub connection: Option<String>,
    /// Where connections.json lives; the app's config dir (`dev.jiffy.desktop`) otherwise.
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Log to stderr: -v retries and sign-in changes, -vv every request, -vvv everything
    /// (RUST_LOG, when set, picks instead). Secrets are never logged.
    #[arg(short = 'v', long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Probe, add, list, test and remove connections.
    #[command(subcommand)]
    Connection(ConnectionCommand),
    /// The signed-in user of the connection.
    Whoami,
    /// A raw REST request with the connection's auth applied.
    #[command(visible_alias = "raw")]
    Api(ApiArgs),
    /// Visible projects.
    Projects,
    /// What the signed-in user may do (globally, or in one project).
    Permissions {
        /// A project key.
        #[arg(long)]
        project: Option<String>,
    },
    /// Issues matching a JQL query.
    Search(SearchArgs),
    /// Read and change issues.
    #[command(subcommand)]
    Issue(IssueCommand),
    /// An issue's comments.
    #[command(subcommand)]
    Comment(CommentCommand),
    /// Files attached to issues.
    #[command(subcommand)]
    Attachment(AttachmentCommand),
    /// Users.
    #[command(subcommand)]
    User(UserCommand),
    /// RSA keys for OAuth 1.0a.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// JQL watches: queries checked on a schedule that tell what is new or changed.
    #[command(subcommand)]
    Watch(crate::watch::WatchCommand),
}

/// `keys …`
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Generate a key pair: private key to FILE (0600), public key PEM on stdout.
    Generate {
        /// Key size in bits.
        #[arg(long, default_value_t = 2048)]
        bits: usize,
        /// Where to write the private key (must not exist yet).
        #[arg(long)]
        out: PathBuf,
    },
}

/// `connection …`
#[derive(Debug, Subcommand)]
pub enum ConnectionCommand {
    /// Find the Jira behind a URL: deployment, version, base URL, auth methods best first.
    Probe {
        /// What you would paste into the browser (`site.atlassian.net`, `https://jira.corp/`).
        url: String,
        /// TLS and proxy settings.
        #[command(flatten)]
        network: NetworkArgs,
    },
    /// Validate credentials (GET myself) and save a connection; secrets go to the OS keyring.
    Add(AddArgs),
    /// All saved connections.
    List,
    /// One connection's profile (never its secrets).
    Show {
        /// Name or id.
        name: String,
    },
    /// Check that a saved connection still signs in.
    Test {
        /// Name or id (the default connection when omitted).
        name: Option<String>,
    },
    /// Remove a connection and its secrets.
    Remove {
        /// Name or id.
        name: String,
    },
    /// Make a connection the default.
    Default {
        /// Name or id.
        name: String,
    },
}

/// The auth methods `connection add` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthArg {
    /// Cloud: email + API token.
    ApiToken,
    /// Data Center / Server: username + password.
    Basic,
    /// Data Center 8.14+: personal access token (or `--create` one from a password).
    Pat,
    /// Data Center / Server: OAuth 1.0a through an Application Link.
    Oauth1,
    /// Cloud 3LO or Data Center 8.22+: OAuth 2.0.
    Oauth2,
}

/// `connection add NAME --url URL --auth METHOD …`
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The name to save the connection under.
    pub name: String,
    /// The site's address (anything `connection probe` accepts).
    #[arg(long)]
    pub url: String,
    /// How to sign in.
    #[arg(long, value_enum)]
    pub auth: AuthArg,
    /// TLS and proxy settings, saved with the connection.
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Cloud account email (api-token).
    #[arg(long)]
    pub email: Option<String>,
    /// Jira username (basic; pat with --create).
    #[arg(long)]
    pub user: Option<String>,
    /// Read the API token or PAT from stdin (else the env var JIFFY_TOKEN).
    #[arg(long)]
    pub token_stdin: bool,
    /// Read the password from stdin (else the env var JIFFY_PASSWORD).
    #[arg(long)]
    pub password_stdin: bool,
    /// pat: create a new token from username + password; the password is not kept.
    #[arg(long)]
    pub create: bool,
    /// pat --create: the token's name in Jira.
    #[arg(long, default_value = "Jiffy CLI")]
    pub token_name: String,
    /// pat --create: days until the token expires (1–365).
    #[arg(long, default_value_t = 90)]
    pub expiry_days: u32,
    /// Make this the default connection.
    #[arg(long)]
    pub make_default: bool,
    /// oauth1: the consumer key entered in Jira's Application Link.
    #[arg(long)]
    pub consumer_key: Option<String>,
    /// oauth1: the private key (PKCS#8 or PKCS#1 PEM), e.g. from `keys generate`.
    #[arg(long)]
    pub private_key: Option<PathBuf>,
    /// oauth1: where Jira sends you after approving.
    #[arg(long, value_enum, default_value_t = CallbackArg::Loopback)]
    pub callback: CallbackArg,
    /// The loopback listener's 127.0.0.1 port (oauth2: must match the app's callback URL).
    #[arg(long)]
    pub port: Option<u16>,
    /// Print the authorization URL instead of opening the browser.
    #[arg(long)]
    pub no_browser: bool,
    /// oauth2: the OAuth app's client id.
    #[arg(long)]
    pub client_id: Option<String>,
    /// oauth2: read the client secret from stdin (else the env var JIFFY_CLIENT_SECRET).
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// oauth2: scopes, space- or comma-separated (Jiffy's defaults otherwise).
    #[arg(long)]
    pub scopes: Option<String>,
    /// oauth2 (Cloud): the authorization server (tests point it at the sandbox).
    #[arg(long)]
    pub auth_host: Option<String>,
    /// oauth2 (Cloud): the API gateway (tests point it at the sandbox).
    #[arg(long)]
    pub api_host: Option<String>,
}

/// Where OAuth 1.0a sends the user back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CallbackArg {
    /// To a listener on 127.0.0.1.
    Loopback,
    /// Jira shows a code; type it in (read from stdin).
    Oob,
}

/// `api METHOD PATH [--query k=v]... [--data JSON|@FILE]`
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// HTTP method (GET, POST, PUT, DELETE, PATCH).
    pub method: String,
    /// Path under the site (`/rest/api/2/myself`), or a bare REST resource (`myself`).
    pub path: String,
    /// Query parameter `k=v` (repeatable).
    #[arg(long = "query", short = 'q', value_name = "K=V")]
    pub query: Vec<String>,
    /// JSON body, or `@FILE` to read it from a file.
    #[arg(long, short = 'd', visible_alias = "body", value_name = "JSON|@FILE")]
    pub data: Option<String>,
}

/// `search JQL [--fields a,b] [--limit N | --all]`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The JQL query.
    pub jql: String,
    /// Fields to fetch (comma-separated ids); Jira's navigable fields otherwise.
    #[arg(long, value_delimiter = ',')]
    pub fields: Vec<String>,
    /// At most this many issues.
    #[arg(long, default_value_t = 50, conflicts_with = "all")]
    pub limit: usize,
    /// Every matching issue (progress on stderr).
    #[arg(long)]
    pub all: bool,
}

/// `issue …`
#[derive(Debug, Subcommand)]
pub enum IssueCommand {
    /// One issue.
    Get {
        /// Issue key or id.
        key: String,
    },
    /// Create an issue.
    Create {
        /// Project key.
        #[arg(long)]
        project: String,
        /// Issue type name (e.g. Bug) or id.
        #[arg(long = "type")]
        issue_type: String,
        /// Summary.
        #[arg(long)]
        summary: String,
        /// Description (plain text or Markdown).
        #[arg(long)]
        description: Option<String>,
        /// Another field: `ID=VALUE`, VALUE as JSON when it parses, else text (repeatable).
        #[arg(long = "field", value_name = "ID=VALUE")]
        fields: Vec<String>,
    },
    /// Change an issue's fields.
    Edit {
        /// Issue key or id.
        key: String,
        /// New summary.
        #[arg(long)]
        summary: Option<String>,
        /// New description (plain text or Markdown).
        #[arg(long)]
        description: Option<String>,
        /// Another field: `ID=VALUE` (repeatable).
        #[arg(long = "field", value_name = "ID=VALUE")]
        fields: Vec<String>,
    },
    /// Delete an issue.
    Delete {
        /// Issue key or id.
        key: String,
        /// Also delete its subtasks (Jira refuses otherwise).
        #[arg(long)]
        subtasks: bool,
    },
    /// Assign an issue: a username (DC) or account id (Cloud), `me`, or `none`.
    Assign {
        /// Issue key or id.
        key: String,
        /// Who.
        user: String,
    },
    /// The transitions available now.
    Transitions {
        /// Issue key or id.
        key: String,
    },
    /// Move an issue by transition name or id, or by target status name.
    Transition {
        /// Issue key or id.
        key: String,
        /// Transition name/id or status name.
        to: String,
    },
}

/// `comment …`
#[derive(Debug, Subcommand)]
pub enum CommentCommand {
    /// All comments of an issue.
    List {
        /// Issue key.
        key: String,
    },
    /// Add a comment (plain text or Markdown).
    Add {
        /// Issue key.
        key: String,
        /// The text.
        text: String,
    },
    /// Replace a comment's text.
    Edit {
        /// Issue key.
        key: String,
        /// Comment id.
        id: String,
        /// The new text.
        text: String,
    },
    /// Delete a comment.
    Delete {
        /// Issue key.
        key: String,
        /// Comment id.
        id: String,
    },
}

/// `attachment …`
#[derive(Debug, Subcommand)]
pub enum AttachmentCommand {
    /// Attach files to an issue.
    Upload {
        /// Issue key.
        key: String,
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Save an attachment's content to a file.
    Download {
        /// Attachment id.
        id: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Delete an attachment.
    Delete {
        /// Attachment id.
        id: String,
    },
}

/// `user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// One user by account id (Cloud) or username (DC).
    Get {
        /// Account id or username.
        id: String,
    },
    /// Users matching a text.
    Search {
        /// Name, username or email fragment.
        query: String,
    },
}

/// Per-connection network settings (certificate verification is never turned off).
#[derive(Debug, Clone, Default, Args)]
pub struct NetworkArgs {
    /// A PEM file with extra CA certificates to trust (an on-prem site with a private CA).
    #[arg(long, value_name = "PEM")]
    pub ca_cert: Option<PathBuf>,
    /// An explicit HTTP(S) proxy URL; HTTPS_PROXY / HTTP_PROXY / NO_PROXY otherwise.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
}

impl NetworkArgs {
    /// The connection's network settings.
    pub fn settings(&self) -> jiffy_core::config::NetworkSettings {
        jiffy_core::config::NetworkSettings {
            ca_cert_path: self.ca_cert.as_ref().map(|p| p.display().to_string()),
            proxy: self.proxy.clone(),
        }
    }
}
