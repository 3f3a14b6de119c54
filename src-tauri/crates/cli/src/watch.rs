//! `watch list | add | remove | run [--once]`: JQL watches from a terminal, cron or a systemd
//! timer, over the same `watches.json` / `watch-state.json` as the app (the config dir).

use crate::ctx::Ctx;
use crate::output::{table, Output};
use clap::{ArgGroup, Args, Subcommand, ValueEnum};
use jiffy_core::watches::{
    now_ms, parse_weekday, ClientFuture, NotifyRule, RunOutcome, RunSummary, Schedule, Watch,
    WatchDraft, WatchNotification, WatchStatus, Watches,
};
use jiffy_core::{Error, Result};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

/// `watch …`
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Every watch, its schedule and how its last run went.
    List,
    /// Watch a JQL query on a schedule (on the --connection, or the default one).
    Add(WatchAddArgs),
    /// Delete a watch and what it remembered.
    Remove {
        /// Its id or name.
        watch: String,
    },
    /// Run watches, print what they found and deliver their notifications.
    Run {
        /// Run once (what is due, or the watch named) and exit; otherwise keep running,
        /// sleeping until the next one is due, until Ctrl-C.
        #[arg(long)]
        once: bool,
        /// Only this watch (id or name), even if it is not due.
        watch: Option<String>,
    },
}

/// What a watch tells about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotifyArg {
    /// Every match, each run.
    All,
    /// Issues that start matching.
    New,
    /// New matches and matches updated since.
    Changed,
}

/// `watch add --name N --jql Q (--every MIN | --daily HH:MM | --weekly DAY@HH:MM) …`
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("schedule").required(true).args(["every", "daily", "weekly"])))]
pub struct WatchAddArgs {
    /// The watch's name (the notification's title).
    #[arg(long)]
    pub name: String,
    /// The query.
    #[arg(long)]
    pub jql: String,
    /// Run every MIN minutes (1–10080).
    #[arg(long, value_name = "MIN")]
    pub every: Option<u32>,
    /// Run every day at this time.
    #[arg(long, value_name = "HH:MM")]
    pub daily: Option<String>,
    /// Run every week, e.g. `mon@09:00`.
    #[arg(long, value_name = "DAY@HH:MM")]
    pub weekly: Option<String>,
    /// The time zone of --daily/--weekly (IANA name); the system's otherwise.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// What to tell.
    #[arg(long, value_enum, default_value_t = NotifyArg::New)]
    pub notify: NotifyArg,
    /// Save it switched off.
    #[arg(long)]
    pub disabled: bool,
}

/// Runs one `watch` command; `json` says how `run` without `--once` prints each round.
///
/// Errors: as jiffy-core's [`Watches`]; [`Error::InvalidInput`] for a bad schedule.
pub async fn run(
    ctx: &Ctx,
    selected: Option<&str>,
    command: &WatchCommand,
    json: bool,
) -> Result<Output> {
    let watches = Watches::new(ctx.config_dir.clone());
    match command {
        WatchCommand::List => list(ctx, &watches),
        WatchCommand::Add(args) => add(ctx, &watches, selected, args),
        WatchCommand::Remove { watch } => {
            let found = find(ctx, &watches, selected, watch)?;
            watches.remove(&found.id)?;
            Ok(Output::new(
                &json!({ "removed": found.id, "name": found.name }),
                format!("Removed watch \"{}\".", found.name),
            ))
        }
        WatchCommand::Run { once: true, watch } => {
            let list = match watch {
                Some(name) => Some(vec![find(ctx, &watches, selected, name)?]),
                None => None,
            };
            run_once(ctx, &watches, list.as_deref()).await
        }
        WatchCommand::Run { once: false, watch } => {
            run_loop(ctx, &watches, selected, watch.as_deref(), json).await
        }
    }
}

fn find(ctx: &Ctx, watches: &Watches, selected: Option<&str>, name: &str) -> Result<Watch> {
    let connection = selected.map(|s| ctx.connection(Some(s))).transpose()?;
    watches.find(name, connection.as_ref().map(|c| c.id.as_str()))
}

