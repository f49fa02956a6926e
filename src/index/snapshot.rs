//! The immutable snapshot of a dataset that every query reads.

use std::sync::Arc;

use geo::{Area, BoundingRect, Intersects, MultiLineString, MultiPolygon, Point, Rect};
use rstar::primitives::{GeomWithData, Line, Rectangle};
use rstar::{AABB, RTree};

use super::households::{HouseholdM, assign_people};
use super::project::metric_crs_for;
use crate::crs::{CrsError, EpsgCode, Transformer, WGS84};
use crate::domain::{Dataset, Site};

/// A thôn in the working metric CRS.
#[derive(Debug, Clone)]
pub struct ThonM {
    /// Boundary, metres.
    pub geometry: MultiPolygon<f64>,
    /// Area, m².
    pub area_m2: f64,
    /// Bounding box, metres.
    pub bbox: Rect<f64>,
}

/// A site's location in the working metric CRS.
#[derive(Debug, Clone, Copy)]
pub struct SiteM {
    /// Location, metres.
    pub location: Point<f64>,
}

/// A fiber route in the working metric CRS.
#[derive(Debug, Clone)]
pub struct FiberM {
    /// Route, metres.
    pub geometry: MultiLineString<f64>,
}

/// A box in the R-tree, tagged with the index of its feature.
pub type IndexedBox = GeomWithData<Rectangle<[f64; 2]>, usize>;
/// A point in the R-tree, tagged with the index of its feature.
pub type IndexedPoint = GeomWithData<[f64; 2], usize>;
/// A fiber segment in the R-tree, tagged with the index of its route.
pub type IndexedSegment = GeomWithData<Line<[f64; 2]>, usize>;

/// Why a snapshot could not be built.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reprojecting to the working CRS failed.
    #[error("reprojecting to the working CRS: {0}")]
    Crs(#[from] CrsError),
}

/// Everything a query needs, in lon/lat (the dataset) and metres (the rest), with R-trees.
pub struct Snapshot {
    /// The layers as imported, WGS 84 lon/lat.
    pub dataset: Dataset,
    /// The working metric CRS.
    pub metric_crs: EpsgCode,
    /// Thôn in metres, in the dataset's order.
    pub thon: Arc<Vec<ThonM>>,
    /// Sites in metres, in the dataset's order.
    pub sites: Vec<SiteM>,
    /// Fiber routes in metres, in the dataset's order.
    pub fiber: Arc<Vec<FiberM>>,
    /// Households in metres, in the dataset's order.
    pub households: Arc<Vec<HouseholdM>>,
    /// Household indices per thôn.
    pub households_by_thon: Arc<Vec<Vec<usize>>>,
    /// Households that lie outside every thôn.
    pub unassigned_households: Arc<Vec<usize>>,
    thon_tree: Arc<RTree<IndexedBox>>,
    site_tree: RTree<IndexedPoint>,
    fiber_tree: Arc<RTree<IndexedSegment>>,
}

impl Snapshot {
    /// Reprojects the dataset to its working CRS (given, or the UTM zone of its centre) and
    /// bulk-loads the R-trees.
    pub fn build(dataset: Dataset, metric: Option<EpsgCode>) -> Result<Self, IndexError> {
        let metric_crs = metric.unwrap_or_else(|| metric_crs_for(&dataset));
        let t = Transformer::new(WGS84, metric_crs)?;
        let thon = dataset
            .thon
            .iter()
            .map(|th| {
                let geometry = t.geometry(&th.geometry)?;
                let bbox = geometry
                    .bounding_rect()
                    .unwrap_or(Rect::new((0.0, 0.0), (0.0, 0.0)));
                Ok(ThonM {
                    area_m2: geometry.unsigned_area(),
                    bbox,
                    geometry,
                })
            })
            .collect::<Result<Vec<_>, CrsError>>()?;
        let sites = project_sites(&t, &dataset.sites)?;
        let fiber = dataset
            .fiber
            .iter()
            .map(|f| {
                Ok(FiberM {
                    geometry: t.geometry(&f.geometry)?,
                })
            })
            .collect::<Result<Vec<_>, CrsError>>()?;
        let thon_tree = RTree::bulk_load(
            thon.iter()
                .enumerate()
                .map(|(i, th)| boxed(th.bbox, i))
                .collect(),
        );
        let mut snap = Snapshot {
            metric_crs,
            thon: Arc::new(thon),
            site_tree: site_tree(&sites),
            fiber_tree: Arc::new(RTree::bulk_load(segments(&fiber))),
            sites,
            fiber: Arc::new(fiber),
            thon_tree: Arc::new(thon_tree),
            households: Arc::default(),
            households_by_thon: Arc::default(),
            unassigned_households: Arc::default(),
            dataset,
        };
        snap.place_households(&t)?;
        Ok(snap)
    }

