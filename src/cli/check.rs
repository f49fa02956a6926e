//! `phusong check`: validate layer files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use phusong::crs::EpsgCode;
use phusong::import::{self, ImportError, Layer};

/// Arguments of `phusong check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The layer of every file; without it, each file's name tells (thon or villages, sites,
    /// fiber, households).
    #[arg(long, value_enum)]
    layer: Option<Layer>,
    /// CRS of files that carry no "crs" member, e.g. EPSG:5898.
    #[arg(long)]
    crs: Option<EpsgCode>,
    /// GeoJSON files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Checks every file, prints each problem, and fails if any file has one.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut failed = 0;
    for path in &args.files {
        if !is_geojson_name(path) {
            // `phusong check geodata/*` meets the folder's README too.
            println!("skip {}: not a .geojson or .json file", path.display());
            continue;
        }
        match check_one(path, args.layer, args.crs) {
            Ok(summary) => println!("ok  {}: {summary}", path.display()),
            Err(message) => {
                failed += 1;
                println!("FAIL {}:\n{message}", path.display());
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} file(s) have problems", args.files.len());
        Ok(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn is_geojson_name(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"))
}

fn check_one(
    path: &std::path::Path,
    layer: Option<Layer>,
    crs: Option<EpsgCode>,
) -> Result<String, String> {
    let layer = match layer {
        Some(l) => l,
        None => Layer::from_file_name(path).map_err(|e| format!("  {e}"))?,
    };
    let count = match layer {
        Layer::Thon => import::read_file(path, crs, import::thon).map(|v| v.len()),
        Layer::Sites => import::read_file(path, crs, import::sites).map(|v| v.len()),
        Layer::Fiber => import::read_file(path, crs, import::fiber).map(|v| v.len()),
        Layer::Households => import::read_file(path, crs, import::households).map(|v| v.len()),
    };
    count
        .map(|n| format!("{n} {layer} feature(s)"))
        .map_err(|e| describe(&e))
}

fn describe(e: &ImportError) -> String {
    match e {
        ImportError::Invalid(problems) => problems
            .iter()
            .map(|p| format!("  {p}\n"))
            .collect::<String>()
            .trim_end()
            .to_string(),
        other => format!("  {other}"),
    }
}
