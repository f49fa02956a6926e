// The page: loads the data, keeps what is chosen (measure, basis, layers, selection) and
// redraws the map and panels from it.

import { t, setLang, getLang, onLangChange, applyStatic, measureName } from './i18n.js';
import { getJSON, apiUrl, bboxParam, ApiError } from './api.js';
import { h, fill } from './dom.js';
import { MEASURES, BASES, BASEMAP, HOUSEHOLDS_MIN_ZOOM } from './config.js';
import { MapView, classColor } from './layers.js';
import { renderThon, renderPoint, renderSummary, renderLegend, fractionOf } from './panels.js';
import { setupUpload } from './upload.js';

const L = window.L;
const $ = (id) => document.getElementById(id);

// --- what the reader chose, remembered between visits ---------------------------------------
const store = {
  get(k, d) {
    try {
      const v = localStorage.getItem(`phusong.${k}`);
      return v == null ? d : JSON.parse(v);
    } catch {
      return d;
    }
  },
  set(k, v) {
    try {
      localStorage.setItem(`phusong.${k}`, JSON.stringify(v));
    } catch {
      /* not remembered */
    }
  },
};
const LAYERS = ['thon', 'gaps', 'sites', 'sectors', 'fiber', 'households'];
const state = {
  measure: MEASURES.includes(store.get('measure')) ? store.get('measure') : '5G',
  basis: Object.hasOwn(BASES, store.get('basis') ?? '') ? store.get('basis') : 'population',
  visible: { thon: true, gaps: true, sites: true, sectors: true, fiber: true, households: false, ...store.get('visible', {}) },
  operatorsOff: new Set(store.get('operatorsOff', [])),
  basemap: BASEMAP != null && store.get('basemap', true) !== false,
  thon: null,
  thonById: new Map(),
  summary: null,
  sites: null,
  households: null,
  info: null, // {thonId, point: {lat, lon, report?, error?}, seq}
  fitted: false,
};
let clickSeq = 0;
let hhSeq = 0;

// --- status line -------------------------------------------------------------------------------
const status = {
  pending: 0,
  show(text, { error = false, retry = null } = {}) {
    const el = $('status');
    el.hidden = false;
    el.classList.toggle('is-error', error);
    fill(el, h('span', {}, text), retry ? h('button', { type: 'button', class: 'link-button', onclick: retry }, t('retry')) : null);
  },
  hide() {
    $('status').hidden = true;
  },
};

async function loading(task) {
  status.pending += 1;
  if (status.pending === 1) status.show(t('loading'));
  try {
    return await task();
  } finally {
    status.pending -= 1;
    if (status.pending === 0 && !$('status').classList.contains('is-error')) status.hide();
  }
}

function failed(err, retry) {
  const detail = err instanceof ApiError && err.status ? `${err.status} — ${err.message}` : err.message;
  status.show(t('load_failed', { detail }), { error: true, retry: () => { status.hide(); $('status').classList.remove('is-error'); retry(); } });
  console.warn('phusong:', err);
}

// --- the map -----------------------------------------------------------------------------------
const view = new MapView($('map'), {
  onClick: onMapClick,
  popupFor: sitePopup,
  onBasemapOffline: () => {
    state.basemap = false;
    syncControls();
    status.show(t('offline_basemap'));
    setTimeout(() => status.pending === 0 && status.hide(), 8000);
  },
});
const legendBody = h('div', { class: 'legend-body' });
const legendDetails = h('details', { class: 'legend', open: !window.matchMedia('(max-width: 760px)').matches },
  h('summary', { 'data-i18n': 'legend' }, t('legend')), legendBody);
