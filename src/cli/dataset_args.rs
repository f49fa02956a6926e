//! The four layer files, as every data command takes them.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use phusong::crs::EpsgCode;
use phusong::domain::Dataset;
use phusong::import::{self, DatasetPaths};

/// Where the four layers are; the defaults are the sample data in geodata/.
#[derive(Debug, Clone, Args)]
pub struct DatasetArgs {
    /// Thôn (village) boundaries, GeoJSON.
    #[arg(long, default_value = "geodata/thon.geojson")]
    pub villages: PathBuf,
    /// Telecom sites (BTS), GeoJSON.
    #[arg(long, default_value = "geodata/sites.geojson")]
    pub sites: PathBuf,
    /// Fiber routes, GeoJSON.
    #[arg(long, default_value = "geodata/fiber.geojson")]
    pub fiber: PathBuf,
    /// Household points, GeoJSON.
    #[arg(long, default_value = "geodata/households.geojson")]
    pub households: PathBuf,
    /// CRS of files that carry no "crs" member, e.g. EPSG:5898 (VN-2000 / TM-3 Quảng Ngãi).
    #[arg(long)]
    pub crs: Option<EpsgCode>,
}

impl DatasetArgs {
    /// Reads and validates the four layers.
    pub fn load(&self) -> anyhow::Result<Dataset> {
        let paths = DatasetPaths {
            thon: &self.villages,
            sites: &self.sites,
            fiber: &self.fiber,
            households: &self.households,
        };
        import::dataset(&paths, self.crs).context("loading the dataset")
    }
}
