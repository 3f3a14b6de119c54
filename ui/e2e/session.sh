#!/usr/bin/env bash
# Runs inside `xvfb-run … dbus-run-session` (started by `cargo xtask e2e`/`test`): unlocks a
# throwaway keyring on this private bus, starts tauri-driver, runs the WebDriver suite — once
# with the default (light) GTK theme and once more, for the theme test, with a dark one.
set -euo pipefail

logs="${JIFFY_E2E_LOGS:?set by cargo xtask}"
# gnome-keyring-daemon reads the new keyring's password on stdin and prints the variables
# clients need; the keyring lives in the temp HOME, so each run starts empty.
eval "$(printf 'e2e-test-pass' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

# The system browser is a recorder (e2e/bin/xdg-open): the tests play the user's part on the
# pages Jiffy opens, and read which pages those were.
export PATH="$PWD/e2e/bin:$PATH"
export JIFFY_E2E_OPENED="$logs/e2e-opened-urls.txt"
: >"$JIFFY_E2E_OPENED"

# The desktop's notification service: a real dunst on this bus and display, recording every
# notification it shows (e2e/dunst/dunstrc) so the watch tests can read and click them.
export JIFFY_E2E_NOTIFICATIONS="$logs/e2e-notifications.txt"
: >"$JIFFY_E2E_NOTIFICATIONS"
dunst -config "$PWD/e2e/dunst/dunstrc" >>"$logs/e2e-dunst.log" 2>&1 &
notifications=$!
# Asked with NameHasOwner, which (unlike calling dunstctl) cannot make D-Bus start a second,
# unconfigured dunst through its service file while ours is still starting.
owned() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null |
    grep -q true
}
for _ in $(seq 1 50); do
  if owned; then break; fi
  sleep 0.1
done
owned || { echo "dunst did not start (see e2e-dunst.log)" >&2; exit 1; }

driver=""
stop_driver() {
  if [ -n "$driver" ]; then
    kill "$driver" 2>/dev/null || true
    wait "$driver" 2>/dev/null || true
    driver=""
    # WebKit's helper processes exit a moment after the session ends.
    sleep 1
  fi
}
stop_all() {
  stop_driver
  kill "$notifications" 2>/dev/null || true
}
trap stop_all EXIT

# tauri-driver passes its environment to the app it launches, so the theme is set here.
start_driver() {
  tauri-driver --port 4444 --native-port 4445 >>"$logs/e2e-tauri-driver.log" 2>&1 &
  driver=$!
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "tauri-driver did not start listening on 127.0.0.1:4444" >&2
  return 1
}

: >"$logs/e2e-tauri-driver.log"
start_driver
# JIFFY_E2E_ONLY (a file name filter) is for quick local loops; the gate runs everything.
# shellcheck disable=SC2086
JIFFY_E2E_THEME=light npx --no-install vitest run --config vitest.e2e.config.ts ${JIFFY_E2E_ONLY:-}
stop_driver

# The dark pass starts like a first start again: no saved connections.
rm -rf "${XDG_CONFIG_HOME:?}/dev.jiffy.desktop"
if [ -n "${JIFFY_E2E_ONLY:-}" ]; then exit 0; fi
GTK_THEME=Adwaita:dark start_driver
JIFFY_E2E_THEME=dark npx --no-install vitest run --config vitest.e2e.config.ts e2e/theme.e2e.ts
