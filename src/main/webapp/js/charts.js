// Hand-drawn SVG charts: the run's timeline (Gantt) and the plans' water-surface profiles.

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
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

export function gantt(container, run) {
  const attempts = lanes(run);
  container.replaceChildren();
  if (!attempts.length) {
    container.textContent = 'No attempt has started yet.';
    return;
  }
  const laneNames = [...new Set(attempts.map((a) => `${a.worker} #${a.lane + 1}`))].sort();
  const t0 = Math.min(...attempts.map((a) => a.start));
  const t1 = Math.max(...attempts.map((a) => a.end), t0 + 1000);
  const left = 110, right = 10, rowH = 26, top = 20;
  const width = Math.max(container.clientWidth || 800, 320);
  const svg = el('svg', { width, height: top + laneNames.length * rowH + 10, role: 'img', 'aria-label': 'Timeline of attempts per worker slot' }, container);
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  laneNames.forEach((name, i) => {
    el('text', { x: 4, y: top + i * rowH + 17, class: 'lane' }, svg).textContent = name;
    el('line', { x1: left, x2: width - right, y1: top + (i + 1) * rowH, y2: top + (i + 1) * rowH, class: 'grid' }, svg);
  });
  el('text', { x: left, y: 12, class: 'axis' }, svg).textContent = new Date(t0).toLocaleTimeString();
  el('text', { x: width - right, y: 12, class: 'axis', 'text-anchor': 'end' }, svg).textContent = `${Math.round((t1 - t0) / 1000)} s`;
  for (const a of attempts) {
    const i = laneNames.indexOf(`${a.worker} #${a.lane + 1}`);
    const bar = el('rect', {
      x: x(a.start), y: top + i * rowH + 4, width: Math.max(2, x(a.end) - x(a.start)), height: rowH - 8, rx: 3,
      class: `bar ${a.outcome.toLowerCase()}`, tabindex: 0,
      'data-plan': a.plan, 'data-attempt': a.attempt, 'data-worker': a.worker, 'data-outcome': a.outcome,
    }, svg);
    el('title', {}, bar).textContent = `plan ${a.plan}, attempt ${a.attempt} on ${a.worker}: ${a.outcome}${a.reason ? ' — ' + a.reason : ''}`;
  }
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

// One line per plan: x = river station (upstream on the left), y = highest water surface.
export function profiles(container, answer) {
  container.replaceChildren();
  const plans = answer.plans || [];
  if (!plans.length) {
    container.textContent = 'No succeeded plan with a readable result yet.';
    return;
  }
  const all = plans.flatMap((p) => p.sections);
  const xs = all.map((s) => s.stationValue), ys = all.map((s) => s.maxWaterSurface);
  const [x0, x1] = [Math.max(...xs), Math.min(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const width = Math.max(container.clientWidth || 800, 320), height = 360;
  const m = { l: 60, r: 10, t: 10, b: 40 };
  const svg = el('svg', { width, height, role: 'img', 'aria-label': 'Maximum water surface along the reach, one line per plan' }, container);
  const px = (v) => m.l + ((x0 - v) / (x0 - x1 || 1)) * (width - m.l - m.r);
  const py = (v) => height - m.b - ((v - y0) / (y1 - y0 || 1)) * (height - m.t - m.b);
  for (let k = 0; k <= 4; k++) {
    const v = y0 + ((y1 - y0) * k) / 4;
    el('line', { x1: m.l, x2: width - m.r, y1: py(v), y2: py(v), class: 'grid' }, svg);
    el('text', { x: m.l - 4, y: py(v) + 4, 'text-anchor': 'end', class: 'axis' }, svg).textContent = v.toFixed(1);
  }
  for (let k = 0; k <= 4; k++) {
    const v = x0 + ((x1 - x0) * k) / 4;
    el('text', { x: px(v), y: height - m.b + 16, 'text-anchor': 'middle', class: 'axis' }, svg).textContent = Math.round(v);
  }
  el('text', { x: width / 2, y: height - 4, 'text-anchor': 'middle', class: 'axis' }, svg).textContent = 'river station';
  plans.forEach((plan, i) => {
    const points = plan.sections.map((s) => `${px(s.stationValue).toFixed(1)},${py(s.maxWaterSurface).toFixed(1)}`).join(' ');
    const line = el('polyline', { points, fill: 'none', stroke: COLOURS[i % COLOURS.length], 'stroke-width': 2, 'data-plan': plan.plan }, svg);
    el('title', {}, line).textContent = `plan ${plan.plan} ${plan.title}`;
  });
  const legend = document.createElement('ul');
  legend.className = 'legend';
  plans.forEach((plan, i) => {
    const item = document.createElement('li');
    item.innerHTML = `<span style="background:${COLOURS[i % COLOURS.length]}"></span>`;
    item.append(`plan ${plan.plan} ${plan.title}`);
    legend.appendChild(item);
  });
  container.appendChild(legend);
}
