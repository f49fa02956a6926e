//! Criterion benchmarks of the coverage pipeline in process (docs/performance.md):
//! `cargo bench --bench coverage`. Targets are set here, in benchmarks, never in timed
//! tests; `cargo test --all-targets` runs each once as a smoke test.
//!
//! The commune preset (the sample data's scale) times every stage; the province preset
//! times what must stay fast at scale: a point query and one uploaded site to updated
//! figures (target < 50 ms, issue "Performance").

use std::hint::black_box;
use std::sync::{Arc, OnceLock};

use criterion::{Criterion, criterion_group, criterion_main};
use geo::InteriorPoint;
use phusong::coverage::{CoverageConfig, Engine, Stats};
use phusong::domain::{Dataset, Site};
use phusong::index::Snapshot;
use phusong::radio::ModelKind;
use phusong::synth::{self, Preset};

fn engine(ds: &Dataset, model: ModelKind) -> Engine {
    let config = CoverageConfig {
        model,
        ..CoverageConfig::default()
    };
    let snap = Snapshot::build(ds.clone(), None).expect("synthetic data reprojects");
    Engine::new(Arc::new(snap), config)
}

fn updated_figures(engine: &Engine, stats: &Stats, sites: Vec<Site>) -> Stats {
    let snap = Arc::new(engine.snapshot.with_sites(sites).expect("index"));
    let update = engine.with_sites(snap).expect("same operators");
    update.engine.stats_after(stats, &update.changed)
}

fn commune(c: &mut Criterion) {
    let ds = synth::generate(Preset::Commune, 1);
    let mut g = c.benchmark_group("commune");
    g.bench_function("index", |b| {
        b.iter(|| Snapshot::build(black_box(ds.clone()), None))
    });
    for model in [ModelKind::Disc, ModelKind::Hata, ModelKind::Rma] {
        g.bench_function(format!("engine {model}"), |b| b.iter(|| engine(&ds, model)));
        let e = engine(&ds, model);
        g.bench_function(format!("figures {model}"), |b| b.iter(|| e.stats()));
    }
    let e = engine(&ds, ModelKind::Disc);
    let stats = e.stats();
    let sites = synth::with_benchmark_site(&ds).expect("the preset has thôn and sites");
    g.bench_function("one more site disc", |b| {
        b.iter(|| updated_figures(&e, &stats, sites.clone()))
    });
    g.finish();
}

/// The province engine, built once for all its benchmarks.
fn province() -> &'static (Dataset, Engine, Stats) {
    static PROVINCE: OnceLock<(Dataset, Engine, Stats)> = OnceLock::new();
    PROVINCE.get_or_init(|| {
        let ds = synth::generate(Preset::Province, 1);
        let e = engine(&ds, ModelKind::Disc);
        let stats = e.stats();
        (ds, e, stats)
    })
}

fn at_province(c: &mut Criterion) {
    let (ds, e, stats) = province();
    let mut g = c.benchmark_group("province");
    g.sample_size(20);
    let centre = ds.thon[ds.thon.len() / 2]
        .geometry
        .interior_point()
        .expect("a thôn has an inside");
    g.bench_function("point query disc", |b| {
        b.iter(|| e.point(black_box(centre.x()), black_box(centre.y())))
    });
    // What the HTTP handler does besides HTTP: the query and its JSON.
    g.bench_function("point answer disc (query and JSON)", |b| {
        b.iter(|| {
            let report = e.point(black_box(centre.x()), black_box(centre.y()));
            serde_json::to_vec(&report.expect("inside the working CRS")).expect("serialises")
        })
    });
    let sites = synth::with_benchmark_site(ds).expect("the preset has thôn and sites");
    g.bench_function("one more site disc", |b| {
        b.iter(|| updated_figures(e, stats, sites.clone()))
    });
    g.finish();
}

criterion_group!(benches, commune, at_province);
criterion_main!(benches);
