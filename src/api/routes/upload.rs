//! POST /api/sites and /api/fiber, DELETE /api/sites/{operator}/{id} and
//! /api/fiber/{operator}/{id}: operators' changes, all or nothing.
//!
//! A change is validated in full, the next version is computed from it, then it is committed
//! to the store in one durable transaction, and only then swapped in: a rejected change
//! leaves no trace, and an acknowledged one is on disk.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Serialize;

use super::blocking;
use crate::api::auth::{self, Caller};
use crate::api::{ApiError, AppState, Current};
use crate::coverage::{Figures, Measure};
use crate::domain::{Dataset, FiberRoute, Site, edit};
use crate::import::{self, ImportError, Problem, Source};
use crate::store::{Change, ChangeKind, StoreError};

/// A thôn whose figures an upload changed.
#[derive(Debug, Serialize)]
pub struct Affected {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Figures before.
    pub before: BTreeMap<Measure, Figures>,
    /// Figures after.
    pub after: BTreeMap<Measure, Figures>,
}

/// The answer to an accepted change.
#[derive(Debug, Serialize)]
pub struct UploadResponse {
    /// The history record's id.
    pub upload_id: i64,
    /// Keys ("operator/id") inserted.
    pub inserted: Vec<String>,
    /// Keys updated.
    pub updated: Vec<String>,
    /// Keys deleted.
    pub deleted: Vec<String>,
    /// Thôn whose figures changed, before and after.
    pub affected: Vec<Affected>,
}

/// Upserts sites from a GeoJSON FeatureCollection.
pub async fn sites(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<UploadResponse>, ApiError> {
    let key = |s: &crate::domain::Site| (s.operator.clone(), s.id.clone());
    upsert(
        &state,
        &headers,
        &body,
        import::sites,
        key,
        ChangeKind::UpsertSites,
    )
    .await
}

/// Upserts fiber routes from a GeoJSON FeatureCollection.
pub async fn fiber(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<UploadResponse>, ApiError> {
    let key = |f: &crate::domain::FiberRoute| (f.operator.clone(), f.id.clone());
    upsert(
        &state,
        &headers,
        &body,
        import::fiber,
        key,
        ChangeKind::UpsertFiber,
    )
    .await
}

/// Deletes one site.
pub async fn delete_site(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((operator, id)): Path<(String, String)>,
) -> Result<Json<UploadResponse>, ApiError> {
    let caller = auth::caller(&state, &headers).await?;
    owned(
        &caller,
        std::iter::once((0, (operator.clone(), id.clone()))),
    )?;
    change(&state, &caller, ChangeKind::DeleteSite { operator, id }).await
}

/// Deletes one fiber route.
pub async fn delete_fiber(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((operator, id)): Path<(String, String)>,
) -> Result<Json<UploadResponse>, ApiError> {
    let caller = auth::caller(&state, &headers).await?;
    owned(
        &caller,
        std::iter::once((0, (operator.clone(), id.clone()))),
    )?;
    change(&state, &caller, ChangeKind::DeleteFiber { operator, id }).await
}

/// The upload path shared by sites and fiber: token, full validation, ownership, change.
async fn upsert<T>(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    layer: impl Fn(Source<'_>) -> Result<Vec<T>, ImportError>,
    key: impl Fn(&T) -> (String, String),
    kind: impl FnOnce(Vec<T>) -> ChangeKind,
) -> Result<Json<UploadResponse>, ApiError> {
    let caller = auth::caller(state, headers).await?;
    let items = parse(state, body, layer)?;
    owned(&caller, items.iter().map(&key).enumerate())?;
    change(state, &caller, kind(items)).await
}

fn parse<T>(
    state: &AppState,
    body: &[u8],
    layer: impl Fn(Source<'_>) -> Result<Vec<T>, ImportError>,
) -> Result<Vec<T>, ApiError> {
    let items = layer(Source {
        name: "upload",
        bytes: body,
        crs: None,
    })
    .map_err(|e| match e {
        ImportError::Invalid(problems) => ApiError::Invalid(problems),
        other => ApiError::internal(other),
    })?;
    let max = state.config.max_upload_features;
    if items.len() > max {
        return Err(ApiError::TooLarge(format!(
            "{} features in one upload; the limit is {max}: split the file",
            items.len()
        )));
    }
    Ok(items)
}

/// An operator may change only its own features: every other one is listed, with 403.
/// `keys` are (feature index, (operator, id)).
fn owned(
    caller: &Caller,
    keys: impl Iterator<Item = (usize, (String, String))>,
) -> Result<(), ApiError> {
    let foreign: Vec<String> = keys
        .filter(|(_, (op, _))| !caller.may_change(op))
        .map(|(i, (op, id))| format!("feature {i} (id {id:?}) belongs to {op}"))
        .collect();
    if foreign.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "a {} token may change only {}'s sites and routes: {}",
            caller.actor(),
            caller.actor(),
            foreign.join("; ")
        )))
    }
}

