//! The point query: what covers a place, how well, and how far the fiber is.

use std::collections::BTreeMap;

use geo::Point;
use serde::Serialize;

use super::Measure;
use super::engine::Engine;
use super::footprint::bearing_deg;
use super::households::RadioBits;
use super::transmitter::{Basis, Signal};
use crate::crs::{CrsError, WGS84, with_transformer};
use crate::domain::Clutter;

/// One candidate site's signal at the point. The report borrows its names from the engine: a
/// point query is answered at a high rate, and copying every site's strings was a large part
/// of its cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteAt<'a> {
    /// Operator.
    pub operator: &'a str,
    /// Site id.
    pub site_id: &'a str,
    /// Technology.
    pub tech: &'static str,
    /// Horizontal distance, m.
    #[serde(serialize_with = "super::rounded::hundredths")]
    pub distance_m: f64,
    /// Bearing from the site to the point, degrees clockwise from north.
    #[serde(serialize_with = "super::rounded::hundredths")]
    pub bearing_deg: f64,
    /// How coverage was decided.
    pub basis: Basis,
    /// The signal.
    #[serde(flatten)]
    pub signal: Signal,
}

/// The fiber nearest the point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiberAt<'a> {
    /// Route id.
    pub route_id: &'a str,
    /// Operator.
    pub operator: &'a str,
    /// Distance to the route, m.
    #[serde(serialize_with = "super::rounded::hundredths")]
    pub distance_m: f64,
    /// The route's speed, Mb/s.
    pub max_speed_mbps: f64,
    /// The route's longest drop, m.
    pub max_drop_m: f64,
    /// Within the drop distance: a connection is possible.
    pub within_drop: bool,
}

/// Everything the service knows about one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointReport<'a> {
    /// Longitude, WGS 84.
    pub lon: f64,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// The thôn the point lies in.
    pub thon: Option<ThonRef<'a>>,
    /// The radio environment used.
    pub clutter: Clutter,
    /// Per measure, the operators that cover the point (empty: not covered).
    pub covered: BTreeMap<Measure, Vec<&'a str>>,
    /// Per technology and operator, the strongest site that covers the point.
    pub best: BTreeMap<&'static str, BTreeMap<&'a str, SiteAt<'a>>>,
    /// Every candidate site within reach, strongest first per technology; left out of an
    /// answer that did not ask for it (the map colours by `best` and `covered` alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sites: Option<Vec<SiteAt<'a>>>,
    /// The nearest fiber route.
    pub fiber: Option<FiberAt<'a>>,
}

/// A thôn named in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThonRef<'a> {
    /// Id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
}

impl Engine {
    /// The point query at a WGS 84 lon/lat.
    pub fn point(&self, lon: f64, lat: f64) -> Result<PointReport<'_>, CrsError> {
        let metric = self.snapshot.metric_crs;
        let c = with_transformer(WGS84, metric, |t| t.coord(geo::coord! { x: lon, y: lat }))??;
        let p = Point(c);
        let thon_index = self.snapshot.thon_at(p);
        let clutter = self.clutter_of(thon_index);
        // One pass over the sites within reach and one over the routes near the point give
        // both the lists and the cover, the households' primitive gathered from them.
        let (mut sites, radio) = self.sites_at(p, clutter);
        sites.sort_by(|a, b| a.tech.cmp(b.tech).then(strength(b).total_cmp(&strength(a))));
        let near: Vec<(usize, f64)> = self.snapshot.fiber_within(p, self.max_drop_m).collect();
        let cover = radio.with_fiber(self, near.iter().copied());
        let covered = Measure::ALL
            .into_iter()
            .map(|m| {
                let ops = self
                    .operators
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| cover.covered_by(m, *o));
                (m, ops.map(|(_, name)| name.as_str()).collect())
            })
            .collect();
        Ok(PointReport {
            lon,
            lat,
            thon: thon_index.map(|t| {
                let th = &self.snapshot.dataset.thon[t];
                ThonRef {
                    id: &th.id,
                    name: &th.name,
                }
            }),
            clutter,
            covered,
            best: best(&sites),
            sites: Some(sites),
            fiber: self.fiber_at(p, &near),
        })
    }

    /// Every candidate site's signal at the point, and the 4G/5G cover they give.
    fn sites_at(&self, p: Point<f64>, clutter: Clutter) -> (Vec<SiteAt<'_>>, RadioBits) {
        let snap = &self.snapshot;
        let mut radio = RadioBits::default();
        let sites = self
            .candidates(p)
            .map(|i| {
                let tx = &self.transmitters[i];
                let site = &snap.dataset.sites[tx.site];
                let o = snap.sites[tx.site].location;
                let d = ((p.x() - o.x()).powi(2) + (p.y() - o.y()).powi(2)).sqrt();
                let b = bearing_deg(o, p);
                let signal = tx.signal(
                    self.model.as_deref(),
                    d,
                    b,
                    clutter,
                    self.config.covered_rsrp_dbm,
                );
                radio.add(tx, signal.covered);
                SiteAt {
                    operator: &site.operator,
                    site_id: &site.id,
                    tech: tx.tech.as_str(),
                    distance_m: d,
                    bearing_deg: b,
                    basis: tx.basis,
                    signal,
                }
            })
            .collect();
        (sites, radio)
    }

    /// The fiber answer, from the routes within the longest drop distance of the point.
    fn fiber_at(&self, p: Point<f64>, near: &[(usize, f64)]) -> Option<FiberAt<'_>> {
        let snap = &self.snapshot;
        // The nearest route that can connect the point wins over a nearer one that cannot.
        let connectable = near
            .iter()
            .copied()
            .filter(|(r, d)| *d <= snap.dataset.fiber[*r].max_drop_m)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let (r, d) = connectable.or_else(|| snap.nearest_fiber(p))?;
        let f = &snap.dataset.fiber[r];
        Some(FiberAt {
            route_id: &f.id,
            operator: &f.operator,
            distance_m: d,
            max_speed_mbps: f.max_speed_mbps,
            max_drop_m: f.max_drop_m,
            within_drop: d <= f.max_drop_m,
        })
    }
}

/// Ordering key: RSRP under a model, closeness under a disc.
fn strength(s: &SiteAt<'_>) -> f64 {
    s.signal.rsrp_dbm.unwrap_or(-s.distance_m)
}

fn best<'a>(sites: &[SiteAt<'a>]) -> BTreeMap<&'static str, BTreeMap<&'a str, SiteAt<'a>>> {
    let mut out: BTreeMap<&'static str, BTreeMap<&'a str, SiteAt<'a>>> = BTreeMap::new();
    for s in sites.iter().filter(|s| s.signal.covered) {
        let per_op = out.entry(s.tech).or_default();
        let better = per_op
            .get(s.operator)
            .is_none_or(|cur| strength(s) > strength(cur));
        if better {
            per_op.insert(s.operator, s.clone());
        }
    }
    out
}
