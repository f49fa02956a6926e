//! The province and national presets: many communes over a rectangle, generated in parallel.
//!
//! Layout, names, cities and roads are drawn sequentially from their own random streams; each
//! thôn then draws its figures, households and sites from a stream of its own, so the result
//! is the same for a seed however rayon schedules the work.

use std::sync::Arc;

use geo::{MultiLineString, MultiPolygon};
use rand::Rng;
use rand::seq::IndexedRandom;
use rayon::prelude::*;

use super::households::{self, Spread};
use super::layout::{Block, CellIndex, bricks, composition};
use super::mesh::{Frame, Grid, Mesh, World};
use super::names::distinct_names;
use super::roads::{Road, random_walk, samples_by_block};
use super::{OPERATORS, sector_ring, stream};
use crate::domain::{Clutter, Dataset, FiberRoute, Household, Site, Tech, Thon};

/// The size and density of a regional preset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Region {
    /// West and east edges, degrees.
    pub(crate) lon: (f64, f64),
    /// South and north edges, degrees.
    pub(crate) lat: (f64, f64),
    /// Thôn columns and rows: `cols × rows` thôn in all.
    pub(crate) cols: usize,
    pub(crate) rows: usize,
    /// Mesh cells across and up (about 3 per thôn each way).
    pub(crate) cells: (usize, usize),
    /// Thôn columns and rows per commune.
    pub(crate) commune: (usize, usize),
    /// Households in all.
    pub(crate) households: u64,
    /// Roads (random walks); most carry fiber.
    pub(crate) roads: usize,
    /// Towns around which clutter is denser and households more numerous.
    pub(crate) towns: usize,
}

/// About 1,500 thôn, 3,000 sites, 400,000 households over 0.8° × 1° of Quảng Ngãi.
pub(crate) const PROVINCE: Region = Region {
    lon: (108.2, 109.0),
    lat: (14.5, 15.5),
    cols: 36,
    rows: 42,
    cells: (108, 126),
    commune: (3, 4),
    households: 400_000,
    roads: 160,
    towns: 3,
};

/// About 10,000 thôn, 20,000 sites, 2,000,000 households over 3° × 10° inside Vietnam's box.
pub(crate) const NATIONAL: Region = Region {
    lon: (105.0, 108.0),
    lat: (11.0, 21.0),
    cols: 50,
    rows: 200,
    cells: (150, 600),
    commune: (2, 6),
    households: 2_000_000,
    roads: 1_500,
    towns: 30,
};

const MESH_STREAM: u64 = 0;
const LAYOUT_STREAM: u64 = 1;
const NAME_STREAM: u64 = 2;
const TOWN_STREAM: u64 = 3;
const ROAD_STREAM: u64 = 4;
const THON_STREAM: u64 = 1 << 32;

/// Road sampling step, cells; 0.5 puts a point on every cell edge a road crosses, which is
/// where its image on the mesh bends.
const ROAD_STEP: f64 = 0.5;
/// Sampling step for households along roads, cells.
const ROAD_SAMPLE_STEP: f64 = 0.1;
/// Site counts a thôn draws from (mean 2).
const SITES_PER_THON: [usize; 6] = [0, 1, 2, 2, 3, 4];

const SPREAD: Spread = Spread {
    centre_share: 0.5,
    road_share: 0.3,
    centre_sigma: 0.5,
    road_sigma: 0.1,
};

/// What each thôn is given before it is generated on its own.
struct Plan {
    block: Block,
    id: String,
    name: String,
    commune: String,
    clutter: Clutter,
    households: u64,
}

