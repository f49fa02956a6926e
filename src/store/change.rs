//! A change to the sites or fiber layer, as an operator or the admin uploads it.

use super::schema::{FIBER, SITES};
use crate::domain::{FiberRoute, Site};

/// One change and who makes it; the store applies it in one transaction and records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Who makes it: an operator name or "admin".
    pub actor: String,
    /// What it does.
    pub kind: ChangeKind,
}

/// What a change does. Sites and routes are keyed by (operator, id).
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// Inserts new sites and replaces stored ones with the same key.
    UpsertSites(Vec<Site>),
    /// Deletes one site; a site not stored is [`super::StoreError::NotFound`].
    DeleteSite {
        /// Its operator.
        operator: String,
        /// Its id.
        id: String,
    },
    /// Inserts new routes and replaces stored ones with the same key.
    UpsertFiber(Vec<FiberRoute>),
    /// Deletes one route; a route not stored is [`super::StoreError::NotFound`].
    DeleteFiber {
        /// Its operator.
        operator: String,
        /// Its id.
        id: String,
    },
}

impl ChangeKind {
    /// The name recorded in the history: "upsert_sites", "delete_site", "upsert_fiber" or
    /// "delete_fiber".
    pub fn action(&self) -> &'static str {
        match self {
            ChangeKind::UpsertSites(_) => "upsert_sites",
            ChangeKind::DeleteSite { .. } => "delete_site",
            ChangeKind::UpsertFiber(_) => "upsert_fiber",
            ChangeKind::DeleteFiber { .. } => "delete_fiber",
        }
    }

    /// The table it writes.
    pub(super) fn table(&self) -> &'static str {
        match self {
            ChangeKind::UpsertSites(_) | ChangeKind::DeleteSite { .. } => SITES,
            ChangeKind::UpsertFiber(_) | ChangeKind::DeleteFiber { .. } => FIBER,
        }
    }
}
