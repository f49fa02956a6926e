//! Behaviour of [`GeoPackageStore`] through the [`Store`] trait, and the file as GDAL sees it.

use std::path::Path;
use std::process::Command;

use geo::{LineString, MultiLineString, MultiPolygon, Point, Polygon, line_string, polygon};
use rusqlite::Connection;
use serde_json::json;

use super::*;
use crate::domain::{Clutter, FiberRoute, Household, Sector, Site, Tech, Thon};

/// A small dataset that uses every field: a MultiPolygon with a hole, sectors with and without
/// tilt, an omnidirectional site with no optional figures, a two-part fiber route.
fn sample() -> Dataset {
    let with_hole = Polygon::new(
        LineString::from(vec![
            (105.0, 21.0),
            (105.1, 21.0),
            (105.1, 21.1),
            (105.0, 21.1),
        ]),
        vec![LineString::from(vec![
            (105.02, 21.02),
            (105.05, 21.02),
            (105.05, 21.05),
        ])],
    );
    let islet = polygon![(x: 105.12, y: 21.0), (x: 105.13, y: 21.0), (x: 105.12, y: 21.01)];
    Dataset {
        thon: vec![
            Thon {
                id: "T1".into(),
                name: "Thôn Đông Hòa".into(),
                commune: "Xã Phú Sơn".into(),
                population: 1234,
                households: 321,
                clutter: Clutter::Suburban,
                geometry: MultiPolygon::new(vec![with_hole, islet]),
            },
            Thon {
                id: "T2".into(),
                name: "Thôn Bản Mường".into(),
                commune: "Xã Phú Sơn".into(),
                population: 87,
                households: 20,
                clutter: Clutter::Rural,
                geometry: MultiPolygon::new(vec![polygon![
                    (x: 105.1, y: 21.0), (x: 105.2, y: 21.0), (x: 105.2, y: 21.1)
                ]]),
            },
        ],
        sites: vec![site("Viettel", "S1", 105.05, 21.05), omni_site()],
        fiber: vec![route("Viettel", "F1", 1000.0)],
        households: vec![
            Household {
                id: Some("H1".into()),
                people: Some(4.5),
                location: Point::new(105.01, 21.01),
            },
            Household {
                id: None,
                people: None,
                location: Point::new(105.15, 21.02),
            },
        ],
    }
}

/// A three-sector 4G/5G site with every optional figure set.
fn site(operator: &str, id: &str, lon: f64, lat: f64) -> Site {
    Site {
        id: id.into(),
        operator: operator.into(),
        tech: vec![Tech::G4, Tech::G5],
        height_m: Some(30.0),
        radius_m: Some(2500.0),
        sectors: vec![
            Sector {
                azimuth_deg: 0.0,
                beamwidth_deg: 65.0,
                tilt_deg: Some(4.0),
            },
            Sector {
                azimuth_deg: 120.0,
                beamwidth_deg: 65.0,
                tilt_deg: None,
            },
            Sector {
                azimuth_deg: 240.0,
                beamwidth_deg: 90.0,
                tilt_deg: Some(2.5),
            },
        ],
        frequency_mhz: Some(1800.0),
        eirp_dbm: Some(61.5),
        location: Point::new(lon, lat),
    }
}

/// An omnidirectional 2G site with no optional figure.
fn omni_site() -> Site {
    Site {
        id: "S2".into(),
        operator: "VNPT".into(),
        tech: vec![Tech::G2],
        height_m: None,
        radius_m: None,
        sectors: Vec::new(),
        frequency_mhz: None,
        eirp_dbm: None,
        location: Point::new(105.15, 21.08),
    }
}

/// A two-part route.
fn route(operator: &str, id: &str, speed: f64) -> FiberRoute {
    FiberRoute {
        id: id.into(),
        operator: operator.into(),
        max_speed_mbps: speed,
        max_drop_m: 300.0,
        geometry: MultiLineString::new(vec![
            line_string![(x: 105.0, y: 21.0), (x: 105.05, y: 21.05)],
            line_string![(x: 105.05, y: 21.05), (x: 105.1, y: 21.06), (x: 105.12, y: 21.09)],
        ]),
    }
}

/// Asserts two datasets hold the same features in the same order.
fn assert_same(a: &Dataset, b: &Dataset) {
    assert_eq!(a.thon, b.thon);
    assert_eq!(a.sites, b.sites);
    assert_eq!(a.fiber, b.fiber);
    assert_eq!(a.households, b.households);
}

/// A seeded store in a temporary directory (kept alive by the returned guard).
fn seeded() -> (tempfile::TempDir, GeoPackageStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = GeoPackageStore::open(&dir.path().join("phusong.gpkg")).expect("open");
    store.replace_all(&sample(), "admin").expect("seed");
    (dir, store)
}

fn upsert_sites(actor: &str, sites: Vec<Site>) -> Change {
    Change {
        actor: actor.into(),
        kind: ChangeKind::UpsertSites(sites),
    }
}

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
fn replace_all_replaces_every_layer() {
    let (_dir, mut store) = seeded();
    let mut smaller = sample();
    smaller.thon.truncate(1);
    smaller.sites.clear();
    smaller.households.truncate(1);
    store.replace_all(&smaller, "admin").expect("replace");
    assert_same(&store.load().expect("load"), &smaller);
}