    /// The same snapshot with another site layer, for an upload of sites: the thôn, fiber
    /// and households (reprojected, indexed and assigned: the costly part) are shared, and
    /// only the sites are reprojected and indexed.
    pub fn with_sites(&self, sites: Vec<Site>) -> Result<Self, IndexError> {
        let t = Transformer::new(WGS84, self.metric_crs)?;
        let sites_m = project_sites(&t, &sites)?;
        Ok(Snapshot {
            dataset: Dataset {
                sites,
                ..self.dataset.clone()
            },
            metric_crs: self.metric_crs,
            thon: self.thon.clone(),
            site_tree: site_tree(&sites_m),
            sites: sites_m,
            fiber: self.fiber.clone(),
            households: self.households.clone(),
            households_by_thon: self.households_by_thon.clone(),
            unassigned_households: self.unassigned_households.clone(),
            thon_tree: self.thon_tree.clone(),
            fiber_tree: self.fiber_tree.clone(),
        })
    }

    fn place_households(&mut self, t: &Transformer) -> Result<(), CrsError> {
        let mut hs = Vec::with_capacity(self.dataset.households.len());
        for (index, h) in self.dataset.households.iter().enumerate() {
            let location = t.geometry(&h.location)?;
            let thon = self.thon_at(location);
            hs.push(HouseholdM {
                index,
                location,
                thon,
                people: 0.0,
            });
        }
        let stated: Vec<Option<f64>> = self.dataset.households.iter().map(|h| h.people).collect();
        let population: Vec<u64> = self.dataset.thon.iter().map(|t| t.population).collect();
        assign_people(&mut hs, &stated, &population);
        let mut by_thon = vec![Vec::new(); self.thon.len()];
        let mut unassigned = Vec::new();
        for h in &hs {
            match h.thon {
                Some(t) => by_thon[t].push(h.index),
                None => unassigned.push(h.index),
            }
        }
        self.households_by_thon = Arc::new(by_thon);
        self.unassigned_households = Arc::new(unassigned);
        self.households = Arc::new(hs);
        Ok(())
    }

    /// The thôn a metric point lies in. A point on the border of two thôn belongs to the one
    /// that comes first in the file (boundaries count as inside: `Intersects`).
    pub fn thon_at(&self, p: Point<f64>) -> Option<usize> {
        self.thon_tree
            .locate_all_at_point(&[p.x(), p.y()])
            .map(|b| b.data)
            .filter(|&i| self.thon[i].geometry.intersects(&p))
            .min()
    }

    /// Thôn whose bounding box meets the box, by index.
    pub fn thon_in(&self, r: Rect<f64>) -> impl Iterator<Item = usize> + '_ {
        self.thon_tree
            .locate_in_envelope_intersecting(&aabb(r))
            .map(|b| b.data)
    }

    /// Sites within `radius_m` of a metric point, by index.
    pub fn sites_within(&self, p: Point<f64>, radius_m: f64) -> impl Iterator<Item = usize> + '_ {
        self.site_tree
            .locate_within_distance([p.x(), p.y()], radius_m * radius_m)
            .map(|s| s.data)
    }

    /// Sites inside a box, by index.
    pub fn sites_in(&self, r: Rect<f64>) -> impl Iterator<Item = usize> + '_ {
        self.site_tree.locate_in_envelope(&aabb(r)).map(|s| s.data)
    }

    /// Fiber segments within `radius_m` of a metric point: (route index, distance in metres).
    pub fn fiber_within(
        &self,
        p: Point<f64>,
        radius_m: f64,
    ) -> impl Iterator<Item = (usize, f64)> + '_ {
        use rstar::PointDistance;
        let q = [p.x(), p.y()];
        self.fiber_tree
            .locate_within_distance(q, radius_m * radius_m)
            .map(move |s| (s.data, s.geom().distance_2(&q).sqrt()))
    }

    /// The nearest fiber segment to a metric point: (route index, distance in metres).
    pub fn nearest_fiber(&self, p: Point<f64>) -> Option<(usize, f64)> {
        use rstar::PointDistance;
        let q = [p.x(), p.y()];
        self.fiber_tree
            .nearest_neighbor(&q)
            .map(|s| (s.data, s.geom().distance_2(&q).sqrt()))
    }

    /// Fiber routes with a segment whose box meets the given box, by index (may repeat).
    pub fn fiber_in(&self, r: Rect<f64>) -> impl Iterator<Item = usize> + '_ {
        self.fiber_tree
            .locate_in_envelope_intersecting(&aabb(r))
            .map(|s| s.data)
    }
}

fn aabb(r: Rect<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y])
}

fn boxed(r: Rect<f64>, i: usize) -> IndexedBox {
    GeomWithData::new(
        Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
        i,
    )
}

fn project_sites(t: &Transformer, sites: &[Site]) -> Result<Vec<SiteM>, CrsError> {
    sites
        .iter()
        .map(|s| {
            Ok(SiteM {
                location: t.geometry(&s.location)?,
            })
        })
        .collect()
}

fn site_tree(sites: &[SiteM]) -> RTree<IndexedPoint> {
    RTree::bulk_load(
        sites
            .iter()
            .enumerate()
            .map(|(i, s)| GeomWithData::new([s.location.x(), s.location.y()], i))
            .collect(),
    )
}

fn segments(fiber: &[FiberM]) -> Vec<IndexedSegment> {
    fiber
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            f.geometry.0.iter().flat_map(move |ls| {
                ls.lines().map(move |l| {
                    GeomWithData::new(Line::new([l.start.x, l.start.y], [l.end.x, l.end.y]), i)
                })
            })
        })
        .collect()
}
