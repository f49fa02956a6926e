//! The commune preset: xã Tịnh Thiện, Quảng Ngãi, the project's sample data.
//!
//! The layout is fixed by hand (which thôn lies where, which roads carry fiber, where the sites
//! stand) so the sample tells a story a planner recognises; the seed only moves boundaries,
//! households and figures a little. The story: a provincial road runs east–west through the
//! middle with fiber on it, crossed by a north–south road near Thôn Thiện Hòa; 5G stands only
//! at that crossroads; the hilly western column (Núi Ngang, Gò Đá, Tây Phước) is rural, has no
//! fiber within 600 m and is far from any 5G site — the gaps the map should show.

use std::sync::Arc;

use geo::{MultiLineString, MultiPolygon};
use rand::Rng;

use super::households::{self, Spread};
use super::layout::{CellIndex, bricks};
use super::mesh::{Frame, Grid, Mesh, World};
use super::roads::{Road, samples_by_block};
use super::{sector_ring, stream};
use crate::domain::{
    Clutter, DEFAULT_MAX_DROP_M, Dataset, FiberRoute, Household, Site, Tech, Thon,
};

/// The commune every thôn belongs to.
const COMMUNE: &str = "Tịnh Thiện";
/// Centre of the commune, lon/lat degrees.
const CENTRE: (f64, f64) = (108.78, 15.17);
/// Cells west–east and south–north; with 250 m cells the commune is 5.5 × 4.5 km = 24.75 km².
const NX: usize = 22;
const NY: usize = 18;
const CELL_M: f64 = 250.0;
/// Column widths (cells), west to east.
const WIDTHS: [usize; 4] = [5, 6, 6, 5];
/// Row heights (cells) of each column, south to north: uneven, so boundaries meet in T-junctions.
const HEIGHTS: [[usize; 3]; 4] = [[6, 6, 6], [5, 7, 6], [6, 5, 7], [5, 6, 7]];
/// Seed-driven spread of each thôn's household count around its nominal value.
const HOUSEHOLD_SPREAD: f64 = 0.08;
/// People per household, drawn per thôn; keeps the commune's average within 3.6–4.0.
const PEOPLE_PER_HOUSEHOLD: std::ops::Range<f64> = 3.6..4.0;
/// Road sampling step for households, cells (25 m).
const ROAD_STEP: f64 = 0.1;
/// Vertex spacing of fiber lines, cells (62.5 m): close enough to follow the bent mesh.
const FIBER_STEP: f64 = 0.25;

const SPREAD: Spread = Spread {
    centre_share: 0.5,
    road_share: 0.35,
    centre_sigma: 0.7,
    road_sigma: 0.12,
};

/// One thôn of the hand-made layout.
struct ThonSpec {
    name: &'static str,
    clutter: Clutter,
    /// Nominal households.
    households: u64,
    /// Village centre, grid coordinates.
    centre: Grid,
}

const fn thon(name: &'static str, clutter: Clutter, households: u64, centre: Grid) -> ThonSpec {
    ThonSpec {
        name,
        clutter,
        households,
        centre,
    }
}

/// Thôn in block order: column by column from the west, each column from the south.
const THON: [ThonSpec; 12] = [
    thon("Thôn Tây Phước", Clutter::Rural, 150, [2.5, 3.0]),
    thon("Thôn Gò Đá", Clutter::Rural, 120, [3.0, 10.8]),
    thon("Thôn Núi Ngang", Clutter::Rural, 90, [2.0, 15.0]),
    thon("Thôn Phước Lộc", Clutter::Rural, 220, [8.5, 2.8]),
    thon("Thôn Trung An", Clutter::Suburban, 330, [9.5, 9.5]),
    thon("Thôn Xuân Hòa", Clutter::Rural, 200, [8.0, 15.0]),
    thon("Thôn Hòa Bình", Clutter::Rural, 250, [13.5, 3.0]),
    thon("Thôn Thiện Hòa", Clutter::Suburban, 420, [13.8, 9.0]),
    thon("Thôn Mỹ Thạnh", Clutter::Rural, 230, [14.5, 14.5]),
    thon("Thôn An Phú", Clutter::Rural, 200, [19.5, 2.5]),
    thon("Thôn Bình Đông", Clutter::Suburban, 300, [19.0, 8.5]),
    thon("Thôn Đông Hòa", Clutter::Rural, 210, [19.5, 15.5]),
];

/// Indices into [`THON`] of the remote western column, for tests of the gaps.
#[cfg(test)]
pub(crate) const WESTERN: [usize; 3] = [0, 1, 2];

/// A fiber route laid along a road.
struct FiberSpec {
    id: &'static str,
    operator: &'static str,
    max_speed_mbps: f64,
}

/// A road, and the fiber along it if any.
struct RoadSpec {
    points: &'static [Grid],
    fiber: Option<FiberSpec>,
}

