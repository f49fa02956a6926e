//! Opening the file: durability settings, the GeoPackage core tables, the four layers, and the
//! history and token tables.
//!
//! Table definitions follow OGC 12-128r18 Annex C; user tables use only the data types of its
//! table 1 so GDAL's `validate_gpkg.py` accepts the file.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::error::{StoreError, sql};

/// `application_id` of a GeoPackage: "GPKG" in ASCII (requirement 2).
pub(super) const APPLICATION_ID: i32 = 0x4750_4B47;
/// `user_version` of a GeoPackage 1.3 file.
pub(super) const USER_VERSION: i32 = 10300;
/// Table of thôn boundaries (MULTIPOLYGON).
pub(super) const THON: &str = "thon";
/// Table of sites (POINT).
pub(super) const SITES: &str = "sites";
/// Table of fiber routes (MULTILINESTRING).
pub(super) const FIBER: &str = "fiber";
/// Table of households (POINT).
pub(super) const HOUSEHOLDS: &str = "households";
/// Attribute table of applied changes.
pub(super) const HISTORY: &str = "phusong_history";
/// Attribute table of API token hashes.
pub(super) const TOKENS: &str = "phusong_tokens";

/// How long a write waits for another connection (QGIS, ogrinfo) to release its lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The GeoPackage core tables (Annex C) and the three required spatial reference systems.
const CORE_DDL: &str = r#"
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',
   'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
   'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326,
   'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
"#;

