//! Which operators cover each household, per measure.

use rayon::prelude::*;
use serde::Serialize;

use super::Measure;
use super::engine::Engine;
use super::footprint::bearing_deg;
use crate::domain::{Clutter, Tech};
use crate::index::HouseholdM;

/// Per measure, a bit mask of the operators (by index in [`Engine::operators`]) that cover
/// a household. Zero means not covered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HouseholdCover(pub [u64; 5]);

impl HouseholdCover {
    /// Covered by anyone for this measure.
    pub fn covered(&self, m: Measure) -> bool {
        self.0[m.index()] != 0
    }

    /// Covered by this operator for this measure.
    pub fn covered_by(&self, m: Measure, operator: usize) -> bool {
        self.0[m.index()] & operator_bit(operator) != 0
    }
}

/// An operator's bit in a mask. Masks hold 64 operators; any beyond the 63rd share the last
/// bit (Vietnam has five licensed mobile operators, so this is a bound, not a limit met).
pub fn operator_bit(operator: usize) -> u64 {
    1u64 << operator.min(63)
}

/// Evaluates every household with the point primitive, in parallel.
pub(crate) fn evaluate_households(engine: &Engine) -> Vec<HouseholdCover> {
    engine
        .snapshot
        .households
        .par_iter()
        .map(|h| household_cover(engine, h))
        .collect()
}

/// Which operators cover one household, in its thôn's radio environment.
pub(crate) fn household_cover(engine: &Engine, h: &HouseholdM) -> HouseholdCover {
    let clutter = engine.clutter_of(h.thon);
    crate::radio::without_notes(|| cover_at(engine, h.location, clutter))
}

/// Which operators cover a metric point, per measure.
pub(crate) fn cover_at(engine: &Engine, p: geo::Point<f64>, clutter: Clutter) -> HouseholdCover {
    let mut bits = [0u64; 5];
    let snap = &engine.snapshot;
    for i in engine.candidates(p) {
        let tx = &engine.transmitters[i];
        let slot = match tx.tech {
            Tech::G4 => Measure::G4,
            Tech::G5 => Measure::G5,
            _ => continue,
        };
        let bit = operator_bit(tx.operator);
        if bits[slot.index()] & bit != 0 {
            continue;
        }
        let o = snap.sites[tx.site].location;
        let d = ((p.x() - o.x()).powi(2) + (p.y() - o.y()).powi(2)).sqrt();
        let s = tx.signal(
            engine.model.as_deref(),
            d,
            bearing_deg(o, p),
            clutter,
            engine.config.covered_rsrp_dbm,
        );
        if s.covered {
            bits[slot.index()] |= bit;
        }
    }
    bits[Measure::Mobile.index()] = bits[Measure::G4.index()] | bits[Measure::G5.index()];
    for (route, dist) in snap.fiber_within(p, engine.max_drop_m) {
        let f = &snap.dataset.fiber[route];
        if dist <= f.max_drop_m {
            let bit = operator_bit(engine.operator_index(&f.operator).unwrap_or(0));
            bits[Measure::Fiber.index()] |= bit;
            if f.max_speed_mbps >= 1000.0 {
                bits[Measure::Fiber1G.index()] |= bit;
            }
        }
    }
    HouseholdCover(bits)
}
