//! The prepared engine: a snapshot with every transmitter resolved, its footprints traced,
//! the fiber drop zones buffered and every household evaluated.

use std::collections::BTreeSet;
use std::sync::Arc;

use geo::{Buffer, MultiPolygon, Orient, Point, Rect, orient::Direction};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use super::CoverTable;
use super::CoverageConfig;
use super::footprint::{footprint, max_reach};
use super::households::evaluate_households;
use super::transmitter::Transmitter;
use crate::domain::{Clutter, Tech};
use crate::index::Snapshot;
use crate::radio::{ModelKind, PathLossModel};

/// A transmitter's footprint per radio environment (one shared footprint when the
/// environment does not matter: discs, and models that ignore it), with its farthest
/// reach. Shared, so that a version after an upload keeps the unchanged ones without
/// copying their vertices.
#[derive(Debug, Clone)]
pub(crate) struct Footprints {
    shapes: Arc<Vec<(Clutter, MultiPolygon<f64>)>>,
    /// The farthest vertex from the site over every shape, m (0 without a shape).
    reach_m: f64,
}

impl Footprints {
    fn new(shapes: Vec<(Clutter, MultiPolygon<f64>)>, origin: Point<f64>) -> Self {
        let reach_m = shapes
            .iter()
            .map(|(_, p)| max_reach(p, origin))
            .fold(0.0, f64::max);
        Footprints {
            shapes: Arc::new(shapes),
            reach_m,
        }
    }

    pub(crate) fn get(&self, clutter: Clutter) -> Option<&MultiPolygon<f64>> {
        match self.shapes.as_slice() {
            [(_, only)] => Some(only),
            all => all.iter().find(|(c, _)| *c == clutter).map(|(_, f)| f),
        }
    }
}

/// Everything the coverage queries need, built once per snapshot and configuration.
pub struct Engine {
    /// The data.
    pub snapshot: Arc<Snapshot>,
    /// The run's settings.
    pub config: CoverageConfig,
    /// Operators of sites and fiber, sorted; their index is their bit in coverage masks.
    pub operators: Vec<String>,
    /// Every technology of every site.
    pub transmitters: Vec<Transmitter>,
    pub(crate) model: Option<Box<dyn PathLossModel>>,
    pub(crate) footprints: Vec<Footprints>,
    /// Each transmitter's reach box, in transmitter order (the boxes of `reach_tree`).
    pub(crate) reach_boxes: Vec<Rect<f64>>,
    pub(crate) reach_tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    /// Each route's drop zone (shared between versions that keep the fiber layer).
    pub(crate) fiber_zones: Arc<Vec<MultiPolygon<f64>>>,
    pub(crate) max_drop_m: f64,
    /// Per household (dataset order): which operators cover it, per measure.
    pub household_cover: CoverTable,
}

impl Engine {
    /// Prepares the engine: resolves and traces every 4G/5G transmitter, buffers the fiber
    /// routes and evaluates every household. CPU-bound; runs on the rayon pool.
    pub fn new(snapshot: Arc<Snapshot>, config: CoverageConfig) -> Self {
        let started = std::time::Instant::now();
        let operators = operators(&snapshot);
        let transmitters = transmitters(&snapshot, &operators, config.model);
        let model = config.model.path_loss_model();
        let clutters = clutters_present(&snapshot);
        let footprints: Vec<Footprints> = transmitters
            .par_iter()
            .map(|tx| {
                crate::radio::without_notes(|| {
                    trace(tx, &snapshot, model.as_deref(), &clutters, &config)
                })
            })
            .collect();
        tracing::debug!(elapsed = ?started.elapsed(), transmitters = transmitters.len(), "footprints traced");
        let reach_boxes = reach_boxes(&snapshot, &transmitters, &footprints);
        let reach_tree = reach_tree(&reach_boxes);
        let fiber_zones: Vec<_> = snapshot
            .dataset
            .fiber
            .par_iter()
            .zip(snapshot.fiber.par_iter())
            .map(|(f, m)| m.geometry.buffer(f.max_drop_m).orient(Direction::Default))
            .collect();
        let max_drop_m = snapshot
            .dataset
            .fiber
            .iter()
            .map(|f| f.max_drop_m)
            .fold(0.0, f64::max);
        let mut engine = Engine {
            snapshot,
            config,
            operators,
            transmitters,
            model,
            footprints,
            reach_boxes,
            reach_tree,
            fiber_zones: Arc::new(fiber_zones),
            max_drop_m,
            household_cover: CoverTable::default(),
        };
        engine.household_cover = CoverTable::new(evaluate_households(&engine));
        tracing::debug!(elapsed = ?started.elapsed(), households = engine.household_cover.len(), "households evaluated");
        engine
    }

