//! `--data DIR`: the state lives in `DIR/sandbox.sqlite3` and survives restarts.
//!
//! The store is small and always fully in memory, so persistence is a snapshot: one row holding
//! the JSON of the whole state, rewritten (in a transaction) shortly after any change.
//! That keeps every route free of SQL and makes a crash lose at most a quarter second.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use crate::server::App;
use crate::store::Store;

pub struct Persist {
    conn: Mutex<Connection>,
}

impl Persist {
    pub fn open(dir: &Path) -> anyhow::Result<Persist> {
        std::fs::create_dir_all(dir)?;
        let conn = Connection::open(dir.join("sandbox.sqlite3"))?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY, json TEXT NOT NULL);",
        )?;
        Ok(Persist {
            conn: Mutex::new(conn),
        })
    }

    /// The saved state, if any (a corrupt snapshot is ignored and the seed used instead).
    pub fn load(&self) -> Option<Store> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let json: Option<String> = conn
            .query_row("SELECT json FROM snapshot WHERE id = 1", [], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        json.and_then(|j| serde_json::from_str(&j).ok())
    }

    pub fn save(&self, store: &Store) {
        let Ok(json) = serde_json::to_string(store) else {
            return;
        };
        self.save_json(&json);
    }

    fn save_json(&self, json: &str) {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = conn.execute(
            "INSERT OR REPLACE INTO snapshot (id, json) VALUES (1, ?1)",
            params![json],
        ) {
            eprintln!("jiffy-sandbox: could not persist state: {e}");
        }
    }
}

/// Writes the snapshot whenever the store is marked dirty.
pub async fn run(app: App) {
    let Some(p) = &app.persist else { return };
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let json = {
            let mut s = app.lock();
            if !s.dirty {
                continue;
            }
            s.dirty = false;
            serde_json::to_string(&*s)
        };
        if let Ok(json) = json {
            let app2 = app.clone();
            let _ = tokio::task::spawn_blocking(move || {
                if let Some(p) = &app2.persist {
                    p.save_json(&json);
                }
            })
            .await;
        }
        let _ = p;
    }
}
