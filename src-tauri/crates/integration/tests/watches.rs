//! JQL watches against a real sandbox in both modes: issues created, moved into and out of
//! the watched statuses and edited between runs; exactly the new/changed ones reported, never
//! twice, across a restart; a 429, a stopped site and revoked credentials survived.

use jiffy_core::api::requests::{DoTransition, IssueUpdate};
use jiffy_core::api::{ClientConfig, JiraClient};
use jiffy_core::config::{AuthSettings, Connection};
use jiffy_core::ops;
use jiffy_core::secrets::{InMemoryStore, SecretKind, SecretStore, Sensitive};
use jiffy_core::watches::{
    ClientFor, ClientFuture, MatchChange, NotificationKind, NotifyRule, RunOutcome, RunSummary,
    Schedule, Watch, WatchDraft, Watches,
};
use jiffy_integration::scenario::ok;
use jiffy_integration::{basic_client, client_config, connection, sandbox_control, start_with};
use jiffy_sandbox::{Config, Mode, Sandbox};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const JQL: &str = "project = DOCS AND status in (\"On Hold\", \"Ready to Publish\") ORDER BY key";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// alice's connection, its secret in a store the test can change (revoke, restore).
struct Site {
    store: Arc<InMemoryStore>,
    connection: Connection,
    kind: SecretKind,
    config: ClientConfig,
}

impl Site {
    fn new(sandbox: &Sandbox) -> Self {
        let alice = jiffy_integration::user(sandbox, "alice");
        let (auth, kind) = match sandbox.info().mode {
            Mode::Cloud => (
                AuthSettings::ApiToken {
                    email: alice.email.clone(),
                    cloud_id: None,
                    use_gateway: false,
                },
                SecretKind::ApiToken,
            ),
            _ => (
                AuthSettings::Basic {
                    username: alice.username.clone(),
                },
                SecretKind::Password,
            ),
        };
        let site = Site {
            store: Arc::new(InMemoryStore::new()),
            connection: connection(sandbox, "docs-site", auth),
            kind,
            config: client_config(sandbox),
        };
        site.sign_in(sandbox);
        site
    }

    /// Stores alice's valid secret.
    fn sign_in(&self, sandbox: &Sandbox) {
        let alice = jiffy_integration::user(sandbox, "alice");
        let secret = match self.kind {
            SecretKind::ApiToken => alice.api_token.clone(),
            _ => alice.password.clone(),
        };
        self.set_secret(&secret);
    }

    fn set_secret(&self, value: &str) {
        let stored = self
            .store
            .set(&self.connection.id, self.kind, &Sensitive(value.to_owned()));
        assert!(stored.is_ok(), "{stored:?}");
    }

    /// What the app or the CLI hands to [`Watches::run`]: a fresh client per run.
    fn client_for(&self) -> Box<ClientFor<'static>> {
        let (connection, store) = (self.connection.clone(), Arc::clone(&self.store));
        let config = self.config.clone();
        Box::new(move |id: String| -> ClientFuture {
            assert_eq!(id, connection.id);
            let client = JiraClient::new(connection.clone(), store.clone(), config.clone());
            Box::pin(std::future::ready(client.map(Arc::new)))
        })
    }
}

fn draft(name: &str, notify: NotifyRule) -> WatchDraft {
    WatchDraft {
        connection: "docs-site".into(),
        name: name.into(),
        jql: JQL.into(),
        schedule: Schedule::Every { minutes: 5 },
        notify,
        enabled: true,
    }
}

/// The (key, change) pairs a run reported for `watch`, sorted by key.
fn reported(runs: &[RunSummary], watch: &Watch) -> Vec<(String, MatchChange)> {
    let run = runs
        .iter()
        .find(|r| r.watch_id == watch.id)
        .unwrap_or_else(|| panic!("{} did not run: {runs:?}", watch.name));
    let RunOutcome::Ok { matches, notified } = &run.outcome else {
        panic!("{}: {:?}", watch.name, run.outcome);
    };
    let mut found: Vec<(String, MatchChange)> =
        matches.iter().map(|m| (m.key.clone(), m.change)).collect();
    found.sort();
    assert_eq!(
        *notified as usize,
        found.len(),
        "{}: {matches:?}",
        watch.name
    );
    found
}

