//! Definitions, validation, files and the outbox/backoff bookkeeping, without a Jira (the
//! queries themselves are tested against the sandbox in jiffy-integration).

use super::*;
use crate::error::Error;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

const NOW: u64 = 1_790_000_000_000;

fn draft(connection: &str, name: &str) -> WatchDraft {
    WatchDraft {
        connection: connection.into(),
        name: name.into(),
        jql: "project = DOCS AND status = \"On Hold\" ORDER BY rank".into(),
        schedule: Schedule::Every { minutes: 15 },
        notify: NotifyRule::New,
        enabled: true,
    }
}

fn invalid(result: Result<Watch, Error>) -> String {
    match result {
        Err(Error::InvalidInput(message)) => message,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn drafts_are_validated_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let first = watches.add(draft("c1", "On hold docs"), NOW);
    assert!(first.is_ok(), "{first:?}");
    assert!(invalid(watches.add(draft("c1", " ON HOLD docs "), NOW)).contains("already"));
    assert!(watches.add(draft("c2", "On hold docs"), NOW).is_ok());
    assert!(invalid(watches.add(draft("c1", "  "), NOW)).contains("name"));
    assert!(invalid(watches.add(draft(" ", "x"), NOW)).contains("connection"));
    let mut only_order = draft("c1", "x");
    only_order.jql = "order by key".into();
    assert!(invalid(watches.add(only_order, NOW)).contains("query"));
    let mut bad_every = draft("c1", "x");
    bad_every.schedule = Schedule::Every { minutes: 0 };
    assert!(invalid(watches.add(bad_every, NOW)).contains("minutes"));
    let mut bad_zone = draft("c1", "x");
    bad_zone.schedule = Schedule::Weekly {
        weekday: Weekday::Mon,
        at: "09:00".into(),
        time_zone: Some("Europe/Pariss".into()),
    };
    assert!(invalid(watches.add(bad_zone, NOW)).contains("time zone"));
    let mut bad_time = draft("c1", "x");
    bad_time.schedule = Schedule::Daily {
        at: "25:00".into(),
        time_zone: None,
    };
    assert!(invalid(watches.add(bad_time, NOW)).contains("HH:MM"));
    assert_eq!(watches.list().map(|l| l.len()).ok(), Some(2));
}

#[test]
fn definitions_round_trip_and_due_follows_enabled_and_schedule() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let a = watches
        .add(draft("c1", "A"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut off = draft("c1", "B");
    off.enabled = false;
    let b = watches.add(off, NOW).unwrap_or_else(|e| panic!("{e}"));
    // A new value over the same folder sees the same watches (the app and the CLI).
    let again = Watches::new(dir.path().into());
    assert_eq!(again.get(&a.id).ok().as_ref(), Some(&a));
    assert_eq!(again.find("a", None).ok().map(|w| w.id), Some(a.id.clone()));
    let ids = |list: Vec<Watch>| list.into_iter().map(|w| w.id).collect::<Vec<_>>();
    assert_eq!(again.due(NOW).map(ids).ok(), Some(vec![a.id.clone()]));
    assert!(
        again.due(NOW - 1).is_ok_and(|d| d.is_empty()),
        "not before its creation"
    );
    let enabled = again.set_enabled(&b.id, true);
    assert!(enabled.is_ok_and(|w| w.enabled));
    assert_eq!(again.due(NOW).map(|d| d.len()).ok(), Some(2));
    assert!(again.remove(&b.id).is_ok());
    assert!(matches!(again.get(&b.id), Err(Error::NotFound(_))));
    assert!(matches!(again.remove(&b.id), Err(Error::NotFound(_))));
    assert!(again.remove_for_connection("c1").is_ok());
    assert!(again.list().is_ok_and(|l| l.is_empty()));
}

fn client_error(e: fn() -> Error, calls: Arc<AtomicU32>) -> Box<ClientFor<'static>> {
    Box::new(move |_id: String| -> ClientFuture {
        calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(std::future::ready(Err(e())))
    })
}

#[tokio::test]
async fn an_expired_sign_in_notifies_once_and_backs_off() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let one = watches
        .add(draft("c1", "One"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let two = watches
        .add(draft("c1", "Two"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let calls = Arc::new(AtomicU32::new(0));
    let refused = client_error(|| Error::Unauthorized("expired".into()), calls.clone());
    for (step, now) in [NOW, NOW + 60_000, NOW + 2 * 3_600_000, NOW + 5 * 3_600_000]
        .into_iter()
        .enumerate()
    {
        let due = watches.due(now).unwrap_or_default();
        let ran = watches.run(&due, now, refused.as_ref()).await;
        let ran = ran.unwrap_or_else(|e| panic!("step {step}: {e}"));
        assert!(
            ran.iter().all(|r| r.outcome == RunOutcome::AuthExpired),
            "step {step}: {ran:?}"
        );
    }
    // Asked again only after the hour's pause (steps 0, 2, 3), never per watch.
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    let outbox = watches.outbox().unwrap_or_default();
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].kind, NotificationKind::Reconnect);
    assert_eq!(outbox[0].title, "Jiffy: c1 needs you to sign in again");
    assert_eq!(
        outbox[0].body,
        "Watches on c1 are paused until you reconnect."
    );
    let status = watches.list().unwrap_or_default();
    assert!(status
        .iter()
        .all(|s| s.last_error.is_some() && s.last_ok_at.is_none()));
    // Reconnected: due at once, and the next expiry notifies again.
    assert!(watches.reset_backoff("c1").is_ok());
    assert_eq!(
        watches.due(NOW + 5 * 3_600_000 + 1).map(|d| d.len()).ok(),
        Some(2)
    );
    let later = NOW + 6 * 3_600_000;
    assert!(watches
        .run(&[one, two], later, refused.as_ref())
        .await
        .is_ok());
    assert_eq!(watches.outbox().map(|o| o.len()).ok(), Some(2));
}

#[tokio::test]
async fn an_unreachable_site_backs_off_1_2_4_minutes_per_connection() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    watches
        .add(draft("c1", "One"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    watches
        .add(draft("c1", "Two"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let calls = Arc::new(AtomicU32::new(0));
    let down = client_error(
        || Error::Network("connection refused".into()),
        calls.clone(),
    );
    let mut now = NOW;
    for minutes in [1, 2, 4, 8, 16, 32, 60, 60] {
        let due = watches.due(now).unwrap_or_default();
        assert_eq!(due.len(), 2, "both due at {now}");
        let ran = watches
            .run(&due, now, down.as_ref())
            .await
            .unwrap_or_default();
        let retry = now + minutes * 60_000;
        assert!(
            ran.iter()
                .all(|r| r.outcome == RunOutcome::Unreachable { retry_at: retry }),
            "{minutes}: {ran:?}"
        );
        assert!(watches.due(retry - 1).is_ok_and(|d| d.is_empty()));
        now = retry;
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        8,
        "once per connection per run"
    );
    assert!(watches.outbox().is_ok_and(|o| o.is_empty()));
}

fn matched(key: &str, status: &str) -> WatchMatch {
    WatchMatch {
        key: key.into(),
        summary: format!("About {key}"),
        status: status.into(),
        updated: "2026-11-26T04:00:00.000+0000".into(),
        change: MatchChange::New,
    }
}

#[test]
fn notifications_are_grouped_per_watch_with_a_few_keys() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let w = watches
        .add(draft("c1", "Docs to publish"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let three: Vec<WatchMatch> = ["DOCS-12", "DOCS-19", "DOCS-23"]
        .iter()
        .map(|k| matched(k, "Ready to Publish"))
        .collect();
    let n = outbox::matches_notification("n-1".into(), &w, &three);
    assert_eq!(n.title, "Docs to publish");
    assert_eq!(
        n.body,
        "3 issues Ready to Publish: DOCS-12, DOCS-19, DOCS-23"
    );
    assert_eq!(n.jql, w.jql);
    let seven: Vec<WatchMatch> = (1..=7)
        .map(|i| {
            matched(
                &format!("DOCS-{i}"),
                if i % 2 == 0 {
                    "On Hold"
                } else {
                    "Ready to Publish"
                },
            )
        })
        .collect();
    let n = outbox::matches_notification("n-2".into(), &w, &seven);
    assert_eq!(
        n.body,
        "7 issues Ready to Publish or On Hold: DOCS-1, DOCS-2, DOCS-3, DOCS-4, DOCS-5, …"
    );
    assert_eq!(n.keys.len(), 7);
    let one = outbox::matches_notification("n-3".into(), &w, &three[..1]);
    assert_eq!(one.body, "1 issue Ready to Publish: DOCS-12");
}

#[test]
fn a_corrupt_file_is_moved_aside_and_the_store_starts_over() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("watches.json"), "{ not json").unwrap_or_default();
    std::fs::write(dir.path().join("watch-state.json"), [0xff, 0xfe]).unwrap_or_default();
    let watches = Watches::new(dir.path().into());
    assert!(watches.list().is_ok_and(|l| l.is_empty()));
    assert!(watches.outbox().is_ok_and(|o| o.is_empty()));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    for file in ["watches.json.corrupt-", "watch-state.json.corrupt-"] {
        assert!(
            names.iter().any(|n| n.starts_with(file)),
            "{file}: {names:?}"
        );
    }
    assert!(watches.add(draft("c1", "Fresh"), NOW).is_ok());
    assert_eq!(watches.list().map(|l| l.len()).ok(), Some(1));
}

fn checked(found: &[WatchMatch]) -> check::Checked {
    check::Checked {
        matches: found.to_vec(),
        notify: found.to_vec(),
        seen: found
            .iter()
            .map(|m| (m.key.clone(), m.updated.clone()))
            .collect(),
        matching: u32::try_from(found.len()).unwrap_or_default(),
    }
}

#[test]
fn the_outbox_survives_a_restart_until_delivered_and_seen_counts_clear() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let a = watches
        .add(draft("c1", "A"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let b = watches
        .add(draft("c1", "B"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let two = [matched("DOCS-1", "On Hold"), matched("DOCS-2", "On Hold")];
    assert!(run::record(&watches, &a, checked(&two), NOW).is_ok());
    assert!(run::record(&watches, &b, checked(&two[..1]), NOW + 1).is_ok());
    assert!(run::record(&watches, &a, checked(&[]), NOW + 2).is_ok());
    drop(watches);

    let watches = Watches::new(dir.path().into());
    let outbox = watches.outbox().unwrap_or_default();
    assert_eq!(
        outbox.len(),
        2,
        "one per watch and run with matches: {outbox:?}"
    );
    assert_eq!(outbox[0].watch_id, a.id);
    assert_eq!(outbox[0].keys, ["DOCS-1", "DOCS-2"]);
    assert_ne!(outbox[0].id, outbox[1].id);
    assert_eq!(watches.unseen_total().ok(), Some(3));
    let status = watches.list().unwrap_or_default();
    let of = |id: &str| status.iter().find(|s| s.watch.id == id).cloned();
    assert_eq!(
        of(&a.id).map(|s| (s.matching, s.last_ok_at)),
        Some((0, Some(NOW + 2)))
    );
    assert_eq!(
        of(&a.id).and_then(|s| s.next_run_at),
        Some(NOW + 2 + 15 * 60_000)
    );

    assert!(watches.mark_delivered(&outbox[0].id).is_ok());
    assert!(
        watches.mark_delivered(&outbox[0].id).is_ok(),
        "twice is fine"
    );
    let left = Watches::new(dir.path().into()).outbox().unwrap_or_default();
    assert_eq!(
        left.iter().map(|n| &n.id).collect::<Vec<_>>(),
        [&outbox[1].id]
    );
    assert!(watches.mark_seen(Some(&a.id)).is_ok());
    assert_eq!(watches.unseen_total().ok(), Some(1));
    assert!(watches.mark_seen(None).is_ok());
    assert_eq!(watches.unseen_total().ok(), Some(0));

    // A new query starts over: nothing seen, due at once, its old notification gone.
    let mut changed = draft("c1", "B");
    changed.jql = "project = DOCS".into();
    assert!(watches.update(&b.id, changed, NOW + 3).is_ok());
    assert!(watches.outbox().is_ok_and(|o| o.is_empty()));
    let due = watches.due(NOW + 3).unwrap_or_default();
    assert_eq!(due.iter().map(|w| &w.id).collect::<Vec<_>>(), [&b.id]);
}

/// The app spawns runs on its async runtime and shares one `Watches` between commands.
#[test]
fn watches_and_their_runs_can_cross_threads() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: &T) {}
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    send_sync(&watches);
    let client_for = client_error(|| Error::Network("down".into()), Arc::default());
    let run = watches.run(&[], NOW, client_for.as_ref());
    send(&run);
}

#[tokio::test]
async fn a_passing_failure_is_retried_within_the_hour_not_next_week() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Watches::new(dir.path().into());
    let mut weekly = draft("c1", "Weekly");
    weekly.schedule = Schedule::Weekly {
        weekday: Weekday::Mon,
        at: "09:00".into(),
        time_zone: Some("UTC".into()),
    };
    let watch = watches.add(weekly, NOW).unwrap_or_else(|e| panic!("{e}"));
    let proxy = client_error(
        || Error::Internal("Jira answered HTTP 502: bad gateway".into()),
        Arc::default(),
    );
    let ran = watches
        .run(std::slice::from_ref(&watch), NOW, proxy.as_ref())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(ran[0].outcome, RunOutcome::Failed { .. }),
        "{ran:?}"
    );
    let status = watches.list().unwrap_or_default();
    let next = status[0].next_run_at.unwrap_or(u64::MAX);
    assert!(
        next <= NOW + 3_600_000,
        "retried within the hour, not at {next}"
    );

    // A locked keyring (right after login) is a passing state of the connection: back off.
    let locked = client_error(
        || Error::KeyringUnavailable("locked".into()),
        Arc::default(),
    );
    let ran = watches
        .run(&[watch], NOW + 3_600_000, locked.as_ref())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(ran[0].outcome, RunOutcome::Unreachable { .. }),
        "{ran:?}"
    );
}

#[tokio::test]
async fn what_is_due_is_decided_under_the_run_lock() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let app = Watches::new(dir.path().into());
    let cron = Watches::new(dir.path().into());
    app.add(draft("c1", "One"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let calls = Arc::new(AtomicU32::new(0));
    let down = client_error(|| Error::Network("down".into()), calls.clone());
    // Both saw the watch due; the first run makes it not due for the second.
    assert_eq!(cron.due(NOW).map(|d| d.len()).ok(), Some(1));
    let first = app.run_due(NOW, down.as_ref()).await;
    assert_eq!(first.map(|r| r.len()).ok(), Some(1));
    let second = cron.run_due(NOW, down.as_ref()).await;
    assert_eq!(second.map(|r| r.len()).ok(), Some(0));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_reconnect_during_a_run_is_not_undone_by_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let watches = Arc::new(Watches::new(dir.path().into()));
    let watch = watches
        .add(draft("c1", "One"), NOW)
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = client_error(|| Error::Unauthorized("expired".into()), Arc::default());
    assert!(watches
        .run(std::slice::from_ref(&watch), NOW, refused.as_ref())
        .await
        .is_ok());
    assert_eq!(watches.due(NOW + 60_000).map(|d| d.len()).ok(), Some(0));
    // An hour later the run asks again; while it waits for Jira, the user reconnects.
    let during = {
        let watches = Arc::clone(&watches);
        Box::new(move |_id: String| -> ClientFuture {
            let _ = watches.reset_backoff("c1");
            Box::pin(std::future::ready(Err(Error::Unauthorized(
                "old token".into(),
            ))))
        }) as Box<ClientFor<'static>>
    };
    let later = NOW + 2 * 3_600_000;
    assert!(watches.run(&[watch], later, during.as_ref()).await.is_ok());
    // The reconnect wins: due now, no stale error, one reconnect notification (the first).
    assert_eq!(watches.due(later + 1).map(|d| d.len()).ok(), Some(1));
    assert_eq!(watches.outbox().map(|o| o.len()).ok(), Some(1));
}

#[test]
fn a_file_from_a_newer_jiffy_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let newer = r#"{"schemaVersion": 99, "watches": [{"kind": "fromTheFuture"}]}"#;
    std::fs::write(dir.path().join("watches.json"), newer).unwrap_or_default();
    let watches = Watches::new(dir.path().into());
    match watches.list() {
        Err(Error::InvalidInput(message)) => assert!(message.contains("newer Jiffy"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(watches.add(draft("c1", "Mine"), NOW).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("watches.json"))
            .ok()
            .as_deref(),
        Some(newer)
    );
}