/// The four feature tables, registered in gpkg_contents and gpkg_geometry_columns.
///
/// `fid` is AUTOINCREMENT, as GDAL makes it, so a deleted feature's fid is never reused and a
/// QGIS session holding old fids cannot edit the wrong row. (operator, id) is UNIQUE because
/// uploads are keyed by it.
const LAYERS_DDL: &str = r#"
CREATE TABLE IF NOT EXISTS thon (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom MULTIPOLYGON,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  commune TEXT NOT NULL,
  population INTEGER NOT NULL,
  households INTEGER NOT NULL,
  clutter TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sites (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POINT,
  id TEXT NOT NULL,
  operator TEXT NOT NULL,
  tech TEXT NOT NULL,
  height_m REAL,
  radius_m REAL,
  sectors TEXT,
  frequency_mhz REAL,
  eirp_dbm REAL,
  UNIQUE (operator, id)
);
CREATE TABLE IF NOT EXISTS fiber (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom MULTILINESTRING,
  id TEXT NOT NULL,
  operator TEXT NOT NULL,
  max_speed_mbps REAL NOT NULL,
  max_drop_m REAL NOT NULL,
  UNIQUE (operator, id)
);
CREATE TABLE IF NOT EXISTS households (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POINT,
  id TEXT,
  people REAL
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
VALUES
  ('thon', 'features', 'thon', 'Thôn (village) boundaries with population and clutter', 4326),
  ('sites', 'features', 'sites', 'Telecom sites (BTS) with technologies and sectors', 4326),
  ('fiber', 'features', 'fiber', 'Fiber-optic routes', 4326),
  ('households', 'features', 'households', 'Household points', 4326);
INSERT OR IGNORE INTO gpkg_geometry_columns VALUES
  ('thon', 'geom', 'MULTIPOLYGON', 4326, 0, 0),
  ('sites', 'geom', 'POINT', 4326, 0, 0),
  ('fiber', 'geom', 'MULTILINESTRING', 4326, 0, 0),
  ('households', 'geom', 'POINT', 4326, 0, 0);
"#;

/// The history and token tables: GeoPackage attribute tables, so they need an INTEGER
/// PRIMARY KEY (requirement 119) and a gpkg_contents row (requirement 118).
const ATTRIBUTES_DDL: &str = r#"
CREATE TABLE IF NOT EXISTS phusong_history (
  id INTEGER PRIMARY KEY,
  at DATETIME NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS phusong_tokens (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
  operator TEXT,
  created_at DATETIME NOT NULL,
  CHECK ((role = 'operator') = (operator IS NOT NULL))
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description)
VALUES
  ('phusong_history', 'attributes', 'phusong_history', 'Changes applied through the service'),
  ('phusong_tokens', 'attributes', 'phusong_tokens', 'SHA-256 hashes of API tokens');
"#;

/// Opens or creates the file, applies durability settings and makes sure every table exists.
pub(super) fn open(path: &Path) -> Result<Connection, StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut conn = Connection::open(path).map_err(open_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    if check_application_id(&conn, path)? {
        stamp(&conn)?;
    }
    configure(&conn, path)?;
    create_tables(&mut conn)?;
    // Copies the new tables from the WAL into the file itself, so a reader that looks at the
    // file directly sees a complete GeoPackage from the start.
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .map_err(sql("checkpointing the new schema"))?;
    Ok(conn)
}

/// Marks a new file as GeoPackage 1.3, before WAL is on: GDAL reads `application_id` from the
/// file's first page directly, and in WAL mode a new first page would sit in the `-wal` file
/// until the next checkpoint ("bad application_id=0x00000000").
fn stamp(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(sql("setting application_id"))?;
    conn.pragma_update(None, "user_version", USER_VERSION)
        .map_err(sql("setting user_version"))
}

/// Refuses an SQLite file that is not a GeoPackage; returns whether the file is new (no tables).
fn check_application_id(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(open_err)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(open_err)?;
    if application_id != APPLICATION_ID && tables > 0 {
        return Err(StoreError::NotGeoPackage {
            path: path.to_path_buf(),
            application_id,
        });
    }
    Ok(tables == 0)
}

/// WAL with `synchronous=FULL`: a commit that returned is on disk (the WAL is synced at every
/// commit), and readers such as QGIS never block the writer. Foreign keys on, so the
/// gpkg_* references are enforced (requirement 7).
fn configure(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .map_err(open_err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::JournalMode {
            path: path.to_path_buf(),
            wanted: "wal",
            got: mode,
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(open_err)
}

/// Creates whatever tables are missing, in one transaction.
fn create_tables(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn
        .transaction()
        .map_err(sql("starting the schema transaction"))?;
    tx.execute_batch(CORE_DDL)
        .map_err(sql("creating the GeoPackage core tables"))?;
    tx.execute_batch(LAYERS_DDL)
        .map_err(sql("creating the layer tables"))?;
    tx.execute_batch(ATTRIBUTES_DDL)
        .map_err(sql("creating the history and token tables"))?;
    tx.commit().map_err(sql("committing the schema"))
}

/// Refuses to write `tables` if one has a trigger calling an `ST_*` function.
///
/// GDAL's R-tree triggers call `ST_IsEmpty`, `ST_MinX` … which exist only inside GDAL, so
/// writing such a table fails with a bare "no such function". Checked at every write because
/// QGIS can add the index while the service runs.
pub(super) fn check_writable(conn: &Connection, tables: &[&str]) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 \
             AND sql LIKE '%ST^_%' ESCAPE '^' LIMIT 1",
        )
        .map_err(sql("looking for triggers"))?;
    for table in tables {
        if stmt.exists([table]).map_err(sql("looking for triggers"))? {
            return Err(StoreError::ForeignTriggers {
                table: table.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma_i64(conn: &Connection, name: &str) -> i64 {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .expect("pragma")
    }

    #[test]
    fn new_file_is_a_geopackage_1_3() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("a.gpkg")).expect("open");
        assert_eq!(pragma_i64(&conn, "application_id"), 0x4750_4B47);
        assert_eq!(pragma_i64(&conn, "user_version"), 10300);
    }

    #[test]
    fn file_header_says_gpkg_while_the_store_is_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.gpkg");
        let _conn = open(&path).expect("open");
        let header = std::fs::read(&path).expect("read file");
        // SQLite header: user_version at offset 60, application_id at 68, both big-endian.
        assert_eq!(&header[68..72], b"GPKG");
        assert_eq!(header[60..64], 10300i32.to_be_bytes());
    }

    #[test]
    fn journal_is_wal_and_sync_is_full() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("a.gpkg")).expect("open");
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("pragma");
        assert_eq!(mode, "wal");
        assert_eq!(pragma_i64(&conn, "synchronous"), 2, "2 is FULL");
    }

    #[test]
    fn required_srs_rows_exist() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("a.gpkg")).expect("open");
        let ids: Vec<i64> = conn
            .prepare("SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(ids, vec![-1, 0, 4326]);
    }

    #[test]
    fn every_table_is_registered_in_contents() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("a.gpkg")).expect("open");
        let rows: Vec<(String, String)> = conn
            .prepare("SELECT table_name, data_type FROM gpkg_contents ORDER BY table_name")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let expect = [
            ("fiber", "features"),
            ("households", "features"),
            ("phusong_history", "attributes"),
            ("phusong_tokens", "attributes"),
            ("sites", "features"),
            ("thon", "features"),
        ];
        let expect: Vec<(String, String)> = expect
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(rows, expect);
    }

    #[test]
    fn reopening_keeps_schema_and_passes_integrity_checks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.gpkg");
        drop(open(&path).expect("first open"));
        let conn = open(&path).expect("second open");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
        let fk_problems = conn
            .prepare("PRAGMA foreign_key_check")
            .expect("prepare")
            .query_map([], |_| Ok(()))
            .expect("query")
            .count();
        assert_eq!(fk_problems, 0);
    }

    #[test]
    fn table_with_gdal_rtree_trigger_is_not_writable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("a.gpkg")).expect("open");
        conn.execute_batch(
            "CREATE TRIGGER rtree_sites_geom_insert AFTER INSERT ON sites
             WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN SELECT 1; END",
        )
        .expect("trigger");
        check_writable(&conn, &[THON]).expect("thon has no trigger");
        let err = check_writable(&conn, &[THON, SITES]).expect_err("sites has one");
        assert!(
            matches!(&err, StoreError::ForeignTriggers { table } if table == "sites"),
            "{err}"
        );
    }

    #[test]
    fn plain_sqlite_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE t (x INTEGER)")
            .expect("create table");
        drop(conn);
        let err = open(&path).expect_err("not a GeoPackage");
        assert!(
            matches!(
                err,
                StoreError::NotGeoPackage {
                    application_id: 0,
                    ..
                }
            ),
            "{err}"
        );
    }
}