fn keys(changes: &[(&str, MatchChange)]) -> Vec<(String, MatchChange)> {
    let mut v: Vec<(String, MatchChange)> =
        changes.iter().map(|(k, c)| ((*k).to_owned(), *c)).collect();
    v.sort();
    v
}

async fn run(watches: &Watches, list: &[Watch], at: u64, site: &Site) -> Vec<RunSummary> {
    let client_for = site.client_for();
    ok("run", watches.run(list, at, client_for.as_ref()).await)
}

async fn create(client: &JiraClient, summary: &str) -> String {
    let body = IssueUpdate::create("DOCS", "Task", summary);
    ok("create", ops::issue_create(client, &body).await).key
}

/// Moves `key` to the status named `to` through the workflow's transition to it.
async fn move_to(client: &JiraClient, key: &str, to: &str) {
    let available = ok("transitions", ops::transitions(client, key).await);
    let t = available
        .transitions
        .iter()
        .find(|t| t.to.as_ref().is_some_and(|s| s.name == to))
        .unwrap_or_else(|| panic!("{key}: no transition to {to}: {available:?}"));
    ok(
        "transition",
        ops::transition(client, key, &DoTransition::new(&t.id)).await,
    );
}

async fn rename(client: &JiraClient, key: &str, summary: &str) {
    let mut body = IssueUpdate::default();
    body.set("summary", json!(summary));
    ok("edit", ops::issue_edit(client, key, &body).await);
}

fn deliver_all(watches: &Watches) -> Vec<jiffy_core::watches::WatchNotification> {
    let outbox = ok("outbox", watches.outbox());
    for n in &outbox {
        ok("deliver", watches.mark_delivered(&n.id));
    }
    outbox
}

async fn start_site(mode: Mode, data: &Path, addr: std::net::SocketAddr) -> Sandbox {
    start_with(Config {
        mode,
        addr,
        data_dir: Some(data.to_owned()),
        ..Config::default()
    })
    .await
}

