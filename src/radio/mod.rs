//! Radio: path-loss models behind one trait, the sector antenna pattern, the link budget and
//! the signal tiers. Pure, synchronous values and functions; no I/O.
//!
//! - [`PathLossModel`]: [`Hata`] (Okumura-Hata / COST-231 Hata), [`Rma`], [`RmaLos`],
//!   [`RmaNlos`] (3GPP TR 38.901 rural macro), chosen by [`ModelKind`].
//! - [`antenna`]: the 3GPP sector pattern, gain relative to boresight (≤ 0 dB).
//! - [`budget`]: per-technology defaults and RSRP = EIRP − 10·log10(N_sc) + gain − path loss.
//! - [`Tier`]: good / moderate / usable / none from RSRP.
//!
//! Formulas, validity ranges, fallbacks and test values: `docs/radio-models.md`.

pub mod antenna;
pub mod budget;
mod fallback;
mod free_space;
mod hata;
mod kind;
mod rma;
mod tier;

pub use antenna::{elevation_down_deg, omni_gain_db, sector_gain_db};
pub use budget::{TechDefaults, defaults, rsrp_dbm};
pub use fallback::without_notes;
pub use free_space::{MIN_FREE_SPACE_DISTANCE_M, SPEED_OF_LIGHT_M_S, free_space_db};
pub use hata::Hata;
pub use kind::{ModelKind, ModelKindParseError};
pub use rma::{Rma, RmaEnvironment, RmaLos, RmaNlos, breakpoint_distance_m, los_probability};
pub use tier::{DEFAULT_COVERED_RSRP_DBM, GOOD_RSRP_DBM, MODERATE_RSRP_DBM, Tier, USABLE_RSRP_DBM};

use crate::domain::Clutter;

/// Receiver (handset) height above ground when nothing else is known, metres.
pub const DEFAULT_RX_HEIGHT_M: f64 = 1.5;

/// One transmitter–receiver link, the input of every path-loss model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Horizontal (2D) distance between the antennas, metres.
    pub distance_m: f64,
    /// Transmitter (base station) antenna height above ground, metres.
    pub tx_height_m: f64,
    /// Receiver antenna height above ground, metres (usually [`DEFAULT_RX_HEIGHT_M`]).
    pub rx_height_m: f64,
    /// Carrier frequency, MHz.
    pub frequency_mhz: f64,
    /// Radio environment around the receiver (used by [`Hata`]; RMa ignores it).
    pub clutter: Clutter,
}

impl Link {
    /// A link to a receiver at the default handset height of 1.5 m.
    pub fn new(distance_m: f64, tx_height_m: f64, frequency_mhz: f64, clutter: Clutter) -> Self {
        Link {
            distance_m,
            tx_height_m,
            rx_height_m: DEFAULT_RX_HEIGHT_M,
            frequency_mhz,
            clutter,
        }
    }

    /// Straight-line distance between the antennas, metres: √(d2D² + (h_tx − h_rx)²).
    pub fn distance_3d_m(&self) -> f64 {
        self.distance_m.hypot(self.tx_height_m - self.rx_height_m)
    }
}

/// The result of a path-loss model for one link.
#[derive(Debug, Clone, PartialEq)]
pub struct PathLoss {
    /// Median path loss, dB (positive: a loss).
    pub db: f64,
    /// Set when an input was outside the model's validity range and a documented fallback
    /// was used: one English sentence per fallback, e.g. "Frequency 3500 MHz is outside
    /// COST-231 Hata's 1500–2000 MHz; evaluated at 2000 MHz plus free-space frequency
    /// scaling."
    pub note: Option<String>,
}

/// A path-loss model: median loss of a link, dB.
///
/// Every implementation is non-decreasing in `Link::distance_m` with everything else fixed:
/// the coverage engine finds a cell's edge by bisection on distance.
pub trait PathLossModel: Send + Sync {
    /// The model's CLI name, as in [`ModelKind`]: "hata", "rma", "rma-los", "rma-nlos".
    fn name(&self) -> &'static str;

    /// Median path loss of `link`, with a note for every fallback taken.
    fn path_loss(&self, link: &Link) -> PathLoss;
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn new_link_has_handset_height() {
        let link = Link::new(100.0, 30.0, 1800.0, Clutter::Rural);
        assert_eq!(link.rx_height_m, DEFAULT_RX_HEIGHT_M);
    }

    #[test]
    fn three_d_distance_includes_height_difference() {
        let link = Link::new(40.0, 31.5, 1800.0, Clutter::Rural);
        assert_abs_diff_eq!(link.distance_3d_m(), 50.0, epsilon = 1e-9);
    }
}