    /// The radio environment of a thôn (by index), or rural outside every thôn.
    pub(crate) fn clutter_of(&self, thon: Option<usize>) -> Clutter {
        thon.map(|t| self.snapshot.dataset.thon[t].clutter)
            .unwrap_or_default()
    }

    /// Transmitters whose reach (a box around the site) contains a metric point.
    pub(crate) fn candidates(&self, p: Point<f64>) -> impl Iterator<Item = usize> + '_ {
        self.reach_tree
            .locate_all_at_point(&[p.x(), p.y()])
            .map(|b| b.data)
    }

    /// Transmitters whose reach box meets a metric box.
    pub(crate) fn candidates_in(&self, r: Rect<f64>) -> impl Iterator<Item = usize> + '_ {
        let env = rstar::AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]);
        self.reach_tree
            .locate_in_envelope_intersecting(&env)
            .map(|b| b.data)
    }

    /// The footprint of a transmitter in an environment (empty for 2G/3G, not traced).
    pub(crate) fn footprint(&self, tx: usize, clutter: Clutter) -> Option<&MultiPolygon<f64>> {
        self.footprints[tx].get(clutter)
    }

    /// The operator's bit index.
    pub fn operator_index(&self, name: &str) -> Option<usize> {
        self.operators.iter().position(|o| o == name)
    }
}

pub(crate) fn operators(snap: &Snapshot) -> Vec<String> {
    let names: BTreeSet<&String> = snap
        .dataset
        .sites
        .iter()
        .map(|s| &s.operator)
        .chain(snap.dataset.fiber.iter().map(|f| &f.operator))
        .collect();
    names.into_iter().cloned().collect()
}

pub(crate) fn transmitters(
    snap: &Snapshot,
    operators: &[String],
    model: ModelKind,
) -> Vec<Transmitter> {
    let op = |name: &str| operators.iter().position(|o| o == name).unwrap_or(0);
    snap.dataset
        .sites
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.tech
                .iter()
                .map(move |&t| Transmitter::new(i, s, t, op(&s.operator), model == ModelKind::Disc))
        })
        .collect()
}

pub(crate) fn clutters_present(snap: &Snapshot) -> Vec<Clutter> {
    let mut c: Vec<Clutter> = snap.dataset.thon.iter().map(|t| t.clutter).collect();
    c.push(Clutter::default());
    c.sort_by_key(|c| c.as_str());
    c.dedup();
    c
}

/// Footprints of one transmitter: only 4G and 5G are measured, so 2G/3G get none.
pub(crate) fn trace(
    tx: &Transmitter,
    snap: &Snapshot,
    model: Option<&dyn PathLossModel>,
    clutters: &[Clutter],
    cfg: &CoverageConfig,
) -> Footprints {
    let origin = snap.sites[tx.site].location;
    if !matches!(tx.tech, Tech::G4 | Tech::G5) {
        return Footprints::new(Vec::new(), origin);
    }
    // geo's unary_union reads the fill rule off the first ring's winding, so every polygon
    // that meets in one union must wind the same way: exterior rings counter-clockwise.
    let draw = |c: Clutter| {
        footprint(tx, model, c, cfg.covered_rsrp_dbm, origin, cfg.rays).orient(Direction::Default)
    };
    if tx.radius_m.is_some() || model.is_none() {
        let only = vec![(Clutter::default(), draw(Clutter::default()))];
        return Footprints::new(only, origin);
    }
    Footprints::new(clutters.iter().map(|&c| (c, draw(c))).collect(), origin)
}

/// Boxes of each transmitter's farthest reach, in transmitter order. 2G/3G have no
/// footprint: their box is their disc radius or the farthest 4G/5G reach of all (for the
/// point query).
pub(crate) fn reach_boxes(
    snap: &Snapshot,
    txs: &[Transmitter],
    fps: &[Footprints],
) -> Vec<Rect<f64>> {
    let global_max = fps.iter().map(|f| f.reach_m).fold(0.0, f64::max);
    txs.iter()
        .zip(fps)
        .map(|(tx, f)| {
            let o = snap.sites[tx.site].location;
            let reach = if f.shapes.is_empty() {
                tx.radius_m.unwrap_or(global_max)
            } else {
                f.reach_m
            };
            // Between traced rays the edge may lie a little beyond the farthest vertex.
            let reach = reach * 1.01 + 1.0;
            Rect::new(
                geo::coord! { x: o.x() - reach, y: o.y() - reach },
                geo::coord! { x: o.x() + reach, y: o.y() + reach },
            )
        })
        .collect()
}

pub(crate) fn reach_tree(boxes: &[Rect<f64>]) -> RTree<GeomWithData<Rectangle<[f64; 2]>, usize>> {
    RTree::bulk_load(
        boxes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                GeomWithData::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i,
                )
            })
            .collect(),
    )
}
