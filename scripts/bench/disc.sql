-- phusong's disc-model figures per thôn, computed by PostGIS from the tables of load.sql.
-- This is the part timed as "PostGIS figures". The model is docs/coverage-model.md's:
--   - a transmitter covers a place within its radius (edge included) and, if it has
--     sectors, within ±beamwidth/2 of a sector's azimuth (the site itself is covered);
--   - footprints are drawn as phusong draws them (src/coverage/footprint.rs): a disc is a
--     regular 256-gon whose circumradius is enlarged by √(θ/sin θ), θ = 2π/256, so that its
--     area is πr²; a sector is a wedge of ⌈bw/360·256⌉ (at least 2) steps enlarged the same
--     way; the wedges of a transmitter are united;
--   - area per thôn and measure: the union of the footprints meeting the thôn, intersected
--     with it; mobile is the union of the 4G and 5G parts; fiber is the union of the routes'
--     max_drop_m buffers (fiber_1g: routes of ≥ 1000 Mb/s);
--   - households are tested point by point (distance and bearing), not against polygons,
--     and belong to the first thôn in file order that contains them (border included).
-- Only the overall figures are computed; phusong also computes every figure per operator.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS fp, zone, cover, hh_thon, hh_pair, hh_cover, result CASCADE;

CREATE UNLOGGED TABLE fp AS
SELECT txid, tech,
       ST_Multi(ST_Buffer(geom, r * sqrt((2 * pi() / 256) / sin(2 * pi() / 256)), 'quad_segs=64'))
           AS geom
FROM tx
WHERE omni
UNION ALL
SELECT x.txid, x.tech, ST_Multi(ST_Union(w.geom))
FROM tx x
JOIN sector s USING (txid)
CROSS JOIN LATERAL (SELECT greatest(2, ceil(s.bw / 360 * 256))::int AS steps) k
CROSS JOIN LATERAL (
    SELECT s.bw / k.steps AS step,
           x.r * sqrt(radians(s.bw / k.steps) / sin(radians(s.bw / k.steps))) AS big_r,
           s.az - s.bw / 2 AS start
) g
CROSS JOIN LATERAL (
    SELECT ST_MakePolygon(ST_MakeLine(
        ARRAY[x.geom]
        || ARRAY(SELECT ST_SetSRID(ST_MakePoint(
                            ST_X(x.geom) + g.big_r * sin(radians(g.start + i * g.step)),
                            ST_Y(x.geom) + g.big_r * cos(radians(g.start + i * g.step))),
                        ST_SRID(x.geom))
                 FROM generate_series(0, k.steps) AS i ORDER BY i)
        || ARRAY[x.geom])) AS geom
) w
WHERE NOT x.omni
GROUP BY x.txid, x.tech;
CREATE INDEX ON fp USING gist (geom);

CREATE UNLOGGED TABLE zone AS
SELECT fid, max_speed_mbps >= 1000 AS gigabit, ST_Buffer(geom, max_drop_m) AS geom
FROM fiber;
CREATE INDEX ON zone USING gist (geom);

-- Covered part of each thôn per measure.
CREATE UNLOGGED TABLE cover AS
WITH pieces AS (
    SELECT t.fid, f.tech AS measure, f.geom
    FROM thon t JOIN fp f ON ST_Intersects(t.geom, f.geom)
    UNION ALL
    SELECT t.fid, 'fiber', z.geom
    FROM thon t JOIN zone z ON ST_Intersects(t.geom, z.geom)
    UNION ALL
    SELECT t.fid, 'fiber_1g', z.geom
    FROM thon t JOIN zone z ON z.gigabit AND ST_Intersects(t.geom, z.geom)
), united AS (
    SELECT fid, measure, ST_Union(geom) AS geom FROM pieces GROUP BY fid, measure
), clipped AS MATERIALIZED (
    SELECT u.fid, u.measure, ST_Intersection(t.geom, u.geom) AS geom
    FROM united u JOIN thon t USING (fid)
)
SELECT fid, measure, ST_Area(geom) AS area FROM clipped
UNION ALL
SELECT fid, 'mobile', ST_Area(ST_Union(geom)) FROM clipped
WHERE measure IN ('4G', '5G') GROUP BY fid;

-- Each household's thôn: the first in file order whose boundary contains it.
CREATE UNLOGGED TABLE hh_thon AS
SELECT h.hid, min(t.fid) AS fid
FROM household h JOIN thon t ON ST_Intersects(t.geom, h.geom)
GROUP BY h.hid;

-- Covered households per measure, by distance and, for sectors, bearing from each site
-- (transmitter::signal; the bearing test is transmitter::angle_between ≤ beamwidth/2). The
-- site-household pairs within reach are listed first and the bearings tested by a join on
-- the sectors: a per-pair subquery costs PostGIS 3-4 times more and keeps it on one core.
CREATE UNLOGGED TABLE hh_pair AS
SELECT h.hid, x.txid, x.tech, x.omni, degrees(ST_Azimuth(x.geom, h.geom)) AS bearing
FROM tx x JOIN household h ON ST_DWithin(h.geom, x.geom, x.r);

CREATE UNLOGGED TABLE hh_cover AS
SELECT hid, tech AS measure FROM hh_pair
WHERE omni OR bearing IS NULL                        -- omnidirectional, or at the site itself
UNION
SELECT p.hid, p.tech FROM hh_pair p JOIN sector s USING (txid)
WHERE NOT p.omni
  AND least((p.bearing - s.az) - 360 * floor((p.bearing - s.az) / 360),
            360 - ((p.bearing - s.az) - 360 * floor((p.bearing - s.az) / 360))) <= s.bw / 2
UNION ALL
SELECT DISTINCT h.hid, 'fiber'
FROM fiber f JOIN household h ON ST_DWithin(h.geom, f.geom, f.max_drop_m)
UNION ALL
SELECT DISTINCT h.hid, 'fiber_1g'
FROM fiber f JOIN household h ON f.max_speed_mbps >= 1000
                             AND ST_DWithin(h.geom, f.geom, f.max_drop_m);
INSERT INTO hh_cover
SELECT DISTINCT hid, 'mobile' FROM hh_cover WHERE measure IN ('4G', '5G');

CREATE UNLOGGED TABLE result AS
WITH m(measure) AS (VALUES ('4G'), ('5G'), ('mobile'), ('fiber'), ('fiber_1g')),
counts AS (
    SELECT ht.fid, c.measure, count(*) AS households
    FROM hh_cover c JOIN hh_thon ht USING (hid)
    GROUP BY ht.fid, c.measure
), totals AS (
    SELECT fid, count(*) AS households FROM hh_thon GROUP BY fid
)
SELECT t.fid, t.id, m.measure, t.area AS thon_area_m2,
       coalesce(c.area, 0) AS covered_m2,
       coalesce(tt.households, 0) AS households,
       coalesce(k.households, 0) AS covered_households
FROM thon t CROSS JOIN m
LEFT JOIN cover c ON c.fid = t.fid AND c.measure = m.measure
LEFT JOIN counts k ON k.fid = t.fid AND k.measure = m.measure
LEFT JOIN totals tt ON tt.fid = t.fid;
