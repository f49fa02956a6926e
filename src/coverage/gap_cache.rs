//! Gap polygons kept for one version of the data. The map asks for the gaps of every thôn when
//! it opens, and computing them costs an overlay per thôn (0.1–0.45 s per measure for a province,
//! 4–20 ms once kept): each
//! thôn's gap for a measure is computed the first time a request needs it and then kept.
//! After a site update, the thôn the change cannot reach keep theirs, by the rule
//! `Engine::stats_after` applies to figures.

use std::sync::{Arc, OnceLock};

use geo::{Intersects, Rect};

use super::Measure;
use super::engine::Engine;
use super::gaps::Gap;

/// One thôn's gap for one measure: None when it has none, or why it could not be made.
type Cell = OnceLock<Result<Option<Arc<Gap>>, String>>;

/// Per thôn and measure, the gap once computed.
pub struct GapCache {
    cells: Vec<[Cell; 5]>,
}

impl GapCache {
    /// An empty cache for `thon` thôn.
    pub fn new(thon: usize) -> Self {
        Self {
            cells: (0..thon).map(|_| Default::default()).collect(),
        }
    }

    /// The cache of the version `next` made by a site update whose changes reach `changed`
    /// (metric boxes): thôn whose box meets one start empty, the others keep their gaps.
    pub fn after(&self, next: &Engine, changed: &[Rect<f64>]) -> Self {
        let cells = self
            .cells
            .iter()
            .zip(next.snapshot.thon.iter())
            .map(|(cells, th)| {
                if changed.iter().any(|b| b.intersects(&th.bbox)) {
                    Default::default()
                } else {
                    cells.clone()
                }
            })
            .collect();
        Self { cells }
    }

    /// The gaps of the given thôn for a measure, computing those not yet known; thôn with no
    /// gap are left out. Concurrent requests for the same gap wait for one computation.
    /// `engine` must be the version this cache belongs to.
    pub fn gaps(
        &self,
        engine: &Engine,
        measure: Measure,
        thon: &[usize],
    ) -> Result<Vec<Arc<Gap>>, String> {
        let mut out = Vec::new();
        for &t in thon {
            let cell = self.cells[t][measure.index()].get_or_init(|| {
                let gap = engine.gap(t, measure).map_err(|e| e.to_string())?;
                Ok(gap.map(Arc::new))
            });
            out.extend(cell.clone()?);
        }
        Ok(out)
    }
}
