//! `phusong bench`: times the coverage pipeline on a synthetic preset, median of several runs.
//! A benchmark, not a test: it records figures (docs/performance.md) and asserts nothing.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;

use phusong::coverage::{CoverageConfig, Engine, Stats};
use phusong::index::Snapshot;
use phusong::radio::ModelKind;
use phusong::synth::{self, Preset};

/// Arguments of `phusong bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Scale of the synthetic data.
    #[arg(long, value_enum, default_value = "province")]
    preset: Preset,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Runs per model; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Models to time (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    models: Vec<ModelKind>,
}

/// Times index, engine (footprints and households), figures, and the update of the figures
/// after one more site (what an upload computes), per model.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let ds = synth::generate(args.preset, args.seed);
    println!(
        "preset {} seed {}: {} thôn, {} sites, {} fiber routes, {} households; {} runs, median",
        args.preset,
        args.seed,
        ds.thon.len(),
        ds.sites.len(),
        ds.fiber.len(),
        ds.households.len(),
        args.runs
    );
    let models = if args.models.is_empty() {
        ModelKind::ALL.to_vec()
    } else {
        args.models.clone()
    };
    println!(
        "| model | index | engine | figures | total | one more site |\n|---|---|---|---|---|---|"
    );
    for model in models {
        let mut runs: Vec<[Duration; 4]> = Vec::new();
        for _ in 0..args.runs.max(1) {
            let t0 = Instant::now();
            let snap = Snapshot::build(ds.clone(), None)?;
            let t1 = Instant::now();
            let config = CoverageConfig {
                model,
                ..CoverageConfig::default()
            };
            let engine = Engine::new(Arc::new(snap), config);
            let t2 = Instant::now();
            let stats = engine.stats();
            let t3 = Instant::now();
            std::hint::black_box(one_more_site(&engine, &stats)?);
            runs.push([t1 - t0, t2 - t1, t3 - t2, t3.elapsed()]);
        }
        let mut median = |k: usize| {
            runs.sort_by_key(|r| r[k]);
            runs[runs.len() / 2][k]
        };
        let (a, b, c, d) = (median(0), median(1), median(2), median(3));
        runs.sort_by_key(|r| r[0] + r[1] + r[2]);
        let total = runs[runs.len() / 2][..3].iter().sum::<Duration>();
        println!("| {model} | {a:.2?} | {b:.2?} | {c:.2?} | {total:.2?} | {d:.2?} |");
    }
    Ok(ExitCode::SUCCESS)
}

/// The figures after one new 4G/5G site in the middle thôn, as an upload computes them:
/// only what the site reaches is evaluated again.
fn one_more_site(engine: &Engine, stats: &Stats) -> anyhow::Result<Stats> {
    let sites = synth::with_benchmark_site(&engine.snapshot.dataset)
        .context("the preset has thôn and sites")?;
    let snap = Arc::new(engine.snapshot.with_sites(sites)?);
    let update = engine
        .with_sites(snap)
        .context("a site of a known operator updates in place")?;
    Ok(update.engine.stats_after(stats, &update.changed))
}
