//! Running watches: one request budget per connection, backoff per connection, one atomic
//! state write recording what was seen together with the notifications about it.

use super::check::{check, Budget, Checked};
use super::defs::state_for;
use super::outbox::{matches_notification, reconnect_notification};
use super::schedule::next_run_at;
use super::store::{Block, ConnectionState, StateFile, WatchState};
use super::{RunOutcome, RunSummary, Watch, Watches};
use crate::api::JiraClient;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// At most this many requests go to one connection in one [`Watches::run`]; the watches that
/// do not fit stay due for the next call.
pub const REQUESTS_PER_CONNECTION: u32 = 20;
/// After an expired sign-in, the connection is tried again at most this often (the user may
/// have fixed the credentials elsewhere, e.g. with the CLI), without a second notification.
const AUTH_RETRY_MS: u64 = 60 * 60_000;
/// The longest backoff for an unreachable site, in minutes.
const MAX_BACKOFF_MINUTES: u64 = 60;
/// A watch whose check failed (a 500 from a proxy, a JQL Jira refused) is tried again within
/// this long, not only at its next scheduled run (a week later for a weekly watch).
const FAILED_RETRY_MS: u64 = 60 * 60_000;

/// What `client_for` returns: a future of a client for one connection. Boxed so the app can
/// start a demo site (async) before handing the client over, and the CLI can answer at once
/// with `Box::pin(std::future::ready(…))`.
pub type ClientFuture = Pin<Box<dyn Future<Output = Result<Arc<JiraClient>>> + Send>>;

/// Builds the client of a connection, given its id; called once per connection per run. It
/// may borrow (`'a`), e.g. the CLI's context.
pub type ClientFor<'a> = dyn Fn(String) -> ClientFuture + Send + Sync + 'a;

/// How one watch's run ended, before it is recorded.
enum Done {
    Ok(Checked),
    Failed(String),
    Blocked {
        block: Block,
        until: u64,
        message: String,
    },
}

struct Ran<'a> {
    watch: &'a Watch,
    done: Done,
}

/// A connection's state after the run, and its name for a reconnect notification.
struct ConnectionRan {
    id: String,
    name: String,
    state: ConnectionState,
    /// The state the run started from: when the file holds something else at the end, the
    /// user reconnected (or removed) the connection meanwhile, and that wins.
    before: Option<ConnectionState>,
}

impl Watches {
    /// Runs `watches` (usually [`Watches::due`]) at `now_ms`, grouped per connection with
    /// [`REQUESTS_PER_CONNECTION`] requests each; watches that do not fit are left out of the
    /// result and stay due. Records what was seen and queues notifications in the outbox in
    /// one atomic write. `client_for` is called once per connection with its id.
    ///
    /// A connection that answered 429 is left alone until Retry-After; one that could not be
    /// reached until a backoff of 1, 2, 4 … 60 minutes; one whose sign-in was refused for an
    /// hour (or until [`Watches::reset_backoff`]), with one reconnect notification per expiry.
    ///
    /// Errors: [`Error::Internal`] when the state cannot be read or written (Jira's errors
    /// become outcomes, never errors of the run).
    pub async fn run(
        &self,
        watches: &[Watch],
        now_ms: u64,
        client_for: &ClientFor<'_>,
    ) -> Result<Vec<RunSummary>> {
        let running = self.files.run_lock().await?;
        self.run_holding(running, watches, now_ms, client_for).await
    }

    /// Runs the watches that are due at `now_ms`, as [`Watches::run`] does — deciding what is
    /// due only once it holds the run lock, so when the app and a cron'd `jiffy-cli watch run`
    /// start together, the second finds the watch already run and does not run it again.
    ///
    /// Errors: as [`Watches::run`].
    pub async fn run_due(
        &self,
        now_ms: u64,
        client_for: &ClientFor<'_>,
    ) -> Result<Vec<RunSummary>> {
        let running = self.files.run_lock().await?;
        let due = self.due(now_ms)?;
        if due.is_empty() {
            return Ok(Vec::new());
        }
        self.run_holding(running, &due, now_ms, client_for).await
    }

