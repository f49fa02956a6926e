//! VN-2000 reprojection against PROJ's own `cs2cs`.
//!
//! `tests/fixtures/cs2cs_reference.csv` holds points around Quảng Ngãi (15.0–15.4° N,
//! 108.5–109.0° E) in VN-2000 / UTM zone 49N (EPSG:3406) and VN-2000 / TM-3 zone 491
//! (EPSG:5898) with the WGS 84 positions Debian's cs2cs (PROJ 9.1) gives for them; the exact
//! command is in the file's header and `tests/fixtures/generate_cs2cs_reference.sh` rebuilds it.
//! [`Transformer`] runs the PROJ bundled with the crate (9.6): both must pick the same datum
//! shift from the EPSG codes and land within 1 cm of each other.

use std::path::Path;
use std::process::Command;

use geo::{Coord, Distance, Geodesic, Point};
use phusong::crs::{EpsgCode, Transformer, WGS84, with_transformer};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};

/// How far the bundled PROJ may land from cs2cs's answer, m.
const AGREEMENT_M: f64 = 0.01;

/// One reference point of the fixture.
#[derive(Debug, Clone, Copy)]
struct Reference {
    crs: EpsgCode,
    easting_m: f64,
    northing_m: f64,
    /// cs2cs's answer, WGS 84 (x = lon, y = lat).
    wgs84: Coord<f64>,
}

fn fixture_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cs2cs_reference.csv")
}

/// The fixture's rows; the columns are crs,easting_m,northing_m,lat_deg,lon_deg (cs2cs prints
/// EPSG:4326 latitude first).
fn references() -> Vec<Reference> {
    let text = std::fs::read_to_string(fixture_path()).expect("the cs2cs fixture is committed");
    let rows: Vec<Reference> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("crs,") && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<f64> = l
                .split(',')
                .map(|x| x.trim().parse().expect("a number"))
                .collect();
            assert_eq!(f.len(), 5, "{l}");
            Reference {
                crs: EpsgCode(f[0] as u32),
                easting_m: f[1],
                northing_m: f[2],
                wgs84: Coord { x: f[4], y: f[3] },
            }
        })
        .collect();
    assert_eq!(rows.len(), 12, "six points in each of the two CRSs");
    rows
}

/// Geodesic distance on WGS 84 between two lon/lat coordinates, m.
fn metres(a: Coord<f64>, b: Coord<f64>) -> f64 {
    Geodesic.distance(Point(a), Point(b))
}

fn to_wgs84(from: EpsgCode, easting_m: f64, northing_m: f64) -> Coord<f64> {
    let t = Transformer::new(from, WGS84).expect("PROJ knows the CRS");
    t.coord(Coord {
        x: easting_m,
        y: northing_m,
    })
    .expect("inside the CRS's domain")
}

#[test]
fn fixture_covers_the_commune_area_in_both_crss() {
    let rows = references();
    for code in [3406, 5898] {
        assert_eq!(
            rows.iter().filter(|r| r.crs == EpsgCode(code)).count(),
            6,
            "EPSG:{code}"
        );
    }
    for r in &rows {
        assert!((108.49..=109.01).contains(&r.wgs84.x), "{r:?}");
        assert!((14.99..=15.41).contains(&r.wgs84.y), "{r:?}");
    }
}

#[test]
fn bundled_proj_agrees_with_cs2cs_within_1_cm() {
    let mut worst: f64 = 0.0;
    for r in references() {
        let ours = to_wgs84(r.crs, r.easting_m, r.northing_m);
        let d = metres(ours, r.wgs84);
        eprintln!(
            "{} ({}, {}): {:.6} m from cs2cs",
            r.crs, r.easting_m, r.northing_m, d
        );
        assert!(d < AGREEMENT_M, "{r:?}: ours {ours:?} is {d} m from cs2cs");
        worst = worst.max(d);
    }
    eprintln!("largest difference from cs2cs: {worst:.6} m");
}

#[test]
fn vn2000_utm_differs_from_wgs84_utm_by_a_datum_shift() {
    // The same easting and northing read as WGS 84 / UTM 49N (no datum shift) must land tens
    // to hundreds of metres away: proof that the VN-2000 → WGS 84 Helmert shift was applied.
    for r in references().into_iter().filter(|r| r.crs == EpsgCode(3406)) {
        let shifted = to_wgs84(EpsgCode(3406), r.easting_m, r.northing_m);
        let unshifted = to_wgs84(EpsgCode(32649), r.easting_m, r.northing_m);
        let d = metres(shifted, unshifted);
        assert!((50.0..500.0).contains(&d), "{r:?}: datum shift of {d} m");
    }
}