async fn watch_docs_through_changes_and_failures(mode: Mode) {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut sandbox = start_site(mode, data.path(), ([127, 0, 0, 1], 0).into()).await;
    let alice = basic_client(&sandbox, "alice");
    let site = Site::new(&sandbox);
    // Three issues waiting on hold before the watches exist: the baseline.
    let mut held = Vec::new();
    for n in 1..=3 {
        let key = create(&alice, &format!("Held page {n}")).await;
        move_to(&alice, &key, "On Hold").await;
        held.push(key);
    }
    let (c, d, e) = (&held[0], &held[1], &held[2]);
    let baseline: Vec<String> = ok("search", ops::search_all(&alice, JQL, &[], None).await)
        .into_iter()
        .map(|i| i.key)
        .collect();
    assert!(held.iter().all(|k| baseline.contains(k)), "{baseline:?}");

    let config = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(config.path().to_owned());
    let new = ok(
        "add",
        watches.add(draft("Docs waiting", NotifyRule::New), now()),
    );
    let changed = ok(
        "add",
        watches.add(draft("Docs moving", NotifyRule::Changed), now()),
    );
    let both = [new.clone(), changed.clone()];

    // First run: the whole result is the baseline, reported as new, one notification each.
    let runs = run(&watches, &both, now(), &site).await;
    let all_new: Vec<(String, MatchChange)> = {
        let mut v: Vec<_> = baseline
            .iter()
            .map(|k| (k.clone(), MatchChange::New))
            .collect();
        v.sort();
        v
    };
    assert_eq!(reported(&runs, &new), all_new);
    assert_eq!(reported(&runs, &changed), all_new);
    let told = deliver_all(&watches);
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told
        .iter()
        .all(|n| n.kind == NotificationKind::Matches && n.jql == JQL));
    assert!(
        told[0]
            .body
            .starts_with(&format!("{} issue", baseline.len())),
        "{}",
        told[0].body
    );

    // Nothing happened: nothing reported, nothing queued.
    let runs = run(&watches, &both, now(), &site).await;
    assert_eq!(reported(&runs, &new), []);
    assert_eq!(reported(&runs, &changed), []);
    assert!(ok("outbox", watches.outbox()).is_empty());

    // Between runs: A enters, B is created elsewhere, C leaves and comes back, D is edited.
    let a = create(&alice, "Release notes for 2.0").await;
    move_to(&alice, &a, "On Hold").await;
    let _b = create(&alice, "Not waiting on anything").await;
    move_to(&alice, c, "In Progress").await;
    move_to(&alice, c, "On Hold").await;
    rename(&alice, d, "Held page 2, renamed").await;
    let runs = run(&watches, &both, now(), &site).await;
    assert_eq!(reported(&runs, &new), keys(&[(&a, MatchChange::New)]));
    assert_eq!(
        reported(&runs, &changed),
        keys(&[
            (&a, MatchChange::New),
            (c, MatchChange::Changed),
            (d, MatchChange::Changed)
        ])
    );

    // Restart before the notifications were shown: they are still there, and the next run
    // repeats nothing.
    drop(watches);
    let watches = Watches::new(config.path().to_owned());
    let waiting = ok("outbox", watches.outbox());
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    assert_eq!(waiting[0].keys, std::slice::from_ref(&a));
    assert_eq!(waiting[0].title, "Docs waiting");
    assert_eq!(waiting[0].body, format!("1 issue On Hold: {a}"));
    let runs = run(&watches, &both, now(), &site).await;
    assert_eq!(reported(&runs, &new), []);
    assert_eq!(reported(&runs, &changed), []);
    assert_eq!(deliver_all(&watches).len(), 2);
    assert_eq!(
        ok("unseen", watches.unseen_total()),
        2 * baseline.len() as u32 + 4
    );

    // E leaves (forgotten), then comes back after a run: new again for both rules.
    move_to(&alice, e, "In Progress").await;
    let runs = run(&watches, &both, now(), &site).await;
    assert_eq!(reported(&runs, &changed), []);
    let status = ok("list", watches.list());
    let matching = baseline.len() as u32; // + A − E
    assert!(status.iter().all(|s| s.matching == matching), "{status:?}");
    move_to(&alice, e, "On Hold").await;
    let runs = run(&watches, &both, now(), &site).await;
    assert_eq!(reported(&runs, &new), keys(&[(e, MatchChange::New)]));
    assert_eq!(reported(&runs, &changed), keys(&[(e, MatchChange::New)]));
    deliver_all(&watches);

    rate_limited_then_caught_up(&watches, &both, &site, &sandbox, &alice).await;

    // The site stops: backoff 1, 2, 4 minutes for the connection; then it is back.
    let addr = url::Url::parse(sandbox.base_url())
        .ok()
        .and_then(|u| u.port())
        .map(|port| std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .unwrap_or_else(|| panic!("no port in {}", sandbox.base_url()));
    let f = create(&alice, "Written just before the outage").await;
    move_to(&alice, &f, "On Hold").await;
    sandbox.shutdown().await;
    let mut at = now();
    for minutes in [1, 2, 4] {
        let runs = run(&watches, &both, at, &site).await;
        let retry = at + minutes * 60_000;
        assert!(
            runs.iter()
                .all(|r| r.outcome == RunOutcome::Unreachable { retry_at: retry }),
            "{minutes} min: {runs:?}"
        );
        at = retry;
    }
    sandbox = start_site(mode, data.path(), addr).await;
    site.sign_in(&sandbox);
    let alice = basic_client(&sandbox, "alice");
    let runs = run(&watches, &both, at, &site).await;
    assert_eq!(reported(&runs, &new), keys(&[(&f, MatchChange::New)]));
    deliver_all(&watches);

    // The token is revoked: one reconnect notification, however many runs.
    site.set_secret("revoked-long-ago");
    for later in [at + 1, at + 2, at + 2 * 3_600_000] {
        let runs = run(&watches, &both, later, &site).await;
        assert!(
            runs.iter().all(|r| r.outcome == RunOutcome::AuthExpired),
            "{runs:?}"
        );
    }
    let outbox = deliver_all(&watches);
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].kind, NotificationKind::Reconnect);
    assert_eq!(
        outbox[0].title,
        "Jiffy: docs-site needs you to sign in again"
    );
    // Reconnected: runs again and tells what happened meanwhile.
    site.sign_in(&sandbox);
    ok("reset", watches.reset_backoff("docs-site"));
    rename(&alice, &f, "Renamed while signed out").await;
    let at = at + 3 * 3_600_000;
    assert_eq!(ok("due", watches.due(at)).len(), 2);
    let runs = run(&watches, &both, at, &site).await;
    assert_eq!(reported(&runs, &new), []);
    assert_eq!(
        reported(&runs, &changed),
        keys(&[(&f, MatchChange::Changed)])
    );
    sandbox.shutdown().await;
}

