//! The service's state: the current coverage snapshot, swapped whole on every change, and
//! the store behind it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use crate::coverage::{CoverageConfig, Engine, GapCache, Stats};
use crate::domain::{Dataset, Site};
use crate::import::{self, DatasetPaths};
use crate::index::Snapshot;
use crate::store::{GeoPackageStore, Store, StoreError};

use super::ServiceConfig;

/// One consistent version of everything a request reads.
pub struct Current {
    /// The engine over the data.
    pub engine: Engine,
    /// Figures of every thôn and the total, computed once per version.
    pub stats: Stats,
    /// Gap polygons computed so far for this version.
    pub gaps: GapCache,
    /// Thôn index by id.
    pub thon_by_id: HashMap<String, usize>,
    /// When this version was made (RFC 3339, UTC).
    pub updated_at: String,
}

impl Current {
    /// Builds a version: index, engine and figures. CPU-bound: call off the async runtime.
    pub fn build(ds: Dataset, config: CoverageConfig) -> Result<Self, StateError> {
        let snap = Snapshot::build(ds, None).map_err(index_error)?;
        let engine = Engine::new(Arc::new(snap), config);
        let stats = engine.stats();
        let thon_by_id = engine
            .snapshot
            .dataset
            .thon
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        Ok(Self {
            gaps: GapCache::new(engine.snapshot.thon.len()),
            engine,
            stats,
            thon_by_id,
            updated_at: now_rfc3339(),
        })
    }

    /// The next version after a change of sites: only what the changed sites reach is
    /// computed again (coverage::SiteUpdate); the same as `build` on the whole dataset.
    pub fn with_sites(&self, sites: Vec<Site>) -> Result<Self, StateError> {
        let snap = Arc::new(
            self.engine
                .snapshot
                .with_sites(sites)
                .map_err(index_error)?,
        );
        let Some(update) = self.engine.with_sites(snap.clone()) else {
            let engine = Engine::new(snap, self.engine.config);
            let gaps = GapCache::new(engine.snapshot.thon.len());
            return Ok(self.next(engine.stats(), gaps, engine));
        };
        let stats = update.engine.stats_after(&self.stats, &update.changed);
        let gaps = self.gaps.after(&update.engine, &update.changed);
        Ok(self.next(stats, gaps, update.engine))
    }

    /// A later version over the same thôn layer.
    fn next(&self, stats: Stats, gaps: GapCache, engine: Engine) -> Self {
        Self {
            engine,
            stats,
            gaps,
            thon_by_id: self.thon_by_id.clone(),
            updated_at: now_rfc3339(),
        }
    }

    /// The dataset of this version.
    pub fn dataset(&self) -> &Dataset {
        &self.engine.snapshot.dataset
    }
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The store failed.
    #[error("store {path}: {source}")]
    Store {
        /// The store file.
        path: PathBuf,
        /// Its error (boxed: a store error is large, and start-up errors are rare).
        #[source]
        source: Box<StoreError>,
    },
    /// The seed data is invalid.
    #[error("seeding the store from {dir}: {source}")]
    Seed {
        /// The seed folder.
        dir: PathBuf,
        /// What is wrong with it.
        #[source]
        source: Box<import::ImportError>,
    },
    /// The index could not be built.
    #[error("building the index: {0}")]
    Index(String),
    /// Creating the data folder failed.
    #[error("creating {path}: {source}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// The OS's reason.
        #[source]
        source: std::io::Error,
    },
}

/// Shared by every request; cloning is cheap (every field is an `Arc`).
#[derive(Clone)]
pub struct AppState {
    /// The service's settings.
    pub config: Arc<ServiceConfig>,
    /// The current version. The lock is held only to clone or replace the `Arc`, so readers
    /// never wait for an update to be computed.
    current: Arc<RwLock<Arc<Current>>>,
    /// The store; a std mutex because it is only used inside `spawn_blocking`.
    pub store: Arc<Mutex<Box<dyn Store>>>,
    /// Serialises writers, so that each change is computed on the version before it.
    pub writer: Arc<tokio::sync::Mutex<()>>,
}

impl AppState {
    /// Opens (or creates) the store in the data folder, seeds it from the seed folder on the
    /// first start, and builds the first version.
    pub fn open(config: ServiceConfig) -> Result<Self, StateError> {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StateError::Io {
            path: config.data_dir.clone(),
            source,
        })?;
        let path = config.store_path();
        let store_err = |source: StoreError| StateError::Store {
            path: path.clone(),
            source: Box::new(source),
        };
        let mut store = GeoPackageStore::open(&path).map_err(store_err)?;
        if store.is_empty().map_err(store_err)? {
            let ds = read_seed(&config.seed_dir)?;
            store.replace_all(&ds, "seed").map_err(store_err)?;
            tracing::info!(dir = %config.seed_dir.display(), "seeded the store");
        }
        let ds = store.load().map_err(store_err)?;
        let current = Current::build(ds, config.coverage)?;
        Ok(Self {
            config: Arc::new(config),
            current: Arc::new(RwLock::new(Arc::new(current))),
            store: Arc::new(Mutex::new(Box::new(store))),
            writer: Arc::new(tokio::sync::Mutex::new(())),
        })
    }

    /// The current version.
    pub fn current(&self) -> Arc<Current> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Makes `next` the current version, at once for every later request.
    pub fn swap(&self, next: Current) {
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
    }
}

fn index_error(e: crate::index::IndexError) -> StateError {
    StateError::Index(e.to_string())
}

fn read_seed(dir: &std::path::Path) -> Result<Dataset, StateError> {
    let (t, s, f, h) = (
        dir.join("thon.geojson"),
        dir.join("sites.geojson"),
        dir.join("fiber.geojson"),
        dir.join("households.geojson"),
    );
    let paths = DatasetPaths {
        thon: &t,
        sites: &s,
        fiber: &f,
        households: &h,
    };
    import::dataset(&paths, None).map_err(|source| StateError::Seed {
        dir: dir.to_path_buf(),
        source: Box::new(source),
    })
}

/// The time now as RFC 3339 UTC with seconds (no time-zone crate needed for UTC).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
