//! Validity checks the importer will apply, run on generated data.

use std::collections::HashSet;

use geo::{Area, BooleanOps, BoundingRect, Contains, Intersects, Validation};

use super::*;
use crate::domain::{Dataset, Tech, Thon};

/// Every thôn valid, with a unique id and sane figures.
fn assert_thon_valid(ds: &Dataset) {
    let mut ids = HashSet::new();
    for t in ds.thon.iter() {
        assert!(ids.insert(&t.id), "duplicate thôn id {}", t.id);
        assert!(
            t.geometry.is_valid(),
            "{} invalid: {:?}",
            t.id,
            t.geometry.validation_errors()
        );
        assert!(t.geometry.unsigned_area() > 0.0);
        assert!(!names::has_combining_marks(&t.name) && !names::has_combining_marks(&t.commune));
    }
}

/// Households listed thôn by thôn, each strictly inside its own thôn.
fn assert_households_inside(ds: &Dataset) {
    let total: u64 = ds.thon.iter().map(|t| t.households).sum();
    assert_eq!(total as usize, ds.households.len());
    let mut rest = ds.households.as_slice();
    for t in ds.thon.iter() {
        let (mine, tail) = rest.split_at(t.households as usize);
        for h in mine {
            assert!(
                t.geometry.contains(&h.location),
                "household {:?} outside {}",
                h.location,
                t.id
            );
        }
        rest = tail;
    }
}

/// No two thôn overlap: the intersection of every pair whose boxes touch has no area.
fn assert_no_overlap(thon: &[Thon]) {
    let boxes: Vec<_> = thon
        .iter()
        .map(|t| t.geometry.bounding_rect().expect("thôn are not empty"))
        .collect();
    let mut neighbours = 0;
    for a in 0..thon.len() {
        for b in a + 1..thon.len() {
            if !boxes[a].intersects(&boxes[b]) {
                continue;
            }
            neighbours += 1;
            let shared = thon[a]
                .geometry
                .intersection(&thon[b].geometry)
                .unsigned_area();
            // Degrees²: 1e-12 is about 0.01 m², i.e. none.
            assert!(
                shared < 1e-12,
                "{} overlaps {}: {shared}",
                thon[a].id,
                thon[b].id
            );
        }
    }
    assert!(neighbours > 0, "the check looked at some neighbours");
}

/// Sites: ids unique within operator, tech non-empty and sorted, radius in (0, 100 km].
fn assert_sites_valid(ds: &Dataset) {
    let mut keys = HashSet::new();
    for s in &ds.sites {
        assert!(keys.insert(s.key()), "duplicate site {:?}", s.key());
        assert!(
            !s.tech.is_empty() && s.tech.windows(2).all(|w| w[0] < w[1]),
            "{:?}",
            s.tech
        );
        assert!(s.radius_m.is_none_or(|r| r > 0.0 && r <= 100_000.0));
        assert!(
            s.sectors
                .iter()
                .all(|x| x.beamwidth_deg > 0.0 && x.beamwidth_deg <= 360.0)
        );
    }
}

/// Fiber: every line has at least two distinct points; ids unique.
fn assert_fiber_valid(ds: &Dataset) {
    let mut ids = HashSet::new();
    for f in &ds.fiber {
        assert!(ids.insert((&f.operator, &f.id)), "duplicate route {}", f.id);
        for line in &f.geometry.0 {
            let distinct: HashSet<_> = line
                .0
                .iter()
                .map(|c| (c.x.to_bits(), c.y.to_bits()))
                .collect();
            assert!(distinct.len() >= 2, "route {} is degenerate", f.id);
        }
    }
}

fn assert_in_vietnam(ds: &Dataset) {
    let r = ds
        .thon
        .iter()
        .filter_map(|t| t.geometry.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
                (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
            )
        });
    let r = r.expect("some thôn");
    assert!(
        r.min().x > 102.0 && r.max().x < 110.0 && r.min().y > 8.5 && r.max().y < 23.5,
        "{r:?}"
    );
}

fn assert_valid(ds: &Dataset) {
    assert_thon_valid(ds);
    assert_households_inside(ds);
    assert_sites_valid(ds);
    assert_fiber_valid(ds);
    assert_in_vietnam(ds);
}

#[test]
fn preset_names_parse_in_any_case() {
    assert_eq!("Commune".parse::<Preset>(), Ok(Preset::Commune));
    assert_eq!(" national ".parse::<Preset>(), Ok(Preset::National));
    assert_eq!("province".parse::<Preset>(), Ok(Preset::Province));
}

#[test]
fn unknown_preset_is_an_error() {
    assert_eq!(
        "city".parse::<Preset>(),
        Err(PresetParseError("city".into()))
    );
}

