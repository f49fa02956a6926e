//! Edits to a dataset's sites and fiber, keyed by (operator, id), as uploads make them.

use super::{FiberRoute, Site};

/// What an upsert did, by "operator/id".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Upserted {
    /// Keys that were new.
    pub inserted: Vec<String>,
    /// Keys that replaced a stored feature.
    pub updated: Vec<String>,
}

/// (operator, id): not the "operator/id" string, which two different keys share when an
/// operator or an id contains a slash ("A/B", "C" and "A", "B/C": the second replaced the
/// first in memory while the store kept both; found with a hand-made input to the upload fuzz
/// target, whose undo check failed, docs/reliability.md, "Fuzzing").
fn key(operator: &str, id: &str) -> (String, String) {
    (operator.to_string(), id.to_string())
}

/// Inserts new sites and replaces stored ones with the same operator and id, keeping order.
pub fn upsert_sites(stored: &mut Vec<Site>, sites: &[Site]) -> Upserted {
    upsert(stored, sites, |s| key(&s.operator, &s.id))
}

/// Inserts new routes and replaces stored ones with the same operator and id, keeping order.
pub fn upsert_fiber(stored: &mut Vec<FiberRoute>, routes: &[FiberRoute]) -> Upserted {
    upsert(stored, routes, |f| key(&f.operator, &f.id))
}

/// Removes a site; false if there was none.
pub fn delete_site(stored: &mut Vec<Site>, operator: &str, id: &str) -> bool {
    remove(stored, |s| s.operator == operator && s.id == id)
}

/// Removes a route; false if there was none.
pub fn delete_fiber(stored: &mut Vec<FiberRoute>, operator: &str, id: &str) -> bool {
    remove(stored, |f| f.operator == operator && f.id == id)
}

fn upsert<T: Clone>(
    stored: &mut Vec<T>,
    new: &[T],
    key: impl Fn(&T) -> (String, String),
) -> Upserted {
    let mut index: std::collections::HashMap<(String, String), usize> = stored
        .iter()
        .enumerate()
        .map(|(i, t)| (key(t), i))
        .collect();
    let mut out = Upserted::default();
    for item in new {
        let k = key(item);
        let shown = format!("{}/{}", k.0, k.1);
        match index.get(&k) {
            Some(&i) => {
                stored[i] = item.clone();
                out.updated.push(shown);
            }
            None => {
                index.insert(k, stored.len());
                stored.push(item.clone());
                out.inserted.push(shown);
            }
        }
    }
    out
}

fn remove<T>(stored: &mut Vec<T>, hit: impl Fn(&T) -> bool) -> bool {
    let before = stored.len();
    stored.retain(|t| !hit(t));
    stored.len() != before
}
