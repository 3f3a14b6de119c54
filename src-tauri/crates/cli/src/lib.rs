//! jiffy-cli: a thin terminal front end over jiffy-core.
//!
//! Every command is a library function taking a [`Ctx`] (config dir, secret store, stdin), so
//! tests drive them with an in-memory secret store and no keyring; `main.rs` only parses the
//! command line, builds the real context (OS keyring) and prints the [`Output`].

pub mod api_cmd;
pub mod args;
pub mod connection;
pub mod ctx;
pub mod fields;
pub mod issue_parts;
pub mod keys;
pub mod logging;
pub mod oauth;
pub mod output;
pub mod watch;
pub mod work;

pub use ctx::{Ctx, SecretInput};
pub use output::Output;

use args::{Cli, Command, KeysCommand};
use jiffy_core::Result;

/// Runs one parsed command line and returns what to print.
///
/// Errors: whatever jiffy-core reports, unchanged (the caller renders it and picks the exit
/// code); [`jiffy_core::Error::InvalidInput`] for unusable arguments.
pub async fn run(cli: &Cli, ctx: &Ctx) -> Result<Output> {
    let selected = cli.connection.as_deref();
    match &cli.command {
        Command::Connection(command) => connection::run(command, selected, ctx).await,
        Command::Whoami => api_cmd::whoami(ctx, selected).await,
        Command::Api(args) => api_cmd::raw(ctx, selected, args).await,
        Command::Projects => work::projects(ctx, selected).await,
        Command::Permissions { project } => {
            work::permissions(ctx, selected, project.as_deref()).await
        }
        Command::Search(args) => work::search(ctx, selected, args).await,
        Command::Issue(command) => work::issue(ctx, selected, command).await,
        Command::Comment(command) => issue_parts::comment(ctx, selected, command).await,
        Command::Attachment(command) => issue_parts::attachment(ctx, selected, command).await,
        Command::User(command) => work::user(ctx, selected, command).await,
        Command::Keys(KeysCommand::Generate { bits, out }) => keys::generate(*bits, out),
        Command::Watch(command) => watch::run(ctx, selected, command, cli.json).await,
    }
}