/// Generates a regional preset for `seed`.
pub(crate) fn generate(region: &Region, seed: u64) -> Dataset {
    let world = world(region, seed);
    let blocks = layout(region, seed);
    let cells = CellIndex::new(region.cells.0, region.cells.1, &blocks);
    let roads = roads(region, seed);
    let on_road = samples_by_block(&roads, ROAD_SAMPLE_STEP, &cells, blocks.len());
    let plans = plans(region, seed, &blocks, &world);
    let parts: Vec<(Thon, Vec<Household>, Vec<Site>)> = plans
        .par_iter()
        .zip(&on_road)
        .enumerate()
        .map(|(k, (plan, road))| {
            thon_and_contents(plan, road, &world, stream(seed, THON_STREAM + k as u64))
        })
        .collect();
    let mut ds = Dataset::default();
    for (thon, households, sites) in parts {
        Arc::make_mut(&mut ds.thon).push(thon);
        Arc::make_mut(&mut ds.households).extend(households);
        ds.sites.extend(sites);
    }
    number_sites(&mut ds.sites);
    ds.fiber = fiber(&roads, &world, seed);
    ds
}

/// The jittered mesh over the region and its place on the Earth.
fn world(r: &Region, seed: u64) -> World {
    let lat_mid = (r.lat.0 + r.lat.1) / 2.0;
    let probe = Frame::centred(0.0, lat_mid, 0.0, 0.0);
    let width_m = (r.lon.1 - r.lon.0) * probe.m_per_deg_lon();
    let height_m = (r.lat.1 - r.lat.0) * probe.m_per_deg_lat();
    let (nx, ny) = r.cells;
    let mesh = Mesh::jittered(
        nx,
        ny,
        width_m / nx as f64,
        height_m / ny as f64,
        &mut stream(seed, MESH_STREAM),
    );
    let frame = Frame::centred((r.lon.0 + r.lon.1) / 2.0, lat_mid, width_m, height_m);
    World { mesh, frame }
}

/// The brick layout of thôn blocks, at least 2 cells a side.
fn layout(r: &Region, seed: u64) -> Vec<Block> {
    let mut rng = stream(seed, LAYOUT_STREAM);
    let widths = composition(r.cells.0, r.cols, 2, &mut rng);
    let heights: Vec<Vec<usize>> = (0..r.cols)
        .map(|_| composition(r.cells.1, r.rows, 2, &mut rng))
        .collect();
    bricks(&widths, &heights)
}

/// Ids, names, communes, clutter and household counts of every thôn.
fn plans(r: &Region, seed: u64, blocks: &[Block], world: &World) -> Vec<Plan> {
    let (groups_x, groups_y) = (
        group_count(r.cols, r.commune.0),
        group_count(r.rows, r.commune.1),
    );
    let mut name_rng = stream(seed, NAME_STREAM);
    let communes = distinct_names("Xã", groups_x * groups_y, &mut name_rng);
    let clutter = clutter_by_block(r, seed, blocks, world);
    let counts = household_counts(r, seed, &clutter);
    let mut thon_names = Vec::with_capacity(blocks.len());
    for _ in 0..communes.len() {
        thon_names
            .push(distinct_names("Thôn", r.commune.0 * r.commune.1 * 4, &mut name_rng).into_iter());
    }
    blocks
        .iter()
        .enumerate()
        .map(|(k, &block)| {
            let (c, row) = (k / r.rows, k % r.rows);
            let g = group(c, r.cols, r.commune.0) * groups_y + group(row, r.rows, r.commune.1);
            let name = thon_names[g].next().unwrap_or_else(|| format!("Thôn {k}"));
            Plan {
                block,
                id: format!("T{:06}", k + 1),
                name,
                commune: communes[g].clone(),
                clutter: clutter[k],
                households: counts[k],
            }
        })
        .collect()
}

/// How many groups of `size` fit in `n`, at least one.
fn group_count(n: usize, size: usize) -> usize {
    (n / size).max(1)
}

/// The group of `index` among `n` in groups of `size`; a remainder joins the last group.
fn group(index: usize, n: usize, size: usize) -> usize {
    (index / size).min(group_count(n, size) - 1)
}

