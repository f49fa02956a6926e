//! Roads as polylines in grid coordinates: households gather along them and fiber follows them.

use geo::{Coord, LineString};
use rand::Rng;

use super::layout::CellIndex;
use super::mesh::{Frame, Grid, Mesh};

/// A road: a polyline in grid coordinates (cells).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Road {
    pub(crate) points: Vec<Grid>,
}

impl Road {
    /// Positions along the road every `step` cells (at most), both ends included.
    pub(crate) fn samples(&self, step: f64) -> Vec<Grid> {
        let mut out = Vec::new();
        for w in self.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = (b[0] - a[0]).hypot(b[1] - a[1]);
            let n = (len / step).ceil().max(1.0) as usize;
            out.extend((0..n).map(|k| lerp(a, b, k as f64 / n as f64)));
        }
        out.extend(self.points.last().copied());
        out
    }

    /// The road in lon/lat, densified to `step` cells so it follows the bent mesh.
    ///
    /// Consecutive points that round to the same lon/lat are dropped, so a line never repeats
    /// a position.
    pub(crate) fn lonlat(&self, step: f64, mesh: &Mesh, frame: &Frame) -> LineString<f64> {
        let mut coords: Vec<Coord<f64>> = Vec::new();
        for g in self.samples(step) {
            let c = frame.lonlat(mesh.to_metres(g));
            if coords.last() != Some(&c) {
                coords.push(c);
            }
        }
        LineString(coords)
    }
}

/// Road samples every `step` cells, bucketed by the block (thôn) they fall in.
pub(crate) fn samples_by_block(
    roads: &[Road],
    step: f64,
    cells: &CellIndex,
    blocks: usize,
) -> Vec<Vec<Grid>> {
    let mut out = vec![Vec::new(); blocks];
    for g in roads.iter().flat_map(|r| r.samples(step)) {
        if let Some(k) = cells.block_at(g) {
            out[k].push(g);
        }
    }
    out
}

/// A random road through cell centres: it goes straight, sometimes turning left or right, and
/// stops at the grid's edge or after `steps` cells. Never turns back on itself.
pub(crate) fn random_walk(nx: usize, ny: usize, steps: usize, rng: &mut impl Rng) -> Road {
    const DIRS: [(i64, i64); 4] = [(1, 0), (0, 1), (-1, 0), (0, -1)];
    let (mut i, mut j) = (
        rng.random_range(0..nx) as i64,
        rng.random_range(0..ny) as i64,
    );
    let mut dir = rng.random_range(0..4usize);
    let centre = |i: i64, j: i64| [i as f64 + 0.5, j as f64 + 0.5];
    let mut points = vec![centre(i, j)];
    for _ in 0..steps {
        // Left or right only: a U-turn would lay the road back over itself.
        if rng.random_bool(0.25) {
            dir = (dir + if rng.random_bool(0.5) { 1 } else { 3 }) % 4;
        }
        let (ni, nj) = (i + DIRS[dir].0, j + DIRS[dir].1);
        if ni < 0 || nj < 0 || ni >= nx as i64 || nj >= ny as i64 {
            break;
        }
        (i, j) = (ni, nj);
        points.push(centre(i, j));
    }
    Road { points }
}

/// The point a fraction `t` of the way from `a` to `b`.
fn lerp(a: Grid, b: Grid, t: f64) -> Grid {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn samples_include_both_ends_and_respect_step() {
        let road = Road {
            points: vec![[0.0, 0.0], [1.0, 0.0], [1.0, 2.0]],
        };
        let s = road.samples(0.5);
        assert_eq!(s.first(), Some(&[0.0, 0.0]));
        assert_eq!(s.last(), Some(&[1.0, 2.0]));
        assert_eq!(s.len(), 7);
    }

    #[test]
    fn random_walk_stays_on_the_grid_moving_one_cell_at_a_time() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for _ in 0..200 {
            let road = random_walk(10, 8, 30, &mut rng);
            assert!(
                road.points
                    .iter()
                    .all(|p| p[0] > 0.0 && p[0] < 10.0 && p[1] > 0.0 && p[1] < 8.0)
            );
            for w in road.points.windows(2) {
                let d = (w[1][0] - w[0][0]).abs() + (w[1][1] - w[0][1]).abs();
                assert_eq!(d, 1.0);
            }
        }
    }
}
