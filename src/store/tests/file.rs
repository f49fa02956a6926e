//! The file on disk: round trip, reopening, gpkg_contents, damaged or foreign files.

use std::path::Path;

use rusqlite::Connection;
use serde_json::json;

use super::*;

/// `(min_x, min_y, max_x, max_y, last_change)` of a table in gpkg_contents.
fn contents_row(
    path: &Path,
    table: &str,
) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>, String) {
    let conn = Connection::open(path).expect("second connection");
    conn.query_row(
        "SELECT min_x, min_y, max_x, max_y, last_change FROM gpkg_contents WHERE table_name = ?1",
        [table],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .expect("contents row")
}

#[test]
fn store_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<GeoPackageStore>();
    assert_send::<Box<dyn Store>>();
}

#[test]
fn dataset_round_trips_with_every_field() {
    let (_dir, store) = seeded();
    assert_same(&store.load().expect("load"), &sample());
}

#[test]
fn new_store_is_empty_until_seeded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = GeoPackageStore::open(&dir.path().join("a.gpkg")).expect("open");
    assert!(store.is_empty().expect("is_empty"));
    assert_same(&store.load().expect("load"), &Dataset::default());
    store.replace_all(&sample(), "admin").expect("seed");
    assert!(!store.is_empty().expect("is_empty"));
}

#[test]
fn reopening_the_file_keeps_data_history_and_tokens() {
    let (dir, mut store) = seeded();
    let hash = hash_token("secret");
    store.add_token(&hash, &TokenRole::Admin).expect("token");
    let path = store.path().to_path_buf();
    drop(store);
    let store = GeoPackageStore::open(&path).expect("reopen");
    assert_same(&store.load().expect("load"), &sample());
    assert_eq!(store.history(10).expect("history").len(), 1);
    assert_eq!(
        store.find_token(&hash).expect("find"),
        Some(TokenRole::Admin)
    );
    drop(dir);
}

#[test]
fn upsert_works_without_the_unique_constraint() {
    // As in a copy made with ogr2ogr or QGIS, which keep columns but drop table constraints.
    let (_dir, mut store) = seeded();
    let conn = Connection::open(store.path()).expect("second connection");
    conn.execute_batch(
        "ALTER TABLE sites RENAME TO sites_old;
         CREATE TABLE sites (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
           id TEXT, operator TEXT, tech TEXT, height_m REAL, radius_m REAL, sectors TEXT,
           frequency_mhz REAL, eirp_dbm REAL);
         INSERT INTO sites SELECT * FROM sites_old;
         DROP TABLE sites_old;",
    )
    .expect("drop the constraint");
    drop(conn);
    let moved = site("Viettel", "S1", 105.06, 21.04);
    let rec = store
        .apply(&upsert_sites("admin", vec![moved.clone()]))
        .expect("apply");
    assert_eq!(rec.summary["updated"], json!(["Viettel/S1"]));
    assert_eq!(store.load().expect("load").sites, vec![moved, omni_site()]);
}

#[test]
fn gdal_spatial_index_trigger_blocks_writes_with_a_clear_error() {
    let (_dir, mut store) = seeded();
    let conn = Connection::open(store.path()).expect("second connection");
    conn.execute_batch(
        "CREATE TRIGGER rtree_fiber_geom_insert AFTER INSERT ON fiber
         WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN SELECT 1; END",
    )
    .expect("trigger");
    let kind = ChangeKind::UpsertFiber(vec![route("VNPT", "F2", 100.0)]);
    let err = store
        .apply(&Change {
            actor: "VNPT".into(),
            kind,
        })
        .expect_err("trigger");
    assert!(
        err.to_string()
            .contains("DisableSpatialIndex('fiber', 'geom')"),
        "{err}"
    );
    // Sites carry no such trigger and stay writable.
    store
        .apply(&upsert_sites("VNPT", vec![site("VNPT", "S5", 105.0, 21.0)]))
        .expect("sites");
}

#[test]
fn writes_keep_contents_extent_and_last_change_current() {
    let (_dir, mut store) = seeded();
    let path = store.path().to_path_buf();
    let (x0, y0, x1, y1, seeded_at) = contents_row(&path, "sites");
    assert_eq!(
        (x0, y0, x1, y1),
        (Some(105.05), Some(21.05), Some(105.15), Some(21.08))
    );
    let kind = ChangeKind::DeleteSite {
        operator: "VNPT".into(),
        id: "S2".into(),
    };
    store
        .apply(&Change {
            actor: "admin".into(),
            kind,
        })
        .expect("delete");
    let (x0, y0, x1, y1, changed_at) = contents_row(&path, "sites");
    assert_eq!(
        (x0, y0, x1, y1),
        (Some(105.05), Some(21.05), Some(105.05), Some(21.05))
    );
    assert!(changed_at >= seeded_at);
    let (tx0, ty0, tx1, ty1, _) = contents_row(&path, "thon");
    assert_eq!(
        (tx0, ty0, tx1, ty1),
        (Some(105.0), Some(21.0), Some(105.2), Some(21.1))
    );
}

#[test]
fn empty_layer_has_no_extent() {
    let (_dir, mut store) = seeded();
    let mut ds = sample();
    ds.fiber.clear();
    store.replace_all(&ds, "admin").expect("replace");
    let (x0, _, _, y1, _) = contents_row(store.path(), "fiber");
    assert_eq!((x0, y1), (None, None));
}

#[test]
fn corrupt_geometry_names_table_and_fid() {
    let (_dir, store) = seeded();
    let conn = Connection::open(store.path()).expect("second connection");
    conn.execute("UPDATE sites SET geom = x'00' WHERE id = 'S2'", [])
        .expect("corrupt");
    let err = store.load().expect_err("corrupt blob");
    assert!(
        matches!(
            err,
            StoreError::Geometry {
                table: "sites",
                fid: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn unknown_tech_in_file_is_a_field_error() {
    let (_dir, store) = seeded();
    let conn = Connection::open(store.path()).expect("second connection");
    conn.execute("UPDATE sites SET tech = '4G,LTE' WHERE id = 'S1'", [])
        .expect("edit");
    let err = store.load().expect_err("bad tech");
    assert!(
        matches!(
            err,
            StoreError::Field {
                table: "sites",
                column: "tech",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn write_geopackage_leaves_one_self_contained_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.gpkg");
    write_geopackage(&path, &sample()).expect("export");
    assert!(!dir.path().join("export.gpkg-wal").exists());
    let conn = Connection::open(&path).expect("open export");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete");
    drop(conn);
    assert_same(
        &GeoPackageStore::open(&path)
            .expect("open")
            .load()
            .expect("load"),
        &sample(),
    );
}
