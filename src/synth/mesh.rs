//! A jittered quad mesh in local metres, and the frame that maps it to WGS 84 lon/lat.
//!
//! The mesh is a regular grid of `nx × ny` cells whose vertices are each moved at random by
//! less than [`MAX_JITTER`] of the spacing along each axis. With that bound every cell stays a
//! strictly convex quadrilateral (see [`MAX_JITTER`]), neighbouring cells share their edges
//! exactly (they share the vertices), and the cells tile the region without overlap. Thôn are
//! unions of whole cells, so they inherit all three properties.
//!
//! Positions are handled in *grid coordinates* (`gx ∈ [0, nx]`, `gy ∈ [0, ny]`, in cells) and
//! mapped to metres bilinearly within their cell. That map is a bijection from each unit
//! square onto its convex cell, so a point strictly inside a block of cells in grid space is
//! strictly inside the matching thôn on the ground.

use geo::{Coord, Point};
use rand::Rng;

use crate::export::round_deg;

/// Largest vertex displacement, as a fraction of the spacing along each axis.
///
/// Why 0.2: with per-axis jitter `j`, the cross product at any corner of a cell is at least
/// `sx·sy·((1 − 2j)² − 4j²)`, which stays positive (the cell stays convex) for `j < 0.25`.
/// 0.2 leaves a margin and keeps boundaries from looking ruled.
pub(crate) const MAX_JITTER: f64 = 0.2;

/// Metres per degree of latitude (near 15° N; the brief's 110.6 km).
const M_PER_DEG_LAT: f64 = 110_600.0;
/// Metres per degree of longitude at the equator; scaled by cos(latitude).
const M_PER_DEG_LON_EQUATOR: f64 = 111_320.0;

/// A grid position, in cells: (column, row) measured from the south-west corner.
pub(crate) type Grid = [f64; 2];

/// An affine map from local metres (x east, y north) to WGS 84 lon/lat.
///
/// One scale per axis, taken at the region's middle latitude: affine, so containment in metres
/// is containment in lon/lat. Far from that latitude a metre is not exactly a metre, which
/// synthetic data can afford.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    lon0: f64,
    lat0: f64,
    m_per_deg_lon: f64,
}

impl Frame {
    /// A frame whose origin (0, 0) m is the south-west corner of a `width_m × height_m` region
    /// centred on (`lon`, `lat`).
    pub(crate) fn centred(lon: f64, lat: f64, width_m: f64, height_m: f64) -> Frame {
        let m_per_deg_lon = M_PER_DEG_LON_EQUATOR * lat.to_radians().cos();
        Frame {
            lon0: lon - width_m / 2.0 / m_per_deg_lon,
            lat0: lat - height_m / 2.0 / M_PER_DEG_LAT,
            m_per_deg_lon,
        }
    }

    /// Metres per degree of longitude in this frame.
    pub(crate) fn m_per_deg_lon(&self) -> f64 {
        self.m_per_deg_lon
    }

    /// Metres per degree of latitude in this frame.
    pub(crate) fn m_per_deg_lat(&self) -> f64 {
        M_PER_DEG_LAT
    }

    /// Lon/lat of a point given in metres, rounded as export will round it.
    pub(crate) fn lonlat(&self, m: [f64; 2]) -> Coord<f64> {
        Coord {
            x: round_deg(self.lon0 + m[0] / self.m_per_deg_lon),
            y: round_deg(self.lat0 + m[1] / M_PER_DEG_LAT),
        }
    }

    /// Metres of a lon/lat point (the inverse of [`Frame::lonlat`], before rounding).
    #[cfg(test)]
    pub(crate) fn metres(&self, c: Coord<f64>) -> [f64; 2] {
        [
            (c.x - self.lon0) * self.m_per_deg_lon,
            (c.y - self.lat0) * M_PER_DEG_LAT,
        ]
    }
}

/// A jittered grid of `nx × ny` convex quad cells over `[0, nx·sx] × [0, ny·sy]` metres.
#[derive(Debug, Clone)]
pub(crate) struct Mesh {
    nx: usize,
    ny: usize,
    /// Vertex positions in metres, row by row: vertex (i, j) at `j * (nx + 1) + i`.
    vertices: Vec<[f64; 2]>,
}