/// Clutter by distance from the block's centre to the nearest town.
fn clutter_by_block(r: &Region, seed: u64, blocks: &[Block], world: &World) -> Vec<Clutter> {
    let mut rng = stream(seed, TOWN_STREAM);
    let towns: Vec<[f64; 2]> = (0..r.towns)
        .map(|_| {
            world.mesh.to_metres([
                rng.random_range(0.0..r.cells.0 as f64),
                rng.random_range(0.0..r.cells.1 as f64),
            ])
        })
        .collect();
    blocks
        .iter()
        .map(|b| {
            let c = world.mesh.to_metres(b.centre());
            let d = towns
                .iter()
                .map(|t| (t[0] - c[0]).hypot(t[1] - c[1]))
                .fold(f64::INFINITY, f64::min);
            match d {
                d if d < 3_000.0 => Clutter::DenseUrban,
                d if d < 8_000.0 => Clutter::Urban,
                d if d < 15_000.0 => Clutter::Suburban,
                _ => Clutter::Rural,
            }
        })
        .collect()
}

/// Households per thôn: the region's total shared by random weights, heavier in towns.
fn household_counts(r: &Region, seed: u64, clutter: &[Clutter]) -> Vec<u64> {
    let mut rng = stream(seed, TOWN_STREAM + 100);
    let weights: Vec<f64> = clutter
        .iter()
        .map(|c| {
            let density = match c {
                Clutter::DenseUrban => 4.0,
                Clutter::Urban => 2.5,
                Clutter::Suburban => 1.6,
                Clutter::Rural => 1.0,
            };
            density * rng.random_range(0.5..1.5)
        })
        .collect();
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|w| (r.households as f64 * w / total).round() as u64)
        .collect()
}

/// Random-walk roads of 10–40 cells; walks that stop at once are dropped.
fn roads(r: &Region, seed: u64) -> Vec<Road> {
    let mut rng = stream(seed, ROAD_STREAM);
    (0..r.roads)
        .map(|_| {
            let steps = rng.random_range(10..=40);
            random_walk(r.cells.0, r.cells.1, steps, &mut rng)
        })
        .filter(|road| road.points.len() >= 3)
        .collect()
}

/// One thôn with its households and (not yet numbered) sites.
fn thon_and_contents(
    plan: &Plan,
    road: &[Grid],
    world: &World,
    mut rng: impl Rng,
) -> (Thon, Vec<Household>, Vec<Site>) {
    let centre = plan.block.random_inside(0.3, &mut rng);
    let people = (plan.households as f64 * rng.random_range(3.4..4.4)).round() as u64;
    let points = households::draw(
        &plan.block,
        plan.households as usize,
        &[centre],
        road,
        SPREAD,
        &mut rng,
    );
    let households = points
        .into_iter()
        .map(|g| Household {
            id: None,
            people: None,
            location: world.point(g),
        })
        .collect();
    let n_sites = *SITES_PER_THON
        .choose(&mut rng)
        .expect("site counts are listed");
    let sites = (0..n_sites)
        .map(|_| random_site(plan, centre, world, &mut rng))
        .collect();
    let thon = Thon {
        id: plan.id.clone(),
        name: plan.name.clone(),
        commune: plan.commune.clone(),
        population: people,
        households: plan.households,
        clutter: plan.clutter,
        geometry: MultiPolygon(vec![plan.block.polygon(&world.mesh, &world.frame)]),
    };
    (thon, households, sites)
}

/// A site near the village centre or anywhere in the thôn; its id is set later.
fn random_site(plan: &Plan, centre: Grid, world: &World, rng: &mut impl Rng) -> Site {
    let at = if rng.random_bool(0.5) {
        jitter_within(&plan.block, centre, rng)
    } else {
        plan.block.random_inside(0.1, rng)
    };
    let tech = random_tech(rng);
    let sectored = rng.random_bool(0.65);
    let tilt = rng.random_bool(0.5).then(|| rng.random_range(2..=8) as f64);
    let five_g = tech.contains(&Tech::G5);
    Site {
        id: String::new(),
        operator: OPERATORS[weighted_operator(rng)].to_string(),
        tech,
        height_m: Some((rng.random_range(20.0..50.0_f64) * 2.0).round() / 2.0),
        radius_m: rng
            .random_bool(0.1)
            .then(|| (rng.random_range(1_500.0..5_000.0_f64) / 100.0).round() * 100.0),
        sectors: if sectored {
            sector_ring(rng.random_range(0..12) as f64 * 10.0, tilt)
        } else {
            Vec::new()
        },
        frequency_mhz: if five_g {
            None
        } else {
            Some(
                *[900.0, 1800.0, 2100.0, 2600.0]
                    .choose(rng)
                    .expect("bands are listed"),
            )
        },
        eirp_dbm: rng
            .random_bool(0.5)
            .then(|| rng.random_range(55..=62) as f64),
        location: world.point(at),
    }
}

