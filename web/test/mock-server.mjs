// A stand-in for `phusong serve`, for developing and testing the map without the Rust server.
// It serves web/ the way the real server does (index.html, app/, /vendor/leaflet/) and answers
// the /api/ routes with the same shapes, computed by a crude disc model from ../geodata/:
// a household is covered by a site's technology within its radius_m (or 2 500 m for 4G,
// 1 000 m for 5G), by fiber within max_drop_m of a route. Areas and gaps come from a grid of
// ~80 m cells. Figures are NOT the real engine's; only the shapes are meant to match.
//
//   node test/mock-server.mjs [--port 8765]   (env MOCK_TOKEN, default "mock-token")

import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const WEB = resolve(here, '..');
const GEODATA = resolve(WEB, '..', 'geodata');
const TOKEN = process.env.MOCK_TOKEN || 'mock-token';
const MEASURES = ['4G', '5G', 'mobile', 'fiber', 'fiber_1g'];
const DISC = { '2G': 5000, '3G': 2000, '4G': 2500, '5G': 1000 };
const CELL_M = 80;

const load = (name) => JSON.parse(readFileSync(join(GEODATA, `${name}.geojson`), 'utf8'));
const state = {
  thon: load('thon').features,
  sites: load('sites').features,
  fiber: load('fiber').features,
  households: load('households').features,
  uploads: 0,
  updatedAt: new Date().toISOString(),
};

// --- geometry on a local plane (metres), good enough for one commune ---------------------
const M_LAT = 110_574;
const mLon = (lat) => 111_320 * Math.cos((lat * Math.PI) / 180);
function dist(a, b) {
  const dx = (b[0] - a[0]) * mLon((a[1] + b[1]) / 2);
  const dy = (b[1] - a[1]) * M_LAT;
  return Math.hypot(dx, dy);
}
function bearing(a, b) {
  const dx = (b[0] - a[0]) * mLon((a[1] + b[1]) / 2);
  const dy = (b[1] - a[1]) * M_LAT;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}
function segDist(p, a, b) {
  const k = mLon(p[1]);
  const ax = (a[0] - p[0]) * k, ay = (a[1] - p[1]) * M_LAT;
  const bx = (b[0] - p[0]) * k, by = (b[1] - p[1]) * M_LAT;
  const vx = bx - ax, vy = by - ay;
  const len2 = vx * vx + vy * vy;
  const t = len2 ? Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2)) : 0;
  return Math.hypot(ax + t * vx, ay + t * vy);
}
function lines(g) {
  return g.type === 'LineString' ? [g.coordinates] : g.coordinates;
}
function polys(g) {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
function inRing(p, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inPolygon(p, g) {
  return polys(g).some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h)));
}
function bounds(g) {
  let b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') b = [Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[0]), Math.max(b[3], c[1])];
    else c.forEach(walk);
  };
  walk(g.coordinates);
  return b;
}
const meets = (a, b) => !b || (a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1]);

// --- the disc model ------------------------------------------------------------------------
function siteReach(site, tech) {
  const p = site.properties;
  if (!p.tech.includes(tech)) return 0;
  return p.radius_m ?? DISC[tech] ?? 0;
}
function coverAt(p) {
  const out = Object.fromEntries(MEASURES.map((m) => [m, new Set()]));
  for (const s of state.sites) {
    const d = dist(s.geometry.coordinates, p);
    for (const tech of ['4G', '5G']) {
      if (d <= siteReach(s, tech)) {
        out[tech].add(s.properties.operator);
        out.mobile.add(s.properties.operator);
      }
    }
  }
  for (const f of state.fiber) {
    const pr = f.properties;
    const d = Math.min(...lines(f.geometry).flatMap((l) => l.slice(1).map((b, i) => segDist(p, l[i], b))));
    if (d <= pr.max_drop_m) {
      out.fiber.add(pr.operator);
      if (pr.max_speed_mbps >= 1000) out.fiber_1g.add(pr.operator);
    }
  }
  return out;
}

function grid(thon) {
  const [w, s, e, n] = bounds(thon.geometry);
  const lat = (s + n) / 2;
  const dLon = CELL_M / mLon(lat), dLat = CELL_M / M_LAT;
  const cells = [];
  for (let y = s + dLat / 2; y < n; y += dLat) {
    for (let x = w + dLon / 2; x < e; x += dLon) {
      if (inPolygon([x, y], thon.geometry)) cells.push({ x, y, dLon, dLat, cover: coverAt([x, y]) });
    }
  }
  return cells;
}

