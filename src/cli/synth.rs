//! `phusong synth`: write a seeded synthetic dataset.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use phusong::synth::{self, Preset};

/// Arguments of `phusong synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Scale: commune (the sample data), province or national.
    #[arg(long, value_enum, default_value = "commune")]
    preset: Preset,
    /// Seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write thon.geojson, sites.geojson, fiber.geojson and households.geojson into.
    #[arg(long)]
    out: PathBuf,
}

/// Generates and writes the dataset.
pub fn run(args: SynthArgs) -> anyhow::Result<ExitCode> {
    let ds = synth::generate(args.preset, args.seed);
    phusong::export::write_dataset(&args.out, &ds)
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {}: {} thôn, {} sites, {} fiber routes, {} households",
        args.out.display(),
        ds.thon.len(),
        ds.sites.len(),
        ds.fiber.len(),
        ds.households.len()
    );
    Ok(ExitCode::SUCCESS)
}