    async fn run_holding(
        &self,
        _running: std::fs::File,
        watches: &[Watch],
        now_ms: u64,
        client_for: &ClientFor<'_>,
    ) -> Result<Vec<RunSummary>> {
        let snapshot = self.files.locked(|f| f.read_state())?;
        let mut groups: BTreeMap<&str, Vec<&Watch>> = BTreeMap::new();
        for watch in watches {
            groups.entry(&watch.connection).or_default().push(watch);
        }
        let mut ran = Vec::new();
        let mut connections = Vec::new();
        for (connection, list) in groups {
            let (results, state) =
                run_connection(connection, &list, &snapshot, now_ms, client_for).await;
            ran.extend(results);
            connections.push(state);
        }
        let summaries = ran.iter().map(summary).collect();
        self.files
            .locked(|f| commit(f.read_state()?, f, &ran, connections, now_ms))?;
        Ok(summaries)
    }

    /// Forgets a connection's backoff and expired sign-in (after the user reconnected): its
    /// watches that failed are due at once, and a later expiry notifies again.
    ///
    /// Errors: [`Error::Internal`] on file errors.
    pub fn reset_backoff(&self, connection_id: &str) -> Result<()> {
        self.files.locked(|f| {
            let defs = f.read_defs()?;
            let mut state = f.read_state()?;
            state.connections.remove(connection_id);
            for watch in defs
                .watches
                .iter()
                .filter(|w| w.connection == connection_id)
            {
                if let Some(s) = state.watches.get_mut(&watch.id) {
                    if s.last_error.is_some() {
                        s.next_run_at = None;
                    }
                }
            }
            f.write_state(state)
        })
    }
}

/// Runs the watches of one connection.
async fn run_connection<'a>(
    connection: &str,
    list: &[&'a Watch],
    snapshot: &StateFile,
    now_ms: u64,
    client_for: &ClientFor<'_>,
) -> (Vec<Ran<'a>>, ConnectionRan) {
    let mut state = snapshot
        .connections
        .get(connection)
        .cloned()
        .unwrap_or_default();
    let mut out = ConnectionRan {
        id: connection.to_owned(),
        name: connection.to_owned(),
        state: state.clone(),
        before: snapshot.connections.get(connection).cloned(),
    };
    if let (Some(until), Some(block)) = (state.blocked_until, state.block) {
        if until > now_ms {
            let message = blocked_message(block, None);
            return (block_all(list, block, until, &message), out);
        }
    }
    let client = match client_for(connection.to_owned()).await {
        Ok(client) => client,
        Err(e) => {
            let results = match fail(&mut state, &e, now_ms) {
                Some((block, until)) => {
                    block_all(list, block, until, &blocked_message(block, Some(&e)))
                }
                None => list
                    .iter()
                    .map(|w| Ran {
                        watch: w,
                        done: Done::Failed(e.to_string()),
                    })
                    .collect(),
            };
            out.state = state;
            return (results, out);
        }
    };
    out.name.clone_from(&client.connection().name);
    let mut budget = Budget(REQUESTS_PER_CONNECTION);
    let mut results = Vec::new();
    for (i, watch) in list.iter().enumerate() {
        let previous = state_for(&snapshot.watches, watch);
        let fresh = budget.0 == REQUESTS_PER_CONNECTION;
        match check(&client, watch, previous, now_ms, &mut budget).await {
            Ok(Some(checked)) => {
                reachable(&mut state);
                results.push(Ran {
                    watch,
                    done: Done::Ok(checked),
                });
            }
            // A watch that cannot finish even with a whole budget would stay due forever and
            // starve the others: it fails (until its next scheduled run) with a way out.
            Ok(None) if fresh => {
                results.push(Ran {
                    watch,
                    done: Done::Failed(format!(
                        "The query matches too many issues to check within \
                         {REQUESTS_PER_CONNECTION} requests; narrow it down."
                    )),
                });
                break;
            }
            // Over budget: this watch and the rest stay due.
            Ok(None) => break,
            Err(e) => match fail(&mut state, &e, now_ms) {
                Some((block, until)) => {
                    let rest = list.get(i..).unwrap_or_default();
                    let message = blocked_message(block, Some(&e));
                    results.extend(block_all(rest, block, until, &message));
                    break;
                }
                None => {
                    // Jira answered (a JQL that no longer parses, a 403): the site works.
                    reachable(&mut state);
                    results.push(Ran {
                        watch,
                        done: Done::Failed(e.to_string()),
                    });
                }
            },
        }
    }
    out.state = state;
    (results, out)
}

