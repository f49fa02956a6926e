//! Changes through the store: upserts, deletes, failures that change nothing, history, tokens.

use std::sync::Arc;

use serde_json::json;

use super::*;

#[test]
fn replace_all_replaces_every_layer() {
    let (_dir, mut store) = seeded();
    let mut smaller = sample();
    Arc::make_mut(&mut smaller.thon).truncate(1);
    smaller.sites.clear();
    Arc::make_mut(&mut smaller.households).truncate(1);
    store.replace_all(&smaller, "admin").expect("replace");
    assert_same(&store.load().expect("load"), &smaller);
}

#[test]
fn upsert_inserts_new_sites_and_updates_stored_ones_in_place() {
    let (_dir, mut store) = seeded();
    let mut moved = site("Viettel", "S1", 105.06, 21.04);
    moved.tech = vec![Tech::G4];
    let new = site("Mobifone", "S1", 105.07, 21.07);
    let rec = store
        .apply(&upsert_sites("admin", vec![moved.clone(), new.clone()]))
        .expect("apply");
    assert_eq!(rec.action, "upsert_sites");
    assert_eq!(
        rec.summary,
        json!({"inserted": ["Mobifone/S1"], "updated": ["Viettel/S1"], "deleted": []})
    );
    let sites = store.load().expect("load").sites;
    assert_eq!(
        sites,
        vec![moved, omni_site(), new],
        "updated row keeps its place"
    );
}

#[test]
fn delete_site_removes_it() {
    let (_dir, mut store) = seeded();
    let kind = ChangeKind::DeleteSite {
        operator: "VNPT".into(),
        id: "S2".into(),
    };
    let rec = store
        .apply(&Change {
            actor: "VNPT".into(),
            kind,
        })
        .expect("apply");
    assert_eq!(rec.action, "delete_site");
    assert_eq!(
        rec.summary,
        json!({"inserted": [], "updated": [], "deleted": ["VNPT/S2"]})
    );
    assert_eq!(
        store.load().expect("load").sites,
        vec![site("Viettel", "S1", 105.05, 21.05)]
    );
}

#[test]
fn deleting_a_missing_site_is_not_found_and_records_nothing() {
    let (_dir, mut store) = seeded();
    // Right id, wrong operator: keys are (operator, id).
    let kind = ChangeKind::DeleteSite {
        operator: "VNPT".into(),
        id: "S1".into(),
    };
    let err = store
        .apply(&Change {
            actor: "VNPT".into(),
            kind,
        })
        .expect_err("missing");
    assert!(
        matches!(&err, StoreError::NotFound { table: "sites", operator, id } if operator == "VNPT" && id == "S1"),
        "{err}"
    );
    assert_eq!(
        store.history(10).expect("history").len(),
        1,
        "only the seed"
    );
}

#[test]
fn fiber_upsert_and_delete() {
    let (_dir, mut store) = seeded();
    let faster = route("Viettel", "F1", 10_000.0);
    let other = route("VNPT", "F1", 500.0);
    let kind = ChangeKind::UpsertFiber(vec![faster.clone(), other.clone()]);
    let rec = store
        .apply(&Change {
            actor: "admin".into(),
            kind,
        })
        .expect("upsert");
    assert_eq!(rec.summary["inserted"], json!(["VNPT/F1"]));
    assert_eq!(
        store.load().expect("load").fiber,
        vec![faster, other.clone()]
    );
    let kind = ChangeKind::DeleteFiber {
        operator: "Viettel".into(),
        id: "F1".into(),
    };
    store
        .apply(&Change {
            actor: "Viettel".into(),
            kind,
        })
        .expect("delete");
    assert_eq!(store.load().expect("load").fiber, vec![other]);
    let kind = ChangeKind::DeleteFiber {
        operator: "Viettel".into(),
        id: "F1".into(),
    };
    let err = store
        .apply(&Change {
            actor: "Viettel".into(),
            kind,
        })
        .expect_err("gone");
    assert!(
        matches!(err, StoreError::NotFound { table: "fiber", .. }),
        "{err}"
    );
}

