//! The snapshot's R-tree queries against brute force over every feature, on seeded random
//! datasets around xã Tịnh Thiện (15.17° N, 108.78° E); plus the border rule of `thon_at`.

use geo::{
    Coord, CoordsIter, Distance, Euclidean, Intersects, LineString, MultiLineString, MultiPolygon,
    Point, Polygon,
};
use phusong::crs::{EpsgCode, WGS84, with_transformer};
use phusong::domain::{Clutter, Dataset, FiberRoute, Site, Tech, Thon};
use phusong::index::Snapshot;
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};

/// WGS 84 / UTM zone 49N, the working CRS for Quảng Ngãi.
const UTM49N: EpsgCode = EpsgCode(32649);
/// Distances from the index and from brute force may differ by rounding only, m.
const DISTANCE_EPS_M: f64 = 1e-6;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(0x7150_1078),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/index_vs_brute_force.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Random datasets (lon/lat)

fn thon(id: usize, ring: Vec<(f64, f64)>) -> Thon {
    Thon {
        id: format!("T{id}"),
        name: format!("Thôn {id}"),
        commune: "Tịnh Thiện".into(),
        population: 100,
        households: 25,
        clutter: Clutter::Rural,
        geometry: MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])]),
    }
}

fn site(id: usize, lon: f64, lat: f64) -> Site {
    Site {
        id: format!("S{id}"),
        operator: "VNPT".into(),
        tech: vec![Tech::G4],
        height_m: None,
        radius_m: None,
        sectors: vec![],
        frequency_mhz: None,
        eirp_dbm: None,
        location: Point::new(lon, lat),
    }
}

fn route(id: usize, lines: Vec<Vec<(f64, f64)>>) -> FiberRoute {
    FiberRoute {
        id: format!("F{id}"),
        operator: "VNPT".into(),
        max_speed_mbps: 1000.0,
        max_drop_m: 300.0,
        geometry: MultiLineString(lines.into_iter().map(LineString::from).collect()),
    }
}

/// A quadrilateral (star-shaped about its centre, so always simple) around a centre, lon/lat.
fn quad() -> impl Strategy<Value = Vec<(f64, f64)>> {
    (
        108.70..108.86f64,
        15.10..15.24f64,
        prop::array::uniform4(0.002..0.03f64),
        0.0..1.5f64,
    )
        .prop_map(|(lon, lat, radii, turn)| {
            let mut ring: Vec<(f64, f64)> = radii
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    let a = turn + k as f64 * std::f64::consts::FRAC_PI_2;
                    (lon + r * a.cos(), lat + r * a.sin())
                })
                .collect();
            ring.push(ring[0]);
            ring
        })
}

fn lon_lat() -> impl Strategy<Value = (f64, f64)> {
    (108.68..108.88f64, 15.08..15.26f64)
}

/// A polyline of 2 to 6 vertices wandering from a start point, lon/lat.
fn polyline() -> impl Strategy<Value = Vec<(f64, f64)>> {
    (
        lon_lat(),
        prop::collection::vec((-0.01..0.01f64, -0.01..0.01f64), 1..6),
    )
        .prop_map(|(start, steps)| {
            let mut line = vec![start];
            for (dx, dy) in steps {
                let (x, y) = line[line.len() - 1];
                line.push((x + dx, y + dy));
            }
            line
        })
}

fn dataset() -> impl Strategy<Value = Dataset> {
    (
        prop::collection::vec(quad(), 1..8),
        prop::collection::vec(lon_lat(), 0..30),
        prop::collection::vec(prop::collection::vec(polyline(), 1..3), 0..6),
    )
        .prop_map(|(quads, points, routes)| Dataset {
            thon: quads
                .into_iter()
                .enumerate()
                .map(|(i, q)| thon(i, q))
                .collect::<Vec<_>>()
                .into(),
            sites: points
                .into_iter()
                .enumerate()
                .map(|(i, (x, y))| site(i, x, y))
                .collect(),
            fiber: routes
                .into_iter()
                .enumerate()
                .map(|(i, r)| route(i, r))
                .collect(),
            households: Default::default(),
        })
}