#[test]
fn value_enum_names_match_from_str() {
    use clap::ValueEnum;
    for p in Preset::ALL {
        let name = p.to_possible_value().expect("every preset is a CLI value");
        assert_eq!(name.get_name(), p.as_str());
    }
}

#[test]
fn commune_is_deterministic_for_a_seed() {
    let (a, b) = (generate(Preset::Commune, 42), generate(Preset::Commune, 42));
    assert_eq!(a.thon, b.thon);
    assert_eq!(a.households, b.households);
    assert_eq!(a.sites, b.sites);
    assert_eq!(a.fiber, b.fiber);
}

#[test]
fn different_seeds_give_different_communes() {
    let (a, b) = (generate(Preset::Commune, 1), generate(Preset::Commune, 2));
    assert_ne!(a.households, b.households);
}

#[test]
fn commune_is_valid_for_many_seeds() {
    for seed in 0..20 {
        let ds = generate(Preset::Commune, seed);
        assert_valid(&ds);
        assert_no_overlap(&ds.thon);
    }
}

#[test]
fn commune_thon_tile_the_commune_without_gaps() {
    let ds = generate(Preset::Commune, 7);
    let union = ds
        .thon
        .iter()
        .fold(geo::MultiPolygon::<f64>(vec![]), |acc, t| {
            acc.union(&t.geometry)
        });
    assert_eq!(union.0.len(), 1, "one piece");
    // BooleanOps snaps to an integer grid and may leave zero-width slivers along shared
    // edges; a real gap would be a hole of some area.
    let holes: f64 = union.0[0]
        .interiors()
        .iter()
        .map(|h| geo::Polygon::new(h.clone(), vec![]).unsigned_area())
        .sum();
    assert!(holes < 1e-11, "no holes: {holes} deg²");
    let sum: f64 = ds.thon.iter().map(|t| t.geometry.unsigned_area()).sum();
    assert!((union.unsigned_area() - sum).abs() < 1e-9 * sum);
}

#[test]
fn commune_figures_are_in_range() {
    for seed in 0..20 {
        let ds = generate(Preset::Commune, seed);
        assert_eq!(ds.thon.len(), 12);
        let people: u64 = ds.thon.iter().map(|t| t.population).sum();
        let households: u64 = ds.thon.iter().map(|t| t.households).sum();
        assert!((8_000..=12_000).contains(&people), "{people}");
        let ratio = people as f64 / households as f64;
        assert!((3.5..=4.2).contains(&ratio), "{ratio}");
        assert!(
            ds.thon
                .iter()
                .all(|t| t.commune == "Tịnh Thiện" && t.name.starts_with("Thôn "))
        );
        assert!((8..=12).contains(&ds.sites.len()));
        let operators: HashSet<&str> = ds.sites.iter().map(|s| s.operator.as_str()).collect();
        assert_eq!(operators.len(), 3);
        assert!(
            ds.sites
                .iter()
                .all(|s| s.height_m.is_some_and(|h| (25.0..=45.0).contains(&h)))
        );
        assert!(ds.sites.iter().filter(|s| s.has(Tech::G5)).count() >= 2);
        assert!(ds.sites.iter().filter(|s| s.radius_m.is_some()).count() >= 2);
    }
}

#[test]
fn commune_area_is_20_to_30_km2() {
    let ds = generate(Preset::Commune, 3);
    let km2: f64 = ds
        .thon
        .iter()
        .map(|t| geo::GeodesicArea::geodesic_area_unsigned(&t.geometry))
        .sum::<f64>()
        / 1e6;
    assert!((20.0..=30.0).contains(&km2), "{km2}");
}

#[test]
fn commune_has_rural_west_and_suburban_centre() {
    let ds = generate(Preset::Commune, 11);
    let by_name = |n: &str| {
        ds.thon
            .iter()
            .find(|t| t.name == n)
            .expect("named thôn exists")
    };
    assert_eq!(
        by_name("Thôn Thiện Hòa").clutter,
        crate::domain::Clutter::Suburban
    );
    for k in commune::WESTERN {
        assert_eq!(ds.thon[k].clutter, crate::domain::Clutter::Rural);
    }
}

