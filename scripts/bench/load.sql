-- Loads phusong's four GeoJSON layers into PostGIS and prepares them for the disc figures:
-- reprojected to the working metric CRS, indexed. Timed as "load", apart from the figures.
--
-- psql variables: thon, sites, fiber, households (absolute paths readable by the server)
-- and srid (the metric CRS phusong reports as metric_crs, e.g. 32649).
--
-- The files are read whole with pg_read_file and unnested as jsonb, rather than with
-- ogr2ogr, because the sites layer carries nested values (a tech array, an array of sector
-- objects, or one sector at the top level) that must be read exactly as src/import reads
-- them. Feature order is kept (WITH ORDINALITY): phusong reports thôn in file order and
-- gives a household on a shared border to the thôn that comes first.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP TABLE IF EXISTS thon, site, tx, sector, fiber, household CASCADE;

CREATE UNLOGGED TABLE thon AS
SELECT (n - 1)::int AS fid,
       coalesce(f->>'id', f->'properties'->>'id') AS id,
       ST_Multi(ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(f->'geometry')), 4326), :srid))
           AS geom
FROM jsonb_array_elements(pg_read_file(:'thon')::jsonb->'features') WITH ORDINALITY AS a(f, n);
ALTER TABLE thon ADD PRIMARY KEY (fid);
ALTER TABLE thon ADD COLUMN area double precision;
UPDATE thon SET area = ST_Area(geom);

CREATE UNLOGGED TABLE site AS
SELECT (n - 1)::int AS sid,
       f->'properties' AS p,
       ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(f->'geometry')), 4326), :srid) AS geom
FROM jsonb_array_elements(pg_read_file(:'sites')::jsonb->'features') WITH ORDINALITY AS a(f, n);

-- One transmitter per site and measured technology (4G, 5G), as coverage::Transmitter: the
-- site's radius_m, else the technology's disc radius (src/radio/budget.rs: 4G 2500 m,
-- 5G 1000 m). `tech` is a label or an array of labels, case-insensitive, duplicates merged.
CREATE UNLOGGED TABLE tx AS
SELECT row_number() OVER (ORDER BY s.sid, t.tech)::int AS txid,
       s.sid, t.tech,
       coalesce((s.p->>'radius_m')::float8,
                CASE t.tech WHEN '4G' THEN 2500.0 ELSE 1000.0 END) AS r,
       s.geom
FROM site s
CROSS JOIN LATERAL (
    SELECT DISTINCT upper(v) AS tech
    FROM jsonb_array_elements_text(
        CASE jsonb_typeof(s.p->'tech') WHEN 'array' THEN s.p->'tech'
             ELSE jsonb_build_array(s.p->'tech') END) AS e(v)
) t
WHERE t.tech IN ('4G', '5G');
ALTER TABLE tx ADD PRIMARY KEY (txid);

-- Sectors as src/import/sites.rs reads them: a "sectors" array of objects, or one sector
-- given at the top level by azimuth_deg/beamwidth_deg; beamwidth defaults to 65°, an
-- azimuth of 360 reads as 0. A transmitter without sectors is omnidirectional.
CREATE UNLOGGED TABLE sector AS
SELECT x.txid,
       CASE WHEN az >= 360 THEN az - 360 ELSE az END AS az,
       bw
FROM tx x
JOIN site s USING (sid)
CROSS JOIN LATERAL (
    SELECT (o->>'azimuth_deg')::float8 AS az,
           coalesce((o->>'beamwidth_deg')::float8, 65.0) AS bw
    FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(s.p->'sectors') = 'array' THEN s.p->'sectors'
             WHEN s.p ? 'azimuth_deg' OR s.p ? 'beamwidth_deg' THEN jsonb_build_array(s.p)
             ELSE '[]'::jsonb END) AS e(o)
) sec;
CREATE INDEX ON sector (txid);

-- A sector of 360° or more makes the whole disc (coverage/footprint.rs).
ALTER TABLE tx ADD COLUMN omni boolean;
UPDATE tx SET omni = NOT EXISTS (SELECT 1 FROM sector s WHERE s.txid = tx.txid)
                  OR EXISTS (SELECT 1 FROM sector s WHERE s.txid = tx.txid AND s.bw >= 360);

CREATE UNLOGGED TABLE fiber AS
SELECT (n - 1)::int AS fid,
       f->'properties'->>'operator' AS operator,
       coalesce((f->'properties'->>'max_drop_m')::float8, 300.0) AS max_drop_m,
       coalesce((f->'properties'->>'max_speed_mbps')::float8, 1000.0) AS max_speed_mbps,
       ST_Multi(ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(f->'geometry')), 4326), :srid))
           AS geom
FROM jsonb_array_elements(pg_read_file(:'fiber')::jsonb->'features') WITH ORDINALITY AS a(f, n);

CREATE UNLOGGED TABLE household AS
SELECT (n - 1)::int AS hid,
       ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(f->'geometry')), 4326), :srid) AS geom
FROM jsonb_array_elements(pg_read_file(:'households')::jsonb->'features')
     WITH ORDINALITY AS a(f, n);
ALTER TABLE household ADD PRIMARY KEY (hid);

CREATE INDEX ON thon USING gist (geom);
CREATE INDEX ON tx USING gist (geom);
CREATE INDEX ON fiber USING gist (geom);
CREATE INDEX ON household USING gist (geom);
ANALYZE thon; ANALYZE tx; ANALYZE sector; ANALYZE fiber; ANALYZE household;
