//! The README's curl walk-throughs work as written: each `sh` block runs in `bash` against
//! the binary (the README's fixed `B=`/`C=` addresses swapped for the started one, `/tmp/`
//! for a private directory), and every value the README promises in a trailing comment
//! (`… | jq -r .name   # bob`) must come out, in order. Needs `bash`, `curl`, `jq` and
//! `openssl`; without them the test says so and skips, except under `CI=true`, where it fails.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jiffy-sandbox");
const README: &str = include_str!("../README.md");

/// The README's `sh` blocks that call the site `$var/…` (`$B/` for DC, `$C/` for Cloud).
fn blocks(var: &str) -> Vec<&'static str> {
    README
        .split("```sh\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(block, _)| block))
        .filter(|b| !b.contains("cargo run") && b.contains(&format!("${var}/")))
        .collect()
}

/// The values promised in trailing comments, in order.
fn promises(script: &str) -> Vec<String> {
    script
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once("   # ").or_else(|| l.split_once("  # ")))
        .map(|(_, promise)| {
            // "true (a new one)": the words in parentheses explain, they are not output.
            let p = promise.split(" (").next().unwrap_or(promise);
            p.trim().to_string()
        })
        .collect()
}

/// Whether `line` is what `promise` says (a trailing `...` promises a prefix).
fn keeps(line: &str, promise: &str) -> bool {
    match promise.strip_suffix("...") {
        Some(prefix) => line.starts_with(prefix),
        None => line.trim() == promise,
    }
}

fn tools_missing() -> Vec<&'static str> {
    ["bash", "curl", "jq", "openssl"]
        .into_iter()
        .filter(|t| {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {t}")])
                .stdout(Stdio::null())
                .status();
            !found.is_ok_and(|s| s.success())
        })
        .collect()
}

/// Starts the binary; returns the child and its base URL.
fn start(mode: &str) -> (std::process::Child, String) {
    let mut child = Command::new(BIN)
        .args(["--mode", mode])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("JSON line");
    let info: serde_json::Value = serde_json::from_str(&line).expect("JSON");
    let base = info["baseUrl"].as_str().expect("baseUrl").to_string();
    (child, base)
}

fn walk(mode: &str, var: &str) {
    let missing = tools_missing();
    if !missing.is_empty() {
        let what = format!("README walk-through needs {}", missing.join(", "));
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{what}; CI=true requires it"
        );
        eprintln!("readme_walkthrough: SKIPPED — {what}");
        return;
    }
    let (mut child, base) = start(mode);
    let dir = std::env::temp_dir().join(format!("jiffy-readme-{mode}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let readme = blocks(var).join("\n");
    let expected = promises(&readme);
    assert!(
        expected.len() >= 2,
        "the {mode} walk-through promises too little"
    );
    let script: String = readme
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{var}=http://")) {
                format!("{var}={base}")
            } else {
                l.replace("/tmp/", &format!("{}/", dir.display()))
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut sh = Command::new("bash")
        .args(["-c", &script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    let t = Instant::now();
    while sh.try_wait().expect("wait").is_none() {
        if t.elapsed() > Duration::from_secs(60) {
            let _ = sh.kill();
            panic!("the {mode} walk-through did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut out = String::new();
    let mut err = String::new();
    sh.stdout.take().map(|mut o| o.read_to_string(&mut out));
    sh.stderr.take().map(|mut e| e.read_to_string(&mut err));
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    // A field the walk-through reads with jq and the answer lacks comes out as `null`.
    assert!(
        !out.lines().any(|l| l.trim() == "null"),
        "{mode}: a jq read found nothing in:\n{out}\nstderr:\n{err}"
    );
    let mut lines = out.lines();
    for promise in &expected {
        assert!(
            lines.any(|l| keeps(l, promise)),
            "{mode}: the README promises {promise:?}, not in order in:\n{out}\nstderr:\n{err}"
        );
    }
}

#[test]
fn datacenter_walkthrough_works_as_written() {
    walk("datacenter", "B");
}

#[test]
fn cloud_walkthrough_works_as_written() {
    walk("cloud", "C");
}

#[test]
fn promises_are_read_from_trailing_comments() {
    let p = promises("# a comment   # not this\necho x   # x\ncurl y  # true (a new one)\n");
    assert_eq!(p, ["x", "true"]);
    assert!(keeps(
        "oauth_problem=signature_invalid&z=1",
        "oauth_problem=signature_invalid&..."
    ));
    assert!(!keeps(
        "oauth_problem=nonce_used",
        "oauth_problem=signature_invalid&..."
    ));
}
