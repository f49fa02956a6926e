-- The households whose coverage may legitimately differ between phusong and PostGIS: those
-- within 1 m of a footprint's edge (the arc of a disc or sector, a sector's straight sides,
-- a fiber corridor's border). Both sides test exact distances, so outside this set the
-- counts must be equal. Not timed: it is the check, not the figures.
-- Needs the tables of load.sql and disc.sql; defines the view `comparison` that postgis.sh
-- writes out as CSV for compare.py.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS hh_edge CASCADE;

-- A point at a distance and bearing from a site (footprint::at_bearing).
CREATE OR REPLACE FUNCTION pg_temp.at_bearing(o geometry, d float8, bearing float8)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ST_SetSRID(ST_MakePoint(ST_X(o) + d * sin(radians(bearing)),
                               ST_Y(o) + d * cos(radians(bearing))), ST_SRID(o));

CREATE OR REPLACE FUNCTION pg_temp.angle_between(a float8, b float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN least((a - b) - 360 * floor((a - b) / 360), 360 - ((a - b) - 360 * floor((a - b) / 360)));

CREATE UNLOGGED TABLE hh_edge AS
SELECT DISTINCT h.hid, x.tech AS measure
FROM tx x
JOIN household h ON ST_DWithin(h.geom, x.geom, x.r + 1)
CROSS JOIN LATERAL (SELECT ST_Distance(h.geom, x.geom) AS d) q
WHERE (x.omni AND q.d >= x.r - 1)
   OR (NOT x.omni AND EXISTS (
        SELECT 1 FROM sector s
        WHERE s.txid = x.txid
          AND (
            -- near the arc: 1 m beyond r, and the angle 1 m (generously 2 m) beyond the beam
            (q.d >= x.r - 1
             AND pg_temp.angle_between(degrees(ST_Azimuth(x.geom, h.geom)), s.az)
                 <= s.bw / 2 + degrees(2 / greatest(x.r - 1, 1)))
            -- near one of the straight sides
            OR ST_DWithin(h.geom, ST_MakeLine(x.geom, pg_temp.at_bearing(x.geom, x.r, s.az - s.bw / 2)), 1)
            OR ST_DWithin(h.geom, ST_MakeLine(x.geom, pg_temp.at_bearing(x.geom, x.r, s.az + s.bw / 2)), 1))))
UNION ALL
SELECT DISTINCT h.hid, m.measure
FROM fiber f
JOIN household h ON ST_DWithin(h.geom, f.geom, f.max_drop_m + 1)
CROSS JOIN LATERAL (VALUES ('fiber'), ('fiber_1g')) AS m(measure)
WHERE NOT ST_DWithin(h.geom, f.geom, f.max_drop_m - 1)
  AND (m.measure = 'fiber' OR f.max_speed_mbps >= 1000);
INSERT INTO hh_edge
SELECT DISTINCT hid, 'mobile' FROM hh_edge WHERE measure IN ('4G', '5G');

CREATE VIEW comparison AS
SELECT r.fid, r.id, r.measure, r.thon_area_m2, r.covered_m2, r.households,
       r.covered_households, coalesce(e.n, 0) AS edge_households
FROM result r
LEFT JOIN (SELECT ht.fid, e.measure, count(DISTINCT e.hid) AS n
           FROM hh_edge e JOIN hh_thon ht USING (hid)
           GROUP BY ht.fid, e.measure) e USING (fid, measure)
ORDER BY r.fid, r.measure;
