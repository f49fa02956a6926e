//! The `phusong` command: parses the command line and runs a subcommand.

use std::process::ExitCode;

use clap::Parser;

mod cli;

/// Every upload makes a new version of the data and frees the old one, often on another
/// thread than the one that built it; jemalloc's background threads give such memory back to
/// the system, where glibc's malloc kept it in its arenas (docs/reliability.md "Load").
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
