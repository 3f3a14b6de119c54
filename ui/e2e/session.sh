#!/usr/bin/env bash
# Runs inside `xvfb-run … dbus-run-session` (started by `cargo xtask e2e`/`test`): unlocks a
# throwaway keyring on this private bus, starts tauri-driver, runs the WebDriver suite.
set -euo pipefail

logs="${JIFFY_E2E_LOGS:?set by cargo xtask}"
# gnome-keyring-daemon reads the new keyring's password on stdin and prints the variables
# clients need; the keyring lives in the temp HOME, so each run starts empty.
eval "$(printf 'e2e-test-pass' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

tauri-driver --port 4444 --native-port 4445 >"$logs/e2e-tauri-driver.log" 2>&1 &
driver=$!
cleanup() {
  kill "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  # WebKit's helper processes exit a moment after the session ends.
  sleep 1
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null; then break; fi
  sleep 0.1
done

npx --no-install vitest run --config vitest.e2e.config.ts
