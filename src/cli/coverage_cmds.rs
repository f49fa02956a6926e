//! `phusong stats`, `phusong gaps` and `phusong at`: the coverage engine on files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use phusong::coverage::{CoverageConfig, Engine, Measure, gaps_geojson};
use phusong::index::Snapshot;
use phusong::radio::ModelKind;

use super::DatasetArgs;
use super::progress::Spinner;

/// The dataset and the model, as every coverage command takes them.
#[derive(Debug, Args)]
pub struct EngineArgs {
    #[command(flatten)]
    data: DatasetArgs,
    /// Radio model: disc, hata, rma, rma-los or rma-nlos (default: the config's, else disc).
    #[arg(long, value_enum)]
    model: Option<ModelKind>,
    /// A JSON file of coverage settings: {"model": "hata", "covered_rsrp_dbm": -110, "rays": 360}.
    #[arg(long)]
    config: Option<PathBuf>,
}

impl EngineArgs {
    /// Loads the data and prepares the engine, with a spinner on a terminal.
    fn engine(&self) -> anyhow::Result<Engine> {
        let mut config = match &self.config {
            Some(path) => read_config(path)?,
            None => CoverageConfig::default(),
        };
        if let Some(m) = self.model {
            config.model = m;
        }
        let spinner = Spinner::new("loading layers");
        let ds = self.data.load()?;
        spinner.set("indexing");
        let snap = Snapshot::build(ds, None).context("building the spatial index")?;
        spinner.set("tracing coverage and evaluating households");
        let engine = Engine::new(Arc::new(snap), config);
        spinner.finish();
        Ok(engine)
    }
}

fn read_config(path: &Path) -> anyhow::Result<CoverageConfig> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{}: not a valid coverage config", path.display()))
}

/// Arguments of `phusong stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// Where to write the figures (JSON); "-" for standard output.
    #[arg(long, default_value = "-")]
    out: PathBuf,
}

/// Writes per-thôn and total figures.
pub fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let engine = args.engine.engine()?;
    let spinner = Spinner::new("computing figures per thôn");
    let started = std::time::Instant::now();
    let stats = engine.stats();
    tracing::debug!(elapsed = ?started.elapsed(), "figures per thôn");
    spinner.finish();
    write_json(&args.out, &stats)?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `phusong gaps`.
#[derive(Debug, Args)]
pub struct GapsArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// The measure: 4G, 5G, mobile, fiber or fiber_1g.
    #[arg(long)]
    tech: Measure,
    /// Only this thôn (by id).
    #[arg(long)]
    thon: Option<String>,
    /// Where to write the gaps (GeoJSON); "-" for standard output.
    #[arg(long, default_value = "-")]
    out: PathBuf,
}

/// Writes the uncovered polygons as GeoJSON.
pub fn gaps(args: GapsArgs) -> anyhow::Result<ExitCode> {
    let engine = args.engine.engine()?;
    let all = &engine.snapshot.dataset.thon;
    let chosen: Vec<usize> = match &args.thon {
        None => (0..all.len()).collect(),
        Some(id) => vec![
            all.iter()
                .position(|t| &t.id == id)
                .with_context(|| format!("no thôn with id {id:?}"))?,
        ],
    };
    let spinner = Spinner::new("computing gap polygons");
    let gaps = engine.gaps(args.tech, &chosen)?;
    spinner.finish();
    write_json(&args.out, &gaps_geojson(&gaps))?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `phusong at`.
#[derive(Debug, Args)]
pub struct AtArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// Latitude, WGS 84 degrees.
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    /// Longitude, WGS 84 degrees.
    #[arg(long, allow_hyphen_values = true)]
    lon: f64,
}

/// Prints what covers a point.
pub fn at(args: AtArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        (-90.0..=90.0).contains(&args.lat) && (-180.0..=180.0).contains(&args.lon),
        "--lat must be within ±90 and --lon within ±180 (got lat {}, lon {})",
        args.lat,
        args.lon
    );
    let engine = args.engine.engine()?;
    let report = engine.point(args.lon, args.lat)?;
    write_json(Path::new("-"), &report)?;
    Ok(ExitCode::SUCCESS)
}

fn write_json(out: &Path, value: &impl serde::Serialize) -> anyhow::Result<()> {
    if out == Path::new("-") {
        let stdout = std::io::stdout().lock();
        serde_json::to_writer_pretty(stdout, value)?;
        println!();
        return Ok(());
    }
    let tmp = out.with_extension("partial");
    let file =
        std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    serde_json::to_writer_pretty(std::io::BufWriter::new(file), value)?;
    std::fs::rename(&tmp, out).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