const round = (v, k = 1e6) => Math.round(v * k) / k;
function figures(total, area, count, people, popTotal, hhTotal) {
  return {
    area_m2: round(area, 10), area_fraction: total ? round(area / total) : 0,
    households: count, households_fraction: hhTotal ? round(count / hhTotal) : 0,
    population: round(people, 100), population_fraction: popTotal ? round(people / popTotal) : 0,
  };
}

function compute() {
  const operators = [...new Set(state.sites.map((s) => s.properties.operator).concat(state.fiber.map((f) => f.properties.operator)))].sort();
  const hh = state.households.map((h) => ({ p: h.geometry.coordinates, id: h.properties.id, cover: coverAt(h.geometry.coordinates) }));
  const thon = state.thon.map((t) => {
    const tp = t.properties;
    const mine = hh.filter((h) => inPolygon(h.p, t.geometry));
    mine.forEach((h) => (h.thon = tp.id));
    const cells = grid(t);
    const area = cells.length * CELL_M * CELL_M;
    const people = mine.length ? tp.population / mine.length : 0;
    mine.forEach((h) => (h.people = people));
    const fig = (pred) => {
      const c = mine.filter(pred).length;
      const a = cells.filter((cell) => pred(cell)).length * CELL_M * CELL_M;
      return figures(area, a, c, c * people, tp.population, mine.length);
    };
    const coverage = Object.fromEntries(MEASURES.map((m) => [m, fig((x) => x.cover[m].size > 0)]));
    const by_operator = Object.fromEntries(operators.map((o) => [o, Object.fromEntries(MEASURES.map((m) => [m, fig((x) => x.cover[m].has(o))]))]));
    return {
      feature: t, cells,
      stats: {
        id: tp.id, name: tp.name, commune: tp.commune, area_m2: round(area, 10),
        households: mine.length, households_declared: tp.households ?? mine.length,
        population: tp.population, population_basis: 'households', coverage, by_operator,
      },
    };
  });
  const sum = (f) => thon.reduce((a, t) => a + f(t), 0);
  const tArea = sum((t) => t.stats.area_m2), tHh = sum((t) => t.stats.households), tPop = sum((t) => t.stats.population);
  const total = {
    area_m2: tArea, households: tHh, population: tPop,
    coverage: Object.fromEntries(MEASURES.map((m) => [m, figures(tArea, sum((t) => t.stats.coverage[m].area_m2), sum((t) => t.stats.coverage[m].households), sum((t) => t.stats.coverage[m].population), tPop, tHh)])),
  };
  return { thon, total, hh, operators };
}
let current = compute();

function summary() {
  const f = (m) => current.total.coverage[m];
  const share = (m) => current.thon.filter((t) => t.stats.coverage[m].population > 0).length / current.thon.length;
  const t = (id, year, measure, basis, label_vi, label_en, target, actual) => ({ id, year, measure, basis, label_vi, label_en, target, actual, met: actual >= target - 1e-12 });
  const status = (s) => {
    const score = Math.min(s.coverage.mobile.population_fraction, s.coverage.fiber.households_fraction);
    return score >= 0.99 ? 'green' : score >= 0.8 ? 'amber' : 'red';
  };
  return {
    model: 'disc (mock)', updated_at: state.updatedAt,
    total: current.total,
    targets: [
      t('fiber_households_2025', 2025, 'fiber', 'households', 'Phổ cập cáp quang đến hộ gia đình', 'Fiber to every household', 1, f('fiber').households_fraction),
      t('fiber_thon_2025', 2025, 'fiber', 'thon', 'Cáp quang đến 100% thôn', 'Fiber reaching every thôn', 1, share('fiber')),
      t('mobile_thon_2025', 2025, 'mobile', 'thon', '100% thôn có hạ tầng băng rộng di động', 'Mobile broadband in 100% of thôn', 1, share('mobile')),
      t('5g_population_2030', 2030, '5G', 'population', 'Mạng 5G phủ sóng 99% dân số', '5G covering 99% of the population', 0.99, f('5G').population_fraction),
      t('fiber_1g_households_2030', 2030, 'fiber_1g', 'households', '100% người sử dụng truy nhập cáp quang ≥ 1 Gb/s', 'Every user able to get ≥ 1 Gb/s fiber', 1, f('fiber_1g').households_fraction),
    ],
    thon: current.thon.map((t) => ({ id: t.stats.id, name: t.stats.name, status: status(t.stats) })),
  };
}

