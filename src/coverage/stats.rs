//! Per-thôn figures and commune totals: area, households and people covered per measure,
//! overall and per operator.

use std::collections::BTreeMap;

use geo::{Area, MultiPolygon};
use rayon::prelude::*;
use serde::Serialize;

use super::Measure;
use super::engine::Engine;
use super::overlay::{intersection, union_all};

/// Covered area, households and people for one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Covered area, m².
    pub area_m2: f64,
    /// Covered area over the total area.
    pub area_fraction: f64,
    /// Households covered.
    pub households: u64,
    /// Households covered over all households (0 when there are none).
    pub households_fraction: f64,
    /// People covered.
    pub population: f64,
    /// People covered over the population.
    pub population_fraction: f64,
}

/// The figures of one thôn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThonStats {
    /// Thôn id.
    pub id: String,
    /// Thôn name.
    pub name: String,
    /// Its commune.
    pub commune: String,
    /// Area, m².
    pub area_m2: f64,
    /// Household points inside it.
    pub households: u64,
    /// Households as declared in the thôn layer.
    pub households_declared: u64,
    /// Population as declared in the thôn layer.
    pub population: f64,
    /// "households" when people covered come from household points; "area" when the thôn
    /// has no household points and people covered are estimated by the covered area.
    pub population_basis: &'static str,
    /// Figures per measure.
    pub coverage: BTreeMap<Measure, Figures>,
    /// Figures per operator and measure.
    pub by_operator: BTreeMap<String, BTreeMap<Measure, Figures>>,
}

/// The figures of the whole area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalStats {
    /// Area, m².
    pub area_m2: f64,
    /// Household points inside some thôn.
    pub households: u64,
    /// Population as declared.
    pub population: f64,
    /// Figures per measure.
    pub coverage: BTreeMap<Measure, Figures>,
    /// Figures per operator and measure.
    pub by_operator: BTreeMap<String, BTreeMap<Measure, Figures>>,
}

/// The output of `phusong stats` and the thôn figures of the API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Model name.
    pub model: String,
    /// The working metric CRS, e.g. "EPSG:32649".
    pub metric_crs: String,
    /// The covered threshold, dBm.
    pub covered_rsrp_dbm: f64,
    /// Per thôn, in the file's order.
    pub thon: Vec<ThonStats>,
    /// The whole area.
    pub total: TotalStats,
    /// Households outside every thôn (counted in no thôn).
    pub unassigned_households: u64,
}

/// The covered part of one thôn per measure: overall, and per operator.
pub(crate) struct ThonCover {
    pub all: [MultiPolygon<f64>; 5],
    pub per_operator: Vec<[MultiPolygon<f64>; 5]>,
}

impl Engine {
    /// Figures for every thôn and the total.
    pub fn stats(&self) -> Stats {
        let thon: Vec<ThonStats> = (0..self.snapshot.thon.len())
            .into_par_iter()
            .map(|t| self.thon_stats(t))
            .collect();
        self.stats_from(thon)
    }

    /// The figures of the whole area from those of every thôn.
    pub(crate) fn stats_from(&self, thon: Vec<ThonStats>) -> Stats {
        let total = self.total(&thon);
        Stats {
            model: self.config.model.to_string(),
            metric_crs: self.snapshot.metric_crs.to_string(),
            covered_rsrp_dbm: self.config.covered_rsrp_dbm,
            thon,
            total,
            unassigned_households: self.snapshot.unassigned_households.len() as u64,
        }
    }

