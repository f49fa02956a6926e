//! Which operators cover each household, per measure.

use rayon::prelude::*;
use serde::Serialize;

use super::Measure;
use super::engine::Engine;
use super::footprint::bearing_deg;
use super::transmitter::Transmitter;
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
    let mut radio = RadioBits::default();
    let snap = &engine.snapshot;
    for i in engine.candidates(p) {
        let tx = &engine.transmitters[i];
        if !radio.may_add(tx) {
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
        radio.add(tx, s.covered);
    }
    radio.with_fiber(engine, snap.fiber_within(p, engine.max_drop_m))
}

/// The 4G and 5G operator bits of one place, gathered transmitter by transmitter.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RadioBits([u64; 5]);

impl RadioBits {
    /// Would this transmitter add anything: a 4G/5G one whose operator is not yet counted
    /// for its technology.
    pub(crate) fn may_add(&self, tx: &Transmitter) -> bool {
        slot(tx.tech).is_some_and(|m| self.0[m.index()] & operator_bit(tx.operator) == 0)
    }

    /// Counts the transmitter's operator for its technology if it covers the place.
    pub(crate) fn add(&mut self, tx: &Transmitter, covered: bool) {
        if let (Some(m), true) = (slot(tx.tech), covered) {
            self.0[m.index()] |= operator_bit(tx.operator);
        }
    }

    /// The whole cover: mobile from 4G and 5G, and fiber from the routes near the place with
    /// their distances, m (those beyond a route's drop distance count for nothing).
    pub(crate) fn with_fiber(
        self,
        engine: &Engine,
        routes: impl IntoIterator<Item = (usize, f64)>,
    ) -> HouseholdCover {
        let mut bits = self.0;
        bits[Measure::Mobile.index()] = bits[Measure::G4.index()] | bits[Measure::G5.index()];
        for (route, dist) in routes {
            let f = &engine.snapshot.dataset.fiber[route];
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
}

/// The measure a technology's coverage counts for: only 4G and 5G are measured.
fn slot(tech: Tech) -> Option<Measure> {
    match tech {
        Tech::G4 => Some(Measure::G4),
        Tech::G5 => Some(Measure::G5),
        _ => None,
    }
}
