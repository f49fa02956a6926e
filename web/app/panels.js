// The panels: a thôn's figures, what covers a point, the commune against the plan's targets,
// and the legend. Each renders from data into an element; none fetches.

import { t, measureName, fmtInt, fmtNum, fmtPct, fmtKm2, fmtDist, fmtSpeed, fmtDate, getLang } from './i18n.js';
import { h, fill } from './dom.js';
import { MEASURES, BASES, CLASSES, NO_DATA_COLOR } from './config.js';
import { barChart } from './chart.js';
import { operatorBadge } from './layers.js';

/** The figures of a measure, zeros when the API left it out. */
export function figuresOf(coverage, m) {
  return coverage?.[m] ?? { area_m2: 0, area_fraction: 0, households: 0, households_fraction: 0, population: 0, population_fraction: 0 };
}

/** The fraction of a measure's figures by a basis (population, households or area), or null
 * when the thôn has nothing to count by that basis. */
export function fractionOf(props, m, basis) {
  const total = { population: props.population, households: props.households, area: props.area_m2 }[basis];
  if (!(total > 0)) return null;
  return figuresOf(props.coverage, m)[BASES[basis]] ?? 0;
}

/** What each measure leaves out in a thôn: households, people, area (m²). */
export function leftOut(props, m) {
  const f = figuresOf(props.coverage, m);
  return {
    households: Math.max(0, (props.households ?? 0) - (f.households ?? 0)),
    population: Math.max(0, (props.population ?? 0) - (f.population ?? 0)),
    area_m2: Math.max(0, (props.area_m2 ?? 0) - (f.area_m2 ?? 0)),
  };
}

const basisLabel = (basis) => t(`basis_${basis}`);
const TARGETS = { '5G': 0.99, fiber: 1, fiber_1g: 1, mobile: 1 };

function statusBadge(status) {
  const s = ['green', 'amber', 'red'].includes(status) ? status : 'red';
  return h('span', { class: `status status-${s}`, title: t(`status_${s}_long`) },
    h('span', { class: 'status-dot', 'aria-hidden': 'true' }), t(`status_${s}`));
}

/** A thôn's figures: households, population, area, per measure the rates and what is left
 * out, a bar chart by the chosen basis, and per operator. */
export function renderThon(el, props, { basis, status }) {
  const v = (field, value, text) => h('td', { dataset: { field, value: String(value ?? 0) } }, text);
  const rows = MEASURES.map((m) => {
    const f = figuresOf(props.coverage, m);
    const left = leftOut(props, m);
    return h('tr', { dataset: { measure: m } },
      h('th', { scope: 'row' }, measureName(m)),
      v('population_fraction', f.population_fraction, fmtPct(f.population_fraction)),
      v('households_fraction', f.households_fraction, fmtPct(f.households_fraction)),
      v('area_fraction', f.area_fraction, fmtPct(f.area_fraction)),
      v('households_left', left.households, fmtInt(left.households)),
      v('gap_area_m2', left.area_m2, fmtNum(left.area_m2 / 1e6, 2)),
    );
  });
  const chartRows = MEASURES.map((m) => ({ label: measureName(m), value: fractionOf(props, m, basis), target: TARGETS[m] }));
  const operators = Object.keys(props.by_operator ?? {}).sort();
  const opMeasures = ['4G', '5G', 'fiber'];
  const declared = props.households_declared != null && props.households_declared !== props.households
    ? ` (${t('households_declared', { n: fmtInt(props.households_declared) })})` : '';
  fill(el,
    h('h2', { id: 'info-title', class: 'thon-name', dataset: { thonId: props.id } }, props.name),
    h('p', { class: 'sub' },
      [props.commune ? t('commune_of', { commune: props.commune }) : null, t('thon_code', { id: props.id })].filter(Boolean).join(' · '), ' ',
      status ? statusBadge(status) : null),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, t('households')), h('dd', { dataset: { field: 'households', value: String(props.households ?? 0) } }, fmtInt(props.households), declared)),
      h('div', {}, h('dt', {}, t('population')), h('dd', { dataset: { field: 'population', value: String(props.population ?? 0) } }, fmtInt(props.population))),
      h('div', {}, h('dt', {}, t('area')), h('dd', { dataset: { field: 'area_m2', value: String(props.area_m2 ?? 0) } }, fmtKm2(props.area_m2))),
    ),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'figures', id: 'thon-figures' },
        h('caption', {}, t('coverage_rate')),
        h('thead', {}, h('tr', {}, ...['col_measure', 'col_pop', 'col_hh', 'col_area', 'col_hh_left', 'col_gap_area'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, rows))),
    h('h3', {}, t('chart_title', { basis: basisLabel(basis) })),
    barChart(chartRows, {
      aria: t('chart_aria', { name: props.name, basis: basisLabel(basis), values: chartRows.map((r) => `${r.label} ${r.value == null ? t('no_data') : fmtPct(r.value)}`).join('; ') }),
      valueText: (x) => (x == null ? '—' : fmtPct(x)),
    }),
    operators.length ? h('div', { class: 'table-wrap' },
      h('table', { class: 'figures by-operator' },
        h('caption', {}, t('by_operator', { basis: basisLabel(basis) })),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col_operator')), ...opMeasures.map((m) => h('th', { scope: 'col' }, measureName(m))))),
        h('tbody', {}, operators.map((op) => h('tr', { dataset: { operator: op } },
          h('th', { scope: 'row' }, operatorBadge(op), ' ', op),
          ...opMeasures.map((m) => {
            const x = fractionOf({ ...props, coverage: props.by_operator[op] }, m, basis);
            return h('td', {}, x == null ? '—' : fmtPct(x));
          })))))) : null,
  );
}