fn list(ctx: &Ctx, watches: &Watches) -> Result<Output> {
    let all = watches.list()?;
    let config = ctx.config()?;
    let now = now_ms();
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|s| {
            let connection = config
                .get(&s.watch.connection)
                .map_or_else(|| s.watch.connection.clone(), |c| c.name.clone());
            vec![
                s.watch.id.clone(),
                s.watch.name.clone(),
                connection,
                schedule_text(&s.watch.schedule),
                notify_text(s.watch.notify).to_owned(),
                next_text(s, now),
                s.last_error.clone().unwrap_or_else(|| "ok".into()),
            ]
        })
        .collect();
    let text = if rows.is_empty() {
        "No watches yet: add one with `jiffy-cli watch add`.".to_owned()
    } else {
        table(
            &[
                "ID",
                "NAME",
                "CONNECTION",
                "SCHEDULE",
                "NOTIFY",
                "NEXT",
                "LAST",
            ],
            &rows,
        )
    };
    Ok(Output::new(&all, text))
}

fn add(
    ctx: &Ctx,
    watches: &Watches,
    selected: Option<&str>,
    args: &WatchAddArgs,
) -> Result<Output> {
    let connection = ctx.connection(selected)?;
    let time_zone = args.tz.clone();
    let schedule = match (&args.every, &args.daily, &args.weekly) {
        (Some(minutes), _, _) => Schedule::Every { minutes: *minutes },
        (_, Some(at), _) => Schedule::Daily {
            at: at.clone(),
            time_zone,
        },
        (_, _, Some(weekly)) => {
            let (day, at) = weekly.split_once('@').ok_or_else(|| {
                Error::InvalidInput(format!(
                    "\"{weekly}\" is not DAY@HH:MM: use e.g. --weekly mon@09:00."
                ))
            })?;
            Schedule::Weekly {
                weekday: parse_weekday(day)?,
                at: at.to_owned(),
                time_zone,
            }
        }
        _ => {
            return Err(Error::InvalidInput(
                "Say when it runs: --every MIN, --daily HH:MM or --weekly DAY@HH:MM.".into(),
            ))
        }
    };
    if args.tz.is_some() && matches!(schedule, Schedule::Every { .. }) {
        return Err(Error::InvalidInput(
            "--tz goes with --daily or --weekly, not --every.".into(),
        ));
    }
    let notify = match args.notify {
        NotifyArg::All => NotifyRule::All,
        NotifyArg::New => NotifyRule::New,
        NotifyArg::Changed => NotifyRule::Changed,
    };
    let draft = WatchDraft {
        connection: connection.id.clone(),
        name: args.name.clone(),
        jql: args.jql.clone(),
        schedule,
        notify,
        enabled: !args.disabled,
    };
    let watch = watches.add(draft, now_ms())?;
    let text = format!(
        "Added watch \"{}\" ({}) on {}: {}, notify {}.",
        watch.name,
        watch.id,
        connection.name,
        schedule_text(&watch.schedule),
        notify_text(watch.notify)
    );
    Ok(Output::new(&watch, text))
}

/// Runs `list` (whatever their schedule), or with `None` the watches due once the run lock
/// is held; then delivers this run's notifications. Notifications queued by someone else
/// (the app, waiting to show them on the desktop) are left to them.
async fn run_once(ctx: &Ctx, watches: &Watches, list: Option<&[Watch]>) -> Result<Output> {
    let client_for = |id: String| -> ClientFuture {
        Box::pin(std::future::ready(ctx.client(Some(&id)).map(Arc::new)))
    };
    let before: std::collections::HashSet<String> =
        watches.outbox()?.into_iter().map(|n| n.id).collect();
    let runs = match list {
        Some(list) => watches.run(list, now_ms(), &client_for).await?,
        None => watches.run_due(now_ms(), &client_for).await?,
    };
    let notifications: Vec<WatchNotification> = watches
        .outbox()?
        .into_iter()
        .filter(|n| !before.contains(&n.id))
        .collect();
    for n in &notifications {
        watches.mark_delivered(&n.id)?;
    }
    let ran: Vec<Watch> = match list {
        Some(list) => list.to_vec(),
        None => watches
            .list()?
            .into_iter()
            .map(|s| s.watch)
            .filter(|w| runs.iter().any(|r| r.watch_id == w.id))
            .collect(),
    };
    Ok(run_output(&ran, &runs, &notifications))
}