#[test]
fn vn2000_tm3_differs_from_vn2000_geographic_by_a_datum_shift() {
    // EPSG:5898 → EPSG:4756 is the inverse projection alone (both VN-2000); → EPSG:4326 adds
    // the datum shift, which must move the point tens to hundreds of metres.
    for r in references().into_iter().filter(|r| r.crs == EpsgCode(5898)) {
        let shifted = to_wgs84(EpsgCode(5898), r.easting_m, r.northing_m);
        let t = Transformer::new(EpsgCode(5898), EpsgCode(4756)).expect("PROJ knows VN-2000");
        let vn2000 = t
            .coord(Coord {
                x: r.easting_m,
                y: r.northing_m,
            })
            .expect("in range");
        let d = metres(shifted, vn2000);
        assert!((50.0..500.0).contains(&d), "{r:?}: datum shift of {d} m");
    }
}

#[test]
fn installed_cs2cs_still_gives_the_fixture() {
    // The committed fixture is the real test; this only re-runs cs2cs where it is installed,
    // to catch a fixture edited by hand.
    let cs2cs = Path::new("/usr/bin/cs2cs");
    if !cs2cs.exists() {
        eprintln!("skipped: /usr/bin/cs2cs is not installed");
        return;
    }
    for r in references() {
        let out = Command::new(cs2cs)
            .args(["-f", "%.9f", &r.crs.to_string(), "EPSG:4326"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                let mut stdin = child.stdin.take().expect("piped stdin");
                writeln!(stdin, "{} {}", r.easting_m, r.northing_m)?;
                drop(stdin);
                child.wait_with_output()
            })
            .expect("cs2cs runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<f64> = text
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        assert!(f.len() >= 2, "cs2cs printed {text:?}");
        let now = Coord { x: f[1], y: f[0] };
        let d = metres(now, r.wgs84);
        assert!(
            d < 0.001,
            "{r:?}: today's cs2cs gives {now:?}, {d} m from the fixture"
        );
    }
}

/// Proptest settings: seeded, with failures recorded in the committed regressions folder.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(0x5898_3406),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/crs_vs_cs2cs.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// Round trip `from` → `via` → `from` of a lon/lat point; the largest coordinate error, degrees.
fn round_trip_error_deg(from: EpsgCode, via: EpsgCode, lon: f64, lat: f64) -> f64 {
    // Cached per thread: a new transformer per case would cost a PROJ database lookup.
    let go = |a: EpsgCode, b: EpsgCode, c: Coord<f64>| {
        with_transformer(a, b, |t| t.coord(c))
            .expect("known CRS")
            .expect("in range")
    };
    let q = go(via, from, go(from, via, Coord { x: lon, y: lat }));
    (q.x - lon).abs().max((q.y - lat).abs())
}

/// The round trip through a VN-2000 CRS may be off by up to this much, degrees (≈ 0.3 mm).
///
/// Not 1e-9°: the VN-2000 → WGS 84 shift is a 3D Helmert applied to 2D data, so PROJ works at
/// zero height each way and the inverse is not exactly the forward's inverse. cs2cs (PROJ 9.1)
/// leaves the same residual, up to 1.5e-9° over the commune's area (e.g. 108.5° E, 15° N comes
/// back 1.25e-9° east with either PROJ). The projection alone is exact to 1e-9°: see the
/// VN-2000 geographic round trip below.
const DATUM_ROUND_TRIP_DEG: f64 = 3e-9;
/// A projection without a datum shift must come back within this, degrees.
const PROJECTION_ROUND_TRIP_DEG: f64 = 1e-9;

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn wgs84_to_tm3_491_and_back_is_within_a_third_of_a_millimetre(lon in 108.5..109.0f64, lat in 15.0..15.4f64) {
        let err = round_trip_error_deg(WGS84, EpsgCode(5898), lon, lat);
        prop_assert!(err < DATUM_ROUND_TRIP_DEG, "({lon}, {lat}) came back {err}° off");
    }

    #[test]
    fn wgs84_to_vn2000_utm49_and_back_is_within_a_third_of_a_millimetre(lon in 108.5..109.0f64, lat in 15.0..15.4f64) {
        let err = round_trip_error_deg(WGS84, EpsgCode(3406), lon, lat);
        prop_assert!(err < DATUM_ROUND_TRIP_DEG, "({lon}, {lat}) came back {err}° off");
    }

    #[test]
    fn vn2000_to_tm3_491_and_back_is_within_1e_9_degrees(lon in 108.5..109.0f64, lat in 15.0..15.4f64) {
        let err = round_trip_error_deg(EpsgCode(4756), EpsgCode(5898), lon, lat);
        prop_assert!(err < PROJECTION_ROUND_TRIP_DEG, "({lon}, {lat}) came back {err}° off");
    }

    #[test]
    fn wgs84_to_utm49_and_back_is_within_1e_9_degrees(lon in 108.5..109.0f64, lat in 15.0..15.4f64) {
        let err = round_trip_error_deg(WGS84, EpsgCode(32649), lon, lat);
        prop_assert!(err < PROJECTION_ROUND_TRIP_DEG, "({lon}, {lat}) came back {err}° off");
    }
}
