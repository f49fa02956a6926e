// Browser tests of the map, driving Debian's Chromium through playwright-core against a
// running server: PHUSONG_URL (required), PHUSONG_TOKEN (for the upload tests),
// PHUSONG_OPERATOR (the operator the token may change, default Viettel),
// PHUSONG_SCREENSHOT (default /tmp/phusong-map.png), CHROMIUM (default /usr/bin/chromium).
//
//   PHUSONG_URL=http://127.0.0.1:8080/ PHUSONG_TOKEN=… node --test test/map.spec.mjs
//
// The browser may reach only PHUSONG_URL's origin: basemap tiles get a blank image, anything
// else is refused, so the map is tested as it works offline and nothing leaves the machine.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const RAW_URL = process.env.PHUSONG_URL ?? '';
const BASE = RAW_URL.endsWith('/') ? RAW_URL : `${RAW_URL}/`;
const TOKEN = process.env.PHUSONG_TOKEN ?? '';
const OPERATOR = process.env.PHUSONG_OPERATOR || 'Viettel';
const SHOT = process.env.PHUSONG_SCREENSHOT || '/tmp/phusong-map.png';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mPs7+//DwAFmwKcDS0gVQAAAABJRU5ErkJggg==', 'base64');
const MEASURES = ['4G', '5G', 'mobile', 'fiber', 'fiber_1g'];

let context, page, work;
const consoleErrors = [];

async function api(path, init) {
  const res = await fetch(new URL(`api/${path}`, BASE), init);
  const body = await res.text();
  return { status: res.status, json: body ? JSON.parse(body) : null };
}
const apiJson = async (path) => {
  const r = await api(path);
  assert.equal(r.status, 200, `GET /api/${path} answered ${r.status}`);
  return r.json;
};

before(async () => {
  assert.ok(RAW_URL, 'set PHUSONG_URL to the base URL of a running `phusong serve` (e.g. http://127.0.0.1:8080/)');
  work = mkdtempSync(join(tmpdir(), 'phusong-web-test-'));
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 860 }, locale: 'vi-VN',
  });
  const origin = new URL(BASE).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    if (route.request().resourceType() === 'image') return route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG });
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
});

after(async () => {
  if (page) {
    // the whole commune, with whatever panel the last test left open
    await page.click('#fit-all', { timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(400);
    await page.screenshot({ path: SHOT }).catch(() => {});
  }
  await context?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the page loads with no console errors', { timeout: 60_000 }, async () => {
  const res = await page.goto(BASE);
  assert.equal(res.status(), 200);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 45_000 });
  await page.waitForTimeout(500);
  assert.deepEqual(consoleErrors, []);
  const thon = await apiJson('thon');
  const commune = thon.features[0].properties.commune;
  const title = await page.textContent('#title');
  assert.equal(title, `Bản đồ vùng phủ sóng — xã ${commune}`.normalize('NFC'));
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.locator('.status-bar.is-error').count(), 0, 'no load error is shown');
});

test('every thôn of the API is drawn, and listed', async () => {
  const thon = await apiJson('thon');
  assert.ok(thon.features.length > 0);
  assert.equal(await page.locator('path.thon-area').count(), thon.features.length);
  const drawn = await page.$$eval('path.thon-area', (els) => els.map((e) => e.dataset.thonId).sort());
  assert.deepEqual(drawn, thon.features.map((f) => f.properties.id).sort());
  assert.equal(await page.locator('.thon-list .thon-item').count(), thon.features.length);
});

test('clicking a thôn on the map shows the figures of the API', { timeout: 60_000 }, async () => {
  const thon = await apiJson('thon');
  const f = thon.features.reduce((a, b) => (b.properties.households > a.properties.households ? b : a));
  const p = f.properties;
  await clickInside(p.id, f.geometry);
  await page.waitForSelector(`#info-title[data-thon-id="${p.id}"]`);
  assert.equal(await page.textContent('#info-title'), p.name);
  const card = page.locator('#info');
  assert.equal(Number(await card.locator('dd[data-field="households"]').getAttribute('data-value')), p.households);
  assert.equal(Number(await card.locator('dd[data-field="population"]').getAttribute('data-value')), p.population);
  assert.match(await card.locator('dd[data-field="households"]').textContent(), new RegExp(`^${viInt(p.households)}`));
  assert.equal(await card.locator('dd[data-field="population"]').textContent(), viInt(p.population));
  for (const m of MEASURES) {
    const c = p.coverage[m];
    const row = card.locator(`#thon-figures tr[data-measure="${m}"]`);
    for (const field of ['population_fraction', 'households_fraction', 'area_fraction']) {
      const cell = row.locator(`td[data-field="${field}"]`);
      assert.ok(Math.abs(Number(await cell.getAttribute('data-value')) - c[field]) < 1e-9, `${m} ${field}`);
      const shown = parsePct(await cell.textContent());
      assert.ok(Math.abs(shown - c[field] * 100) <= 0.11, `${m} ${field}: shows ${shown}, API ${c[field]}`);
    }
    const left = row.locator('td[data-field="households_left"]');
    assert.equal(Number(await left.getAttribute('data-value')), p.households - c.households);
    assert.equal(await left.textContent(), viInt(p.households - c.households));
  }
  // and what covers the clicked place, from the point query
  await page.waitForSelector('#info-point .point-measures li[data-measure="4G"]');
  assert.deepEqual(consoleErrors, []);
});