const LegendControl = L.Control.extend({
  onAdd: () => {
    L.DomEvent.disableClickPropagation(legendDetails);
    L.DomEvent.disableScrollPropagation(legendDetails);
    return legendDetails;
  },
});
new LegendControl({ position: 'bottomright' }).addTo(view.map);
const fitButton = h('a', { href: '#', role: 'button', class: 'fit-all', id: 'fit-all', 'data-i18n-title': 'fit_all', 'data-i18n-aria': 'fit_all' }, '⤢');
const FitControl = L.Control.extend({
  onAdd: () => {
    L.DomEvent.disableClickPropagation(fitButton);
    L.DomEvent.on(fitButton, 'click', (e) => {
      L.DomEvent.preventDefault(e);
      view.fit();
    });
    return h('div', { class: 'leaflet-bar' }, fitButton);
  },
});
new FitControl({ position: 'topleft' }).addTo(view.map);

function thonStyle(f) {
  return { fillColor: classColor(fractionOf(f.properties, state.measure, state.basis)) };
}

function siteDimmed(f) {
  const tech = [].concat(f.properties.tech ?? []);
  if (state.measure === '5G') return !tech.includes('5G');
  if (state.measure === '4G') return !tech.includes('4G');
  if (state.measure === 'mobile') return !tech.includes('4G') && !tech.includes('5G');
  return false;
}

function sitePopup(f) {
  const p = f.properties;
  const row = (k, v) => (v == null || v === '' ? null : h('tr', {}, h('th', { scope: 'row' }, t(k)), h('td', {}, v)));
  const sectors = (p.sectors ?? []).map((s) => `${s.azimuth_deg}°`).join(', ');
  return h('div', { class: 'site-popup' },
    h('strong', {}, `${p.operator} · ${p.id}`),
    h('table', {},
      row('site_popup_tech', [].concat(p.tech ?? []).join(', ')),
      row('site_popup_height', p.height_m != null ? `${p.height_m} m` : null),
      row('site_popup_radius', p.radius_m != null ? `${p.radius_m} m` : null),
      row('site_popup_freq', p.frequency_mhz != null ? `${p.frequency_mhz} MHz` : null),
      row('site_popup_eirp', p.eirp_dbm != null ? `${p.eirp_dbm} dBm` : null),
      row('site_popup_sectors', sectors)));
}

// --- loading -------------------------------------------------------------------------------------
async function loadCore() {
  const [thon, summary] = await Promise.all([getJSON('thon'), getJSON('summary')]);
  state.thon = thon;
  state.thonById = new Map(thon.features.map((f) => [f.properties.id, f]));
  state.summary = summary;
  view.drawThon(thon, thonStyle);
  if (state.info?.thonId) view.select(state.info.thonId);
  if (!state.fitted) {
    view.fit();
    state.fitted = true;
  }
  renderTitle();
  renderSummaryPanel();
  renderInfo();
}

async function loadSites() {
  state.sites = await getJSON('sites');
  view.drawSites(state.sites, siteDimmed);
  renderOperatorToggles();
  for (const op of view.siteOperators()) view.setOperatorVisible(op, !state.operatorsOff.has(op));
  renderLegendPanel();
}

async function loadFiber() {
  view.drawFiber(await getJSON('fiber'));
}

async function loadGaps() {
  const measure = state.measure;
  const fc = await getJSON('gaps', { tech: measure });
  if (measure === state.measure) view.drawGaps(fc);
}

async function loadHouseholds() {
  if (!state.visible.households) return;
  const zoomOk = view.map.getZoom() >= HOUSEHOLDS_MIN_ZOOM;
  $('hh-hint').hidden = zoomOk;
  if (!zoomOk) return view.drawHouseholds(null, state.measure);
  const seq = ++hhSeq;
  const fc = await getJSON('households', { bbox: bboxParam(view.map.getBounds()) });
  if (seq === hhSeq) {
    state.households = fc;
    view.drawHouseholds(fc, state.measure);
  }
}

function run(task) {
  return loading(task).catch((err) => failed(err, () => run(task)));
}

