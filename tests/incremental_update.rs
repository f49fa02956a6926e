//! An upload of sites recomputes only what the changed sites reach: the result must be the
//! full computation's, for every kind of change and under each kind of model.

mod common;

use std::sync::Arc;

use geo::Point;
use phusong::coverage::{CoverageConfig, Engine, GapCache, Measure, SiteUpdate, Stats};
use phusong::domain::{Dataset, Site, Tech};
use phusong::index::Snapshot;
use phusong::radio::ModelKind;

fn engine(ds: Dataset, model: ModelKind) -> Engine {
    let config = CoverageConfig {
        model,
        ..CoverageConfig::default()
    };
    Engine::new(Arc::new(Snapshot::build(ds, None).expect("index")), config)
}

fn new_site(operator: &str, id: &str, lon: f64, lat: f64, tech: Vec<Tech>) -> Site {
    Site {
        id: id.into(),
        operator: operator.into(),
        tech,
        height_m: Some(30.0),
        radius_m: None,
        sectors: Vec::new(),
        frequency_mhz: None,
        eirp_dbm: None,
        location: Point::new(lon, lat),
    }
}

/// The site layer after each kind of change an upload makes.
fn changes(sites: &[Site]) -> Vec<(&'static str, Vec<Site>)> {
    let (lon, lat) = (108.80, 15.155);
    let mut added = sites.to_vec();
    added.push(new_site("Viettel", "NEW-1", lon, lat, vec![Tech::G5]));
    let mut moved = sites.to_vec();
    moved[0].location = Point::new(moved[0].location.x() + 0.01, moved[0].location.y());
    let mut retuned = sites.to_vec();
    retuned[2].tech = vec![Tech::G4, Tech::G5];
    retuned[2].height_m = Some(50.0);
    let mut deleted = sites.to_vec();
    deleted.remove(1);
    let mut new_operator = sites.to_vec();
    new_operator.push(new_site("Vietnamobile", "VNM-1", lon, lat, vec![Tech::G4]));
    let unchanged = sites.to_vec();
    vec![
        ("a new 5G site", added),
        ("a moved site", moved),
        ("a site with a new technology and height", retuned),
        ("a deleted site", deleted),
        ("a site of a new operator", new_operator),
        ("nothing changed", unchanged),
    ]
}

fn assert_same_figures(what: &str, got: &Stats, want: &Stats) {
    assert_eq!(got.thon.len(), want.thon.len());
    let pairs = got
        .thon
        .iter()
        .map(|t| (t.id.as_str(), &t.coverage, &t.by_operator))
        .chain(std::iter::once((
            "total",
            &got.total.coverage,
            &got.total.by_operator,
        )))
        .zip(
            want.thon
                .iter()
                .map(|t| (&t.coverage, &t.by_operator))
                .chain(std::iter::once((
                    &want.total.coverage,
                    &want.total.by_operator,
                ))),
        );
    for ((id, coverage, by_operator), (want_coverage, want_by_operator)) in pairs {
        assert_eq!(
            by_operator.keys().collect::<Vec<_>>(),
            want_by_operator.keys().collect::<Vec<_>>(),
            "{what}: operators of {id}"
        );
        let per_operator = by_operator.values().zip(want_by_operator.values());
        for (g, w) in std::iter::once((coverage, want_coverage)).chain(per_operator) {
            for (m, f) in g {
                let e = &w[m];
                assert_eq!(f.households, e.households, "{what}: {id} {m} households");
                assert!(
                    (f.area_m2 - e.area_m2).abs() <= 1e-6 * e.area_m2.max(1.0),
                    "{what}: {id} {m} area {} vs {}",
                    f.area_m2,
                    e.area_m2
                );
                assert!(
                    (f.population - e.population).abs() <= 1e-9 * e.population.max(1.0),
                    "{what}: {id} {m} population"
                );
            }
        }
    }
}

