//! The `phusong_history` table: one row per change applied through the store.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::contents;
use super::error::{StoreError, sql};
use super::schema::HISTORY;

/// One applied change, as kept in the history table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadRecord {
    /// Row id, increasing with time.
    pub id: i64,
    /// When it was committed: RFC 3339 UTC with milliseconds, e.g. `2025-03-01T08:30:00.123Z`.
    pub at: String,
    /// Who made it: an operator name or "admin".
    pub actor: String,
    /// What it was: "replace_all", "upsert_sites", "delete_site", "upsert_fiber" or
    /// "delete_fiber".
    pub action: String,
    /// What it did, e.g. `{"inserted":["Viettel/S1"],"updated":[],"deleted":[]}`, or the
    /// feature count of each layer for "replace_all".
    pub summary: serde_json::Value,
}

/// Appends a record and marks the table changed.
pub(super) fn record(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    summary: serde_json::Value,
) -> Result<UploadRecord, StoreError> {
    conn.execute(
        "INSERT INTO phusong_history (at, actor, action, summary) VALUES (?1, ?2, ?3, ?4)",
        params![at, actor, action, summary.to_string()],
    )
    .map_err(sql("recording history"))?;
    let id = conn.last_insert_rowid();
    contents::touch(conn, HISTORY, at)?;
    Ok(UploadRecord {
        id,
        at: at.to_string(),
        actor: actor.to_string(),
        action: action.to_string(),
        summary,
    })
}

/// The newest `limit` records, newest first.
pub(super) fn recent(conn: &Connection, limit: usize) -> Result<Vec<UploadRecord>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn
        .prepare(
            "SELECT id, at, actor, action, summary FROM phusong_history ORDER BY id DESC LIMIT ?1",
        )
        .map_err(sql("reading history"))?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .map_err(sql("reading history"))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, actor, action, summary): (i64, String, String, String, String) =
            row.map_err(sql("reading history"))?;
        let summary = serde_json::from_str(&summary).map_err(|e| StoreError::Field {
            table: HISTORY,
            fid: id,
            column: "summary",
            reason: format!("not JSON: {e}"),
        })?;
        out.push(UploadRecord {
            id,
            at,
            actor,
            action,
            summary,
        });
    }
    Ok(out)
}