async function loadAll() {
  await run(loadCore);
  await Promise.all([run(loadSites), run(loadFiber), run(loadGaps), run(loadHouseholds)]);
  document.body.dataset.ready = 'true';
}

// --- panels -------------------------------------------------------------------------------------
function communes() {
  const names = [...new Set((state.thon?.features ?? []).map((f) => f.properties.commune).filter(Boolean))];
  return names.sort((a, b) => a.localeCompare(b, 'vi'));
}

function renderTitle() {
  const c = communes();
  const text = c.length ? t('title_place', { commune: c.join(', ') }) : t('title');
  $('title').textContent = text;
  document.title = text;
}

function renderSummaryPanel() {
  if (state.summary) renderSummary($('summary'), state.summary, { onThon: chooseThon });
}

function renderLegendPanel() {
  renderLegend(legendBody, { measure: state.measure, basis: state.basis, visible: state.visible, operators: state.sites ? view.siteOperators() : [] });
}

function statusOf(id) {
  return state.summary?.thon?.find((x) => x.id === id)?.status;
}

function renderInfo() {
  const info = state.info;
  const card = $('info');
  if (!info) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const thon = info.thonId ? state.thonById.get(info.thonId) : null;
  if (thon) {
    renderThon($('info-thon'), thon.properties, { basis: state.basis, status: statusOf(info.thonId) });
    card.setAttribute('aria-labelledby', 'info-title');
    card.removeAttribute('aria-label');
  } else {
    fill($('info-thon'));
    card.removeAttribute('aria-labelledby');
    card.setAttribute('aria-label', t('point_title'));
  }
  const p = info.point;
  if (!p) fill($('info-point'));
  else if (p.report) renderPoint($('info-point'), p.report);
  else if (p.error) fill($('info-point'), h('p', { class: 'error-text' }, t('point_failed', { detail: p.error })));
  else fill($('info-point'), h('p', { class: 'busy-text' }, t('point_loading')));
  if (!thon && !p) card.hidden = true;
}

async function onMapClick(latlng, thonId) {
  const seq = ++clickSeq;
  state.info = { thonId, point: { lat: latlng.lat, lon: latlng.lng } };
  view.select(thonId);
  renderInfo();
  try {
    // The card shows what covers the place (best, covered, fiber): the site list is left out.
    const report = await getJSON('coverage/point', { lat: latlng.lat.toFixed(6), lon: latlng.lng.toFixed(6), sites: 'none' });
    if (seq === clickSeq) state.info.point.report = report;
  } catch (err) {
    if (seq === clickSeq) state.info.point.error = err.message;
  }
  if (seq === clickSeq) renderInfo();
}

function chooseThon(id) {
  clickSeq += 1;
  state.info = { thonId: id, point: null };
  view.select(id);
  view.fit(id);
  renderInfo();
  $('map').scrollIntoView?.({ block: 'nearest' });
  $('info-title')?.setAttribute('tabindex', '-1');
  $('info-title')?.focus({ preventScroll: true });
}

function closeInfo() {
  clickSeq += 1;
  state.info = null;
  view.select(null);
  renderInfo();
}

function renderExport() {
  const m = state.measure;
  const link = (href, text, download) => h('a', { href, download, class: 'button-link' }, text);
  fill($('export'),
    h('p', {}, t('export_gaps', { measure: measureName(m) }), ' ',
      link(apiUrl('gaps', { tech: m }), t('export_geojson'), `vung-lom-song-${m}.geojson`), ' ',
      link(apiUrl('gaps', { tech: m, format: 'csv' }), t('export_csv'), `vung-lom-song-${m}.csv`)),
    h('p', {}, t('export_thon'), ' ', link(apiUrl('csv/thon'), t('export_csv'), 'so-lieu-thon.csv')),
    h('p', { class: 'hint' }, t('export_note')));
}

// --- controls ----------------------------------------------------------------------------------
function renderMeasureOptions() {
  fill($('measure'), MEASURES.map((m) => h('option', { value: m, selected: m === state.measure }, measureName(m))));
}

