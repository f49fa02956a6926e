//! Thôn as rectangular blocks of mesh cells, laid out like bricks.
//!
//! The region's columns of cells are split into strips of random widths, and each strip into
//! blocks of random heights of its own, so neighbouring blocks meet with T-junctions rather than
//! a checkerboard. A block's ring walks every mesh vertex on its boundary, T-junction vertices
//! included, so two neighbours share exactly the same vertices along their common edge.

use geo::{LineString, Polygon};
use rand::Rng;

use super::mesh::{Frame, Grid, Mesh};

/// A rectangle of whole cells, columns `i0..i1` and rows `j0..j1`, that becomes one thôn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) i0: usize,
    pub(crate) i1: usize,
    pub(crate) j0: usize,
    pub(crate) j1: usize,
}

impl Block {
    /// The block's centre in grid coordinates.
    pub(crate) fn centre(&self) -> Grid {
        [
            (self.i0 + self.i1) as f64 / 2.0,
            (self.j0 + self.j1) as f64 / 2.0,
        ]
    }

    /// Is `g` inside the block, at least `margin` cells from its edge?
    pub(crate) fn holds(&self, g: Grid, margin: f64) -> bool {
        g[0] >= self.i0 as f64 + margin
            && g[0] <= self.i1 as f64 - margin
            && g[1] >= self.j0 as f64 + margin
            && g[1] <= self.j1 as f64 - margin
    }

    /// A uniformly random grid position inside the block, `margin` cells from its edge.
    pub(crate) fn random_inside(&self, margin: f64, rng: &mut impl Rng) -> Grid {
        [
            rng.random_range(self.i0 as f64 + margin..self.i1 as f64 - margin),
            rng.random_range(self.j0 as f64 + margin..self.j1 as f64 - margin),
        ]
    }

    /// The boundary vertices (i, j) in counter-clockwise order, first vertex repeated last.
    fn ring_vertices(&self) -> Vec<(usize, usize)> {
        let (i0, i1, j0, j1) = (self.i0, self.i1, self.j0, self.j1);
        let south = (i0..i1).map(|i| (i, j0));
        let east = (j0..j1).map(|j| (i1, j));
        let north = (i0 + 1..=i1).rev().map(|i| (i, j1));
        let west = (j0 + 1..=j1).rev().map(|j| (i0, j));
        south
            .chain(east)
            .chain(north)
            .chain(west)
            .chain([(i0, j0)])
            .collect()
    }

    /// The thôn polygon in lon/lat: exterior counter-clockwise, no holes.
    pub(crate) fn polygon(&self, mesh: &Mesh, frame: &Frame) -> Polygon<f64> {
        let ring: LineString<f64> = self
            .ring_vertices()
            .into_iter()
            .map(|(i, j)| frame.lonlat(mesh.vertex(i, j)))
            .collect();
        Polygon::new(ring, vec![])
    }
}

/// Blocks of a brick layout, column by column (west to east), each column south to north.
///
/// `heights[c]` are the row heights of column `c`; every column's heights must have the same sum.
pub(crate) fn bricks(widths: &[usize], heights: &[Vec<usize>]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i0 = 0;
    for (w, hs) in widths.iter().zip(heights) {
        let mut j0 = 0;
        for h in hs {
            blocks.push(Block {
                i0,
                i1: i0 + w,
                j0,
                j1: j0 + h,
            });
            j0 += h;
        }
        i0 += w;
    }
    blocks
}

/// `total` split into `parts` random positive parts, each at least `min`.
pub(crate) fn composition(
    total: usize,
    parts: usize,
    min: usize,
    rng: &mut impl Rng,
) -> Vec<usize> {
    let spare = total.saturating_sub(parts * min);
    // Random cut points in the spare amount give a spread of sizes, not a near-even split.
    let mut cuts: Vec<usize> = (1..parts).map(|_| rng.random_range(0..=spare)).collect();
    cuts.sort_unstable();
    let bounds = std::iter::once(0)
        .chain(cuts)
        .chain([spare])
        .collect::<Vec<_>>();
    bounds.windows(2).map(|w| min + w[1] - w[0]).collect()
}

/// Which block each cell belongs to, for bucketing grid positions by thôn.
#[derive(Debug, Clone)]
pub(crate) struct CellIndex {
    nx: usize,
    ny: usize,
    block_of_cell: Vec<u32>,
}

impl CellIndex {
    /// Indexes `blocks`, which must tile the `nx × ny` grid.
    pub(crate) fn new(nx: usize, ny: usize, blocks: &[Block]) -> CellIndex {
        let mut block_of_cell = vec![0u32; nx * ny];
        for (k, b) in blocks.iter().enumerate() {
            let k = u32::try_from(k).expect("fewer than 4 billion thôn");
            for j in b.j0..b.j1 {
                block_of_cell[j * nx + b.i0..j * nx + b.i1].fill(k);
            }
        }
        CellIndex {
            nx,
            ny,
            block_of_cell,
        }
    }

    /// The block containing grid position `g`, if it lies on the grid.
    pub(crate) fn block_at(&self, g: Grid) -> Option<usize> {
        let inside = |v: f64, n: usize| v >= 0.0 && v < n as f64;
        if !(inside(g[0], self.nx) && inside(g[1], self.ny)) {
            return None;
        }
        let (i, j) = (g[0] as usize, g[1] as usize);
        Some(self.block_of_cell[j * self.nx + i] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn composition_sums_and_respects_minimum() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..100 {
            let parts = composition(108, 36, 2, &mut rng);
            assert_eq!(parts.len(), 36);
            assert_eq!(parts.iter().sum::<usize>(), 108);
            assert!(parts.iter().all(|&p| p >= 2));
        }
    }

    #[test]
    fn bricks_tile_the_grid_once() {
        let blocks = bricks(&[2, 3], &[vec![1, 3], vec![2, 2]]);
        let idx = CellIndex::new(5, 4, &blocks);
        let area: usize = blocks.iter().map(|b| (b.i1 - b.i0) * (b.j1 - b.j0)).sum();
        assert_eq!(area, 20);
        assert_eq!(idx.block_at([0.5, 0.5]), Some(0));
        assert_eq!(idx.block_at([4.5, 3.5]), Some(3));
        assert_eq!(idx.block_at([5.0, 0.5]), None);
    }

    #[test]
    fn ring_walks_every_boundary_vertex_once_and_closes() {
        let ring = Block {
            i0: 1,
            i1: 3,
            j0: 0,
            j1: 2,
        }
        .ring_vertices();
        assert_eq!(
            ring,
            vec![
                (1, 0),
                (2, 0),
                (3, 0),
                (3, 1),
                (3, 2),
                (2, 2),
                (1, 2),
                (1, 1),
                (1, 0)
            ]
        );
    }

    #[test]
    fn margin_shrinks_the_block() {
        let b = Block {
            i0: 0,
            i1: 2,
            j0: 0,
            j1: 2,
        };
        assert!(b.holds([0.1, 1.0], 0.05));
        assert!(!b.holds([0.01, 1.0], 0.05));
    }
}