#[test]
fn western_households_are_far_from_fiber_and_5g() {
    use geo::{Distance, Euclidean, LineString, Point};
    for seed in 0..10 {
        let ds = generate(Preset::Commune, seed);
        let frame = commune::frame();
        let metres = |c: geo::Coord<f64>| {
            let [x, y] = frame.metres(c);
            Point::new(x, y)
        };
        let lines: Vec<LineString<f64>> = ds
            .fiber
            .iter()
            .flat_map(|f| &f.geometry.0)
            .map(|l| l.0.iter().map(|&c| metres(c).0).collect())
            .collect();
        let five_g: Vec<Point<f64>> = ds
            .sites
            .iter()
            .filter(|s| s.has(Tech::G5))
            .map(|s| metres(s.location.0))
            .collect();
        let start: usize = ds.thon[..commune::WESTERN[0]]
            .iter()
            .map(|t| t.households as usize)
            .sum();
        let count: usize = commune::WESTERN
            .iter()
            .map(|&k| ds.thon[k].households as usize)
            .sum();
        for h in &ds.households[start..start + count] {
            let p = metres(h.location.0);
            let to_fiber = lines
                .iter()
                .map(|l| Euclidean.distance(&p, l))
                .fold(f64::INFINITY, f64::min);
            assert!(
                to_fiber > 300.0,
                "seed {seed}: household {to_fiber:.0} m from fiber"
            );
            assert!(five_g.iter().all(|s| Euclidean.distance(&p, s) > 1_500.0));
        }
    }
}

#[test]
fn commune_households_cluster_along_roads() {
    use geo::{Distance, Euclidean, Point};
    let ds = generate(Preset::Commune, 5);
    let frame = commune::frame();
    let metres = |c: geo::Coord<f64>| {
        let [x, y] = frame.metres(c);
        Point::new(x, y)
    };
    let lines: Vec<geo::LineString<f64>> = ds
        .fiber
        .iter()
        .flat_map(|f| &f.geometry.0)
        .map(|l| l.0.iter().map(|&c| metres(c).0).collect())
        .collect();
    let near = ds
        .households
        .iter()
        .filter(|h| {
            lines
                .iter()
                .any(|l| Euclidean.distance(&metres(h.location.0), l) < 100.0)
        })
        .count();
    // 100 m either side of ~20 km of fiber road is under 20 % of the area.
    assert!(
        near * 100 / ds.households.len() > 25,
        "{near} of {}",
        ds.households.len()
    );
}

#[test]
fn commune_survives_export_unchanged() {
    let ds = generate(Preset::Commune, 9);
    let fc = crate::export::households_collection(&ds.households);
    for (h, f) in ds.households.iter().zip(&fc.features) {
        let Some(geojson::GeometryValue::Point { coordinates }) =
            f.geometry.as_ref().map(|g| &g.value)
        else {
            panic!("households are points");
        };
        assert_eq!(coordinates.as_slice(), &[h.location.x(), h.location.y()]);
    }
}

#[test]
fn province_counts_and_validity() {
    let ds = generate(Preset::Province, 1);
    assert!(
        (1_400..=1_600).contains(&ds.thon.len()),
        "{}",
        ds.thon.len()
    );
    assert!(
        (2_700..=3_300).contains(&ds.sites.len()),
        "{}",
        ds.sites.len()
    );
    assert!(
        (390_000..=410_000).contains(&ds.households.len()),
        "{}",
        ds.households.len()
    );
    assert!(!ds.fiber.is_empty());
    let communes: HashSet<&str> = ds.thon.iter().map(|t| t.commune.as_str()).collect();
    let per_commune = ds.thon.len() as f64 / communes.len() as f64;
    assert!((10.0..=15.0).contains(&per_commune), "{per_commune}");
    assert_valid(&ds);
}

#[test]
fn province_is_deterministic_for_a_seed() {
    let (a, b) = (generate(Preset::Province, 3), generate(Preset::Province, 3));
    assert_eq!(a.thon, b.thon);
    assert_eq!(a.sites, b.sites);
    assert_eq!(a.households.len(), b.households.len());
    assert!(
        a.households
            .iter()
            .zip(b.households.iter())
            .all(|(x, y)| x == y)
    );
}

#[test]
fn province_thon_do_not_overlap_in_a_corner() {
    // All 1,500 pairs would be slow under BooleanOps; a corner covers every kind of junction.
    let ds = generate(Preset::Province, 2);
    let corner: Vec<Thon> = ds
        .thon
        .iter()
        .filter(|t| {
            let r = t.geometry.bounding_rect().expect("thôn are not empty");
            r.min().x < 108.35 && r.min().y < 14.7
        })
        .cloned()
        .collect();
    assert!(corner.len() > 20, "{}", corner.len());
    assert_no_overlap(&corner);
}

#[test]
fn national_counts_and_validity() {
    let ds = generate(Preset::National, 1);
    assert!(
        (9_500..=10_500).contains(&ds.thon.len()),
        "{}",
        ds.thon.len()
    );
    assert!(
        (18_000..=22_000).contains(&ds.sites.len()),
        "{}",
        ds.sites.len()
    );
    assert!(
        (1_950_000..=2_050_000).contains(&ds.households.len()),
        "{}",
        ds.households.len()
    );
    assert_valid(&ds);
}