fn build(ds: Dataset) -> Snapshot {
    Snapshot::build(ds, Some(UTM49N)).expect("the commune reprojects to UTM 49N")
}

/// A lon/lat point in UTM 49N, through this thread's cached transformer (building one per
/// call would cost a PROJ database lookup each time).
fn to_metric(lon: f64, lat: f64) -> Point<f64> {
    let c = with_transformer(WGS84, UTM49N, |t| t.coord(Coord { x: lon, y: lat }));
    Point(c.expect("known CRSs").expect("in range"))
}

// ---------------------------------------------------------------------------------------------
// Brute force

fn brute_thon_at(s: &Snapshot, p: Point<f64>) -> Option<usize> {
    s.thon.iter().position(|t| t.geometry.intersects(&p))
}

fn brute_sites_within(s: &Snapshot, p: Point<f64>, r: f64) -> Vec<usize> {
    // Squared distances, as the R-tree compares them, so that rounding cannot split the two.
    let within = |q: Point<f64>| (q.x() - p.x()).powi(2) + (q.y() - p.y()).powi(2) <= r * r;
    (0..s.sites.len())
        .filter(|&i| within(s.sites[i].location))
        .collect()
}

/// Every segment of every route: (route, distance to p).
fn brute_segments(s: &Snapshot, p: Point<f64>) -> Vec<(usize, f64)> {
    s.fiber
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            f.geometry
                .0
                .iter()
                .flat_map(|ls| ls.lines())
                .map(move |l| (i, Euclidean.distance(&l, &p)))
        })
        .collect()
}

fn sorted(mut v: Vec<(usize, f64)>) -> Vec<(usize, f64)> {
    v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    v
}