    /// Figures of one thôn (by index).
    pub fn thon_stats(&self, t: usize) -> ThonStats {
        let snap = &self.snapshot;
        let th = &snap.dataset.thon[t];
        let cover = self.thon_cover(t);
        let area = snap.thon[t].area_m2;
        let figures = |m: Measure, poly: &MultiPolygon<f64>, op: Option<usize>| {
            self.figures(t, m, poly.unsigned_area(), op)
        };
        let coverage = Measure::ALL
            .into_iter()
            .map(|m| (m, figures(m, &cover.all[m.index()], None)))
            .collect();
        let by_operator = self
            .operators
            .iter()
            .enumerate()
            .map(|(o, name)| {
                let per = Measure::ALL
                    .into_iter()
                    .map(|m| (m, figures(m, &cover.per_operator[o][m.index()], Some(o))))
                    .collect();
                (name.clone(), per)
            })
            .collect();
        ThonStats {
            id: th.id.clone(),
            name: th.name.clone(),
            commune: th.commune.clone(),
            area_m2: area,
            households: snap.households_by_thon[t].len() as u64,
            households_declared: th.households,
            population: th.population as f64,
            population_basis: if snap.households_by_thon[t].is_empty() {
                "area"
            } else {
                "households"
            },
            coverage,
            by_operator,
        }
    }

    /// The covered figures of one thôn for one measure, given its covered area.
    pub(crate) fn thon_stats_for(&self, t: usize, m: Measure, covered_m2: f64) -> Figures {
        self.figures(t, m, covered_m2, None)
    }

