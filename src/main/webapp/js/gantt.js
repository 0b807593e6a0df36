// The run's timeline: one bar per attempt on the worker slot it held, a time axis in clock time and
// time since the run's first start, a legend of outcomes, zoom and pan (buttons, wheel, drag) and
// "find plan", so that a two-minute plan in a six-hour run of 99 plans on 40 slots can be found.
import { h, fill, duration, plural } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const OUTCOMES = [['running', 'running'], ['succeeded', 'succeeded'], ['model_failed', 'model failed'], ['machine_failed', 'machine failed'],
  ['worker_lost', 'worker lost'], ['timed_out', 'timed out'], ['stopped', 'stopped']];
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

function el(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

const clock = (t, step) => new Date(t).toLocaleTimeString([], step < 60000 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });

export function ticks(from, to, most = 8) {
  const step = STEPS.find((s) => (to - from) / s <= most) || STEPS[STEPS.length - 1];
  const list = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) list.push(t);
  return { step, list };
}

// Every attempt of the run with the slot lane it ran in: attempts on one worker that overlap in
// time must have held different slots, so each takes the lowest lane free at its start.
export function lanes(run, now = Date.now()) {
  const attempts = [];
  for (const plan of run.plans || []) {
    for (const a of plan.attemptHistory || []) {
      if (!a.startedAt) continue;
      attempts.push({
        plan: plan.plan, attempt: a.number, worker: a.worker || '?', outcome: a.outcome || 'RUNNING', reason: a.reason || '',
        start: Date.parse(a.startedAt), end: a.endedAt ? Date.parse(a.endedAt) : now,
      });
    }
  }
  attempts.sort((x, y) => x.start - y.start);
  const busyUntil = {};
  for (const a of attempts) {
    const slots = busyUntil[a.worker] || (busyUntil[a.worker] = []);
    let lane = slots.findIndex((until) => until <= a.start);
    if (lane < 0) lane = slots.length;
    slots[lane] = a.end;
    a.lane = lane;
  }
  return attempts;
}

// A chart bound to its box: draw(run) on every live event keeps the zoom the reader chose.
export function ganttChart(box) {
  const status = h('span', { class: 'muted', id: 'gantt-window', 'aria-live': 'polite' });
  const find = h('input', { type: 'search', id: 'gantt-find', size: 6, 'aria-label': 'Find plan', placeholder: 'plan' });
  const controls = h('div', { class: 'toolbar gantt-controls' },
    h('span', {}, h('button', { type: 'button', id: 'zoom-in', onclick: () => zoom(0.5), text: 'Zoom in' }),
      h('button', { type: 'button', id: 'zoom-out', onclick: () => zoom(2), text: 'Zoom out' }),
      h('button', { type: 'button', id: 'pan-earlier', onclick: () => pan(-0.5), text: '◀ Earlier' }),
      h('button', { type: 'button', id: 'pan-later', onclick: () => pan(0.5), text: 'Later ▶' }),
      h('button', { type: 'button', id: 'zoom-all', onclick: () => { view = null; redraw(); }, text: 'Whole run' })),
    h('label', {}, 'Find plan ', find), status);
  const legend = h('ul', { class: 'legend', 'aria-label': 'Outcome colours' },
    OUTCOMES.map(([key, word]) => h('li', {}, h('span', { class: `swatch bar-${key}` }), word)));
  const chart = h('div', { class: 'gantt-chart' });
  fill(box, controls, legend, chart);
  let run = null, view = null, span = [0, 1];
  const zoom = (factor, centre) => {
    const [a, b] = view || span;
    const c = centre ?? (a + b) / 2;
    const width = Math.max(30000, Math.min(span[1] - span[0], (b - a) * factor));
    view = clamp(c - (c - a) * (width / (b - a)), width);
    redraw();
  };
  const pan = (share) => {
    const [a, b] = view || span;
    view = clamp(a + (b - a) * share, b - a);
    redraw();
  };
  const clamp = (start, width) => {
    const from = Math.max(span[0], Math.min(start, span[1] - width));
    return [from, from + width];
  };
  // the found plan stays marked through zooms and live updates until another is looked for
  let found = null;
  find.addEventListener('change', () => {
    const asked = find.value.trim();
    const wanted = run && asked ? lanes(run).filter((a) => a.plan === asked.padStart(2, '0') || a.plan === asked) : [];
    found = wanted.length ? wanted[0].plan : null;
    if (!wanted.length) {
      redraw();
      if (asked) status.textContent = `no attempt of plan ${asked}`;
      return;
    }
    // a window four times the plan's attempts (at least 8 minutes), so that a 2-minute bar in a six-hour run is a quarter of the width
    const from = Math.min(...wanted.map((a) => a.start)), to = Math.max(...wanted.map((a) => a.end));
    const width = Math.max(to - from, 120000) * 4;
    view = clamp(from - width / 2 + (to - from) / 2, Math.min(width, span[1] - span[0]));
    redraw();
    const bar = chart.querySelector('rect.bar.found');
    if (bar) bar.scrollIntoView({ block: 'nearest' });
    status.textContent = `plan ${found}: ${plural(wanted.length, 'attempt')} on ${[...new Set(wanted.map((a) => `${a.worker} #${a.lane + 1}`))].join(', ')}, `
      + `${duration((to - from) / 1000)}; ${status.textContent}`;
  });
  let dragFrom = null;
  chart.addEventListener('wheel', (e) => {
    if (!view && !e.ctrlKey && !e.shiftKey) return;
    e.preventDefault();
    const svg = chart.querySelector('svg');
    if (!svg) return;
    const { left, scale } = svg.__axis;
    const t = scale.invert(e.clientX - svg.getBoundingClientRect().left - left);
    if (e.shiftKey) pan(Math.sign(e.deltaY) * 0.2);
    else zoom(e.deltaY < 0 ? 0.8 : 1.25, t);
  }, { passive: false });
  chart.addEventListener('pointerdown', (e) => { dragFrom = { x: e.clientX, view: view || span }; });
  window.addEventListener('pointerup', () => { dragFrom = null; });
  chart.addEventListener('pointermove', (e) => {
    if (!dragFrom || !e.buttons) return;
    const svg = chart.querySelector('svg');
    const [a, b] = dragFrom.view;
    const perPixel = (b - a) / svg.__axis.plotWidth;
    view = clamp(a - (e.clientX - dragFrom.x) * perPixel, b - a);
    redraw();
  });
  function redraw() {
    if (run) draw(chart, run, view || span, found, status);
  }
  return (next) => {
    run = next;
    const attempts = lanes(run);
    if (!attempts.length) {
      chart.textContent = 'No attempt has started yet.';
      return;
    }
    span = [Math.min(...attempts.map((a) => a.start)), Math.max(...attempts.map((a) => a.end), Math.min(...attempts.map((a) => a.start)) + 1000)];
    if (view) view = clamp(view[0], Math.min(view[1] - view[0], span[1] - span[0]));
    redraw();
  };
}

