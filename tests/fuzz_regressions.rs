//! Inputs kept from fuzzing (scripts/fuzz.sh; docs/reliability.md, "Fuzzing"), run through
//! exactly the code the fuzz targets run: fuzz/src/lib.rs, included here as `harness`.
//!
//! - tests/fuzz_regressions/import/*: a selector byte (layer and given CRS, see
//!   `harness::import::select`) and a file, through `phusong::import::{thon, sites, fiber,
//!   households}`; the harness panics on a broken promise of the importer's answer.
//! - tests/fuzz_regressions/upload/*: a selector byte (layer and sender, see
//!   `harness::upload::select`) and a body, POSTed to /api/sites or /api/fiber through the real
//!   router in process; the harness panics on a 5xx, on a status other than the upload's steps
//!   give, or when undoing an accepted upload does not give the service back as it was.
//!
//! Each file's expected answer is in `IMPORT` or `UPLOAD`; a file missing from its table, or a
//! table entry without its file, fails `the_tables_list_every_kept_file_once`.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::collections::BTreeSet;
use std::path::PathBuf;

use harness::import::Outcome;
use harness::upload::{self, Layer, Sender, Service};

/// What a kept import input must get.
enum Expect {
    /// Accepted, with this many features.
    Accepted(usize),
    /// Refused, one of the reasons containing this phrase.
    Refused(&'static str),
}

/// tests/fuzz_regressions/import/*.
const IMPORT: &[(&str, Expect)] = &[
    // LeakSanitizer, import target, first run: a file naming EPSG:999999 in its `crs` member
    // (the seed tests/bad_inputs/sites/crs_unknown_epsg.geojson). proj 0.31 leaked the PROJ
    // context of the failed creation (~4 KB) on every such file or upload; a code beyond
    // EPSG's is now refused without asking PROJ (src/crs/transform.rs, `EPSG_MAX`).
    (
        "leak-crs-999999.bin",
        Expect::Refused("unknown or unusable CRS EPSG:999999"),
    ),
    // The same leak minimised by libFuzzer to an unknown code in EPSG's range, EPSG::9: PROJ
    // is asked once per process for it (`REFUSED`), and the answer is the same every time.
    (
        "leak-crs-9-min.bin",
        Expect::Refused("unknown or unusable CRS EPSG:9"),
    ),
    // From the corpus of the first runs: a thôn whose properties object repeats its keys (the
    // last value wins), a 100°-long fiber route, households with escaped ids.
    ("thon-one-accepted.bin", Expect::Accepted(1)),
    ("fiber-one-accepted.bin", Expect::Accepted(1)),
    ("households-id-with-escapes.bin", Expect::Accepted(2)),
];

/// tests/fuzz_regressions/upload/*: the status each must get.
const UPLOAD: &[(&str, u16)] = &[
    // Hand-made, not found by the fuzzer: sites ("A/B", "C") and ("A", "B/C") by admin. The
    // in-memory upsert keyed features by the string "operator/id", so the second replaced the
    // first while the store kept both; undoing the upload got 404 for the first. Keyed by
    // (operator, id) since (src/domain/edit.rs).
    ("sites-admin-slash-keys.bin", 200),
    // From the corpus of the first runs: a new site and a new route (undone by DELETE), an
    // operator's upload with other operators' features, a string for a number, not UTF-8
    // without a token.
    ("sites-admin-new-site.bin", 200),
    ("fiber-admin-new-route.bin", 200),
    ("sites-viettel-with-foreign.bin", 403),
    ("fiber-viettel-with-foreign.bin", 403),
    ("fiber-admin-string-for-number.bin", 422),
    ("fiber-anonymous-not-utf8.bin", 401),
];

fn dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target)
}

fn read(target: &str, file: &str) -> Vec<u8> {
    std::fs::read(dir(target).join(file)).unwrap_or_else(|e| panic!("{target}/{file}: {e}"))
}