test('the English switch persists, and Vietnamese comes back', { timeout: 60_000 }, async () => {
  const commune = (await apiJson('thon')).features[0].properties.commune;
  await page.click('#lang');
  assert.equal(await page.textContent('#title'), `Coverage map — ${commune} commune`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.textContent('#title'), `Coverage map — ${commune} commune`);
  assert.equal(await page.textContent('#panel-upload > summary'), 'Upload data');
  await page.click('#lang');
  assert.equal(await page.textContent('#title'), `Bản đồ vùng phủ sóng — xã ${commune}`.normalize('NFC'));
  assert.equal(await page.textContent('#panel-upload > summary'), 'Tải lên dữ liệu');
  assert.equal(await page.evaluate(() => localStorage.getItem('phusong.lang')), 'vi');
  assert.deepEqual(consoleErrors, []);
});

test('a bad sites file shows its problem list', { timeout: 60_000 }, async () => {
  assert.ok(TOKEN, 'set PHUSONG_TOKEN to a token that may upload sites');
  const bad = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [108.78, 15.17] }, properties: { id: 'WEBTEST-BAD-1', operator: OPERATOR } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [108.781, 15.171] }, properties: { id: 'WEBTEST-BAD-2', operator: OPERATOR, tech: ['5G'], radius_m: -5 } },
    ],
  };
  const expected = await api('sites', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/geo+json' }, body: JSON.stringify(bad) });
  assert.equal(expected.status, 422, 'the server rejects the bad file');
  const before = await apiJson('thon');
  await upload(bad, 'tram-loi.geojson');
  const rows = page.locator('#upload-problems tbody tr.problem');
  await rows.first().waitFor();
  assert.equal(await rows.count(), expected.json.problems.length);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  for (const [i, p] of expected.json.problems.entries()) {
    assert.equal(shown[i][1], p.feature == null ? '—' : String(p.feature));
    assert.equal(shown[i][2], p.id ?? '—');
    assert.equal(shown[i][3], p.reason);
  }
  assert.match(await page.textContent('#upload-result .error-text'), /tệp không hợp lệ/);
  assert.deepEqual((await apiJson('thon')).features.map((f) => f.properties.coverage), before.features.map((f) => f.properties.coverage), 'nothing changed');
  const unexpected = consoleErrors.filter((e) => !/status of 422/.test(e));
  assert.deepEqual(unexpected, []);
});

test("uploading a tower lowers that thôn's 5G gap on the page", { timeout: 120_000 }, async () => {
  assert.ok(TOKEN, 'set PHUSONG_TOKEN to a token that may upload sites');
  // the thôn with the most households left without 5G, and a spot among them
  const thon = await apiJson('thon');
  const leftOf = (p) => p.households - p.coverage['5G'].households;
  const target = thon.features.reduce((a, b) => (leftOf(b.properties) > leftOf(a.properties) ? b : a)).properties;
  assert.ok(leftOf(target) > 0, 'some thôn has households without 5G');
  const hh = (await apiJson('households')).features.filter((f) => f.properties.thon_id === target.id && !f.properties.covered['5G']);
  assert.ok(hh.length > 0, `the API lists households of ${target.id} without 5G`);
  const site = densest(hh.map((f) => f.geometry.coordinates), 500);

  // open the thôn from the list, and read its 5G gap on the page
  await page.click(`.thon-list .thon-item[data-thon-id="${target.id}"]`);
  await page.waitForSelector(`#info-title[data-thon-id="${target.id}"]`);
  const row = '#thon-figures tr[data-measure="5G"]';
  const read = async (field) => Number(await page.getAttribute(`${row} td[data-field="${field}"]`, 'data-value'));
  const before = { households: await read('households_left'), area: await read('gap_area_m2') };
  assert.equal(before.households, leftOf(target));

  const id = `WEBTEST-${Date.now()}`;
  await upload({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: site }, properties: { id, operator: OPERATOR, tech: ['4G', '5G'], height_m: 30, radius_m: 800 } }],
  }, 'tram-moi.geojson');
  await page.waitForSelector('#upload-result .ok-text', { timeout: 90_000 });
  await page.waitForSelector(`#upload-affected tr.affected[data-thon-id="${target.id}"][data-measure="5G"]`);
  await page.waitForFunction(([sel, prev]) => Number(document.querySelector(sel)?.dataset.value) < prev,
    [`${row} td[data-field="households_left"]`, before.households], { timeout: 30_000 });
  const after = { households: await read('households_left'), area: await read('gap_area_m2') };
  const now = (await apiJson('thon')).features.find((f) => f.properties.id === target.id).properties;
  assert.equal(after.households, leftOf(now), 'the page shows the API’s new households left out');
  assert.ok(Math.abs(after.area - (now.area_m2 - now.coverage['5G'].area_m2)) < 1e-6 * Math.max(1, after.area), 'the page shows the API’s new gap area');
  assert.ok(after.households < before.households, `5G households left out ${before.households} → ${after.households}`);
  assert.ok(after.area < before.area, `5G gap area (m²) ${before.area} → ${after.area}: a new 5G site must not grow the gap`);
  assert.equal(await page.locator(`[data-site-id="${id}"]`).count(), 1, 'the new site is drawn');
  const unexpected = consoleErrors.filter((e) => !/status of 422/.test(e));
  assert.deepEqual(unexpected, []);
});