function tierText(s) {
  if (s.tier) return t(`tier_${s.tier}`);
  return s.covered ? t('tier_disc_covered') : t('tier_disc_none');
}

/** What covers a point: per measure the operators, per operator the best 4G/5G signal, and
 * the nearest fiber. */
export function renderPoint(el, p) {
  const coords = t('point_coords', { lat: fmtNum(p.lat, 5), lon: fmtNum(p.lon, 5) });
  const measures = h('ul', { class: 'point-measures' }, MEASURES.map((m) => {
    const ops = p.covered?.[m] ?? [];
    const none = m.startsWith('fiber') ? t('fiber_not_reached') : t('not_covered');
    return h('li', { dataset: { measure: m, covered: String(ops.length > 0) } },
      h('span', { class: `yesno ${ops.length ? 'yes' : 'no'}`, 'aria-hidden': 'true' }, ops.length ? '✓' : '✗'),
      h('strong', {}, measureName(m)), ': ',
      ops.length ? `${t('covered_by')} — ${ops.join(', ')}` : none);
  }));
  const best = [];
  for (const tech of ['4G', '5G']) {
    for (const [op, s] of Object.entries(p.best?.[tech] ?? {}).sort()) best.push(s ?? { operator: op, tech });
  }
  const rows = best.map((s) => h('tr', { dataset: { operator: s.operator, tech: s.tech } },
    h('td', {}, operatorBadge(s.operator), ' ', s.operator),
    h('td', {}, s.tech),
    h('td', {}, s.site_id ?? '—'),
    h('td', {}, s.distance_m != null ? fmtDist(s.distance_m) : '—'),
    h('td', {}, s.rsrp_dbm != null ? fmtNum(s.rsrp_dbm, 1) : '—'),
    h('td', { class: `tier tier-${s.tier ?? (s.covered ? 'disc' : 'none')}` }, tierText(s))));
  const fiber = p.fiber
    ? [t('fiber_nearest', { route: p.fiber.route_id, operator: p.fiber.operator, distance: fmtDist(p.fiber.distance_m), speed: fmtSpeed(p.fiber.max_speed_mbps) }), ' ',
      p.fiber.within_drop ? t('fiber_within', { drop: fmtDist(p.fiber.max_drop_m) }) : t('fiber_beyond', { drop: fmtDist(p.fiber.max_drop_m) })]
    : [t('fiber_none')];
  fill(el,
    h('h3', {}, t('point_title')),
    h('p', { class: 'sub' }, coords, ' · ', p.thon ? p.thon.name : t('point_outside')),
    measures,
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'figures point-sites' },
      h('caption', {}, t('best_signal')),
      h('thead', {}, h('tr', {}, ...['col_operator', 'col_tech', 'col_site', 'col_distance', 'col_rsrp', 'col_tier'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows))) : null,
    h('p', { class: 'fiber-at' }, ...fiber),
  );
}