/// Applies a change: next version, durable commit, swap, and the before/after figures.
async fn change(
    state: &AppState,
    caller: &Caller,
    kind: ChangeKind,
) -> Result<Json<UploadResponse>, ApiError> {
    let _writer = state.writer.lock().await;
    let before = state.current();
    let (edited, (inserted, updated, deleted)) = edit_layer(before.dataset(), &kind)?;
    let change = Change {
        actor: caller.actor(),
        kind,
    };
    let (store, previous) = (state.store.clone(), before.clone());
    let (next, record) = blocking(move || -> Result<_, ApiError> {
        let next = match edited {
            Edited::Sites(sites) => previous.with_sites(sites),
            Edited::Fiber(fiber) => {
                let ds = Dataset {
                    fiber,
                    ..previous.dataset().clone()
                };
                Current::build(ds, previous.engine.config)
            }
        }
        .map_err(ApiError::internal)?;
        let record = store
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .apply(&change)
            .map_err(store_error)?;
        Ok((next, record))
    })
    .await??;
    let affected = affected(&before, &next);
    state.swap(next);
    tracing::info!(upload = record.id, actor = %record.actor, action = %record.action, "change applied");
    Ok(Json(UploadResponse {
        upload_id: record.id,
        inserted,
        updated,
        deleted,
        affected,
    }))
}

type Keys = (Vec<String>, Vec<String>, Vec<String>);

/// The layer a change edits, as it is after the change.
enum Edited {
    Sites(Vec<Site>),
    Fiber(Vec<FiberRoute>),
}

fn edit_layer(ds: &Dataset, kind: &ChangeKind) -> Result<(Edited, Keys), ApiError> {
    let missing =
        |what: &str, op: &str, id: &str| ApiError::NotFound(format!("no {what} {id:?} of {op}"));
    Ok(match kind {
        ChangeKind::UpsertSites(s) => {
            let mut sites = ds.sites.clone();
            let u = edit::upsert_sites(&mut sites, s);
            (Edited::Sites(sites), (u.inserted, u.updated, vec![]))
        }
        ChangeKind::UpsertFiber(f) => {
            let mut fiber = ds.fiber.clone();
            let u = edit::upsert_fiber(&mut fiber, f);
            (Edited::Fiber(fiber), (u.inserted, u.updated, vec![]))
        }
        ChangeKind::DeleteSite { operator, id } => {
            let mut sites = ds.sites.clone();
            if !edit::delete_site(&mut sites, operator, id) {
                return Err(missing("site", operator, id));
            }
            let key = format!("{operator}/{id}");
            (Edited::Sites(sites), (vec![], vec![], vec![key]))
        }
        ChangeKind::DeleteFiber { operator, id } => {
            let mut fiber = ds.fiber.clone();
            if !edit::delete_fiber(&mut fiber, operator, id) {
                return Err(missing("fiber route", operator, id));
            }
            let key = format!("{operator}/{id}");
            (Edited::Fiber(fiber), (vec![], vec![], vec![key]))
        }
    })
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound { .. } => ApiError::NotFound(e.to_string()),
        StoreError::DuplicateKey { .. } => ApiError::Invalid(vec![Problem {
            file: "upload".into(),
            feature: None,
            id: None,
            reason: e.to_string(),
        }]),
        other => ApiError::internal(other),
    }
}

/// Thôn whose figures differ between two versions (same thôn layer: uploads change only
/// sites and fiber).
fn affected(before: &Current, after: &Current) -> Vec<Affected> {
    before
        .stats
        .thon
        .iter()
        .zip(&after.stats.thon)
        .filter(|(b, a)| b.coverage != a.coverage)
        .map(|(b, a)| Affected {
            id: a.id.clone(),
            name: a.name.clone(),
            before: b.coverage.clone(),
            after: a.coverage.clone(),
        })
        .collect()
}
