//! A seeded generator of valid datasets at commune, province and national scale.
//!
//! Thôn are unions of cells of a jittered quad mesh (see `mesh`): every cell is a convex
//! quadrilateral, neighbouring thôn share their boundary vertex for vertex, and together they
//! tile the region, so thôn are valid polygons that never overlap. Households are drawn inside
//! their thôn's block of cells with a margin, so each lies strictly inside its thôn.
//!
//! All geometry is WGS 84 lon/lat, already rounded to the 7 decimals [`crate::export`] writes,
//! so a generated dataset survives export unchanged. Households are listed thôn by thôn, in
//! thôn order: the first `thon[0].households` belong to `thon[0]`, and so on.
//!
//! The same preset and seed always give the same dataset, whatever the thread count.

mod commune;
mod households;
mod layout;
mod mesh;
mod names;
mod regional;
mod roads;

use std::fmt;
use std::str::FromStr;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::domain::{Dataset, Sector, Site, Tech};

/// The scale of a generated dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Preset {
    /// Xã Tịnh Thiện, Quảng Ngãi: 12 thôn, about 10,000 people, 10 sites, 4 fiber routes.
    Commune,
    /// A Quảng Ngãi-sized province: about 1,500 thôn, 3,000 sites, 400,000 households.
    Province,
    /// A country-sized region: about 10,000 thôn, 20,000 sites, 2,000,000 households.
    National,
}

impl Preset {
    /// Every preset, smallest first.
    pub const ALL: [Preset; 3] = [Preset::Commune, Preset::Province, Preset::National];

    /// The preset's name on the command line: "commune", "province" or "national".
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Commune => "commune",
            Preset::Province => "province",
            Preset::National => "national",
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A preset name that is none of "commune", "province", "national".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown preset {0:?} (expected commune, province or national)")]
pub struct PresetParseError(pub String);

impl FromStr for Preset {
    type Err = PresetParseError;

    /// Accepts the names in any case, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Preset::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted)
            .ok_or_else(|| PresetParseError(s.to_string()))
    }
}

/// Generates the dataset of `preset` for `seed`: deterministic, and valid by the importer's
/// rules (valid, non-overlapping thôn; unique ids; every household inside a thôn).
pub fn generate(preset: Preset, seed: u64) -> Dataset {
    match preset {
        Preset::Commune => commune::generate(seed),
        Preset::Province => regional::generate(&regional::PROVINCE, seed),
        Preset::National => regional::generate(&regional::NATIONAL, seed),
    }
}

/// The site layer with one more site: 4G and 5G, of the first site's operator, inside the
/// middle thôn. The upload every benchmark times (`phusong bench`, benches/coverage.rs).
/// None without thôn or sites.
pub fn with_benchmark_site(ds: &Dataset) -> Option<Vec<Site>> {
    use geo::InteriorPoint;
    let location = ds.thon.get(ds.thon.len() / 2)?.geometry.interior_point()?;
    let mut sites = ds.sites.clone();
    sites.push(Site {
        id: "BENCH-1".into(),
        operator: ds.sites.first()?.operator.clone(),
        tech: vec![Tech::G4, Tech::G5],
        height_m: Some(30.0),
        radius_m: None,
        sectors: Vec::new(),
        frequency_mhz: None,
        eirp_dbm: None,
        location,
    });
    Some(sites)
}

/// The three operators, in the order [`operator_code`] numbers them.
const OPERATORS: [&str; 3] = ["Viettel", "VNPT", "MobiFone"];

/// Short code used in ids of operator `OPERATORS[op]`.
fn operator_code(op: usize) -> &'static str {
    ["VTL", "VNPT", "MBF"][op]
}

/// An independent random stream: one seed, many purposes, each reproducible on its own
/// (so parallel work and later changes to one part do not reshuffle the others).
fn stream(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// Three 65° sectors at `offset`, `offset + 120` and `offset + 240` degrees.
fn sector_ring(offset_deg: f64, tilt_deg: Option<f64>) -> Vec<Sector> {
    [0.0, 120.0, 240.0]
        .into_iter()
        .map(|a| Sector {
            azimuth_deg: (offset_deg + a) % 360.0,
            beamwidth_deg: 65.0,
            tilt_deg,
        })
        .collect()
}

#[cfg(test)]
mod tests;
