//! The engine and figures after a change of sites, reusing all that the change cannot reach.
//!
//! A transmitter's footprint depends only on its site, its technology, the model and the
//! configuration; a household's cover only on the transmitters whose reach box contains it;
//! a thôn's figures only on the transmitters whose reach box meets its box and on its
//! households (the same boxes the full computation queries). So after a change of sites,
//! unchanged transmitters keep their traced footprints, and only the households and thôn
//! within reach of an added, removed or changed transmitter are evaluated again; the result
//! is the full computation's (tests/incremental_update.rs compares the two).

use std::collections::HashMap;
use std::sync::Arc;

use geo::{Intersects, Rect};
use rayon::prelude::*;

use super::engine::{
    Engine, clutters_present, operators, reach_boxes, reach_tree, trace, transmitters,
};
use super::households::household_cover;
use super::stats::Stats;
use crate::domain::Tech;
use crate::index::Snapshot;

/// An engine over changed sites, and where the change reaches.
pub struct SiteUpdate {
    /// The engine over the new sites.
    pub engine: Engine,
    /// Reach boxes (metres) of every 4G/5G transmitter added, removed or changed: the old
    /// box of what went, the new box of what came.
    pub changed: Vec<Rect<f64>>,
}

impl Engine {
    /// The engine over `snapshot`, whose thôn, fiber and households are this engine's and
    /// only whose sites differ. None when the set of operators changes: their bits in the
    /// household masks shift, and everything must be evaluated anew.
    pub fn with_sites(&self, snapshot: Arc<Snapshot>) -> Option<SiteUpdate> {
        let operators = operators(&snapshot);
        if operators != self.operators {
            return None;
        }
        let transmitters = transmitters(&snapshot, &operators, self.config.model);
        let kept = self.unchanged(&snapshot, &transmitters);
        let clutters = clutters_present(&snapshot);
        let footprints: Vec<_> = transmitters
            .par_iter()
            .zip(&kept)
            .map(|(tx, old)| match old {
                Some(j) => self.footprints[*j].clone(),
                None => crate::radio::without_notes(|| {
                    trace(
                        tx,
                        &snapshot,
                        self.model.as_deref(),
                        &clutters,
                        &self.config,
                    )
                }),
            })
            .collect();
        let boxes = reach_boxes(&snapshot, &transmitters, &footprints);
        let changed = self.changed_boxes(&transmitters, &kept, &boxes);
        let mut engine = Engine {
            snapshot,
            config: self.config,
            operators,
            transmitters,
            model: self.config.model.path_loss_model(),
            footprints,
            reach_tree: reach_tree(&boxes),
            reach_boxes: boxes,
            fiber_zones: self.fiber_zones.clone(),
            max_drop_m: self.max_drop_m,
            household_cover: super::CoverTable::default(),
        };
        engine.household_cover = self.households_after(&engine, &changed);
        Some(SiteUpdate { engine, changed })
    }

    /// Per new transmitter, the old transmitter it equals (same site values, same
    /// technology), whose footprint it can keep.
    fn unchanged(&self, snapshot: &Snapshot, txs: &[super::Transmitter]) -> Vec<Option<usize>> {
        let old_sites = &self.snapshot.dataset.sites;
        let by_key: HashMap<(&str, &str, Tech), usize> = self
            .transmitters
            .iter()
            .enumerate()
            .map(|(j, tx)| {
                let s = &old_sites[tx.site];
                ((s.operator.as_str(), s.id.as_str(), tx.tech), j)
            })
            .collect();
        txs.iter()
            .map(|tx| {
                let s = &snapshot.dataset.sites[tx.site];
                by_key
                    .get(&(s.operator.as_str(), s.id.as_str(), tx.tech))
                    .copied()
                    .filter(|&j| old_sites[self.transmitters[j].site] == *s)
            })
            .collect()
    }

    /// The reach boxes of measured (4G/5G) transmitters that went or came.
    fn changed_boxes(
        &self,
        txs: &[super::Transmitter],
        kept: &[Option<usize>],
        boxes: &[Rect<f64>],
    ) -> Vec<Rect<f64>> {
        let measured = |t: Tech| matches!(t, Tech::G4 | Tech::G5);
        let mut still = vec![false; self.transmitters.len()];
        kept.iter().flatten().for_each(|&j| still[j] = true);
        let gone = self
            .transmitters
            .iter()
            .zip(&self.reach_boxes)
            .zip(&still)
            .filter(|((tx, _), kept)| measured(tx.tech) && !**kept)
            .map(|((_, b), _)| *b);
        let came = txs
            .iter()
            .zip(boxes)
            .zip(kept)
            .filter(|((tx, _), old)| measured(tx.tech) && old.is_none())
            .map(|((_, b), _)| *b);
        gone.chain(came).collect()
    }

    /// This engine's household cover, evaluated again in `next` where a changed box reaches.
    /// The candidates are the households of the thôn whose box meets a changed box, and
    /// those outside every thôn.
    fn households_after(&self, next: &Engine, changed: &[Rect<f64>]) -> super::CoverTable {
        let snap = &next.snapshot;
        let mut candidates: Vec<usize> = changed
            .iter()
            .flat_map(|b| snap.thon_in(*b))
            .flat_map(|t| snap.households_by_thon[t].iter().copied())
            .chain(snap.unassigned_households.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let again: Vec<(usize, super::HouseholdCover)> = candidates
            .into_par_iter()
            .filter(|&h| {
                changed
                    .iter()
                    .any(|b| b.intersects(&snap.households[h].location))
            })
            .map(|h| (h, household_cover(next, &snap.households[h])))
            .collect();
        self.household_cover.with_changes(again)
    }

    /// Figures after a site update: thôn whose box meets a changed box are computed again,
    /// the others keep their figures from `before`; the total is summed anew.
    pub fn stats_after(&self, before: &Stats, changed: &[Rect<f64>]) -> Stats {
        let thon = (0..self.snapshot.thon.len())
            .into_par_iter()
            .map(|t| {
                let bbox = self.snapshot.thon[t].bbox;
                if changed.iter().any(|b| b.intersects(&bbox)) {
                    self.thon_stats(t)
                } else {
                    before.thon[t].clone()
                }
            })
            .collect();
        self.stats_from(thon)
    }
}