// --- helpers ---------------------------------------------------------------------------------

/** Opens the upload panel, picks a file with `doc`, types the token and submits. */
async function upload(doc, name) {
  if (!(await page.locator('#panel-upload').evaluate((d) => d.open))) await page.click('#panel-upload > summary');
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(doc));
  await page.setInputFiles('#upload-file', file);
  await page.fill('#upload-token', TOKEN);
  await page.click('#upload-submit');
}

/** Clicks the map at a point well inside thôn `id` (of `geometry`) where nothing of ours
 * (a marker, a control, a card) covers it. The thôn's path box on screen is its projected
 * bounding box, so a point maps to a pixel through Web Mercator. */
async function clickInside(id, geometry) {
  const [w, s, e, n] = bounds(geometry);
  const box = await page.locator(`path.thon-area[data-thon-id="${id}"]`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const merc = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  for (const [lon, lat] of interiorPoints(geometry, 25).slice(0, 40)) {
    const x = box.x + ((lon - w) / (e - w)) * box.width;
    const y = box.y + ((merc(n) - merc(lat)) / (merc(n) - merc(s))) * box.height;
    const free = await page.evaluate(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return !!top?.closest('#map') && !top.closest('.leaflet-marker-pane, .leaflet-control-container, .leaflet-popup-pane, .info-card');
    }, [x, y]);
    if (free) return page.mouse.click(x, y);
  }
  throw new Error(`found no free spot inside thôn ${id} to click`);
}

function polys(g) {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}
function bounds(g) {
  const pts = polys(g).flatMap((p) => p[0]);
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}
function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inside(p, g) {
  return polys(g).some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((r) => inRing(p, r)));
}
function edgeDistance([x, y], g) {
  const k = Math.cos((y * Math.PI) / 180);
  let best = Infinity;
  for (const rings of polys(g)) for (const ring of rings) for (let i = 1; i < ring.length; i++) {
    const ax = (ring[i - 1][0] - x) * k, ay = ring[i - 1][1] - y, bx = (ring[i][0] - x) * k, by = ring[i][1] - y;
    const vx = bx - ax, vy = by - ay, l2 = vx * vx + vy * vy;
    const t = l2 ? Math.max(0, Math.min(1, -(ax * vx + ay * vy) / l2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * vx, ay + t * vy));
  }
  return best;
}
/** Points inside `g` on an n×n grid, farthest from the edges first. */
function interiorPoints(g, n) {
  const [w, s, e, nn] = bounds(g);
  const pts = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const p = [w + ((i + 0.5) / n) * (e - w), s + ((j + 0.5) / n) * (nn - s)];
    if (inside(p, g)) pts.push([p, edgeDistance(p, g)]);
  }
  return pts.sort((a, b) => b[1] - a[1]).map(([p]) => p);
}
/** Of `points` ([lon, lat]), the one with the most others within `radiusM` metres. */
function densest(points, radiusM) {
  const near = (a, b) => Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574) <= radiusM;
  let best = points[0], most = -1;
  for (const p of points) {
    const n = points.reduce((k, q) => k + (near(p, q) ? 1 : 0), 0);
    if (n > most) [best, most] = [p, n];
  }
  return best;
}

/** A whole number as Vietnamese writes it: 1.234. */
function viInt(v) {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(Math.round(v) + 0);
}
/** "99,5%" or "< 0,1%" → 99.5 / 0.1. */
function parsePct(text) {
  return Number(text.replace(/[<\s%]/g, '').replace(/\./g, '').replace(',', '.'));
}
