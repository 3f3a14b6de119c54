//! Gates the app's own commands behind an explicit manifest, so a capability must name each
//! command a window may call (no command is reachable by default).

include!("src/commands/all.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(ALL)),
    )
    .expect("failed to run tauri-build");
}
