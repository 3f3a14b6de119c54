//! The real binary with the real OS keyring backend (Secret Service): a throwaway
//! gnome-keyring in a private D-Bus session and a private HOME, so nothing touches the user's
//! keyring. Connect with a password, use it, check it never reached the config file, remove it.
#![cfg(target_os = "linux")]

use jiffy_sandbox::{Config, Mode, Sandbox};
use std::process::Command;

const SCRIPT: &str = r#"
set -e
export HOME="$PWD/home" XDG_DATA_HOME="$PWD/home/data" XDG_RUNTIME_DIR="$PWD/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
printf 'throwaway' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s\n' "$PASSWORD" | "$JIFFY" --config-dir cfg connection add dc --url "$URL" \
    --auth basic --user admin --password-stdin
"$JIFFY" --config-dir cfg --json whoami > whoami.json
if grep -q "$PASSWORD" cfg/connections.json; then echo "password on disk"; exit 9; fi
"$JIFFY" --config-dir cfg connection remove dc
set +e
"$JIFFY" --config-dir cfg --json -c dc whoami 2> gone.json
echo "exit after remove: $?"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_keeps_secrets_in_a_real_keyring() {
    let sb = Sandbox::start(Config {
        mode: Mode::DataCenter,
        ..Config::default()
    })
    .await
    .expect("sandbox");
    let admin = sb.info().users[0].clone();
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("script.sh"), SCRIPT).expect("script");
    let url = sb.base_url().to_owned();
    let work = dir.path().to_path_buf();
    // `dbus-run-session` and `gnome-keyring-daemon` must be installed (Debian: dbus,
    // gnome-keyring); this test fails rather than silently skipping without them.
    let out = tokio::task::spawn_blocking(move || {
        Command::new("dbus-run-session")
            .args(["--", "sh", "script.sh"])
            .current_dir(&work)
            .env("JIFFY", env!("CARGO_BIN_EXE_jiffy-cli"))
            .env("URL", url)
            .env("PASSWORD", admin.password)
            .output()
            .expect("dbus-run-session and gnome-keyring-daemon are installed")
    })
    .await
    .expect("joined");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("saved as \"dc\""), "{stdout}");
    assert!(stdout.contains("Removed \"dc\""), "{stdout}");
    assert!(stdout.contains("exit after remove: 1"), "{stdout}");
    let who: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("whoami.json")).expect("whoami"))
            .expect("JSON");
    assert_eq!(who["name"], "admin");
    let gone: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("gone.json")).expect("gone"))
            .expect("JSON error");
    assert_eq!(gone["error"]["kind"], "NotFound");
}