function gaps(measure, thonId, bbox) {
  const out = [];
  for (const t of current.thon) {
    if (thonId && t.stats.id !== thonId) continue;
    if (!meets(bounds(t.feature.geometry), bbox)) continue;
    const holes = t.cells.filter((c) => c.cover[measure].size === 0);
    if (!holes.length) continue;
    // merge each row's consecutive cells into one rectangle
    const rows = new Map();
    for (const c of holes) {
      const k = c.y.toFixed(7);
      if (!rows.has(k)) rows.set(k, []);
      rows.get(k).push(c);
    }
    const rects = [];
    for (const row of rows.values()) {
      row.sort((a, b) => a.x - b.x);
      let start = row[0], prev = row[0];
      for (const c of row.slice(1).concat([null])) {
        if (c && c.x - prev.x < c.dLon * 1.5) { prev = c; continue; }
        const x0 = start.x - start.dLon / 2, x1 = prev.x + prev.dLon / 2, y0 = start.y - start.dLat / 2, y1 = start.y + start.dLat / 2;
        rects.push([[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => [round(x, 1e7), round(y, 1e7)])]);
        if (c) { start = c; prev = c; }
      }
    }
    const f = t.stats.coverage[measure];
    out.push({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: rects },
      properties: {
        thon_id: t.stats.id, thon_name: t.stats.name, measure,
        area_m2: round(t.stats.area_m2 - f.area_m2, 10), area_fraction: round(1 - f.area_fraction),
        households: t.stats.households - f.households, population: round(t.stats.population - f.population, 10),
      },
    });
  }
  return { type: 'FeatureCollection', features: out };
}

function point(lon, lat) {
  const p = [lon, lat];
  const t = current.thon.find((x) => inPolygon(p, x.feature.geometry));
  const cover = coverAt(p);
  const sites = [];
  for (const s of state.sites) {
    for (const tech of s.properties.tech) {
      const d = dist(s.geometry.coordinates, p);
      const reach = s.properties.radius_m ?? DISC[tech] ?? 0;
      const covered = d <= reach;
      const rsrp = round((s.properties.eirp_dbm ?? 60) - 30 - (128.1 + 37.6 * Math.log10(Math.max(d, 30) / 1000)), 10);
      const tier = rsrp >= -95 ? 'good' : rsrp >= -105 ? 'moderate' : rsrp >= -115 ? 'usable' : 'none';
      sites.push({
        operator: s.properties.operator, site_id: s.properties.id, tech, distance_m: round(d, 10), bearing_deg: round(bearing(s.geometry.coordinates, p), 10),
        basis: s.properties.radius_m ? 'declared_radius' : 'default_radius', covered,
        path_loss_db: null, rsrp_dbm: tech === '4G' || tech === '5G' ? rsrp : null, tier: tech === '4G' || tech === '5G' ? tier : null, note: null,
      });
    }
  }
  sites.sort((a, b) => a.distance_m - b.distance_m);
  const best = {};
  for (const s of sites) {
    best[s.tech] ??= {};
    best[s.tech][s.operator] ??= s;
  }
  let fiber = null;
  for (const f of state.fiber) {
    const d = Math.min(...lines(f.geometry).flatMap((l) => l.slice(1).map((b, i) => segDist(p, l[i], b))));
    if (!fiber || d < fiber.distance_m) {
      fiber = { route_id: f.properties.id, operator: f.properties.operator, distance_m: round(d, 10), max_speed_mbps: f.properties.max_speed_mbps, max_drop_m: f.properties.max_drop_m, within_drop: d <= f.properties.max_drop_m };
    }
  }
  return {
    lon, lat, thon: t ? { id: t.stats.id, name: t.stats.name } : null, clutter: t?.feature.properties.clutter ?? 'rural',
    covered: Object.fromEntries(MEASURES.map((m) => [m, [...cover[m]].sort()])), best, sites: sites.slice(0, 12), fiber,
  };
}