fn block_all<'a>(list: &[&'a Watch], block: Block, until: u64, message: &str) -> Vec<Ran<'a>> {
    list.iter()
        .map(|w| Ran {
            watch: w,
            done: Done::Blocked {
                block,
                until,
                message: message.to_owned(),
            },
        })
        .collect()
}

/// The connection answered: no backoff, and a later expiry notifies again.
fn reachable(state: &mut ConnectionState) {
    *state = ConnectionState::default();
}

/// Whether `e` concerns the whole connection; if so, records the block and returns it.
fn fail(state: &mut ConnectionState, e: &Error, now_ms: u64) -> Option<(Block, u64)> {
    let (block, until) = match e {
        Error::RateLimited { retry_after_secs } => (
            Block::RateLimited,
            now_ms.saturating_add((*retry_after_secs).max(1).saturating_mul(1000)),
        ),
        // A locked keyring (right after login, when Jiffy starts with the session) or a TLS
        // failure (a proxy swapping certificates) passes too: back off rather than give up
        // until the next scheduled run, which for a weekly watch is a week away.
        Error::Network(_) | Error::Tls(_) | Error::KeyringUnavailable(_) => {
            state.failures = state.failures.saturating_add(1);
            let exponent = state.failures.saturating_sub(1).min(6);
            let minutes = (1u64 << exponent).min(MAX_BACKOFF_MINUTES);
            (Block::Unreachable, now_ms.saturating_add(minutes * 60_000))
        }
        Error::Unauthorized(_) | Error::TokenExpired(_) | Error::CaptchaRequired { .. } => {
            (Block::AuthExpired, now_ms.saturating_add(AUTH_RETRY_MS))
        }
        _ => return None,
    };
    state.block = Some(block);
    state.blocked_until = Some(until);
    Some((block, until))
}

fn blocked_message(block: Block, cause: Option<&Error>) -> String {
    let why = match block {
        Block::RateLimited => "Jira asked to slow down (rate limit)",
        Block::Unreachable => "The site could not be reached",
        Block::AuthExpired => "The sign-in for this connection has expired: reconnect it",
    };
    match cause {
        Some(e) => format!("{why}. {e}"),
        None => format!("{why}."),
    }
}

fn summary(ran: &Ran<'_>) -> RunSummary {
    let outcome = match &ran.done {
        Done::Ok(c) => RunOutcome::Ok {
            matches: c.matches.clone(),
            notified: u32::try_from(c.notify.len()).unwrap_or(u32::MAX),
        },
        Done::Failed(message) => RunOutcome::Failed {
            message: message.clone(),
        },
        Done::Blocked { block, until, .. } => match block {
            Block::RateLimited => RunOutcome::RateLimited { retry_at: *until },
            Block::Unreachable => RunOutcome::Unreachable { retry_at: *until },
            Block::AuthExpired => RunOutcome::AuthExpired,
        },
    };
    RunSummary {
        watch_id: ran.watch.id.clone(),
        outcome,
    }
}

