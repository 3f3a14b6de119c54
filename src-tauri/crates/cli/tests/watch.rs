//! `watch add | list | remove | run --once` against a real sandbox, through the same command
//! functions `main.rs` calls, checking the `--json` documents.

mod common;

use common::Env;
use jiffy_core::watches::Watches;
use jiffy_sandbox::Mode;
use serde_json::Value;

const JQL: &str = "project = DOCS AND status = \"On Hold\" ORDER BY key";

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn held_keys(env: &Env) -> Vec<String> {
    let found = env.ok(&["--json", "search", JQL, "--limit", "500"]).await;
    found.json["issues"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["key"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn watch_from_the_terminal(env: &Env) {
    env.connect().await;
    let added = env
        .ok(&[
            "--json",
            "watch",
            "add",
            "--name",
            "Held docs",
            "--jql",
            JQL,
            "--every",
            "15",
        ])
        .await;
    assert_eq!(added.json["schedule"]["kind"], "every");
    assert_eq!(added.json["notify"], "new");
    assert_eq!(added.json["enabled"], true);
    let id = added.json["id"].as_str().unwrap_or_default().to_owned();
    assert!(id.starts_with("w-"), "{}", added.json);
    assert!(added.text.contains("every 15 min"), "{}", added.text);

    let weekly = env
        .ok(&[
            "--json",
            "watch",
            "add",
            "--name",
            "Monday docs",
            "--jql",
            JQL,
            "--weekly",
            "mon@09:00",
            "--tz",
            "Europe/Paris",
            "--notify",
            "changed",
        ])
        .await;
    assert_eq!(weekly.json["schedule"]["kind"], "weekly");
    assert_eq!(weekly.json["schedule"]["weekday"], "mon");
    assert_eq!(weekly.json["schedule"]["timeZone"], "Europe/Paris");
    assert_eq!(weekly.json["notify"], "changed");

    for (args, says) in [
        (
            vec!["--name", "HELD DOCS", "--jql", JQL, "--every", "5"],
            "already",
        ),
        (
            vec!["--name", "x", "--jql", JQL, "--weekly", "monday9"],
            "DAY@HH:MM",
        ),
        (vec!["--name", "x", "--jql", JQL, "--daily", "9h"], "HH:MM"),
        (
            vec!["--name", "x", "--jql", JQL, "--every", "5", "--tz", "UTC"],
            "--tz",
        ),
    ] {
        let mut argv = vec!["watch", "add"];
        argv.extend(args);
        let err = env.run(&argv).await.expect_err("refused");
        assert_eq!(err.kind(), "InvalidInput", "{argv:?}: {err}");
        assert!(err.to_string().contains(says), "{argv:?}: {err}");
    }

    let listed = env.ok(&["--json", "watch", "list"]).await;
    let names: Vec<&str> = listed
        .json
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s["watch"]["name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, ["Held docs", "Monday docs"]);
    let text = env.ok(&["watch", "list"]).await.text;
    assert!(
        text.starts_with("ID") && text.contains("weekly mon 09:00 Europe/Paris"),
        "{text}"
    );

    // Both are due (never run): the baseline is reported and delivered.
    let held = held_keys(env).await;
    assert!(!held.is_empty(), "the demo seed has DOCS issues on hold");
    let first = env.ok(&["--json", "watch", "run", "--once"]).await;
    let runs = first.json["runs"].as_array().cloned().unwrap_or_default();
    assert_eq!(runs.len(), 2, "{}", first.json);
    assert!(
        runs.iter().all(|r| r["outcome"]["kind"] == "ok"),
        "{}",
        first.json
    );
    let told = first.json["notifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(told.len(), 2, "{}", first.json);
    let mut keys = strings(&told[0]["keys"]);
    keys.sort();
    let mut expected = held.clone();
    expected.sort();
    assert_eq!(keys, expected);
    assert!(Watches::new(env.dir.path().to_owned())
        .outbox()
        .is_ok_and(|o| o.is_empty()));

    // Nothing is due any more.
    let again = env.ok(&["watch", "run", "--once"]).await;
    assert_eq!(again.text, "No watch was due.");

    // A page goes on hold; the named watch runs even though it is not due, and tells only it.
    let created = env
        .ok(&[
            "--json",
            "issue",
            "create",
            "--project",
            "DOCS",
            "--type",
            "Task",
            "--summary",
            "Waiting for legal",
        ])
        .await;
    let key = created.json["key"].as_str().unwrap_or_default().to_owned();
    env.ok(&["issue", "transition", &key, "On Hold"]).await;
    let named = env
        .ok(&["--json", "watch", "run", "--once", "held docs"])
        .await;
    let runs = named.json["runs"].as_array().cloned().unwrap_or_default();
    assert_eq!(runs.len(), 1, "{}", named.json);
    assert_eq!(runs[0]["watchId"], id.as_str());
    let matches = runs[0]["outcome"]["matches"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(matches.len(), 1, "{}", named.json);
    assert_eq!(matches[0]["key"], key.as_str());
    assert_eq!(matches[0]["change"], "new");
    assert_eq!(
        named.json["notifications"][0]["body"],
        format!("1 issue On Hold: {key}").as_str()
    );
    let text = env.ok(&["watch", "run", "--once", &id]).await.text;
    assert_eq!(text, "Ran 1 watch(es): nothing new.");

    let removed = env.ok(&["--json", "watch", "remove", "Held docs"]).await;
    assert_eq!(removed.json["removed"], id.as_str());
    let err = env.run(&["watch", "remove", &id]).await.expect_err("gone");
    assert_eq!(err.kind(), "NotFound");
    let left = env.ok(&["--json", "watch", "list"]).await;
    assert_eq!(left.json.as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn data_center_watches_from_the_terminal() {
    let env = common::start(Mode::DataCenter).await;
    watch_from_the_terminal(&env).await;
}

#[tokio::test]
async fn cloud_watches_from_the_terminal() {
    let env = common::start(Mode::Cloud).await;
    watch_from_the_terminal(&env).await;
}

/// `watch run` without `--once` keeps running until Ctrl-C, then exits 0.
#[cfg(unix)]
#[test]
fn the_watch_loop_stops_on_ctrl_c() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiffy-cli"))
        .arg("--config-dir")
        .arg(dir.path())
        .args(["watch", "run"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("jiffy-cli starts");
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        child.try_wait().is_ok_and(|s| s.is_none()),
        "it keeps running"
    );
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    assert!(sent.is_ok_and(|s| s.success()));
    let started = Instant::now();
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}
