//! Behaviour of [`GeoPackageStore`] through the [`Store`] trait, and the file as GDAL sees it.
//!
//! - `changes`: upserts, deletes, failures that change nothing, history and tokens.
//! - `file`: what is on disk: round trip, reopening, gpkg_contents, damaged or foreign files.
//! - `gdal`: GDAL's `ogrinfo` reading the file, as QGIS would.

mod changes;
mod file;
mod gdal;

use geo::{LineString, MultiLineString, MultiPolygon, Point, Polygon, line_string, polygon};

use super::*;
use crate::domain::{Clutter, FiberRoute, Household, Sector, Site, Tech, Thon};

/// A small dataset that uses every field: a MultiPolygon with a hole, sectors with and without
/// tilt, an omnidirectional site with no optional figures, a two-part fiber route.
pub(super) fn sample() -> Dataset {
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
        ]
        .into(),
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
        ]
        .into(),
    }
}

/// A three-sector 4G/5G site with every optional figure set.
pub(super) fn site(operator: &str, id: &str, lon: f64, lat: f64) -> Site {
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
pub(super) fn omni_site() -> Site {
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
pub(super) fn route(operator: &str, id: &str, speed: f64) -> FiberRoute {
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
pub(super) fn assert_same(a: &Dataset, b: &Dataset) {
    assert_eq!(a.thon, b.thon);
    assert_eq!(a.sites, b.sites);
    assert_eq!(a.fiber, b.fiber);
    assert_eq!(a.households, b.households);
}

/// A seeded store in a temporary directory (kept alive by the returned guard).
pub(super) fn seeded() -> (tempfile::TempDir, GeoPackageStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = GeoPackageStore::open(&dir.path().join("phusong.gpkg")).expect("open");
    store.replace_all(&sample(), "admin").expect("seed");
    (dir, store)
}

pub(super) fn upsert_sites(actor: &str, sites: Vec<Site>) -> Change {
    Change {
        actor: actor.into(),
        kind: ChangeKind::UpsertSites(sites),
    }
}
