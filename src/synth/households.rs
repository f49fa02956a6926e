//! Household points inside one thôn: clustered around village centres and along roads.
//!
//! Points are drawn in grid coordinates and kept only if they lie inside the thôn's block with
//! a margin; since the mesh maps each block onto its thôn polygon, every household is strictly
//! inside its thôn, a few metres from the boundary at least, by construction.

use rand::Rng;

use super::layout::Block;
use super::mesh::Grid;

/// Distance kept from the thôn boundary, in cells: at least a few metres on the ground even in
/// the most squeezed cell, so reprojection or rounding cannot push a household outside.
pub(crate) const MARGIN: f64 = 0.05;

/// Tries before a clustered draw gives up and falls back to a uniform one.
const TRIES: usize = 16;

/// How households spread over a thôn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spread {
    /// Share drawn around a village centre.
    pub(crate) centre_share: f64,
    /// Share drawn along a road; goes to the centres when no road crosses the thôn.
    pub(crate) road_share: f64,
    /// Standard deviation around a centre, cells.
    pub(crate) centre_sigma: f64,
    /// Standard deviation across a road, cells.
    pub(crate) road_sigma: f64,
}

/// `n` household positions (grid coordinates) inside `block`.
pub(crate) fn draw(
    block: &Block,
    n: usize,
    centres: &[Grid],
    road: &[Grid],
    spread: Spread,
    rng: &mut impl Rng,
) -> Vec<Grid> {
    (0..n)
        .map(|_| draw_one(block, centres, road, spread, rng))
        .collect()
}

/// One position: around a centre, along a road, or anywhere in the block.
fn draw_one(
    block: &Block,
    centres: &[Grid],
    road: &[Grid],
    spread: Spread,
    rng: &mut impl Rng,
) -> Grid {
    let road_share = if road.is_empty() {
        0.0
    } else {
        spread.road_share
    };
    let centre_share = if centres.is_empty() {
        0.0
    } else {
        spread.centre_share + spread.road_share - road_share
    };
    let r: f64 = rng.random();
    let anchor = if r < centre_share {
        Some((pick(centres, rng), spread.centre_sigma))
    } else if r < centre_share + road_share {
        Some((pick(road, rng), spread.road_sigma))
    } else {
        None
    };
    anchor
        .and_then(|(at, sigma)| near(block, at, sigma, rng))
        .unwrap_or_else(|| block.random_inside(MARGIN, rng))
}

/// A Gaussian draw around `at` that lands inside the block, if one does within a few tries.
fn near(block: &Block, at: Grid, sigma: f64, rng: &mut impl Rng) -> Option<Grid> {
    (0..TRIES)
        .map(|_| {
            let (dx, dy) = gaussian_pair(rng);
            [at[0] + dx * sigma, at[1] + dy * sigma]
        })
        .find(|&g| block.holds(g, MARGIN))
}

/// A random element of a non-empty slice.
fn pick(items: &[Grid], rng: &mut impl Rng) -> Grid {
    items[rng.random_range(0..items.len())]
}

/// Two independent standard normal numbers (Box–Muller), since rand_distr is not a dependency.
pub(crate) fn gaussian_pair(rng: &mut impl Rng) -> (f64, f64) {
    // 1 − u lies in (0, 1], so the logarithm is finite.
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    let r = (-2.0 * u1.ln()).sqrt();
    let t = std::f64::consts::TAU * u2;
    (r * t.cos(), r * t.sin())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const SPREAD: Spread = Spread {
        centre_share: 0.5,
        road_share: 0.3,
        centre_sigma: 0.5,
        road_sigma: 0.1,
    };

    #[test]
    fn every_draw_is_inside_the_block_with_margin() {
        let b = Block {
            i0: 2,
            i1: 5,
            j0: 1,
            j1: 3,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        // A centre near the edge and a road partly outside make many draws miss the block.
        let pts = draw(
            &b,
            2000,
            &[[2.1, 1.1]],
            &[[1.0, 2.0], [6.0, 2.0]],
            SPREAD,
            &mut rng,
        );
        assert_eq!(pts.len(), 2000);
        assert!(pts.iter().all(|&g| b.holds(g, MARGIN)));
    }

    #[test]
    fn households_cluster_around_the_centre() {
        let b = Block {
            i0: 0,
            i1: 10,
            j0: 0,
            j1: 10,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        let pts = draw(&b, 1000, &[[5.0, 5.0]], &[], SPREAD, &mut rng);
        let near = pts
            .iter()
            .filter(|g| (g[0] - 5.0).hypot(g[1] - 5.0) < 1.0)
            .count();
        // Uniform would put about 3 % within one cell of the centre.
        assert!(near > 400, "{near}");
    }
}