function renderOperatorToggles() {
  const ops = view.siteOperators();
  fill($('operator-toggles'), ops.map((op) => h('label', {},
    h('input', { type: 'checkbox', name: `op:${op}`, checked: !state.operatorsOff.has(op), dataset: { operator: op } }), ' ', op)));
}

function syncControls() {
  const form = $('layers-form');
  $('measure').value = state.measure;
  $('basis').value = state.basis;
  for (const k of LAYERS) form.elements[k].checked = !!state.visible[k];
  form.elements.basemap.checked = state.basemap;
  $('basemap-toggle').hidden = BASEMAP == null;
  $('operator-toggles').hidden = !state.visible.sites;
}

function wireControls() {
  $('measure').addEventListener('change', (e) => {
    state.measure = e.target.value;
    store.set('measure', state.measure);
    view.restyleThon(thonStyle);
    if (state.sites) view.drawSites(state.sites, siteDimmed);
    for (const op of view.siteOperators()) view.setOperatorVisible(op, !state.operatorsOff.has(op));
    if (state.households) view.drawHouseholds(state.households, state.measure);
    renderLegendPanel();
    renderExport();
    run(loadGaps);
  });
  $('basis').addEventListener('change', (e) => {
    state.basis = e.target.value;
    store.set('basis', state.basis);
    view.restyleThon(thonStyle);
    renderLegendPanel();
    renderInfo();
  });
  $('layers-form').addEventListener('change', (e) => {
    const el = e.target;
    if (el.dataset.operator) {
      const op = el.dataset.operator;
      if (el.checked) state.operatorsOff.delete(op);
      else state.operatorsOff.add(op);
      store.set('operatorsOff', [...state.operatorsOff]);
      view.setOperatorVisible(op, el.checked);
      return;
    }
    if (el.name === 'basemap') {
      state.basemap = el.checked;
      store.set('basemap', el.checked);
      view.setBasemap(el.checked);
      return;
    }
    if (!LAYERS.includes(el.name)) return;
    state.visible[el.name] = el.checked;
    store.set('visible', state.visible);
    view.setVisible(el.name, el.checked);
    if (el.name === 'households') {
      $('hh-hint').hidden = true;
      if (el.checked) run(loadHouseholds);
    }
    syncControls();
    renderLegendPanel();
  });
  let timer = null;
  view.map.on('moveend', () => {
    if (!state.visible.households) return;
    clearTimeout(timer);
    timer = setTimeout(() => run(loadHouseholds), 300);
  });
  $('info-close').addEventListener('click', closeInfo);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && state.info && closeInfo());
  $('lang').addEventListener('click', () => setLang(getLang() === 'vi' ? 'en' : 'vi'));
}

function applyLanguage() {
  applyStatic();
  $('lang').setAttribute('lang', getLang() === 'vi' ? 'en' : 'vi');
  renderMeasureOptions();
  renderTitle();
  renderSummaryPanel();
  renderLegendPanel();
  renderExport();
  renderInfo();
  upload.rerender();
}

// --- upload ------------------------------------------------------------------------------------
const upload = setupUpload(
  { form: $('upload-form'), fileInput: $('upload-file'), drop: $('drop'), tokenInput: $('upload-token'), fileName: $('upload-file-name'), result: $('upload-result') },
  {
    onUploaded: async () => {
      await run(loadCore);
      await Promise.all([run(loadSites), run(loadGaps), run(loadHouseholds)]);
      document.body.dataset.uploads = String(Number(document.body.dataset.uploads ?? 0) + 1);
    },
  },
);

// --- start -------------------------------------------------------------------------------------
for (const k of LAYERS) view.setVisible(k, !!state.visible[k]);
view.setBasemap(state.basemap);
onLangChange(applyLanguage);
wireControls();
applyLanguage();
syncControls();
loadAll();