fn run_output(list: &[Watch], runs: &[RunSummary], notifications: &[WatchNotification]) -> Output {
    let name = |id: &str| {
        list.iter()
            .find(|w| w.id == id)
            .map_or_else(|| id.to_owned(), |w| w.name.clone())
    };
    let runs_json: Vec<Value> = runs
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            v["name"] = json!(name(&r.watch_id));
            v
        })
        .collect();
    let mut lines: Vec<String> = notifications
        .iter()
        .map(|n| format!("{}: {}", n.title, n.body))
        .collect();
    for r in runs {
        let problem = match &r.outcome {
            RunOutcome::Ok { .. } => continue,
            RunOutcome::AuthExpired => "the sign-in has expired: reconnect".to_owned(),
            RunOutcome::Unreachable { retry_at } => {
                format!(
                    "the site could not be reached; retrying {}",
                    when(*retry_at)
                )
            }
            RunOutcome::RateLimited { retry_at } => {
                format!("Jira is rate-limiting; retrying {}", when(*retry_at))
            }
            RunOutcome::Failed { message } => message.clone(),
        };
        lines.push(format!("{}: {problem}", name(&r.watch_id)));
    }
    if lines.is_empty() {
        lines.push(if runs.is_empty() {
            "No watch was due.".to_owned()
        } else {
            format!("Ran {} watch(es): nothing new.", runs.len())
        });
    }
    Output::new(
        &json!({ "runs": runs_json, "notifications": notifications }),
        lines.join("\n"),
    )
}

/// `watch run` without `--once`: run what is due, print (a JSON line per round with `--json`),
/// sleep until the next due time (at most a minute, so new definitions are picked up), until
/// Ctrl-C.
async fn run_loop(
    ctx: &Ctx,
    watches: &Watches,
    selected: Option<&str>,
    only: Option<&str>,
    json: bool,
) -> Result<Output> {
    let only = only.map(|w| find(ctx, watches, selected, w)).transpose()?;
    // One listener for the whole loop: a Ctrl-C during a run is kept (as a stored permit)
    // and ends the loop once the run has recorded its state.
    let stop = Arc::new(tokio::sync::Notify::new());
    let listener = {
        let stop = Arc::clone(&stop);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop.notify_one();
            }
        })
    };
    let stopped = || Output::new(&json!({ "stopped": true }), String::new());
    loop {
        let now = now_ms();
        let due: Vec<Watch> = watches
            .due(now)?
            .into_iter()
            .filter(|w| only.as_ref().is_none_or(|o| o.id == w.id))
            .collect();
        if !due.is_empty() {
            // One line per round with --json (JSON lines), so a pipe can read them as they come.
            // Without a named watch, what is due is decided again under the run lock (the app
            // may have just run it).
            let list = only.as_ref().map(|_| due.as_slice());
            let out = run_once(ctx, watches, list).await?;
            if json {
                println!("{}", out.json);
            } else {
                println!("{}", out.text);
            }
        }
        let next = watches
            .list()?
            .iter()
            .filter(|s| only.as_ref().is_none_or(|o| o.id == s.watch.id))
            .filter_map(|s| s.next_run_at)
            .min();
        let wait = next.map_or(60_000, |at| {
            at.saturating_sub(now_ms()).clamp(1_000, 60_000)
        });
        tokio::select! {
            () = stop.notified() => {
                listener.abort();
                return Ok(stopped());
            }
            () = tokio::time::sleep(Duration::from_millis(wait)) => {}
        }
    }
}

fn schedule_text(schedule: &Schedule) -> String {
    let zone = |tz: &Option<String>| tz.as_ref().map_or(String::new(), |z| format!(" {z}"));
    match schedule {
        Schedule::Every { minutes } => format!("every {minutes} min"),
        Schedule::Daily { at, time_zone } => format!("daily {at}{}", zone(time_zone)),
        Schedule::Weekly {
            weekday,
            at,
            time_zone,
        } => {
            let day = serde_json::to_value(weekday)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            format!("weekly {day} {at}{}", zone(time_zone))
        }
    }
}

fn notify_text(rule: NotifyRule) -> &'static str {
    match rule {
        NotifyRule::All => "all",
        NotifyRule::New => "new",
        NotifyRule::Changed => "changed",
    }
}

fn next_text(status: &WatchStatus, now: u64) -> String {
    match status.next_run_at {
        None => "off".into(),
        Some(at) if at <= now => "due".into(),
        Some(at) => when(at),
    }
}

/// "in 5 min", "in 3 h", "in 2 d" (no calendar dates: the CLI has no time-zone crate).
fn when(at_ms: u64) -> String {
    let minutes = at_ms.saturating_sub(now_ms()).div_ceil(60_000);
    match minutes {
        0..=1 => "in a minute".into(),
        2..=119 => format!("in {minutes} min"),
        120..=2879 => format!("in {} h", minutes / 60),
        _ => format!("in {} d", minutes / 1440),
    }
}