const ROADS: [RoadSpec; 6] = [
    // Provincial road, east edge to Trung An; fiber ends 3 cells (≥ 600 m) short of the west.
    RoadSpec {
        points: &[
            [22.0, 9.4],
            [18.0, 9.0],
            [14.0, 9.3],
            [11.0, 9.6],
            [8.0, 9.2],
        ],
        fiber: Some(FiberSpec {
            id: "VNPT-TT-01",
            operator: "VNPT",
            max_speed_mbps: 1000.0,
        }),
    },
    // Its dirt continuation into the hills of Gò Đá: households, no fiber.
    RoadSpec {
        points: &[[8.0, 9.2], [5.5, 10.0], [3.0, 11.0], [1.0, 12.5]],
        fiber: None,
    },
    RoadSpec {
        points: &[
            [13.6, 0.0],
            [13.3, 5.0],
            [13.8, 9.3],
            [13.2, 14.0],
            [12.8, 18.0],
        ],
        fiber: Some(FiberSpec {
            id: "VTL-TT-01",
            operator: "Viettel",
            max_speed_mbps: 1000.0,
        }),
    },
    // The older route to the north-east, still 100 Mb/s.
    RoadSpec {
        points: &[[13.52, 11.5], [16.5, 13.5], [19.5, 15.5], [21.5, 16.2]],
        fiber: Some(FiberSpec {
            id: "VNPT-TT-02",
            operator: "VNPT",
            max_speed_mbps: 100.0,
        }),
    },
    RoadSpec {
        points: &[[13.4, 4.0], [11.0, 3.8], [9.0, 3.5]],
        fiber: Some(FiberSpec {
            id: "VTL-TT-02",
            operator: "Viettel",
            max_speed_mbps: 1000.0,
        }),
    },
    RoadSpec {
        points: &[[9.0, 3.5], [6.5, 3.0]],
        fiber: None,
    },
];

/// A site of the hand-made layout.
struct SiteSpec {
    id: &'static str,
    operator: &'static str,
    tech: &'static [Tech],
    at: Grid,
    height_m: f64,
    /// Three sectors at 0/120/240° with this tilt; `None`: omnidirectional.
    sectors: Option<Option<f64>>,
    radius_m: Option<f64>,
    frequency_mhz: Option<f64>,
    eirp_dbm: Option<f64>,
}

const G4: &[Tech] = &[Tech::G4];
const G45: &[Tech] = &[Tech::G4, Tech::G5];

const SITES: [SiteSpec; 10] = [
    // 5G only at the crossroads in Thiện Hòa, 9 cells (≥ 2 km) east of the western column.
    SiteSpec {
        id: "VTL-001",
        operator: "Viettel",
        tech: G45,
        at: [13.9, 9.6],
        height_m: 40.0,
        sectors: Some(Some(4.0)),
        radius_m: None,
        frequency_mhz: None,
        eirp_dbm: Some(60.0),
    },
    SiteSpec {
        id: "VTL-002",
        operator: "Viettel",
        tech: G4,
        at: [19.3, 8.9],
        height_m: 35.0,
        sectors: Some(None),
        radius_m: None,
        frequency_mhz: Some(1800.0),
        eirp_dbm: Some(58.0),
    },
    SiteSpec {
        id: "VTL-003",
        operator: "Viettel",
        tech: G4,
        at: [14.2, 14.8],
        height_m: 30.0,
        sectors: None,
        radius_m: None,
        frequency_mhz: Some(900.0),
        eirp_dbm: None,
    },
    SiteSpec {
        id: "VTL-004",
        operator: "Viettel",
        tech: &[Tech::G2, Tech::G4],
        at: [8.8, 3.0],
        height_m: 45.0,
        sectors: None,
        radius_m: Some(3000.0),
        frequency_mhz: Some(900.0),
        eirp_dbm: None,
    },
    SiteSpec {
        id: "VNPT-001",
        operator: "VNPT",
        tech: G4,
        at: [10.0, 9.8],
        height_m: 35.0,
        sectors: Some(None),
        radius_m: None,
        frequency_mhz: Some(1800.0),
        eirp_dbm: Some(58.0),
    },
    SiteSpec {
        id: "VNPT-002",
        operator: "VNPT",
        tech: G4,
        at: [19.8, 15.2],
        height_m: 30.0,
        sectors: None,
        radius_m: None,
        frequency_mhz: Some(1800.0),
        eirp_dbm: None,
    },
    SiteSpec {
        id: "VNPT-003",
        operator: "VNPT",
        tech: &[Tech::G3, Tech::G4],
        at: [13.0, 3.5],
        height_m: 32.0,
        sectors: Some(Some(3.0)),
        radius_m: None,
        frequency_mhz: Some(2100.0),
        eirp_dbm: None,
    },
    SiteSpec {
        id: "MBF-001",
        operator: "MobiFone",
        tech: G45,
        at: [14.6, 8.6],
        height_m: 38.0,
        sectors: Some(Some(5.0)),
        radius_m: None,
        frequency_mhz: None,
        eirp_dbm: Some(59.0),
    },
    SiteSpec {
        id: "MBF-002",
        operator: "MobiFone",
        tech: G4,
        at: [20.0, 3.0],
        height_m: 28.0,
        sectors: None,
        radius_m: Some(2500.0),
        frequency_mhz: Some(1800.0),
        eirp_dbm: None,
    },
    SiteSpec {
        id: "MBF-003",
        operator: "MobiFone",
        tech: G4,
        at: [8.5, 14.5],
        height_m: 25.0,
        sectors: None,
        radius_m: None,
        frequency_mhz: Some(1800.0),
        eirp_dbm: None,
    },
];