impl Mesh {
    /// A mesh of `nx × ny` cells of `sx × sy` metres, every vertex jittered by `rng`.
    pub(crate) fn jittered(nx: usize, ny: usize, sx: f64, sy: f64, rng: &mut impl Rng) -> Mesh {
        let mut vertices = Vec::with_capacity((nx + 1) * (ny + 1));
        for j in 0..=ny {
            for i in 0..=nx {
                // Outer vertices move too, so the region's outline is not a ruled rectangle.
                let dx = rng.random_range(-MAX_JITTER..MAX_JITTER) * sx;
                let dy = rng.random_range(-MAX_JITTER..MAX_JITTER) * sy;
                vertices.push([i as f64 * sx + dx, j as f64 * sy + dy]);
            }
        }
        Mesh { nx, ny, vertices }
    }

    /// Vertex (i, j) in metres.
    pub(crate) fn vertex(&self, i: usize, j: usize) -> [f64; 2] {
        self.vertices[j * (self.nx + 1) + i]
    }

    /// Maps a grid position to metres, bilinearly within its cell.
    pub(crate) fn to_metres(&self, g: Grid) -> [f64; 2] {
        let (i, u) = split(g[0], self.nx);
        let (j, v) = split(g[1], self.ny);
        let [p00, p10, p01, p11] = [
            self.vertex(i, j),
            self.vertex(i + 1, j),
            self.vertex(i, j + 1),
            self.vertex(i + 1, j + 1),
        ];
        let lerp = |a: f64, b: f64, t: f64| a + (b - a) * t;
        let at = |k: usize| lerp(lerp(p00[k], p10[k], u), lerp(p01[k], p11[k], u), v);
        [at(0), at(1)]
    }
}

/// A mesh placed on the Earth: grid coordinates to lon/lat.
#[derive(Debug, Clone)]
pub(crate) struct World {
    pub(crate) mesh: Mesh,
    pub(crate) frame: Frame,
}

impl World {
    /// The lon/lat point (rounded to export precision) of a grid position.
    pub(crate) fn point(&self, g: Grid) -> Point<f64> {
        Point(self.frame.lonlat(self.mesh.to_metres(g)))
    }
}

/// The cell index and the fraction within it, clamping positions on the far edge into the
/// last cell.
fn split(g: f64, n: usize) -> (usize, f64) {
    let i = (g.floor().max(0.0) as usize).min(n - 1);
    (i, g - i as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn mesh() -> Mesh {
        Mesh::jittered(6, 4, 100.0, 80.0, &mut ChaCha8Rng::seed_from_u64(7))
    }

    fn cross(o: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
        (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    }

    #[test]
    fn every_cell_is_strictly_convex_and_counter_clockwise() {
        let m = Mesh::jittered(40, 30, 250.0, 200.0, &mut ChaCha8Rng::seed_from_u64(1));
        for j in 0..m.ny {
            for i in 0..m.nx {
                let q = [
                    m.vertex(i, j),
                    m.vertex(i + 1, j),
                    m.vertex(i + 1, j + 1),
                    m.vertex(i, j + 1),
                ];
                for k in 0..4 {
                    assert!(
                        cross(q[k], q[(k + 1) % 4], q[(k + 3) % 4]) > 0.0,
                        "cell ({i}, {j}) corner {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn grid_corners_map_to_vertices() {
        let m = mesh();
        assert_eq!(m.to_metres([2.0, 3.0]), m.vertex(2, 3));
        assert_eq!(m.to_metres([6.0, 4.0]), m.vertex(6, 4));
    }

    #[test]
    fn jitter_stays_within_bound() {
        let m = mesh();
        for j in 0..=4 {
            for i in 0..=6 {
                let [x, y] = m.vertex(i, j);
                assert!((x - i as f64 * 100.0).abs() < MAX_JITTER * 100.0);
                assert!((y - j as f64 * 80.0).abs() < MAX_JITTER * 80.0);
            }
        }
    }

    #[test]
    fn frame_centre_maps_to_the_given_lonlat() {
        let f = Frame::centred(108.78, 15.17, 5500.0, 4500.0);
        let c = f.lonlat([2750.0, 2250.0]);
        assert!(
            (c.x - 108.78).abs() < 1e-7 && (c.y - 15.17).abs() < 1e-7,
            "{c:?}"
        );
        let back = f.metres(c);
        assert!((back[0] - 2750.0).abs() < 0.02 && (back[1] - 2250.0).abs() < 0.02);
    }

    #[test]
    fn one_degree_of_longitude_is_about_107_km_at_15_north() {
        let f = Frame::centred(108.0, 15.0, 0.0, 0.0);
        assert!((f.m_per_deg_lon() - 107_528.0).abs() < 100.0);
    }
}
