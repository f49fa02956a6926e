// The upload panel: a sites GeoJSON by drag-and-drop or file picker, a token, and the answer:
// the problem list on 422, before/after per affected thôn on success.

import { t, measureName, fmtPct, fmtInt } from './i18n.js';
import { h, fill } from './dom.js';
import { postSites, ApiError } from './api.js';
import { MEASURES } from './config.js';
import { figuresOf } from './panels.js';

/** Wires the form; `onUploaded(response)` after a change was accepted. */
export function setupUpload({ form, fileInput, drop, tokenInput, fileName, result }, { onUploaded }) {
  let file = null;
  let last = null; // the last answer, to re-render on a language switch

  const choose = (f) => {
    file = f ?? null;
    fileName.textContent = file ? `${file.name} (${fmtInt(file.size / 1024 + 0.5)} KB)` : '';
  };
  fileInput.addEventListener('change', () => choose(fileInput.files?.[0]));
  for (const ev of ['dragenter', 'dragover']) {
    drop.addEventListener(ev, (e) => {
      e.preventDefault();
      drop.classList.add('dragging');
    });
  }
  for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) choose(f);
  });

  const show = (answer) => {
    last = answer;
    render(result, answer);
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file) return show({ kind: 'error', text: () => t('upload_no_file') });
    const token = tokenInput.value.trim();
    if (!token) {
      tokenInput.focus();
      return show({ kind: 'error', text: () => t('upload_no_token') });
    }
    const text = await file.text();
    try {
      JSON.parse(text);
    } catch (err) {
      return show({ kind: 'error', text: () => t('upload_bad_json', { detail: err.message }) });
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    show({ kind: 'busy', text: () => t('upload_sending') });
    try {
      const res = await postSites(text, token);
      show({ kind: 'ok', res });
      await onUploaded(res);
    } catch (err) {
      show(failure(err));
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  return { rerender: () => last && render(result, last) };
}

function failure(err) {
  if (!(err instanceof ApiError)) return { kind: 'error', text: () => t('upload_network', { detail: err.message }) };
  const p = err.problem;
  if (err.status === 422 && Array.isArray(p?.problems)) return { kind: 'invalid', problems: p.problems, detail: p.detail };
  if (err.status === 401 || err.status === 403) return { kind: 'error', text: () => t('upload_denied', { detail: err.message }) };
  if (err.status === 0) return { kind: 'error', text: () => t('upload_network', { detail: err.message }) };
  return { kind: 'error', text: () => t('upload_failed', { status: err.status, detail: err.message }) };
}

function render(el, a) {
  el.className = `upload-result result-${a.kind}`;
  if (a.kind === 'invalid') {
    return fill(el,
      h('p', { class: 'error-text', role: 'alert' }, t('upload_invalid', { n: a.problems.length })),
      h('div', { class: 'table-wrap' }, h('table', { class: 'figures problems', id: 'upload-problems' },
        h('thead', {}, h('tr', {}, ...['col_file', 'col_feature', 'col_id', 'col_reason'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, a.problems.map((p) => h('tr', { class: 'problem', dataset: { feature: p.feature ?? '', id: p.id ?? '' } },
          h('td', {}, p.file ?? ''), h('td', {}, p.feature ?? '—'), h('td', {}, p.id ?? '—'), h('td', {}, p.reason ?? '')))))));
  }
  if (a.kind === 'ok') {
    const r = a.res;
    const count = (x) => (Array.isArray(x) ? x.length : 0);
    return fill(el,
      h('p', { class: 'ok-text' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('upload_ok', { id: r.upload_id, inserted: count(r.inserted), updated: count(r.updated) })),
      (r.affected ?? []).length ? affectedTable(r.affected) : h('p', {}, t('upload_no_change')));
  }
  return fill(el, h('p', { class: a.kind === 'error' ? 'error-text' : 'busy-text', role: a.kind === 'error' ? 'alert' : null }, a.text()));
}

/** Before → after for each thôn and each measure that changed: % of households and
 * households left out. */
function affectedTable(affected) {
  const rows = [];
  for (const a of affected) {
    const changed = MEASURES.filter((m) => JSON.stringify(figuresOf(a.before, m)) !== JSON.stringify(figuresOf(a.after, m)));
    changed.forEach((m, i) => {
      const b = figuresOf(a.before, m), f = figuresOf(a.after, m);
      rows.push(h('tr', { class: 'affected', dataset: { thonId: a.id, measure: m, before: String(b.area_fraction), after: String(f.area_fraction) } },
        i === 0 ? h('th', { scope: 'rowgroup', rowspan: changed.length }, a.name) : null,
        h('td', {}, measureName(m)),
        h('td', {}, `${fmtPct(b.households_fraction)} · ${fmtPct(b.area_fraction)}`),
        h('td', {}, `${fmtPct(f.households_fraction)} · ${fmtPct(f.area_fraction)}`)));
    });
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'figures affected-table', id: 'upload-affected' },
    h('caption', {}, t('upload_affected')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col_thon')), h('th', { scope: 'col' }, t('col_measure')),
      h('th', { scope: 'col' }, `${t('col_before')} (${t('col_hh')} · ${t('col_area')})`),
      h('th', { scope: 'col' }, `${t('col_after')} (${t('col_hh')} · ${t('col_area')})`))),
    h('tbody', {}, rows)));
}