/// A point within a cell or so of `centre`, kept inside the block.
fn jitter_within(block: &Block, centre: Grid, rng: &mut impl Rng) -> Grid {
    let g = [
        centre[0] + rng.random_range(-1.0..1.0),
        centre[1] + rng.random_range(-1.0..1.0),
    ];
    if block.holds(g, 0.1) { g } else { centre }
}

/// Mostly 4G; some 4G+5G, some still carrying 2G or 3G.
fn random_tech(rng: &mut impl Rng) -> Vec<Tech> {
    match rng.random_range(0..100) {
        0..15 => vec![Tech::G4, Tech::G5],
        15..25 => vec![Tech::G2, Tech::G4],
        25..30 => vec![Tech::G3, Tech::G4],
        _ => vec![Tech::G4],
    }
}

/// Index into [`OPERATORS`], weighted roughly by market share.
fn weighted_operator(rng: &mut impl Rng) -> usize {
    match rng.random_range(0..100) {
        0..45 => 0,
        45..75 => 1,
        _ => 2,
    }
}

/// Gives every site an id unique within its operator, in dataset order.
fn number_sites(sites: &mut [Site]) {
    let mut next = [0usize; OPERATORS.len()];
    for s in sites.iter_mut() {
        let op = OPERATORS
            .iter()
            .position(|o| *o == s.operator)
            .expect("operators come from OPERATORS");
        next[op] += 1;
        s.id = format!("{}-{:06}", super::operator_code(op), next[op]);
    }
}

/// Fiber along most roads: 1 Gb/s mostly, some older 100 Mb/s routes.
fn fiber(roads: &[Road], world: &World, seed: u64) -> Vec<FiberRoute> {
    let mut rng = stream(seed, ROAD_STREAM + 1);
    let mut out = Vec::new();
    for road in roads {
        if !rng.random_bool(0.7) {
            continue;
        }
        let op = weighted_operator(&mut rng);
        out.push(FiberRoute {
            id: format!("F-{}-{:05}", super::operator_code(op), out.len() + 1),
            operator: OPERATORS[op].to_string(),
            max_speed_mbps: if rng.random_bool(0.1) { 100.0 } else { 1000.0 },
            max_drop_m: if rng.random_bool(0.8) { 300.0 } else { 200.0 },
            geometry: MultiLineString(vec![road.lonlat(ROAD_STEP, &world.mesh, &world.frame)]),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_absorb_the_remainder() {
        assert_eq!(group_count(42, 4), 10);
        assert_eq!(group(41, 42, 4), 9);
        assert_eq!(group(39, 42, 4), 9);
        assert_eq!(group(3, 42, 4), 0);
        assert_eq!(group(0, 1, 4), 0);
    }

    #[test]
    fn sites_are_numbered_per_operator() {
        let mut sites: Vec<Site> = ["Viettel", "VNPT", "Viettel"]
            .iter()
            .map(|op| Site {
                id: String::new(),
                operator: op.to_string(),
                tech: vec![Tech::G4],
                height_m: None,
                radius_m: None,
                sectors: vec![],
                frequency_mhz: None,
                eirp_dbm: None,
                location: geo::Point::new(0.0, 0.0),
            })
            .collect();
        number_sites(&mut sites);
        let ids: Vec<&str> = sites.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["VTL-000001", "VNPT-000001", "VTL-000002"]);
    }

    #[test]
    fn regions_stay_inside_vietnams_box() {
        for r in [PROVINCE, NATIONAL] {
            assert!(r.lon.0 >= 102.0 && r.lon.1 <= 110.0 && r.lat.0 >= 8.5 && r.lat.1 <= 23.5);
        }
    }
}
