//! Every household's cover, in chunks shared between versions. An upload re-evaluates only the
//! households within reach of the changed sites; copying the whole table for each version
//! (16 MB at province scale) made every upload allocate, and free, that much.

use std::ops::Index;
use std::sync::Arc;

use super::households::HouseholdCover;

/// Households per chunk: an upload that reaches a few hundred households copies a few chunks.
const CHUNK: usize = 4096;

/// Per household (dataset order): which operators cover it, per measure.
#[derive(Debug, Clone, Default)]
pub struct CoverTable {
    chunks: Vec<Arc<[HouseholdCover]>>,
    len: usize,
}

impl CoverTable {
    /// The table of these covers.
    pub fn new(covers: Vec<HouseholdCover>) -> Self {
        let len = covers.len();
        let chunks = covers.chunks(CHUNK).map(Arc::from).collect();
        Self { chunks, len }
    }

    /// Number of households.
    pub fn len(&self) -> usize {
        self.len
    }

    /// No households.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every cover, in household order.
    pub fn iter(&self) -> impl Iterator<Item = &HouseholdCover> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// This table with some covers replaced (household index, new cover); the chunks no change
    /// touches are shared with this table.
    pub fn with_changes(&self, changes: Vec<(usize, HouseholdCover)>) -> Self {
        let mut chunks = self.chunks.clone();
        let mut copied: Vec<Option<Vec<HouseholdCover>>> = vec![None; chunks.len()];
        for (h, cover) in changes {
            let chunk = copied[h / CHUNK].get_or_insert_with(|| chunks[h / CHUNK].to_vec());
            chunk[h % CHUNK] = cover;
        }
        for (i, chunk) in copied.into_iter().enumerate() {
            if let Some(c) = chunk {
                chunks[i] = Arc::from(c);
            }
        }
        Self {
            chunks,
            len: self.len,
        }
    }
}

impl Index<usize> for CoverTable {
    type Output = HouseholdCover;

    fn index(&self, h: usize) -> &HouseholdCover {
        &self.chunks[h / CHUNK][h % CHUNK]
    }
}

impl PartialEq for CoverTable {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cover(n: u64) -> HouseholdCover {
        HouseholdCover([n, 0, 0, 0, 0])
    }

    #[test]
    fn changes_replace_only_their_households_and_share_the_other_chunks() {
        let n = 3 * CHUNK + 5;
        let table = CoverTable::new((0..n as u64).map(cover).collect());
        assert_eq!(table.len(), n);
        assert_eq!(table[CHUNK + 1], cover(CHUNK as u64 + 1));
        let changed = table.with_changes(vec![(CHUNK + 1, cover(7)), (n - 1, cover(9))]);
        let want: Vec<HouseholdCover> = (0..n as u64)
            .map(|i| match i as usize {
                i if i == CHUNK + 1 => cover(7),
                i if i == n - 1 => cover(9),
                _ => cover(i),
            })
            .collect();
        assert!(changed.iter().eq(want.iter()));
        assert_eq!(changed, CoverTable::new(want));
        assert_ne!(changed, table);
        // The untouched chunks are the same allocation; the touched ones are new.
        assert!(Arc::ptr_eq(&changed.chunks[0], &table.chunks[0]));
        assert!(Arc::ptr_eq(&changed.chunks[2], &table.chunks[2]));
        assert!(!Arc::ptr_eq(&changed.chunks[1], &table.chunks[1]));
        assert!(!Arc::ptr_eq(&changed.chunks[3], &table.chunks[3]));
        // The original is unchanged.
        assert_eq!(table[CHUNK + 1], cover(CHUNK as u64 + 1));
    }
}