#[test]
fn the_tables_list_every_kept_file_once() {
    for (target, listed) in [
        ("import", IMPORT.iter().map(|(f, _)| *f).collect::<Vec<_>>()),
        ("upload", UPLOAD.iter().map(|(f, _)| *f).collect()),
    ] {
        let unique: BTreeSet<&str> = listed.iter().copied().collect();
        assert_eq!(
            unique.len(),
            listed.len(),
            "{target}: a file is listed twice"
        );
        let on_disk: BTreeSet<String> = std::fs::read_dir(dir(target))
            .map(|entries| {
                entries
                    .map(|e| e.expect("a directory entry").file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .filter(|n| n != ".gitkeep")
                    .collect()
            })
            .unwrap_or_default();
        let listed: BTreeSet<String> = unique.iter().map(|f| f.to_string()).collect();
        assert_eq!(on_disk, listed, "{target}: files on disk vs the table");
    }
}

#[test]
fn kept_import_inputs_get_their_answer() {
    for (file, expect) in IMPORT {
        let data = read("import", file);
        // Twice: the second answer comes from the CRS caches, and must be the same.
        let first = harness::import::run(&data);
        assert_eq!(
            harness::import::run(&data),
            first,
            "{file}: a second run differs"
        );
        match (expect, &first) {
            (Expect::Accepted(n), Outcome::Accepted(m)) => assert_eq!(n, m, "{file}"),
            (Expect::Refused(says), Outcome::Refused(reasons)) => assert!(
                reasons.iter().any(|r| r.contains(says)),
                "{file}: no reason says {says:?}: {reasons:?}"
            ),
            (_, got) => panic!("{file}: got {got:?}"),
        }
    }
}

#[test]
fn kept_upload_inputs_get_their_status() {
    let parent = tempfile::tempdir().expect("a temporary folder");
    let service = Service::new(parent.path());
    assert!(service.dir().starts_with(parent.path()));
    for (file, status) in UPLOAD {
        let got = service.run(&read("upload", file));
        assert_eq!(got, Some(*status), "{file}");
    }
}

/// The selector byte for a layer and sender (the inverse of `upload::select`).
fn selector(layer: Layer, sender: Sender) -> u8 {
    (0..=u8::MAX)
        .find(|&b| upload::select(b) == (layer, sender))
        .expect("every layer and sender has a selector")
}

fn with_selector(layer: Layer, sender: Sender, body: &[u8]) -> Vec<u8> {
    let mut data = vec![selector(layer, sender)];
    data.extend_from_slice(body);
    data
}

fn sites(features: &[(&str, &str)]) -> Vec<u8> {
    let features: Vec<serde_json::Value> = features
        .iter()
        .map(|(id, operator)| {
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [108.79, 15.17]},
                "properties": {"id": id, "operator": operator, "tech": ["4G"], "radius_m": 1500.0}
            })
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features})
        .to_string()
        .into_bytes()
}

/// The upload target is not vacuous: its inputs reach every answer of the upload's steps, and
/// an accepted upload (new features, replaced features, both layers) is undone.
#[test]
fn the_upload_target_reaches_every_answer() {
    let parent = tempfile::tempdir().expect("a temporary folder");
    let service = Service::new(parent.path());
    let geodata = |f: &str| {
        std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("geodata")
                .join(f),
        )
        .expect("the sample data")
    };
    let thirteen: Vec<(String, &str)> = (0..=upload::MAX_FEATURES)
        .map(|i| (format!("N-{i}"), "Viettel"))
        .collect();
    let thirteen: Vec<(&str, &str)> = thirteen.iter().map(|(i, o)| (i.as_str(), *o)).collect();
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        (
            "the sample sites again, by admin",
            with_selector(Layer::Sites, Sender::Admin, &geodata("sites.geojson")),
            200,
        ),
        (
            "the sample fiber again, by admin",
            with_selector(Layer::Fiber, Sender::Admin, &geodata("fiber.geojson")),
            200,
        ),
        (
            "a new and a replaced site, by Viettel",
            with_selector(
                Layer::Sites,
                Sender::Viettel,
                &sites(&[("NEW-1", "Viettel"), ("VTL-001", "Viettel")]),
            ),
            200,
        ),
        (
            "the sample sites, by Viettel (VNPT's among them)",
            with_selector(Layer::Sites, Sender::Viettel, &geodata("sites.geojson")),
            403,
        ),
        (
            "one site more than the limit",
            with_selector(Layer::Sites, Sender::Admin, &sites(&thirteen)),
            413,
        ),
        (
            "not JSON",
            with_selector(Layer::Sites, Sender::Admin, b"not json"),
            422,
        ),
        (
            "sites to the fiber layer",
            with_selector(Layer::Fiber, Sender::Admin, &geodata("sites.geojson")),
            422,
        ),
        (
            "an unknown token",
            with_selector(Layer::Sites, Sender::Unknown, &geodata("sites.geojson")),
            401,
        ),
        (
            "no token",
            with_selector(Layer::Fiber, Sender::Anonymous, &geodata("fiber.geojson")),
            401,
        ),
    ];
    for (what, data, status) in cases {
        assert_eq!(service.run(&data), Some(status), "{what}");
    }
    assert_eq!(service.run(&[]), None);
    assert_eq!(harness::import::run(&[]), Outcome::Nothing);
}