/// Stream of the mesh jitter; thôn `k` draws from `THON_STREAM + k`.
const MESH_STREAM: u64 = 0;
const THON_STREAM: u64 = 1_000;

/// Generates the commune preset for `seed`.
pub(crate) fn generate(seed: u64) -> Dataset {
    let world = world(seed);
    let heights: Vec<Vec<usize>> = HEIGHTS.iter().map(|h| h.to_vec()).collect();
    let blocks = bricks(&WIDTHS, &heights);
    let cells = CellIndex::new(NX, NY, &blocks);
    let roads: Vec<Road> = ROADS
        .iter()
        .map(|r| Road {
            points: r.points.to_vec(),
        })
        .collect();
    let on_road = samples_by_block(&roads, ROAD_STEP, &cells, blocks.len());
    let mut ds = Dataset::default();
    for (k, (spec, block)) in THON.iter().zip(&blocks).enumerate() {
        let mut rng = stream(seed, THON_STREAM + k as u64);
        let n = jittered_count(spec.households, &mut rng);
        let people = (n as f64 * rng.random_range(PEOPLE_PER_HOUSEHOLD)).round() as u64;
        let points = households::draw(
            block,
            n as usize,
            &[spec.centre],
            &on_road[k],
            SPREAD,
            &mut rng,
        );
        Arc::make_mut(&mut ds.households).extend(points.into_iter().map(|g| Household {
            id: None,
            people: None,
            location: world.point(g),
        }));
        Arc::make_mut(&mut ds.thon).push(Thon {
            id: format!("TT{:02}", k + 1),
            name: spec.name.to_string(),
            commune: COMMUNE.to_string(),
            population: people,
            households: n,
            clutter: spec.clutter,
            geometry: MultiPolygon(vec![block.polygon(&world.mesh, &world.frame)]),
        });
    }
    ds.sites = SITES.iter().map(|s| site(s, &world)).collect();
    ds.fiber = ROADS
        .iter()
        .zip(&roads)
        .filter_map(|(spec, road)| fiber(spec, road, &world))
        .collect();
    ds
}

/// The jittered mesh over the commune and its place on the Earth.
fn world(seed: u64) -> World {
    let mesh = Mesh::jittered(NX, NY, CELL_M, CELL_M, &mut stream(seed, MESH_STREAM));
    let frame = Frame::centred(CENTRE.0, CENTRE.1, NX as f64 * CELL_M, NY as f64 * CELL_M);
    World { mesh, frame }
}

/// A nominal household count moved by up to ±[`HOUSEHOLD_SPREAD`].
fn jittered_count(nominal: u64, rng: &mut impl Rng) -> u64 {
    let f = rng.random_range(1.0 - HOUSEHOLD_SPREAD..1.0 + HOUSEHOLD_SPREAD);
    (nominal as f64 * f).round() as u64
}

fn site(s: &SiteSpec, world: &World) -> Site {
    Site {
        id: s.id.to_string(),
        operator: s.operator.to_string(),
        tech: s.tech.to_vec(),
        height_m: Some(s.height_m),
        radius_m: s.radius_m,
        sectors: s
            .sectors
            .map(|tilt| sector_ring(0.0, tilt))
            .unwrap_or_default(),
        frequency_mhz: s.frequency_mhz,
        eirp_dbm: s.eirp_dbm,
        location: world.point(s.at),
    }
}

fn fiber(spec: &RoadSpec, road: &Road, world: &World) -> Option<FiberRoute> {
    let f = spec.fiber.as_ref()?;
    Some(FiberRoute {
        id: f.id.to_string(),
        operator: f.operator.to_string(),
        max_speed_mbps: f.max_speed_mbps,
        max_drop_m: DEFAULT_MAX_DROP_M,
        geometry: MultiLineString(vec![road.lonlat(FIBER_STEP, &world.mesh, &world.frame)]),
    })
}

/// Grid → metres → lon/lat frame of the commune for a seed, for tests measuring distances.
#[cfg(test)]
pub(crate) fn frame() -> Frame {
    Frame::centred(CENTRE.0, CENTRE.1, NX as f64 * CELL_M, NY as f64 * CELL_M)
}