#[test]
fn upsert_inserts_new_sites_and_updates_stored_ones_in_place() {
    let (_dir, mut store) = seeded();
    let mut moved = site("Viettel", "S1", 105.06, 21.04);
    moved.tech = vec![Tech::G4];
    let new = site("Mobifone", "S1", 105.07, 21.07);
    let rec = store
        .apply(&upsert_sites("admin", vec![moved.clone(), new.clone()]))
        .expect("apply");
    assert_eq!(rec.action, "upsert_sites");
    assert_eq!(
        rec.summary,
        json!({"inserted": ["Mobifone/S1"], "updated": ["Viettel/S1"], "deleted": []})
    );
    let sites = store.load().expect("load").sites;
    assert_eq!(
        sites,
        vec![moved, omni_site(), new],
        "updated row keeps its place"
    );
}

#[test]
fn delete_site_removes_it() {
    let (_dir, mut store) = seeded();
    let kind = ChangeKind::DeleteSite {
        operator: "VNPT".into(),
        id: "S2".into(),
    };
    let rec = store
        .apply(&Change {
            actor: "VNPT".into(),
            kind,
        })
        .expect("apply");
    assert_eq!(rec.action, "delete_site");
    assert_eq!(
        rec.summary,
        json!({"inserted": [], "updated": [], "deleted": ["VNPT/S2"]})
    );
    assert_eq!(
        store.load().expect("load").sites,
        vec![site("Viettel", "S1", 105.05, 21.05)]
    );
}

#[test]
fn deleting_a_missing_site_is_not_found_and_records_nothing() {
    let (_dir, mut store) = seeded();
    // Right id, wrong operator: keys are (operator, id).
    let kind = ChangeKind::DeleteSite {
        operator: "VNPT".into(),
        id: "S1".into(),
    };
    let err = store
        .apply(&Change {
            actor: "VNPT".into(),
            kind,
        })
        .expect_err("missing");
    assert!(
        matches!(&err, StoreError::NotFound { table: "sites", operator, id } if operator == "VNPT" && id == "S1"),
        "{err}"
    );
    assert_eq!(
        store.history(10).expect("history").len(),
        1,
        "only the seed"
    );
}

#[test]
fn fiber_upsert_and_delete() {
    let (_dir, mut store) = seeded();
    let faster = route("Viettel", "F1", 10_000.0);
    let other = route("VNPT", "F1", 500.0);
    let kind = ChangeKind::UpsertFiber(vec![faster.clone(), other.clone()]);
    let rec = store
        .apply(&Change {
            actor: "admin".into(),
            kind,
        })
        .expect("upsert");
    assert_eq!(rec.summary["inserted"], json!(["VNPT/F1"]));
    assert_eq!(
        store.load().expect("load").fiber,
        vec![faster, other.clone()]
    );
    let kind = ChangeKind::DeleteFiber {
        operator: "Viettel".into(),
        id: "F1".into(),
    };
    store
        .apply(&Change {
            actor: "Viettel".into(),
            kind,
        })
        .expect("delete");
    assert_eq!(store.load().expect("load").fiber, vec![other]);
    let kind = ChangeKind::DeleteFiber {
        operator: "Viettel".into(),
        id: "F1".into(),
    };
    let err = store
        .apply(&Change {
            actor: "Viettel".into(),
            kind,
        })
        .expect_err("gone");
    assert!(
        matches!(err, StoreError::NotFound { table: "fiber", .. }),
        "{err}"
    );
}

#[test]
fn failing_change_leaves_store_unchanged() {
    let (_dir, mut store) = seeded();
    let before = store.load().expect("load");
    // The first site is written before the duplicate is seen: the rollback must undo it.
    let new = site("Viettel", "S9", 105.0, 21.0);
    let change = upsert_sites("Viettel", vec![new.clone(), new]);
    let err = store.apply(&change).expect_err("duplicate");
    assert!(
        matches!(err, StoreError::DuplicateKey { table: "sites", .. }),
        "{err}"
    );
    assert_same(&store.load().expect("load"), &before);
    assert_eq!(store.history(10).expect("history").len(), 1);
}

#[test]
fn failing_replace_all_leaves_store_unchanged() {
    let (_dir, mut store) = seeded();
    let mut bad = sample();
    bad.sites.clear();
    bad.thon.push(bad.thon[0].clone());
    let err = store
        .replace_all(&bad, "admin")
        .expect_err("duplicate thôn id");
    assert!(
        matches!(
            err,
            StoreError::Write {
                table: "thon",
                index: 2,
                ..
            }
        ),
        "{err}"
    );
    assert_same(&store.load().expect("load"), &sample());
}

