//! The figures of the sample data under the disc model, against a reviewed snapshot
//! (tests/fixtures/geodata-stats-disc.json, written by `phusong stats --out …` and checked
//! against the independent Monte Carlo of tests/tools/monte_carlo_disc.py).

mod common;

use std::sync::Arc;

use phusong::coverage::{CoverageConfig, Engine};
use phusong::index::Snapshot;

#[test]
fn sample_data_figures_match_the_reviewed_snapshot() {
    let root = common::root();
    let ds = common::sample_dataset();
    let engine = Engine::new(
        Arc::new(Snapshot::build(ds, None).expect("index")),
        CoverageConfig::default(),
    );
    let got = serde_json::to_value(engine.stats()).expect("serialisable");
    let text = std::fs::read_to_string(root.join("tests/fixtures/geodata-stats-disc.json"))
        .expect("fixture");
    let want: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
    assert_eq!(got["unassigned_households"], want["unassigned_households"]);
    let pairs = got["thon"]
        .as_array()
        .expect("thon")
        .iter()
        .zip(want["thon"].as_array().expect("thon"));
    for (g, w) in pairs.chain(std::iter::once((&got["total"], &want["total"]))) {
        for m in ["4G", "5G", "mobile", "fiber", "fiber_1g"] {
            let (gc, wc) = (&g["coverage"][m], &w["coverage"][m]);
            assert_eq!(gc["households"], wc["households"], "{} {m}", w["id"]);
            for k in [
                "area_fraction",
                "population_fraction",
                "households_fraction",
            ] {
                let (a, b) = (
                    gc[k].as_f64().expect("number"),
                    wc[k].as_f64().expect("number"),
                );
                assert!((a - b).abs() < 1e-6, "{} {m} {k}: {a} vs {b}", w["id"]);
            }
        }
    }
}
