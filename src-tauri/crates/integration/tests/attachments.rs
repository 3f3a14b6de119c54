//! Attachment downloads streamed to a file, in both modes: a multi-MiB file round-trips
//! byte for byte, and a failed download leaves nothing behind (not even a temporary file).

use jiffy_core::ops;
use jiffy_core::Error;
use jiffy_integration::scenario::ok;
use jiffy_integration::{basic_client, start};
use jiffy_sandbox::Mode;
use std::path::Path;

/// 3 MiB with every byte value and no period of a power of two, so that a lost, repeated or
/// reordered chunk shows.
fn payload() -> Vec<u8> {
    (0..3 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(31) % 251) as u8)
        .collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

async fn streamed_round_trip(mode: Mode, user: &str, key: &str) {
    let sandbox = start(mode).await;
    let client = basic_client(&sandbox, user);
    let bytes = payload();
    let uploaded = ok(
        "upload",
        ops::attachment_upload(&client, key, "big.bin", bytes.clone()).await,
    );
    let id = uploaded[0].id.clone();
    assert_eq!(uploaded[0].size, bytes.len() as u64);

    let dir = tempfile::tempdir().expect("temp dir");
    let dest = dir.path().join("saved.bin");
    let written = ok(
        "download to file",
        ops::attachment_download_to_file(&client, &id, &dest).await,
    );
    assert_eq!(written, bytes.len() as u64);
    let saved = std::fs::read(&dest).expect("the saved file");
    assert!(saved == bytes, "the saved file differs from the upload");
    // Only the final file: the temporary one was renamed, not copied.
    assert_eq!(entries(dir.path()), vec!["saved.bin".to_owned()]);

    // The in-memory variant (previews) gets the same bytes.
    let in_memory = ok("download", ops::attachment_download(&client, &id).await);
    assert!(in_memory == bytes, "the in-memory download differs");

    // A download that fails leaves no file and keeps an existing one untouched.
    let missing = dir.path().join("missing.bin");
    let result = ops::attachment_download_to_file(&client, "999999", &missing).await;
    assert!(matches!(result, Err(Error::NotFound(_))), "{result:?}");
    assert!(!missing.exists());
    let result = ops::attachment_download_to_file(&client, "999999", &dest).await;
    assert!(matches!(result, Err(Error::NotFound(_))), "{result:?}");
    assert!(std::fs::read(&dest).expect("still there") == bytes);
    assert_eq!(entries(dir.path()), vec!["saved.bin".to_owned()]);

    // A destination in a directory that does not exist is refused before any download.
    let nowhere = dir.path().join("no-such-dir").join("x.bin");
    let result = ops::attachment_download_to_file(&client, &id, &nowhere).await;
    assert!(matches!(result, Err(Error::InvalidInput(_))), "{result:?}");
    assert_eq!(entries(dir.path()), vec!["saved.bin".to_owned()]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn cloud_streams_a_large_attachment_to_a_file() {
    streamed_round_trip(Mode::Cloud, "alice", "DEV-1").await;
}

#[tokio::test]
async fn data_center_streams_a_large_attachment_to_a_file() {
    streamed_round_trip(Mode::DataCenter, "alice", "DEV-1").await;
}
