//! Clipping polygons to a rectangle (Sutherland–Hodgman), before the exact overlay.
//!
//! A footprint reaching kilometres beyond a thôn carries hundreds of vertices the thôn never
//! sees; clipping them to the thôn's box first makes the union that follows far cheaper. The
//! clip of a non-convex polygon may leave zero-width bridges and spikes along the box's edge;
//! they have no area and the union removes them, but a spike's tip as the ring's lowest
//! vertex leaves geo unable to tell the ring's winding (`winding_order` looks only there), and
//! `unary_union` then picks the wrong fill rule and returns nothing. So the clipped ring is
//! cleaned of vertices collinear with their neighbours, spike tips among them.

use geo::{Area, Coord, LineString, MultiPolygon, Polygon, Rect};

/// The part of `mp` inside `r`.
pub fn clip_to_rect(mp: &MultiPolygon<f64>, r: Rect<f64>) -> MultiPolygon<f64> {
    if mp.0.iter().any(|p| !p.interiors().is_empty()) {
        // A fiber corridor around a loop has a hole: let the exact overlay keep it.
        return super::overlay::intersection(mp, &MultiPolygon(vec![r.to_polygon()]));
    }
    let polys =
        mp.0.iter()
            .filter_map(|p| {
                let ring = clip_ring(&p.exterior().0, r);
                (ring.len() >= 3).then(|| Polygon::new(LineString::from(ring), vec![]))
            })
            .collect();
    MultiPolygon(polys)
}

/// Does the clipped polygon fill the whole rectangle (up to rounding)?
pub fn fills(clipped: &MultiPolygon<f64>, r: Rect<f64>) -> bool {
    let whole = r.width() * r.height();
    whole > 0.0 && clipped.unsigned_area() >= whole * (1.0 - 1e-9)
}

/// One side of the rectangle: which points are inside it, and where a segment crosses it.
type ClipEdge<'a> = (
    &'a dyn Fn(Coord<f64>) -> bool,
    &'a dyn Fn(Coord<f64>, Coord<f64>) -> Coord<f64>,
);

fn clip_ring(ring: &[Coord<f64>], r: Rect<f64>) -> Vec<Coord<f64>> {
    let (min, max) = (r.min(), r.max());
    let mut pts: Vec<Coord<f64>> = ring.to_vec();
    if pts.first() == pts.last() {
        pts.pop();
    }
    let edges: [ClipEdge<'_>; 4] = [
        (&|c| c.x >= min.x, &|a, b| at_x(a, b, min.x)),
        (&|c| c.x <= max.x, &|a, b| at_x(a, b, max.x)),
        (&|c| c.y >= min.y, &|a, b| at_y(a, b, min.y)),
        (&|c| c.y <= max.y, &|a, b| at_y(a, b, max.y)),
    ];
    for (inside, cross) in edges {
        if pts.is_empty() {
            break;
        }
        let mut out = Vec::with_capacity(pts.len() + 4);
        for (i, &cur) in pts.iter().enumerate() {
            let prev = pts[(i + pts.len() - 1) % pts.len()];
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
        }
        pts = out;
    }
    let mut pts = drop_collinear(pts);
    if let Some(&first) = pts.first() {
        pts.push(first);
    }
    pts
}

/// The open ring without repeated points and without vertices collinear with their two
/// neighbours (a straight run's inner points, and the tips of zero-width spikes). Points
/// the clip put on one box edge share that edge's coordinate exactly, so the test is exact.
fn drop_collinear(pts: Vec<Coord<f64>>) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(pts.len());
    for p in pts {
        out.push(p);
        while out.len() >= 3 && collinear(&out[out.len() - 3..]) {
            out.remove(out.len() - 2);
        }
    }
    // Then where the ring closes: the last two with the first, and the last with the first two.
    while out.len() >= 3 {
        let n = out.len();
        if collinear(&[out[n - 2], out[n - 1], out[0]]) {
            out.pop();
        } else if collinear(&[out[n - 1], out[0], out[1]]) {
            out.remove(0);
        } else {
            break;
        }
    }
    out
}

fn collinear(abc: &[Coord<f64>]) -> bool {
    let [a, b, c] = [abc[0], abc[1], abc[2]];
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) == 0.0
}

fn at_x(a: Coord<f64>, b: Coord<f64>, x: f64) -> Coord<f64> {
    let t = (x - a.x) / (b.x - a.x);
    Coord {
        x,
        y: a.y + t * (b.y - a.y),
    }
}

fn at_y(a: Coord<f64>, b: Coord<f64>, y: f64) -> Coord<f64> {
    let t = (y - a.y) / (b.y - a.y);
    Coord {
        x: a.x + t * (b.x - a.x),
        y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::footprint::regular_polygon;
    use approx::assert_relative_eq;
    use geo::{BooleanOps, Point, Winding};

    #[test]
    fn clipping_a_disc_equals_the_exact_intersection() {
        let disc = MultiPolygon(vec![regular_polygon(Point::new(0.0, 0.0), 1000.0, 256)]);
        let r = Rect::new((200.0, -300.0), (1500.0, 700.0));
        let exact = disc.intersection(&r.to_polygon()).unsigned_area();
        assert_relative_eq!(
            clip_to_rect(&disc, r).unsigned_area(),
            exact,
            max_relative = 1e-9
        );
        assert!(!fills(&clip_to_rect(&disc, r), r));
    }

    #[test]
    fn a_box_inside_the_disc_is_filled() {
        let disc = MultiPolygon(vec![regular_polygon(Point::new(0.0, 0.0), 1000.0, 256)]);
        let r = Rect::new((-100.0, -100.0), (100.0, 100.0));
        assert!(fills(&clip_to_rect(&disc, r), r));
    }

    #[test]
    fn a_spike_along_the_box_edge_is_dropped() {
        // A U-shaped polygon whose two arms cross the box's left edge: the clip joins them
        // along that edge, and the vertices between the arms on it are collinear.
        let u = MultiPolygon(vec![Polygon::new(
            LineString::from(vec![
                (-10.0, 0.0),
                (10.0, 0.0),
                (10.0, 10.0),
                (-10.0, 10.0),
                (-10.0, 8.0),
                (5.0, 8.0),
                (5.0, 2.0),
                (-10.0, 2.0),
                (-10.0, 0.0),
            ]),
            vec![],
        )]);
        let r = Rect::new((0.0, 0.0), (20.0, 10.0));
        let c = clip_to_rect(&u, r);
        let ring = &c.0[0].exterior().0;
        assert!(ring.windows(3).all(|w| !collinear(w)), "{ring:?}");
        assert_relative_eq!(
            c.unsigned_area(),
            10.0 * 10.0 - 5.0 * 6.0,
            max_relative = 1e-12
        );
        assert!(c.0[0].exterior().winding_order().is_some());
    }

    #[test]
    fn a_box_outside_gives_nothing() {
        let disc = MultiPolygon(vec![regular_polygon(Point::new(0.0, 0.0), 10.0, 64)]);
        assert!(
            clip_to_rect(&disc, Rect::new((100.0, 100.0), (200.0, 200.0)))
                .0
                .is_empty()
        );
    }
}
