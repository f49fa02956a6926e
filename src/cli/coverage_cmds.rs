//! `phusong stats`, `phusong gaps` and `phusong at`: the coverage engine on files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

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

/// How long each stage of `phusong stats` took, in seconds (`--timings`): so that a benchmark
/// can set the figures beside a peer that starts from data already loaded and indexed.
#[derive(Debug, Default, serde::Serialize)]
struct Timings {
    /// Reading and validating the four GeoJSON files.
    read_s: f64,
    /// Reprojecting to the metric CRS and building the R-trees.
    index_s: f64,
    /// Resolving transmitters, tracing footprints, evaluating every household.
    engine_s: f64,
    /// The per-thôn figures of every measure and operator.
    figures_s: f64,
    /// Writing the figures as JSON.
    write_s: f64,
}

/// Seconds since `*since`, which moves on to now.
fn lap(since: &mut Instant) -> f64 {
    let now = Instant::now();
    let micros = (now - *since).as_micros();
    *since = now;
    micros as f64 / 1e6
}

impl EngineArgs {
    /// Loads the data and prepares the engine, with a spinner on a terminal.
    fn engine(&self) -> anyhow::Result<Engine> {
        self.engine_timed(&mut Timings::default())
    }

    /// [`Self::engine`], noting how long each stage took.
    fn engine_timed(&self, timings: &mut Timings) -> anyhow::Result<Engine> {
        let mut clock = Instant::now();
        let mut config = match &self.config {
            Some(path) => read_config(path)?,
            None => CoverageConfig::default(),
        };
        if let Some(m) = self.model {
            config.model = m;
        }
        let spinner = Spinner::new("loading layers");
        let ds = self.data.load()?;
        timings.read_s = lap(&mut clock);
        spinner.set("indexing");
        let snap = Snapshot::build(ds, None).context("building the spatial index")?;
        timings.index_s = lap(&mut clock);
        spinner.set("tracing coverage and evaluating households");
        let engine = Engine::new(Arc::new(snap), config);
        timings.engine_s = lap(&mut clock);
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
    /// Also write how long each stage took (JSON: read_s, index_s, engine_s, figures_s,
    /// write_s) to this file.
    #[arg(long)]
    timings: Option<PathBuf>,
}

/// Writes per-thôn and total figures.
pub fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let mut timings = Timings::default();
    let engine = args.engine.engine_timed(&mut timings)?;
    let spinner = Spinner::new("computing figures per thôn");
    let mut clock = Instant::now();
    let stats = engine.stats();
    timings.figures_s = lap(&mut clock);
    spinner.finish();
    write_json(&args.out, &stats)?;
    timings.write_s = lap(&mut clock);
    if let Some(path) = &args.timings {
        let text = serde_json::to_string(&timings)?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
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