/// Jira answers 429 to everything for a while: the watches wait for Retry-After without
/// asking again, then report what happened meanwhile.
async fn rate_limited_then_caught_up(
    watches: &Watches,
    both: &[Watch],
    site: &Site,
    sandbox: &Sandbox,
    alice: &JiraClient,
) {
    let faults =
        |body| sandbox_control(sandbox, reqwest::Method::PUT, "/rest/sandbox/faults", body);
    faults(json!({ "rateLimitPerSec": 0 })).await;
    let at = now();
    let runs = run(watches, both, at, site).await;
    let RunOutcome::RateLimited { retry_at } = runs[0].outcome else {
        panic!("expected RateLimited: {runs:?}");
    };
    assert!(
        retry_at > at && retry_at <= at + 60_000,
        "{retry_at} vs {at}"
    );
    assert!(runs
        .iter()
        .all(|r| r.outcome == RunOutcome::RateLimited { retry_at }));
    faults(json!({})).await;
    let g = create(alice, "Approved during the rate limit").await;
    move_to(alice, &g, "On Hold").await;
    // Before Retry-After has passed nothing is sent (the site would answer by now).
    let runs = run(watches, both, retry_at - 1, site).await;
    assert!(runs
        .iter()
        .all(|r| r.outcome == RunOutcome::RateLimited { retry_at }));
    let runs = run(watches, both, retry_at.max(now()), site).await;
    assert_eq!(reported(&runs, &both[0]), keys(&[(&g, MatchChange::New)]));
    assert_eq!(reported(&runs, &both[1]), keys(&[(&g, MatchChange::New)]));
    deliver_all(watches);
}

#[tokio::test]
async fn data_center_watches_report_exactly_what_changed_and_survive_failures() {
    watch_docs_through_changes_and_failures(Mode::DataCenter).await;
}

#[tokio::test]
async fn cloud_watches_report_exactly_what_changed_and_survive_failures() {
    watch_docs_through_changes_and_failures(Mode::Cloud).await;
}

/// One request budget per connection: what does not fit stays due for the next call. Two
/// runners over one folder (the app and a cron'd CLI) never tell the same match twice.
#[tokio::test]
async fn the_budget_is_per_connection_and_two_runners_notify_once() {
    let sandbox = jiffy_integration::start(Mode::DataCenter).await;
    let site = Site::new(&sandbox);
    let config = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(config.path().to_owned());
    let per_run = jiffy_core::watches::REQUESTS_PER_CONNECTION as usize;
    let t = now();
    for n in 0..=per_run {
        // Rule All: one request each (the first page holds every match).
        ok(
            "add",
            watches.add(draft(&format!("Docs {n:02}"), NotifyRule::All), t),
        );
    }
    let due = ok("due", watches.due(t));
    assert_eq!(due.len(), per_run + 1);
    let runs = run(&watches, &due, t, &site).await;
    assert_eq!(runs.len(), per_run, "the last one does not fit");
    assert!(runs
        .iter()
        .all(|r| matches!(r.outcome, RunOutcome::Ok { .. })));
    let left = ok("due", watches.due(t));
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].name, format!("Docs {per_run:02}"));
    let runs = run(&watches, &left, t, &site).await;
    assert_eq!(runs.len(), 1);
    assert!(ok("due", watches.due(t)).is_empty());

    // Two runners at once over the same folder, the same due watch: told once.
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let app = Watches::new(other.path().to_owned());
    let cli = Watches::new(other.path().to_owned());
    let watch = ok("add", app.add(draft("Shared", NotifyRule::New), t));
    let (client_a, client_b) = (site.client_for(), site.client_for());
    let one = [watch.clone()];
    let (a, b) = tokio::join!(
        app.run(&one, t, client_a.as_ref()),
        cli.run(&one, t, client_b.as_ref())
    );
    let (a, b) = (ok("app run", a), ok("cli run", b));
    let mut told: Vec<usize> = [&a, &b]
        .iter()
        .map(|runs| reported(runs, &watch).len())
        .collect();
    told.sort_unstable();
    assert_eq!(told[0], 0, "the second runner saw the first one's baseline");
    assert!(told[1] > 0);
    assert_eq!(ok("outbox", cli.outbox()).len(), 1);
    sandbox.shutdown().await;
}