#[test]
fn failing_change_leaves_store_unchanged() {
    let (_dir, mut store) = seeded();
    let before = store.load().expect("load");
    // The first site is written before the duplicate is seen: the rollback must undo it.
    let new = site("Viettel", "S9", 105.0, 21.0);
    let change = upsert_sites("Viettel", vec![new.clone(), new]);
    let err = store.apply(&change).expect_err("duplicate");
    assert!(
        matches!(err, StoreError::DuplicateKey { table: "sites", .. }),
        "{err}"
    );
    assert_same(&store.load().expect("load"), &before);
    assert_eq!(store.history(10).expect("history").len(), 1);
}

#[test]
fn failing_replace_all_leaves_store_unchanged() {
    let (_dir, mut store) = seeded();
    let mut bad = sample();
    bad.sites.clear();
    let first = bad.thon[0].clone();
    Arc::make_mut(&mut bad.thon).push(first);
    let err = store
        .replace_all(&bad, "admin")
        .expect_err("duplicate thôn id");
    assert!(
        matches!(
            err,
            StoreError::Write {
                table: "thon",
                index: 2,
                ..
            }
        ),
        "{err}"
    );
    assert_same(&store.load().expect("load"), &sample());
}

#[test]
fn history_lists_newest_first_up_to_limit() {
    let (_dir, mut store) = seeded();
    store
        .apply(&upsert_sites(
            "Viettel",
            vec![site("Viettel", "S3", 105.0, 21.0)],
        ))
        .expect("a");
    store
        .apply(&upsert_sites("VNPT", vec![site("VNPT", "S4", 105.0, 21.0)]))
        .expect("b");
    let all = store.history(10).expect("history");
    let actions: Vec<(&str, &str)> = all
        .iter()
        .map(|r| (r.actor.as_str(), r.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("VNPT", "upsert_sites"),
            ("Viettel", "upsert_sites"),
            ("admin", "replace_all")
        ]
    );
    assert!(all[0].id > all[1].id && all[0].at >= all[1].at);
    assert_eq!(
        all[2].summary,
        json!({"thon": 2, "sites": 2, "fiber": 1, "households": 2})
    );
    assert_eq!(store.history(1).expect("history"), all[..1].to_vec());
}

#[test]
fn history_record_serialises_for_the_api() {
    let (_dir, store) = seeded();
    let rec = &store.history(1).expect("history")[0];
    let v = serde_json::to_value(rec).expect("serialise");
    assert_eq!(v["actor"], "admin");
    assert_eq!(v["summary"]["thon"], 2);
    assert!(v["at"].as_str().is_some_and(|t| t.ends_with('Z')));
}

#[test]
fn tokens_are_found_by_hash_with_their_role() {
    let (_dir, mut store) = seeded();
    let (admin, viettel) = (hash_token(&new_token()), hash_token(&new_token()));
    store.add_token(&admin, &TokenRole::Admin).expect("admin");
    store
        .add_token(&viettel, &TokenRole::Operator("Viettel".into()))
        .expect("operator");
    assert_eq!(
        store.find_token(&admin).expect("find"),
        Some(TokenRole::Admin)
    );
    assert_eq!(
        store.find_token(&viettel).expect("find"),
        Some(TokenRole::Operator("Viettel".into()))
    );
    assert_eq!(
        store.find_token(&hash_token("unknown")).expect("find"),
        None
    );
}

#[test]
fn adding_a_token_twice_is_an_error() {
    let (_dir, mut store) = seeded();
    let hash = hash_token("t");
    store.add_token(&hash, &TokenRole::Admin).expect("first");
    let err = store
        .add_token(&hash, &TokenRole::Admin)
        .expect_err("second");
    assert!(matches!(err, StoreError::TokenExists), "{err}");
}

#[test]
fn raw_token_is_refused_as_a_hash() {
    let (_dir, mut store) = seeded();
    let err = store
        .add_token(&new_token(), &TokenRole::Admin)
        .expect_err("not a hash");
    assert!(matches!(err, StoreError::BadTokenHash), "{err}");
}

#[test]
fn population_beyond_sqlite_integers_is_a_write_error() {
    let (_dir, mut store) = seeded();
    let mut ds = sample();
    Arc::make_mut(&mut ds.thon)[1].population = u64::MAX;
    let err = store.replace_all(&ds, "admin").expect_err("too large");
    assert!(
        matches!(
            err,
            StoreError::Write {
                table: "thon",
                index: 1,
                ..
            }
        ),
        "{err}"
    );
    assert_same(&store.load().expect("load"), &sample());
}