fn assert_same_segments(
    index: Vec<(usize, f64)>,
    brute: Vec<(usize, f64)>,
) -> Result<(), TestCaseError> {
    let (index, brute) = (sorted(index), sorted(brute));
    prop_assert_eq!(
        index.len(),
        brute.len(),
        "index {:?} brute {:?}",
        index,
        brute
    );
    for (a, b) in index.iter().zip(&brute) {
        prop_assert_eq!(a.0, b.0);
        prop_assert!((a.1 - b.1).abs() < DISTANCE_EPS_M, "{:?} vs {:?}", a, b);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn thon_at_agrees_with_brute_force(ds in dataset(), queries in prop::collection::vec(lon_lat(), 20)) {
        let s = build(ds);
        for (lon, lat) in queries {
            let p = to_metric(lon, lat);
            prop_assert_eq!(s.thon_at(p), brute_thon_at(&s, p), "at {:?}", p);
        }
    }

    #[test]
    fn thon_at_agrees_with_brute_force_on_vertices(ds in dataset()) {
        // A thôn's own vertices lie on its boundary, where `Intersects` counts as inside.
        let s = build(ds);
        for t in s.thon.iter() {
            for c in t.geometry.coords_iter() {
                let p = Point(c);
                prop_assert_eq!(s.thon_at(p), brute_thon_at(&s, p), "at {:?}", p);
                prop_assert!(s.thon_at(p).is_some());
            }
        }
    }

    #[test]
    fn sites_within_agrees_with_brute_force(
        ds in dataset(),
        queries in prop::collection::vec((lon_lat(), 0.0..5000.0f64), 20),
    ) {
        let s = build(ds);
        for ((lon, lat), r) in queries {
            let p = to_metric(lon, lat);
            let mut found: Vec<usize> = s.sites_within(p, r).collect();
            found.sort_unstable();
            prop_assert_eq!(found, brute_sites_within(&s, p, r), "within {} m of {:?}", r, p);
        }
    }

    #[test]
    fn sites_within_finds_a_site_at_exactly_the_radius(ds in dataset(), (lon, lat) in lon_lat()) {
        let s = build(ds);
        let p = to_metric(lon, lat);
        for (i, site) in s.sites.iter().enumerate() {
            let r = ((site.location.x() - p.x()).powi(2) + (site.location.y() - p.y()).powi(2)).sqrt();
            // r² recomputed from r may round either way: the brute force decides the same way.
            let found: Vec<usize> = s.sites_within(p, r).collect();
            prop_assert_eq!(found.contains(&i), brute_sites_within(&s, p, r).contains(&i));
        }
    }

    #[test]
    fn fiber_within_agrees_with_brute_force(
        ds in dataset(),
        queries in prop::collection::vec((lon_lat(), 0.0..3000.0f64), 20),
    ) {
        let s = build(ds);
        for ((lon, lat), r) in queries {
            let p = to_metric(lon, lat);
            let brute: Vec<(usize, f64)> = brute_segments(&s, p).into_iter().filter(|(_, d)| *d <= r).collect();
            assert_same_segments(s.fiber_within(p, r).collect(), brute)?;
        }
    }

    #[test]
    fn nearest_fiber_agrees_with_brute_force(ds in dataset(), queries in prop::collection::vec(lon_lat(), 20)) {
        let s = build(ds);
        for (lon, lat) in queries {
            let p = to_metric(lon, lat);
            let brute = brute_segments(&s, p).into_iter().min_by(|a, b| a.1.total_cmp(&b.1));
            match (s.nearest_fiber(p), brute) {
                (None, None) => {}
                (Some((route, d)), Some((_, best))) => {
                    prop_assert!((d - best).abs() < DISTANCE_EPS_M, "index {} m, brute {} m", d, best);
                    // On a tie the index may name another route; the one it names is that near.
                    let own = brute_segments(&s, p).into_iter().filter(|(r, _)| *r == route).map(|(_, d)| d);
                    prop_assert!((own.fold(f64::INFINITY, f64::min) - best).abs() < DISTANCE_EPS_M);
                }
                (a, b) => prop_assert!(false, "index {:?}, brute {:?}", a, b),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The border rule

/// Two squares sharing an edge, west then east (or the other way round), lon/lat.
fn neighbours(west_first: bool) -> Dataset {
    let (lon, lat, d) = (108.78, 15.17, 0.01);
    let west = vec![
        (lon - d, lat),
        (lon, lat),
        (lon, lat + d),
        (lon - d, lat + d),
        (lon - d, lat),
    ];
    let east = vec![
        (lon, lat),
        (lon + d, lat),
        (lon + d, lat + d),
        (lon, lat + d),
        (lon, lat),
    ];
    let (a, b) = if west_first {
        (west, east)
    } else {
        (east, west)
    };
    Dataset {
        thon: vec![thon(0, a), thon(1, b)].into(),
        ..Dataset::default()
    }
}

#[test]
fn point_on_a_shared_border_belongs_to_the_first_thon_in_the_file() {
    for west_first in [true, false] {
        let s = build(neighbours(west_first));
        // A shared vertex lies exactly on both boundaries after reprojection too.
        let shared = to_metric(108.78, 15.17);
        assert!(s.thon.iter().all(|t| t.geometry.intersects(&shared)));
        assert_eq!(s.thon_at(shared), Some(0), "west first: {west_first}");
    }
}

#[test]
fn household_on_a_shared_border_is_counted_in_the_first_thon_only() {
    let mut ds = neighbours(false);
    ds.households = vec![phusong::domain::Household {
        id: None,
        people: None,
        location: Point::new(108.78, 15.17),
    }]
    .into();
    let s = build(ds);
    assert_eq!(*s.households_by_thon, vec![vec![0], vec![]]);
    assert!(s.unassigned_households.is_empty());
}
