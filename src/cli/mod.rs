//! The command line: subcommands and their arguments.

mod bench;
mod check;
mod coverage_cmds;
mod dataset_args;
mod progress;
mod serve;
mod synth;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use dataset_args::DatasetArgs;

/// phusong ("phủ sóng"): 4G, 5G and fiber coverage per thôn, against the commune's plan.
#[derive(Debug, Parser)]
#[command(name = "phusong", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate layer files and print every problem; exit non-zero if there is one.
    Check(check::CheckArgs),
    /// Write a seeded synthetic dataset (the four layers) at commune, province or national scale.
    Synth(synth::SynthArgs),
    /// Coverage figures per thôn and in total (JSON).
    Stats(coverage_cmds::StatsArgs),
    /// Uncovered polygons per thôn for one measure (GeoJSON).
    Gaps(coverage_cmds::GapsArgs),
    /// What covers a point: sites, RSRP and tier, nearest fiber (JSON).
    At(coverage_cmds::AtArgs),
    /// Run the web service and map (seeds the store from geodata/ on first start).
    Serve(serve::ServeArgs),
    /// Time index, engine and figures on a synthetic preset (median of several runs).
    Bench(bench::BenchArgs),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(serve::TokenCommand),
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Synth(a) => synth::run(a),
        Command::Stats(a) => coverage_cmds::stats(a),
        Command::Gaps(a) => coverage_cmds::gaps(a),
        Command::At(a) => coverage_cmds::at(a),
        Command::Serve(a) => serve::serve(a),
        Command::Bench(a) => bench::run(a),
        Command::Token(c) => serve::token(c),
    }
}