// --- uploads -------------------------------------------------------------------------------
function validateSites(body) {
  const problems = [];
  const file = 'upload';
  let doc;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    return { problems: [{ file, reason: `not valid JSON: ${e.message}` }] };
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) return { problems: [{ file, reason: 'expected a GeoJSON FeatureCollection' }] };
  const sites = [];
  const seen = new Map();
  doc.features.forEach((f, i) => {
    const p = f?.properties ?? {};
    const id = f?.id ?? p.id;
    const reasons = [];
    if (f?.geometry?.type !== 'Point') reasons.push(`geometry must be a Point, found ${f?.geometry?.type ?? 'none'}`);
    else {
      const [x, y] = f.geometry.coordinates;
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) reasons.push('coordinates out of range');
    }
    if (id == null || id === '') reasons.push('missing id');
    if (!p.operator) reasons.push('missing property "operator"');
    const tech = p.tech == null ? null : [].concat(p.tech);
    if (!tech || !tech.length) reasons.push('missing property "tech"');
    else for (const t of tech) if (!['2G', '3G', '4G', '5G'].includes(t)) reasons.push(`unknown technology ${JSON.stringify(t)}: use 2G, 3G, 4G or 5G`);
    if (p.radius_m != null && !(p.radius_m > 0 && p.radius_m <= 100000)) reasons.push(`radius_m ${p.radius_m} is out of range: a radius must be more than 0 and at most 100 km`);
    if (id != null && p.operator) {
      const k = `${p.operator}/${id}`;
      if (seen.has(k)) reasons.push(`duplicate id: feature ${seen.get(k)} has the same id`);
      else seen.set(k, i);
    }
    for (const r of reasons) problems.push({ file, feature: i, ...(id != null ? { id: String(id) } : {}), reason: r });
    if (!reasons.length) sites.push({ type: 'Feature', geometry: f.geometry, properties: { ...p, id: String(id), tech } });
  });
  return { problems, sites };
}

function upload(body) {
  const { problems, sites } = validateSites(body);
  if (problems.length) {
    return [422, { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail: `the upload has ${problems.length} problem(s); nothing was changed`, problems }];
  }
  const before = current;
  const inserted = [], updated = [];
  for (const s of sites) {
    const k = `${s.properties.operator}/${s.properties.id}`;
    const i = state.sites.findIndex((x) => `${x.properties.operator}/${x.properties.id}` === k);
    if (i >= 0) { state.sites[i] = s; updated.push(k); } else { state.sites.push(s); inserted.push(k); }
  }
  current = compute();
  state.uploads += 1;
  state.updatedAt = new Date().toISOString();
  const affected = current.thon
    .map((t, i) => [before.thon[i].stats, t.stats])
    .filter(([b, a]) => JSON.stringify(b.coverage) !== JSON.stringify(a.coverage))
    .map(([b, a]) => ({ id: a.id, name: a.name, before: b.coverage, after: a.coverage }));
  return [200, { upload_id: state.uploads, inserted, updated, deleted: [], affected }];
}

// --- CSV -----------------------------------------------------------------------------------
const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