    fn figures(&self, t: usize, m: Measure, covered_m2: f64, op: Option<usize>) -> Figures {
        let snap = &self.snapshot;
        let area = snap.thon[t].area_m2;
        let area_fraction = if area > 0.0 {
            (covered_m2 / area).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let members = &snap.households_by_thon[t];
        let is_covered = |h: usize| match op {
            None => self.household_cover[h].covered(m),
            Some(o) => self.household_cover[h].covered_by(m, o),
        };
        let covered: Vec<usize> = members.iter().copied().filter(|&h| is_covered(h)).collect();
        let pop = snap.dataset.thon[t].population as f64;
        let people = if members.is_empty() {
            area_fraction * pop
        } else {
            // Adding 0.0 turns the empty sum's −0.0 into 0.0.
            covered
                .iter()
                .map(|&h| snap.households[h].people)
                .sum::<f64>()
                + 0.0
        };
        Figures {
            area_m2: covered_m2.min(area),
            area_fraction,
            households: covered.len() as u64,
            households_fraction: ratio(covered.len() as f64, members.len() as f64),
            population: people,
            population_fraction: ratio(people, pop),
        }
    }

    fn total(&self, thon: &[ThonStats]) -> TotalStats {
        let sum = |f: &dyn Fn(&ThonStats) -> Option<Figures>| -> Figures {
            let mut acc = Figures::default();
            for f in thon.iter().filter_map(f) {
                acc.area_m2 += f.area_m2;
                acc.households += f.households;
                acc.population += f.population;
            }
            acc
        };
        let area: f64 = thon.iter().map(|t| t.area_m2).sum();
        let households: u64 = thon.iter().map(|t| t.households).sum();
        let population: f64 = thon.iter().map(|t| t.population).sum();
        let finish = |mut f: Figures| {
            f.area_fraction = ratio(f.area_m2, area);
            f.households_fraction = ratio(f.households as f64, households as f64);
            f.population_fraction = ratio(f.population, population);
            f
        };
        let coverage = Measure::ALL
            .into_iter()
            .map(|m| (m, finish(sum(&|t| t.coverage.get(&m).copied()))))
            .collect();
        let by_operator = self
            .operators
            .iter()
            .map(|op| {
                let per = Measure::ALL
                    .into_iter()
                    .map(|m| {
                        (
                            m,
                            finish(sum(&|t| {
                                t.by_operator.get(op).and_then(|p| p.get(&m)).copied()
                            })),
                        )
                    })
                    .collect();
                (op.clone(), per)
            })
            .collect();
        TotalStats {
            area_m2: area,
            households,
            population,
            coverage,
            by_operator,
        }
    }

    /// The covered part of a thôn per measure, overall and per operator, clipped to it.
    pub(crate) fn thon_cover(&self, t: usize) -> ThonCover {
        let th = &self.snapshot.thon[t];
        let per_operator: Vec<[MultiPolygon<f64>; 5]> = self
            .pieces(t)
            .into_iter()
            .map(|p| {
                let mut clipped: [MultiPolygon<f64>; 5] =
                    p.map(|polys| clip(&th.geometry, th.bbox, polys));
                clipped[Measure::Mobile.index()] =
                    union_of_parts([&clipped[Measure::G4.index()], &clipped[Measure::G5.index()]]);
                clipped
            })
            .collect();
        let all: [MultiPolygon<f64>; 5] =
            std::array::from_fn(|m| union_of_parts(per_operator.iter().map(|p| &p[m])));
        ThonCover { all, per_operator }
    }

    /// The covered part of a thôn for one measure, by anyone: what a gap is cut from, without
    /// the other measures and the per-operator overlays `thon_cover` also makes.
    pub(crate) fn thon_covered(&self, t: usize, m: Measure) -> MultiPolygon<f64> {
        let th = &self.snapshot.thon[t];
        let wanted: &[Measure] = match m {
            Measure::Mobile => &[Measure::G4, Measure::G5],
            _ => std::slice::from_ref(&m),
        };
        let polys = self
            .pieces(t)
            .into_iter()
            .flat_map(|mut p| {
                wanted
                    .iter()
                    .flat_map(move |w| std::mem::take(&mut p[w.index()]))
            })
            .collect();
        clip(&th.geometry, th.bbox, polys)
    }

    /// Per operator and measure, the footprints and fiber zones that may meet a thôn (the
    /// mobile slot stays empty: it is the union of 4G and 5G).
    fn pieces(&self, t: usize) -> Vec<[Vec<&MultiPolygon<f64>>; 5]> {
        let snap = &self.snapshot;
        let th = &snap.thon[t];
        let clutter = snap.dataset.thon[t].clutter;
        let n = self.operators.len();
        let mut pieces: Vec<[Vec<&MultiPolygon<f64>>; 5]> =
            (0..n).map(|_| Default::default()).collect();
        for i in self.candidates_in(th.bbox) {
            let tx = &self.transmitters[i];
            let slot = match tx.tech {
                crate::domain::Tech::G4 => Measure::G4,
                crate::domain::Tech::G5 => Measure::G5,
                _ => continue,
            };
            if let Some(fp) = self.footprint(i, clutter) {
                pieces[tx.operator][slot.index()].push(fp);
            }
        }
        let near = geo::Rect::new(
            geo::coord! { x: th.bbox.min().x - self.max_drop_m, y: th.bbox.min().y - self.max_drop_m },
            geo::coord! { x: th.bbox.max().x + self.max_drop_m, y: th.bbox.max().y + self.max_drop_m },
        );
        let mut routes: Vec<usize> = snap.fiber_in(near).collect();
        routes.sort_unstable();
        routes.dedup();
        for r in routes {
            let f = &snap.dataset.fiber[r];
            let o = self.operator_index(&f.operator).unwrap_or(0);
            pieces[o][Measure::Fiber.index()].push(&self.fiber_zones[r]);
            if f.max_speed_mbps >= 1000.0 {
                pieces[o][Measure::Fiber1G.index()].push(&self.fiber_zones[r]);
            }
        }
        pieces
    }
}

/// The union of the polygons, clipped to the thôn. Each polygon is first cut to the thôn's
/// box; one that fills the box covers the whole thôn, and no overlay is needed.
fn clip(
    thon: &MultiPolygon<f64>,
    bbox: geo::Rect<f64>,
    polys: Vec<&MultiPolygon<f64>>,
) -> MultiPolygon<f64> {
    let mut cut = Vec::with_capacity(polys.len());
    for p in polys {
        let c = super::clip::clip_to_rect(p, bbox);
        if super::clip::fills(&c, bbox) {
            return thon.clone();
        }
        if !c.0.is_empty() {
            cut.push(c);
        }
    }
    if cut.is_empty() {
        return MultiPolygon(Vec::new());
    }
    intersection(thon, &union_all(&cut))
}

/// The union of covered parts that are each an overlay's output: where at most one is not
/// empty it is the union, and no overlay is run (most thôn have one operator's 5G, or none).
fn union_of_parts<'a>(parts: impl IntoIterator<Item = &'a MultiPolygon<f64>>) -> MultiPolygon<f64> {
    let parts: Vec<&MultiPolygon<f64>> = parts.into_iter().filter(|p| !p.0.is_empty()).collect();
    match parts.as_slice() {
        [] => MultiPolygon(Vec::new()),
        [only] => (*only).clone(),
        _ => union_all(parts),
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        (a / b).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use geo::{
        Area, BoundingRect, Buffer, MultiLineString, MultiPolygon, Orient, orient::Direction,
    };
    use serde_json::Value;

    use super::clip;

    /// A case found by comparing with PostGIS (scripts/bench/postgis.sh), in metres.
    fn case(name: &str) -> Value {
        let path = format!(
            "{}/tests/fixtures/overlay/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("the case file is there");
        serde_json::from_str(&text).expect("the case is JSON")
    }

    fn geometry<T: TryFrom<geo::Geometry<f64>>>(v: &Value) -> T {
        let g: geojson::Geometry = serde_json::from_value(v.clone()).expect("GeoJSON geometry");
        let g: geo::Geometry<f64> = g.try_into().expect("a geo geometry");
        T::try_from(g).ok().expect("of the expected type")
    }

    #[test]
    fn a_fiber_corridor_cut_to_a_spike_at_the_box_corner_keeps_its_area() {
        let v = case("fiber-T001008.json");
        let thon: MultiPolygon<f64> = geometry(&v["thon"]);
        let route: MultiLineString<f64> = geometry(&v["fiber"][0]["geom"]);
        let drop_m = v["fiber"][0]["drop"].as_f64().expect("a drop distance");
        let zone = route.buffer(drop_m).orient(Direction::Default);
        let bbox = thon.bounding_rect().expect("a thôn has a box");
        let covered = clip(&thon, bbox, vec![&zone]).unsigned_area() / thon.unsigned_area();
        // PostGIS gives 0.3687 and an independent Monte Carlo 0.3700 ± 0.0042; this used to
        // give 0.
        assert!((covered - 0.3687).abs() < 0.001, "{covered}");
    }

    #[test]
    fn two_sectored_sites_overlay_to_their_area() {
        let v = case("sectors-T003594.json");
        let thon: MultiPolygon<f64> = geometry(&v["thon"]);
        let footprints: Vec<MultiPolygon<f64>> = v["tx"]
            .as_array()
            .expect("sites")
            .iter()
            .map(|tx| {
                let at =
                    geo::Point::new(tx["x"].as_f64().expect("x"), tx["y"].as_f64().expect("y"));
                let r = tx["r"].as_f64().expect("r");
                let wedges: Vec<geo::Polygon<f64>> = tx["sectors"]
                    .as_array()
                    .expect("sectors")
                    .iter()
                    .map(|s| {
                        let (az, bw) = (s[0].as_f64().expect("az"), s[1].as_f64().expect("bw"));
                        crate::coverage::footprint::wedge(at, r, az, bw)
                    })
                    .collect();
                geo::unary_union(&wedges).orient(Direction::Default)
            })
            .collect();
        let bbox = thon.bounding_rect().expect("a thôn has a box");
        let covered =
            clip(&thon, bbox, footprints.iter().collect()).unsigned_area() / thon.unsigned_area();
        // PostGIS gives 0.3729 and an independent Monte Carlo 0.3759 ± 0.0042.
        assert!((covered - 0.3729).abs() < 0.005, "{covered}");
    }
}
