// Plans compared: one line per succeeded plan along the reach (x = river station, upstream on the
// left, a marker at each real cross section), the quantity and its unit on the y axis, a read-out
// under the pointer, and a legend that says which plans coincide, so that no line hides another.
import { h, fill } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
export const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#b35900', '#0f7c8c', '#8c564b', '#c2185b', '#4e5d6c', '#6a8a00'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

// what the results file may hold per cross section: key, name, unit in US and SI units
export const QUANTITIES = [
  { key: 'maxWaterSurface', name: 'Maximum water surface', unit: { US: 'ft', SI: 'm' } },
  { key: 'maxFlow', name: 'Maximum flow', unit: { US: 'cfs', SI: 'm³/s' } },
  { key: 'hoursToPeak', name: 'Time of peak water surface', unit: { US: 'h after the start', SI: 'h after the start' } },
];

function el(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

const unitSystem = (units) => (/si|metric/i.test(units || '') ? 'SI' : 'US');

// Plans whose values are the same at every section (within a hundredth) share a group: the legend
// names the first of a group beside the others ("identical to plan 01").
export function identicalTo(plans, key) {
  const same = {};
  plans.forEach((plan, i) => {
    const twin = plans.slice(0, i).find((other) => !same[other.plan] && other.sections.length === plan.sections.length
      && other.sections.every((s, k) => Math.abs(s[key] - plan.sections[k][key]) < 0.005));
    if (twin) same[plan.plan] = twin.plan;
  });
  return same;
}

export function profiles(container, answer, key = 'maxWaterSurface') {
  const plans = (answer.plans || []).filter((p) => p.sections.some((s) => typeof s[key] === 'number'));
  const quantity = QUANTITIES.find((q) => q.key === key);
  if (!plans.length) {
    fill(container, h('p', { text: `No succeeded plan with a readable ${quantity.name.toLowerCase()} yet.` }));
    return;
  }
  const unit = quantity.unit[unitSystem(answer.units)];
  const same = identicalTo(plans, key);
  const all = plans.flatMap((p) => p.sections);
  const xs = all.map((s) => s.stationValue), ys = all.map((s) => s[key]);
  const [x0, x1] = [Math.max(...xs), Math.min(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const pad = (y1 - y0) * 0.05 || 1;
  [y0, y1] = [y0 - pad, y1 + pad];
  // the legend beside the chart, scrolling on its own: visible at 1280x800 whatever the number of plans
  const width = Math.max((container.clientWidth || 1100) - 300, 320), height = 380;
  const m = { l: 70, r: 12, t: 12, b: 46 };
  const svg = el('svg', { width, height, role: 'img', 'aria-label': `${quantity.name} (${unit}) along the reach, one line per plan` });
  const px = (v) => m.l + ((x0 - v) / (x0 - x1 || 1)) * (width - m.l - m.r);
  const py = (v) => height - m.b - ((v - y0) / (y1 - y0 || 1)) * (height - m.t - m.b);
  for (let k = 0; k <= 5; k++) {
    const v = y0 + ((y1 - y0) * k) / 5;
    el('line', { x1: m.l, x2: width - m.r, y1: py(v), y2: py(v), class: 'grid' }, svg);
    el('text', { x: m.l - 6, y: py(v) + 4, 'text-anchor': 'end', class: 'axis' }, svg).textContent = v.toFixed(Math.abs(y1 - y0) < 10 ? 2 : 1);
  }
  const title = el('text', { x: 14, y: (m.t + height - m.b) / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 14 ${(m.t + height - m.b) / 2})` }, svg);
  title.textContent = `${quantity.name} (${unit})`;
  // the real cross sections of the first plan: a tick at each, a station label where there is room
  const sections = plans[0].sections;
  let lastLabel = -Infinity;
  for (const s of sections) {
    const x = px(s.stationValue);
    el('line', { x1: x, x2: x, y1: height - m.b, y2: height - m.b + 5, class: 'tick' }, svg);
    if (x - lastLabel > 48) {
      el('text', { x, y: height - m.b + 17, 'text-anchor': 'middle', class: 'axis station' }, svg).textContent = s.station;
      lastLabel = x;
    }
  }
  el('text', { x: (m.l + width - m.r) / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, svg).textContent = 'River station (upstream on the left)';
  plans.forEach((plan, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const dash = same[plan.plan] ? DASHES[1 + (i % (DASHES.length - 1))] : '';
    const points = plan.sections.map((s) => `${px(s.stationValue).toFixed(1)},${py(s[key]).toFixed(1)}`).join(' ');
    const line = el('polyline', { points, fill: 'none', stroke: colour, 'stroke-width': same[plan.plan] ? 2 : 2.5, 'stroke-dasharray': dash, 'data-plan': plan.plan }, svg);
    el('title', {}, line).textContent = `plan ${plan.plan} ${plan.title}`;
    // a dot per section and plan while few plans are drawn; with many, the axis ticks mark the sections
    if (plans.length <= 8) for (const s of plan.sections) el('circle', { cx: px(s.stationValue), cy: py(s[key]), r: 2.5, fill: colour, class: 'marker' }, svg);
  });
  const readout = h('p', { class: 'readout', id: 'compare-readout', 'aria-live': 'polite', text: 'Point at the chart for the values at a cross section.' });
  const cursor = el('line', { y1: m.t, y2: height - m.b, class: 'cursor', visibility: 'hidden' }, svg);
  svg.addEventListener('pointermove', (e) => {
    const x = e.clientX - svg.getBoundingClientRect().left;
    let best = sections[0];
    for (const s of sections) if (Math.abs(px(s.stationValue) - x) < Math.abs(px(best.stationValue) - x)) best = s;
    cursor.setAttribute('x1', px(best.stationValue));
    cursor.setAttribute('x2', px(best.stationValue));
    cursor.setAttribute('visibility', 'visible');
    readout.textContent = `station ${best.station}: ` + plans.map((p) => {
      const at = p.sections.find((s) => s.station === best.station);
      return `plan ${p.plan} ${at ? at[key].toFixed(2) : 'none'}`;
    }).join(', ') + ` (${unit})`;
  });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Plans' }, plans.map((plan, i) =>
    h('li', { 'data-plan': plan.plan }, h('span', { style: `background:${COLOURS[i % COLOURS.length]}` }),
      `plan ${plan.plan} ${plan.title}`, same[plan.plan] ? h('em', { text: ` (identical to plan ${same[plan.plan]}, dashed)` }) : null)));
  fill(container, h('div', { class: 'profile-row' }, h('div', {}, svg, readout), legend));
}