// --- HTTP ----------------------------------------------------------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' };
function send(res, status, body, type = 'application/json', extra = {}) {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(data);
}
const problem = (res, status, detail, extra = {}) => send(res, status, { type: 'about:blank', title: { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' }[status] ?? 'Error', status, detail }, 'application/problem+json', extra);
function staticFile(res, root, rel) {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return problem(res, 404, 'not found');
  send(res, 200, readFileSync(path), TYPES[extname(path)] ?? 'application/octet-stream');
}
function parseBbox(q) {
  const raw = q.get('bbox');
  if (raw == null) return null;
  const v = raw.split(',').map(Number);
  return v.length === 4 && v.every(Number.isFinite) ? v : undefined;
}

function thonCollection() {
  return { type: 'FeatureCollection', features: current.thon.map((t) => ({ type: 'Feature', id: t.stats.id, geometry: t.feature.geometry, properties: { ...t.stats, clutter: t.feature.properties.clutter } })) };
}

async function api(req, res, url) {
  const q = url.searchParams;
  const path = url.pathname.slice(4);
  const bbox = parseBbox(q);
  if (bbox === undefined) return problem(res, 400, `bbox must be minLon,minLat,maxLon,maxLat in degrees, got ${JSON.stringify(q.get('bbox'))}`);
  if (req.method === 'POST' && path === '/sites') {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !auth.slice(7).trim()) return problem(res, 401, 'this needs a token: send "Authorization: Bearer <token>"', { 'www-authenticate': 'Bearer' });
    if (auth.slice(7).trim() !== TOKEN) return problem(res, 401, 'unknown token', { 'www-authenticate': 'Bearer' });
    const [status, body] = upload(Buffer.concat(chunks).toString('utf8'));
    return send(res, status, body, status === 200 ? 'application/json' : 'application/problem+json');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 404, 'no such API endpoint');
  const geo = (fc) => send(res, 200, fc, 'application/geo+json');
  switch (path) {
    case '/thon': return geo(thonCollection());
    case '/summary': return send(res, 200, summary());
    case '/sites': {
      const feats = state.sites.filter((s) => (!q.get('operator') || s.properties.operator === q.get('operator')) && (!q.get('tech') || s.properties.tech.includes(q.get('tech'))) && meets(bounds(s.geometry), bbox));
      return geo({ type: 'FeatureCollection', features: feats });
    }
    case '/fiber': return geo({ type: 'FeatureCollection', features: state.fiber.filter((f) => meets(bounds(f.geometry), bbox)) });
    case '/households': {
      const feats = current.hh.filter((h) => meets([h.p[0], h.p[1], h.p[0], h.p[1]], bbox)).map((h) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: h.p },
        properties: { ...(h.id ? { id: h.id } : {}), people: round(h.people ?? 0, 100), thon_id: h.thon ?? null, covered: Object.fromEntries(MEASURES.map((m) => [m, h.cover[m].size > 0])) },
      }));
      return geo({ type: 'FeatureCollection', features: feats });
    }
    case '/gaps': {
      const m = q.get('tech');
      if (!MEASURES.includes(m)) return problem(res, 400, 'missing query parameter tech (4G, 5G, mobile, fiber or fiber_1g)');
      const thonId = q.get('thon');
      if (thonId && !current.thon.some((t) => t.stats.id === thonId)) return problem(res, 404, `no thôn with id ${JSON.stringify(thonId)}`);
      const fc = gaps(m, thonId, bbox);
      if (q.get('format') === 'csv') {
        const rows = [['thon_id', 'thon_name', 'measure', 'area_m2', 'area_fraction', 'households', 'population']].concat(fc.features.map((f) => ['thon_id', 'thon_name', 'measure', 'area_m2', 'area_fraction', 'households', 'population'].map((k) => f.properties[k])));
        return send(res, 200, csv(rows), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="gaps-${m}.csv"` });
      }
      return geo(fc);
    }
    case '/coverage/point': {
      const lat = Number(q.get('lat')), lon = Number(q.get('lon'));
      if (!q.get('lat') || !q.get('lon') || !Number.isFinite(lat) || !Number.isFinite(lon)) return problem(res, 400, 'lat and lon must be numbers of degrees');
      return send(res, 200, point(lon, lat));
    }
    case '/csv/thon': {
      const head = ['id', 'name', 'commune', 'area_m2', 'households', 'population'];
      for (const m of MEASURES) for (const c of ['area_fraction', 'households', 'households_fraction', 'population', 'population_fraction']) head.push(`${m}_${c}`);
      const rows = current.thon.map(({ stats: s }) => [s.id, s.name, s.commune, s.area_m2.toFixed(1), s.households, s.population, ...MEASURES.flatMap((m) => { const f = s.coverage[m]; return [f.area_fraction.toFixed(4), f.households, f.households_fraction.toFixed(4), f.population.toFixed(1), f.population_fraction.toFixed(4)]; })]);
      return send(res, 200, csv([head, ...rows]), 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename="thon-figures.csv"' });
    }
    default: return problem(res, 404, 'no such API endpoint');
  }
}

export function start(port = 0, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    Promise.resolve()
      .then(() => {
        if (url.pathname.startsWith('/api/')) return api(req, res, url);
        if (url.pathname === '/healthz') return send(res, 200, 'ok', 'text/plain');
        if (url.pathname.startsWith('/vendor/leaflet/')) return staticFile(res, join(WEB, 'node_modules/leaflet/dist'), decodeURIComponent(url.pathname.slice(16)));
        if (url.pathname === '/') return staticFile(res, WEB, 'index.html');
        if (url.pathname.startsWith('/test/') || url.pathname.startsWith('/node_modules/')) return problem(res, 404, 'not found');
        return staticFile(res, WEB, decodeURIComponent(url.pathname.slice(1)));
      })
      .catch((e) => { console.error(e); if (!res.headersSent) problem(res, 500, 'internal error'); });
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const server = await start(i > 0 ? Number(process.argv[i + 1]) : 8765);
  const { port } = server.address();
  console.log(`mock phusong on http://127.0.0.1:${port}/ (token ${TOKEN})`);
}
