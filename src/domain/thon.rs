//! A thôn (village): an administrative area with its population.

use std::str::FromStr;

use geo::MultiPolygon;
use serde::{Deserialize, Serialize};

/// A thôn boundary with its official figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Thon {
    /// Unique id.
    pub id: String,
    /// Name, NFC-normalised Vietnamese.
    pub name: String,
    /// The xã (commune) it belongs to: data, since communes merge and split.
    pub commune: String,
    /// Declared population (people).
    pub population: u64,
    /// Declared number of households.
    pub households: u64,
    /// Radio environment, for the Hata models.
    pub clutter: Clutter,
    /// Boundary in WGS 84 lon/lat.
    pub geometry: MultiPolygon<f64>,
}

/// The radio environment of an area (Okumura-Hata / COST-231 classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clutter {
    /// Large city (COST-231 C_m = 3 dB).
    DenseUrban,
    /// Medium-sized city (C_m = 0 dB).
    Urban,
    /// Suburban area.
    Suburban,
    /// Open, rural area (the default).
    #[default]
    Rural,
}

impl Clutter {
    /// Every class, densest first.
    pub const ALL: [Clutter; 4] = [
        Clutter::DenseUrban,
        Clutter::Urban,
        Clutter::Suburban,
        Clutter::Rural,
    ];

    /// The label used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Clutter::DenseUrban => "dense_urban",
            Clutter::Urban => "urban",
            Clutter::Suburban => "suburban",
            Clutter::Rural => "rural",
        }
    }
}

impl FromStr for Clutter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Clutter::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                format!("unknown clutter {s:?} (expected dense_urban, urban, suburban or rural)")
            })
    }
}