#[test]
fn history_lists_newest_first_up_to_limit() {
    let (_dir, mut store) = seeded();
    store
        .apply(&upsert_sites(
            "Viettel",
            vec![site("Viettel", "S3", 105.0, 21.0)],
        ))
        .expect("a");
    store
        .apply(&upsert_sites("VNPT", vec![site("VNPT", "S4", 105.0, 21.0)]))
        .expect("b");
    let all = store.history(10).expect("history");
    let actions: Vec<(&str, &str)> = all
        .iter()
        .map(|r| (r.actor.as_str(), r.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("VNPT", "upsert_sites"),
            ("Viettel", "upsert_sites"),
            ("admin", "replace_all")
        ]
    );
    assert!(all[0].id > all[1].id && all[0].at >= all[1].at);
    assert_eq!(
        all[2].summary,
        json!({"thon": 2, "sites": 2, "fiber": 1, "households": 2})
    );
    assert_eq!(store.history(1).expect("history"), all[..1].to_vec());
}

#[test]
fn history_record_serialises_for_the_api() {
    let (_dir, store) = seeded();
    let rec = &store.history(1).expect("history")[0];
    let v = serde_json::to_value(rec).expect("serialise");
    assert_eq!(v["actor"], "admin");
    assert_eq!(v["summary"]["thon"], 2);
    assert!(v["at"].as_str().is_some_and(|t| t.ends_with('Z')));
}

#[test]
fn tokens_are_found_by_hash_with_their_role() {
    let (_dir, mut store) = seeded();
    let (admin, viettel) = (hash_token(&new_token()), hash_token(&new_token()));
    store.add_token(&admin, &TokenRole::Admin).expect("admin");
    store
        .add_token(&viettel, &TokenRole::Operator("Viettel".into()))
        .expect("operator");
    assert_eq!(
        store.find_token(&admin).expect("find"),
        Some(TokenRole::Admin)
    );
    assert_eq!(
        store.find_token(&viettel).expect("find"),
        Some(TokenRole::Operator("Viettel".into()))
    );
    assert_eq!(
        store.find_token(&hash_token("unknown")).expect("find"),
        None
    );
}

#[test]
fn adding_a_token_twice_is_an_error() {
    let (_dir, mut store) = seeded();
    let hash = hash_token("t");
    store.add_token(&hash, &TokenRole::Admin).expect("first");
    let err = store
        .add_token(&hash, &TokenRole::Admin)
        .expect_err("second");
    assert!(matches!(err, StoreError::TokenExists), "{err}");
}

#[test]
fn raw_token_is_refused_as_a_hash() {
    let (_dir, mut store) = seeded();
    let err = store
        .add_token(&new_token(), &TokenRole::Admin)
        .expect_err("not a hash");
    assert!(matches!(err, StoreError::BadTokenHash), "{err}");
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

/// `ogrinfo -so -al` of a file: GDAL's own reading of it.
fn ogrinfo(path: &Path) -> (String, String) {
    let out = match Command::new("ogrinfo")
        .arg("-so")
        .arg("-al")
        .arg(path)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "ogrinfo not found: install GDAL's command-line tools (Debian/Ubuntu: \
             `apt-get install gdal-bin`) to check the GeoPackage the way QGIS reads it"
        ),
        Err(e) => panic!("cannot run ogrinfo: {e}"),
    };
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "ogrinfo failed:\n{stdout}\n{stderr}");
    (stdout, stderr)
}

/// `(geometry, feature count)` of a layer in ogrinfo's summary.
fn layer_summary<'a>(stdout: &'a str, layer: &str) -> (&'a str, u64) {
    let block = stdout
        .split("Layer name: ")
        .find(|b| b.lines().next() == Some(layer))
        .unwrap_or_else(|| panic!("layer {layer} missing from ogrinfo output:\n{stdout}"));
    let field = |name: &str| {
        block
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} for {layer}:\n{block}"))
            .trim()
    };
    (
        field("Geometry:"),
        field("Feature Count:").parse().expect("count"),
    )
}

#[test]
fn gdal_reads_the_four_layers_with_their_counts() {
    // The live store, still open in WAL mode, as QGIS would see it while the service runs.
    let (_dir, store) = seeded();
    let (stdout, stderr) = ogrinfo(store.path());
    assert!(
        !stderr.contains("ERROR") && !stderr.contains("Warning"),
        "GDAL complained:\n{stderr}"
    );
    assert_eq!(layer_summary(&stdout, "thon"), ("Multi Polygon", 2));
    assert_eq!(layer_summary(&stdout, "sites"), ("Point", 2));
    assert_eq!(layer_summary(&stdout, "fiber"), ("Multi Line String", 1));
    assert_eq!(layer_summary(&stdout, "households"), ("Point", 2));
    assert!(
        stdout.contains("EPSG\",4326") || stdout.contains("WGS 84"),
        "{stdout}"
    );
}

#[test]
fn gdal_reads_an_exported_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.gpkg");
    write_geopackage(&path, &sample()).expect("export");
    let (stdout, stderr) = ogrinfo(&path);
    assert!(
        !stderr.contains("ERROR") && !stderr.contains("Warning"),
        "GDAL complained:\n{stderr}"
    );
    assert_eq!(layer_summary(&stdout, "thon").1, 2);
    assert_eq!(layer_summary(&stdout, "households").1, 2);
}
