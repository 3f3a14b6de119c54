//! Shared test harness: a real sandbox, a throwaway config dir and an in-memory secret store,
//! and the command functions driven exactly as `main.rs` drives them.
#![allow(dead_code)]

use clap::Parser;
use jiffy_cli::args::Cli;
use jiffy_cli::{run, Ctx, Output, SecretInput};
use jiffy_core::secrets::InMemoryStore;
use jiffy_sandbox::{Config, Mode, Sandbox};
use std::collections::HashMap;
use std::sync::Arc;

pub struct Env {
    pub sb: Sandbox,
    pub dir: tempfile::TempDir,
    pub store: Arc<InMemoryStore>,
}

pub async fn start(mode: Mode) -> Env {
    let sb = Sandbox::start(Config {
        mode,
        ..Config::default()
    })
    .await
    .expect("sandbox starts");
    Env {
        sb,
        dir: tempfile::tempdir().expect("temp dir"),
        store: Arc::new(InMemoryStore::new()),
    }
}

impl Env {
    pub fn user(&self, username: &str) -> jiffy_sandbox::DemoUser {
        self.sb
            .info()
            .users
            .iter()
            .find(|u| u.username == username)
            .cloned()
            .expect("demo user")
    }

    pub fn first_user(&self) -> jiffy_sandbox::DemoUser {
        self.sb.info().users[0].clone()
    }

    /// Runs `jiffy-cli ARGS` (with `--config-dir` added) feeding `stdin`.
    pub async fn run_with(
        &self,
        args: &[&str],
        stdin: &str,
        env: &[(&str, &str)],
    ) -> jiffy_core::Result<Output> {
        let stdin = Box::new(std::io::Cursor::new(stdin.to_owned()));
        self.run_full(args, stdin, env, None).await
    }

    /// Like [`Env::run_with`] with any stdin and, for OAuth, what "opens the browser".
    pub async fn run_full(
        &self,
        args: &[&str],
        stdin: Box<dyn std::io::Read + Send>,
        env: &[(&str, &str)],
        opener: Option<jiffy_cli::ctx::Opener>,
    ) -> jiffy_core::Result<Output> {
        let dir = self.dir.path().display().to_string();
        let mut argv = vec!["jiffy-cli", "--config-dir", dir.as_str()];
        argv.extend_from_slice(args);
        let cli = Cli::try_parse_from(argv).expect("arguments parse");
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let input = SecretInput::new(stdin, env);
        let mut ctx = Ctx::new(self.dir.path().to_path_buf(), self.store.clone(), input);
        if self.sb.info().mode == Mode::Cloud {
            // The sandbox is also the api.atlassian.com gateway (scoped API tokens).
            ctx.client_config.api_host = self.sb.base_url().to_owned();
        }
        if let Some(opener) = opener {
            ctx.opener = opener;
        }
        run(&cli, &ctx).await
    }

    pub async fn run(&self, args: &[&str]) -> jiffy_core::Result<Output> {
        self.run_with(args, "", &[]).await
    }

    pub async fn ok(&self, args: &[&str]) -> Output {
        match self.run(args).await {
            Ok(out) => out,
            Err(e) => panic!("jiffy-cli {args:?} failed: {e}"),
        }
    }

    /// Adds the connection "main" for the first demo user (API token on Cloud, password on DC).
    pub async fn connect(&self) -> Output {
        let u = self.first_user();
        let url = self.sb.base_url().to_owned();
        let result = match self.sb.info().mode {
            Mode::Cloud => {
                self.run_with(
                    &[
                        "connection",
                        "add",
                        "main",
                        "--url",
                        &url,
                        "--auth",
                        "api-token",
                    ]
                    .iter()
                    .copied()
                    .chain(["--email", u.email.as_str(), "--token-stdin"])
                    .collect::<Vec<_>>(),
                    &format!("{}\n", u.api_token),
                    &[],
                )
                .await
            }
            Mode::DataCenter => {
                self.run_with(
                    &[
                        "connection",
                        "add",
                        "main",
                        "--url",
                        &url,
                        "--auth",
                        "basic",
                    ]
                    .iter()
                    .copied()
                    .chain(["--user", u.username.as_str()])
                    .collect::<Vec<_>>(),
                    "",
                    &[("JIFFY_PASSWORD", u.password.as_str())],
                )
                .await
            }
        };
        result.unwrap_or_else(|e| panic!("connect failed: {e}"))
    }
}
