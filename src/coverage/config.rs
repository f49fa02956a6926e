//! What a coverage run is asked for: the model and the covered threshold.

use serde::{Deserialize, Serialize};

use crate::radio::{DEFAULT_COVERED_RSRP_DBM, ModelKind};

/// Settings of a coverage run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoverageConfig {
    /// The radio model.
    pub model: ModelKind,
    /// The weakest RSRP (dBm) that counts as covered; −115 dBm ("usable") by default.
    pub covered_rsrp_dbm: f64,
    /// Rays traced per site footprint under a path-loss model (angular step 360°/rays).
    pub rays: usize,
}

impl Default for CoverageConfig {
    fn default() -> Self {
        Self {
            model: ModelKind::Disc,
            covered_rsrp_dbm: DEFAULT_COVERED_RSRP_DBM,
            rays: 360,
        }
    }
}
