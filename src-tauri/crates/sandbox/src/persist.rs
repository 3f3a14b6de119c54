//! `--data DIR`: the state lives in `DIR/sandbox.sqlite3` and survives restarts.
//!
//! The store is always fully in memory; SQLite holds a copy. Issues and attachment contents are
//! one row each and only the rows a request changed are rewritten (so `bench:100000` with
//! `--data` stays fast); everything else (users, projects, tokens, counters) is small and
//! written as one JSON row. Writes happen within a quarter second of a change and on shutdown.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use crate::model::Issue;
use crate::server::App;
use crate::store::Store;

pub struct Persist {
    conn: Mutex<Connection>,
}

/// What one write contains, gathered under the store lock, written outside it.
pub struct Batch {
    /// The store without issues and blobs, as JSON.
    meta: String,
    /// id -> Some(issue JSON) to upsert, None to delete.
    issues: Vec<(i64, Option<String>)>,
    /// id -> Some(base64) to upsert, None to delete.
    blobs: Vec<(i64, Option<String>)>,
}

impl Persist {
    pub fn open(dir: &Path) -> anyhow::Result<Persist> {
        std::fs::create_dir_all(dir)?;
        let conn = Connection::open(dir.join("sandbox.sqlite3"))?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=NORMAL;
             CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS issues (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, b64 TEXT NOT NULL);",
        )?;
        Ok(Persist {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The saved state, if any (a corrupt database is ignored and the seed used instead).
    pub fn load(&self) -> Option<Store> {
        let conn = self.conn();
        let meta: String = conn
            .query_row("SELECT json FROM meta WHERE id = 1", [], |r| r.get(0))
            .optional()
            .ok()
            .flatten()?;
        let mut store: Store = serde_json::from_str(&meta).ok()?;
        let mut stmt = conn.prepare("SELECT json FROM issues").ok()?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).ok()?;
        for json in rows.flatten() {
            if let Ok(issue) = serde_json::from_str::<Issue>(&json) {
                store.issues.insert(issue.id, issue);
            }
        }
        let mut stmt = conn.prepare("SELECT id, b64 FROM blobs").ok()?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .ok()?;
        store.blobs = rows.flatten().collect::<BTreeMap<_, _>>();
        Some(store)
    }

    /// Writes everything (after seeding, or at shutdown).
    pub fn save_all(&self, store: &mut Store) {
        store.dirty_issues = store.issues.keys().copied().collect();
        store.dirty_blobs = store.blobs.keys().copied().collect();
        store.dirty = true;
        if let Some(batch) = take_batch(store) {
            self.write(&batch);
        }
    }

    fn write(&self, batch: &Batch) {
        let mut conn = self.conn();
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (id, json) VALUES (1, ?1)",
                params![batch.meta],
            )?;
            {
                let mut up =
                    tx.prepare("INSERT OR REPLACE INTO issues (id, json) VALUES (?1, ?2)")?;
                let mut del = tx.prepare("DELETE FROM issues WHERE id = ?1")?;
                for (id, json) in &batch.issues {
                    match json {
                        Some(j) => up.execute(params![id, j])?,
                        None => del.execute(params![id])?,
                    };
                }
                let mut up =
                    tx.prepare("INSERT OR REPLACE INTO blobs (id, b64) VALUES (?1, ?2)")?;
                let mut del = tx.prepare("DELETE FROM blobs WHERE id = ?1")?;
                for (id, b64) in &batch.blobs {
                    match b64 {
                        Some(b) => up.execute(params![id, b])?,
                        None => del.execute(params![id])?,
                    };
                }
            }
            tx.commit()
        })();
        if let Err(e) = result {
            eprintln!("jiffy-sandbox: could not persist state: {e}");
        }
    }
}

/// Collects the pending changes and clears the dirty marks; `None` when nothing changed.
pub fn take_batch(store: &mut Store) -> Option<Batch> {
    if !store.dirty {
        return None;
    }
    store.dirty = false;
    let issues = std::mem::take(&mut store.dirty_issues)
        .into_iter()
        .map(|id| {
            (
                id,
                store
                    .issues
                    .get(&id)
                    .and_then(|i| serde_json::to_string(i).ok()),
            )
        })
        .collect();
    let blobs = std::mem::take(&mut store.dirty_blobs)
        .into_iter()
        .map(|id| (id, store.blobs.get(&id).cloned()))
        .collect();
    // Serialise the rest without the (possibly huge) issue and blob maps: move them out and
    // back, which costs nothing.
    let saved_issues = std::mem::take(&mut store.issues);
    let saved_blobs = std::mem::take(&mut store.blobs);
    let meta = serde_json::to_string(&*store);
    store.issues = saved_issues;
    store.blobs = saved_blobs;
    Some(Batch {
        meta: meta.ok()?,
        issues,
        blobs,
    })
}

/// Writes pending changes every 250 ms until `stop` fires (a write in progress completes).
pub async fn run(app: App, mut stop: tokio::sync::oneshot::Receiver<()>) {
    if app.persist.is_none() {
        return;
    }
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(250)) => {}
            _ = &mut stop => return,
        }
        let batch = take_batch(&mut app.lock());
        if let Some(batch) = batch {
            let app2 = app.clone();
            let _ = tokio::task::spawn_blocking(move || {
                if let Some(p) = &app2.persist {
                    p.write(&batch);
                }
            })
            .await;
        }
    }
}

/// Writes whatever is still pending (shutdown).
pub fn flush(app: &App) {
    if let Some(p) = &app.persist {
        let batch = take_batch(&mut app.lock());
        if let Some(batch) = batch {
            p.write(&batch);
        }
    }
}