/// The gaps a service keeps across the update (those of the old version, for the thôn the
/// change cannot reach) are the gaps computed from scratch on the full new data.
fn assert_same_gaps(what: &str, before: &Engine, update: &SiteUpdate, full: &Engine) {
    let all: Vec<usize> = (0..before.snapshot.thon.len()).collect();
    let cache = GapCache::new(all.len());
    for m in Measure::ALL {
        cache
            .gaps(before, m, &all)
            .expect("gaps of the old version");
    }
    let kept = cache.after(&update.engine, &update.changed);
    for m in Measure::ALL {
        let got = kept.gaps(&update.engine, m, &all).expect("gaps after");
        let want = full.gaps(m, &all).expect("gaps from scratch");
        let ids = |g: &mut dyn Iterator<Item = &str>| g.map(String::from).collect::<Vec<_>>();
        assert_eq!(
            ids(&mut got.iter().map(|g| g.thon_id.as_str())),
            ids(&mut want.iter().map(|g| g.thon_id.as_str())),
            "{what}: thôn with a {m} gap"
        );
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.households, w.households, "{what}: {} {m}", w.thon_id);
            assert!(
                (g.area_m2 - w.area_m2).abs() <= 1e-6 * w.area_m2.max(1.0),
                "{what}: {} {m} gap area {} vs {}",
                w.thon_id,
                g.area_m2,
                w.area_m2
            );
        }
    }
}

fn check_model(model: ModelKind) {
    let ds = common::sample_dataset();
    let before = engine(ds.clone(), model);
    let before_stats = before.stats();
    for (what, sites) in changes(&ds.sites) {
        let snap = Arc::new(before.snapshot.with_sites(sites.clone()).expect("index"));
        let full = engine(
            Dataset {
                sites,
                ..ds.clone()
            },
            model,
        );
        let full_stats = full.stats();
        match before.with_sites(snap) {
            Some(update) => {
                assert_ne!(what, "a site of a new operator", "operators changed");
                assert_eq!(
                    update.engine.household_cover, full.household_cover,
                    "{model}, {what}: household cover"
                );
                let got = update.engine.stats_after(&before_stats, &update.changed);
                assert_same_figures(&format!("{model}, {what}"), &got, &full_stats);
                assert_same_gaps(&format!("{model}, {what}"), &before, &update, &full);
            }
            None => assert_eq!(what, "a site of a new operator", "{model}: no update"),
        }
    }
}

#[test]
fn a_site_update_gives_the_full_figures_under_the_disc_model() {
    check_model(ModelKind::Disc);
}

#[test]
fn a_site_update_gives_the_full_figures_under_a_path_loss_model() {
    check_model(ModelKind::Hata);
}

#[test]
fn an_update_that_changes_nothing_recomputes_nothing() {
    let ds = common::sample_dataset();
    let before = engine(ds.clone(), ModelKind::Disc);
    let snap = Arc::new(before.snapshot.with_sites(ds.sites).expect("index"));
    let update = before.with_sites(snap).expect("same operators");
    assert!(update.changed.is_empty());
}

#[test]
fn a_new_site_changes_only_the_thon_within_its_reach() {
    let ds = common::sample_dataset();
    let before = engine(ds.clone(), ModelKind::Disc);
    let mut sites = ds.sites.clone();
    // A small declared disc: it reaches one thôn, not the commune.
    let mut small = new_site("VNPT", "SMALL-1", 108.80, 15.155, vec![Tech::G5]);
    small.radius_m = Some(200.0);
    sites.push(small);
    let snap = Arc::new(before.snapshot.with_sites(sites).expect("index"));
    let update = before.with_sites(snap).expect("same operators");
    assert_eq!(update.changed.len(), 1);
    let reached = update
        .engine
        .snapshot
        .thon_in(update.changed[0])
        .collect::<Vec<_>>();
    assert!(
        !reached.is_empty() && reached.len() < ds.thon.len(),
        "the disc reaches {} of {} thôn",
        reached.len(),
        ds.thon.len()
    );
}
