//! [`GeoPackageStore`]: the [`Store`] kept in one OGC GeoPackage 1.3 file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde_json::{Value, json};

use super::Store;
use super::change::{Change, ChangeKind};
use super::contents;
use super::error::{StoreError, sql};
use super::history::{self, UploadRecord};
use super::layers::{self, Feature};
use super::schema::{self, FIBER, HOUSEHOLDS, SITES, THON};
use super::tokens::{self, TokenRole};
use crate::domain::{Dataset, FiberRoute, Site};

/// Actor recorded for [`write_geopackage`].
const EXPORT_ACTOR: &str = "export";

/// A store in one GeoPackage file, holding one SQLite connection.
///
/// The connection is `Send` but not `Sync`: share the store behind a `Mutex`.
#[derive(Debug)]
pub struct GeoPackageStore {
    conn: Connection,
    path: PathBuf,
}

impl GeoPackageStore {
    /// Opens the file at `path`, creating it and its tables if missing.
    ///
    /// An existing GeoPackage gains whatever tables it lacks; an SQLite file that is not a
    /// GeoPackage is refused with [`StoreError::NotGeoPackage`].
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = schema::open(path)?;
        Ok(GeoPackageStore {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file this store writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a write transaction, taking the write lock now rather than at the first write so
    /// two writers cannot deadlock upgrading their read locks.
    fn begin(&mut self) -> Result<Transaction<'_>, StoreError> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("starting a write transaction"))
    }

    /// Leaves write-ahead logging so the file stands alone, without `-wal` and `-shm`
    /// companions: for a file handed to someone else.
    fn into_single_file(self) -> Result<(), StoreError> {
        let mode: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            .map_err(sql("switching the file to a rollback journal"))?;
        if !mode.eq_ignore_ascii_case("delete") {
            let path = self.path.clone();
            return Err(StoreError::JournalMode {
                path,
                wanted: "delete",
                got: mode,
            });
        }
        Ok(())
    }
}

impl Store for GeoPackageStore {
    fn load(&self) -> Result<Dataset, StoreError> {
        // One read transaction, so the four layers come from the same committed state even if
        // another process writes meanwhile.
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(sql("starting a read transaction"))?;
        let ds = Dataset {
            thon: std::sync::Arc::new(layers::read_all(&tx)?),
            sites: layers::read_all(&tx)?,
            fiber: layers::read_all(&tx)?,
            households: std::sync::Arc::new(layers::read_all(&tx)?),
        };
        tx.commit().map_err(sql("ending a read transaction"))?;
        Ok(ds)
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM thon)", [], |r| r.get(0))
            .map_err(sql("counting thôn"))
    }

    fn replace_all(&mut self, ds: &Dataset, actor: &str) -> Result<(), StoreError> {
        let tx = self.begin()?;
        schema::check_writable(&tx, &[THON, SITES, FIBER, HOUSEHOLDS])?;
        let at = contents::now(&tx)?;
        replace_layer(&tx, &ds.thon, &at)?;
        replace_layer(&tx, &ds.sites, &at)?;
        replace_layer(&tx, &ds.fiber, &at)?;
        replace_layer(&tx, &ds.households, &at)?;
        let counts = json!({
            "thon": ds.thon.len(),
            "sites": ds.sites.len(),
            "fiber": ds.fiber.len(),
            "households": ds.households.len(),
        });
        history::record(&tx, &at, actor, "replace_all", counts)?;
        tx.commit().map_err(sql("committing the new dataset"))
    }

    fn apply(&mut self, change: &Change) -> Result<UploadRecord, StoreError> {
        let tx = self.begin()?;
        let table = change.kind.table();
        schema::check_writable(&tx, &[table])?;
        let at = contents::now(&tx)?;
        let summary = apply_kind(&tx, &change.kind)?;
        let extent = contents::scan_extent(&tx, table)?;
        contents::set_layer(&tx, table, extent, &at)?;
        let record = history::record(&tx, &at, &change.actor, change.kind.action(), summary)?;
        tx.commit().map_err(sql("committing a change"))?;
        Ok(record)
    }

    fn history(&self, limit: usize) -> Result<Vec<UploadRecord>, StoreError> {
        history::recent(&self.conn, limit)
    }

    fn add_token(&mut self, token_hash: &str, role: &TokenRole) -> Result<(), StoreError> {
        let tx = self.begin()?;
        let at = contents::now(&tx)?;
        tokens::add(&tx, token_hash, role, &at)?;
        tx.commit().map_err(sql("committing a new token"))
    }

    fn find_token(&self, token_hash: &str) -> Result<Option<TokenRole>, StoreError> {
        tokens::find(&self.conn, token_hash)
    }
}

/// Empties a layer, inserts `items`, and records its extent and change time.
fn replace_layer<F: Feature>(conn: &Connection, items: &[F], at: &str) -> Result<(), StoreError> {
    layers::clear::<F>(conn)?;
    let extent = layers::insert_all(conn, items)?;
    contents::set_layer(conn, F::TABLE, extent, at)
}

/// Applies one change; returns its history summary.
fn apply_kind(conn: &Connection, kind: &ChangeKind) -> Result<Value, StoreError> {
    Ok(match kind {
        ChangeKind::UpsertSites(sites) => upserted(layers::upsert(conn, sites)?),
        ChangeKind::DeleteSite { operator, id } => {
            deleted(layers::delete::<Site>(conn, operator, id)?)
        }
        ChangeKind::UpsertFiber(routes) => upserted(layers::upsert(conn, routes)?),
        ChangeKind::DeleteFiber { operator, id } => {
            deleted(layers::delete::<FiberRoute>(conn, operator, id)?)
        }
    })
}

/// The summary of an upsert.
fn upserted(u: layers::Upserted) -> Value {
    json!({ "inserted": u.inserted, "updated": u.updated, "deleted": [] })
}

/// The summary of a delete.
fn deleted(key: String) -> Value {
    json!({ "inserted": [], "updated": [], "deleted": [key] })
}

/// Writes `ds` into a GeoPackage at `path` for QGIS or GDAL: creates the file if missing or
/// replaces the four layers of an existing one, recording the export in its history.
///
/// The file is left without write-ahead logging, so it is complete on its own (no `-wal` or
/// `-shm` beside it) and can be copied or opened read-only.
pub fn write_geopackage(path: &Path, ds: &Dataset) -> Result<(), StoreError> {
    let mut store = GeoPackageStore::open(path)?;
    store.replace_all(ds, EXPORT_ACTOR)?;
    store.into_single_file()
}
