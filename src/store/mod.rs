//! The embedded store: the four layers, the upload history and API token hashes in one OGC
//! GeoPackage 1.3 file that QGIS and GDAL open as it is.
//!
//! Behind the narrow [`Store`] trait so a PostGIS back end can come later; [`GeoPackageStore`]
//! is the one implementation today. See `docs/store.md` for the file layout.
//!
//! - Layers `thon` (MULTIPOLYGON), `sites` (POINT), `fiber` (MULTILINESTRING) and `households`
//!   (POINT), all EPSG:4326 lon/lat, exactly as [`crate::domain`] holds them.
//! - Geometry blobs are GeoPackage binary (header "GP", version 0, little-endian, envelope
//!   `[minx, maxx, miny, maxy]` for lines and polygons) followed by little-endian WKB.
//! - Durability: WAL journal with `synchronous=FULL`; every write is one transaction, so a
//!   commit that returned survives a crash or power cut and a failed write leaves the file as
//!   it was.
//! - Attribute tables `phusong_history` and `phusong_tokens` (SHA-256 hashes only).

mod change;
mod contents;
mod error;
mod geopackage;
mod gpb;
mod history;
mod layers;
mod schema;
mod tokens;
mod wkb;

#[cfg(test)]
mod tests;

pub use change::{Change, ChangeKind};
pub use error::StoreError;
pub use geopackage::{GeoPackageStore, write_geopackage};
pub use history::UploadRecord;
pub use tokens::{TokenRole, hash_token, new_token};
pub use wkb::GeometryError;

use crate::domain::Dataset;

/// Where the service keeps its dataset, history and tokens.
///
/// One value holds one connection; the service wraps it in a `Mutex`. Every write is a single
/// transaction: it happens entirely or not at all.
pub trait Store: Send {
    /// All four layers, in the order they were stored.
    fn load(&self) -> Result<Dataset, StoreError>;

    /// Whether no thôn is stored yet: on first start the service seeds the store.
    fn is_empty(&self) -> Result<bool, StoreError>;

    /// Replaces all four layers with `ds` (seed or import), recording it in the history
    /// as "replace_all" by `actor`.
    fn replace_all(&mut self, ds: &Dataset, actor: &str) -> Result<(), StoreError>;

    /// Applies one change to the sites or fiber layer and records it in the history.
    ///
    /// Upserts are keyed by (operator, id); deleting a feature that is not stored is
    /// [`StoreError::NotFound`], and a key listed twice in one upsert is
    /// [`StoreError::DuplicateKey`]. On any error nothing is changed.
    fn apply(&mut self, change: &Change) -> Result<UploadRecord, StoreError>;

    /// The newest `limit` history records, newest first.
    fn history(&self, limit: usize) -> Result<Vec<UploadRecord>, StoreError>;

    /// Stores a token's hash (from [`hash_token`], never the token) with its role.
    fn add_token(&mut self, token_hash: &str, role: &TokenRole) -> Result<(), StoreError>;

    /// The role of the token with this hash, if one is stored.
    fn find_token(&self, token_hash: &str) -> Result<Option<TokenRole>, StoreError>;
}