function draw(chart, run, [v0, v1], highlight, status) {
  const attempts = lanes(run);
  const t0 = Math.min(...attempts.map((a) => a.start));
  const laneNames = [...new Set(attempts.map((a) => `${a.worker} #${a.lane + 1}`))]
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const left = 120, right = 12, top = 36, rowH = laneNames.length > 24 ? 16 : 24;
  const width = Math.max(chart.clientWidth || 800, 320);
  const plotWidth = width - left - right;
  const height = top + laneNames.length * rowH + 8;
  const scale = (t) => left + ((t - v0) / (v1 - v0)) * plotWidth;
  scale.invert = (px) => v0 + (px / plotWidth) * (v1 - v0);
  const svg = el('svg', { width, height, role: 'img', 'aria-label': `Timeline of ${attempts.length} attempts on ${laneNames.length} worker slots`,
    class: highlight ? 'finding' : '' });
  svg.__axis = { left, scale, plotWidth };
  // the window shown, in epoch milliseconds: a hook for tests and scripts, as the bars' data-* are
  svg.setAttribute('data-window-start', Math.round(v0));
  svg.setAttribute('data-window-end', Math.round(v1));
  const clip = el('clipPath', { id: 'gantt-plot' }, el('defs', {}, svg));
  el('rect', { x: left, y: 0, width: plotWidth, height }, clip);
  const { step, list } = ticks(v0, v1, Math.max(3, Math.floor(plotWidth / 110)));
  for (const t of list) {
    const x = scale(t);
    el('line', { x1: x, x2: x, y1: top - 4, y2: height - 8, class: 'grid' }, svg);
    // a label near the right edge ends at its tick rather than being cut by the chart's edge
    const anchor = x > width - 60 ? 'end' : 'middle';
    el('text', { x, y: 12, 'text-anchor': anchor, class: 'axis clock' }, svg).textContent = clock(t, step);
    el('text', { x, y: 26, 'text-anchor': anchor, class: 'axis elapsed' }, svg).textContent = `+${duration((t - t0) / 1000)}`;
  }
  el('text', { x: 4, y: 12, class: 'axis' }, svg).textContent = 'clock';
  el('text', { x: 4, y: 26, class: 'axis' }, svg).textContent = 'since start';
  laneNames.forEach((name, i) => {
    el('text', { x: 4, y: top + i * rowH + rowH * 0.7, class: 'lane' }, svg).textContent = name;
    el('line', { x1: left, x2: width - right, y1: top + (i + 1) * rowH, y2: top + (i + 1) * rowH, class: 'grid' }, svg);
  });
  const plot = el('g', { 'clip-path': 'url(#gantt-plot)' }, svg);
  for (const a of attempts) {
    if (a.end < v0 || a.start > v1) continue;
    const i = laneNames.indexOf(`${a.worker} #${a.lane + 1}`);
    const x = scale(a.start), w = Math.max(3, scale(a.end) - x);
    const bar = el('rect', {
      x, y: top + i * rowH + 2, width: w, height: rowH - 4, rx: 2,
      class: `bar ${a.outcome.toLowerCase()}${highlight === a.plan ? ' found' : ''}`, tabindex: 0,
      'data-plan': a.plan, 'data-attempt': a.attempt, 'data-worker': a.worker, 'data-outcome': a.outcome,
    }, plot);
    el('title', {}, bar).textContent = `plan ${a.plan}, attempt ${a.attempt} on ${a.worker} #${a.lane + 1}: ${a.outcome.toLowerCase().replace(/_/g, ' ')}, ${duration((a.end - a.start) / 1000)}${a.reason ? ' — ' + a.reason : ''}`;
    if (w >= a.plan.length * 7 + 6) {
      el('text', { x: x + 3, y: top + i * rowH + rowH * 0.7, class: 'bar-label' }, plot).textContent = a.plan;
    }
  }
  status.textContent = v0 === Math.min(...attempts.map((a) => a.start)) && v1 >= Math.max(...attempts.map((a) => a.end)) - 1
    ? `whole run, ${duration((v1 - v0) / 1000)}` : `showing ${duration((v1 - v0) / 1000)} from +${duration((v0 - t0) / 1000)}`;
  chart.replaceChildren(svg);
}