/// Applies a run to the state as it is now on disk (another thread may have marked
/// notifications delivered or removed a watch meanwhile) and writes it once.
fn commit(
    mut state: StateFile,
    files: &super::store::Files,
    ran: &[Ran<'_>],
    connections: Vec<ConnectionRan>,
    now_ms: u64,
) -> Result<()> {
    let defs = files.read_defs()?;
    // Connections reconnected or removed during the run: what the run learnt about their
    // sign-in or reachability is stale.
    let changed: Vec<String> = connections
        .iter()
        .filter(|c| state.connections.get(&c.id) != c.before.as_ref())
        .map(|c| c.id.clone())
        .collect();
    for r in ran {
        // A watch removed, moved to another connection or given another query during the
        // run: its result is stale.
        let Some(watch) = defs.watches.iter().find(|w| {
            w.id == r.watch.id && w.jql == r.watch.jql && w.connection == r.watch.connection
        }) else {
            continue;
        };
        if matches!(r.done, Done::Blocked { .. }) && changed.contains(&watch.connection) {
            continue;
        }
        let s = state.watches.entry(watch.id.clone()).or_default();
        if s.jql != watch.jql {
            *s = WatchState {
                jql: watch.jql.clone(),
                ..WatchState::default()
            };
        }
        s.last_run_at = Some(now_ms);
        let scheduled = next_run_at(&watch.schedule, now_ms).unwrap_or(now_ms + 86_400_000);
        let told = match &r.done {
            Done::Ok(checked) => {
                s.baseline = true;
                s.last_ok_at = Some(now_ms);
                s.last_error = None;
                s.matching = checked.matching;
                s.seen.clone_from(&checked.seen);
                s.next_run_at = Some(scheduled);
                let told = u32::try_from(checked.notify.len()).unwrap_or(u32::MAX);
                s.unseen = s.unseen.saturating_add(told);
                checked.notify.as_slice()
            }
            Done::Failed(message) => {
                s.last_error = Some(message.clone());
                s.next_run_at = Some(scheduled.min(now_ms.saturating_add(FAILED_RETRY_MS)));
                &[]
            }
            Done::Blocked { until, message, .. } => {
                s.last_error = Some(message.clone());
                s.next_run_at = Some(*until);
                &[]
            }
        };
        if !told.is_empty() {
            // Queued in the same write that records the matches as seen.
            let id = notification_id(&mut state, now_ms);
            state.outbox.push(matches_notification(id, watch, told));
        }
    }
    for mut c in connections {
        if changed.contains(&c.id) {
            continue;
        }
        if !defs.watches.iter().any(|w| w.connection == c.id) {
            state.connections.remove(&c.id);
            continue;
        }
        if c.state.block == Some(Block::AuthExpired) && !c.state.reconnect_notified {
            if c.name == c.id {
                // The client could not even be made: name the connection from the config.
                if let Some(name) = crate::config::ConfigStore::new(files.dir().to_path_buf())
                    .load()
                    .ok()
                    .and_then(|config| config.get(&c.id).map(|found| found.name.clone()))
                {
                    c.name = name;
                }
            }
            c.state.reconnect_notified = true;
            let id = notification_id(&mut state, now_ms);
            state
                .outbox
                .push(reconnect_notification(id, &c.id, &c.name));
        }
        if c.state == ConnectionState::default() {
            state.connections.remove(&c.id);
        } else {
            state.connections.insert(c.id, c.state);
        }
    }
    files.write_state(state)
}

fn notification_id(state: &mut StateFile, now_ms: u64) -> String {
    state.next_notification = state.next_notification.saturating_add(1);
    format!("n-{now_ms}-{}", state.next_notification)
}

/// Records a successful check of `watch` as a run would (for the bookkeeping unit tests).
#[cfg(test)]
pub(super) fn record(
    watches: &Watches,
    watch: &Watch,
    checked: Checked,
    now_ms: u64,
) -> Result<()> {
    let ran = [Ran {
        watch,
        done: Done::Ok(checked),
    }];
    watches
        .files
        .locked(|f| commit(f.read_state()?, f, &ran, Vec::new(), now_ms))
}
