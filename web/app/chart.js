// A small horizontal bar chart in plain SVG: one bar per measure, with the target marked.

import { h } from './dom.js';
import { classColor } from './layers.js';

/** `rows`: [{label, value (fraction), target?}]; `aria`: the chart's spoken summary. */
export function barChart(rows, { aria, valueText }) {
  const W = 340, labelW = 150, barW = 132, rowH = 22;
  const H = rows.length * rowH + 4;
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': aria, class: 'bar-chart' });
  rows.forEach((r, i) => {
    const y = 2 + i * rowH;
    const v = Math.max(0, Math.min(1, r.value ?? 0));
    svg.append(
      h('svg:text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end', class: 'bar-label' }, r.label),
      h('svg:rect', { x: labelW, y: y + 3, width: barW, height: rowH - 8, class: 'bar-bg' }),
      h('svg:rect', { x: labelW, y: y + 3, width: Math.max(v * barW, v > 0 ? 1 : 0), height: rowH - 8, fill: classColor(r.value), class: 'bar' }),
      r.target != null ? h('svg:line', { x1: labelW + r.target * barW, x2: labelW + r.target * barW, y1: y + 1, y2: y + rowH - 3, class: 'bar-target' }) : null,
      h('svg:text', { x: labelW + barW + 6, y: y + 14, class: 'bar-value' }, valueText(r.value)),
    );
  });
  return svg;
}