/** The commune against the 2025 and 2030 targets, and a traffic light per thôn. */
export function renderSummary(el, s, { onThon }) {
  const total = s.total ?? {};
  const target = (x) => {
    const actual = Math.max(0, Math.min(1, x.actual ?? 0));
    const label = getLang() === 'vi' ? x.label_vi : x.label_en || x.label_vi;
    return h('li', { class: `target ${x.met ? 'is-met' : 'not-met'}`, dataset: { targetId: x.id, met: String(!!x.met) } },
      h('div', { class: 'target-head' },
        h('span', { class: 'target-label' }, label),
        h('span', { class: `badge ${x.met ? 'badge-met' : 'badge-not-met'}` }, h('span', { 'aria-hidden': 'true' }, x.met ? '✓ ' : '✗ '), x.met ? t('met') : t('not_met'))),
      h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': (actual * 100).toFixed(1), 'aria-label': label },
        h('div', { class: 'progress-fill', style: `width:${(actual * 100).toFixed(2)}%` }),
        h('div', { class: 'progress-target', style: `left:${(Math.min(1, x.target) * 100).toFixed(2)}%`, 'aria-hidden': 'true' })),
      h('div', { class: 'target-figures' },
        t('actual_of_target', { actual: fmtPct(x.actual), target: fmtPct(x.target) }),
        ` · ${measureName(x.measure)}, ${t(`basis_of_target_${x.basis}`)}`));
  };
  const byYear = (y) => (s.targets ?? []).filter((x) => x.year === y);
  const thonButtons = (s.thon ?? []).map((x) => h('li', {},
    h('button', { type: 'button', class: 'thon-item', dataset: { thonId: x.id, status: x.status }, onclick: () => onThon(x.id) },
      h('span', { class: 'thon-item-name' }, x.name), statusBadge(x.status))));
  fill(el,
    h('p', { class: 'sub' }, t('updated', { when: fmtDate(s.updated_at) }), ' · ', t('model', { model: s.model ?? '—' })),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, t('total_households')), h('dd', {}, fmtInt(total.households))),
      h('div', {}, h('dt', {}, t('total_population')), h('dd', {}, fmtInt(total.population))),
      h('div', {}, h('dt', {}, t('total_area')), h('dd', {}, fmtKm2(total.area_m2)))),
    h('h3', {}, t('targets_2025')),
    h('ul', { class: 'targets' }, byYear(2025).map(target)),
    h('h3', {}, t('targets_2030')),
    h('ul', { class: 'targets' }, byYear(2030).map(target)),
    h('h3', {}, t('thon_status')),
    h('p', { class: 'hint' }, t('thon_status_hint')),
    h('ul', { class: 'thon-list' }, thonButtons),
  );
}

/** The legend's content for the current measure, basis and layers. */
export function renderLegend(el, { measure, basis, visible, operators }) {
  const m = measureName(measure);
  const swatch = (color, text) => h('li', {}, h('span', { class: 'swatch', style: `background:${color}` }), text);
  fill(el,
    h('p', { class: 'legend-title' }, t('legend_choropleth', { measure: m, basis: t(`basis_${basis}`) })),
    h('ul', { class: 'legend-list' }, [...CLASSES].reverse().map((c) => swatch(c.color, c.label)), swatch(NO_DATA_COLOR, t('no_data'))),
    visible.gaps ? h('ul', { class: 'legend-list' }, h('li', {},
      h('svg:svg', { class: 'swatch', viewBox: '0 0 16 16', 'aria-hidden': 'true' },
        h('svg:rect', { width: 16, height: 16, fill: 'url(#gap-hatch)', stroke: '#111', 'stroke-dasharray': '3 2' })),
      t('legend_gap', { measure: m }))) : null,
    visible.sites && operators.length ? h('ul', { class: 'legend-list' },
      operators.map((op) => h('li', {}, operatorBadge(op), op)),
      h('li', {}, operatorBadge(operators[0], true), t('legend_site_5g')),
      visible.sectors ? h('li', {}, h('span', { class: 'swatch sector-swatch' }), t('legend_sector')) : null) : null,
    visible.fiber ? h('ul', { class: 'legend-list' },
      h('li', {}, h('span', { class: 'line-swatch' }), t('legend_fiber_1g')),
      h('li', {}, h('span', { class: 'line-swatch dashed' }), t('legend_fiber_slow'))) : null,
    visible.households ? h('ul', { class: 'legend-list' },
      h('li', {}, h('span', { class: 'hh-swatch covered' }), t('legend_hh_covered', { measure: m })),
      h('li', {}, h('span', { class: 'hh-swatch uncovered' }), t('legend_hh_uncovered', { measure: m }))) : null,
  );
}
