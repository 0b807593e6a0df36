// The rasfleet console: hash-routed views over the REST API, live through server-sent events.
import { api, follow, login, logout, loggedIn, ApiError } from './api.js';
import { gantt, lanes, profiles } from './charts.js';

const view = document.getElementById('view');
const liveStatus = document.getElementById('live');
let me = { user: '', roles: [] };
let stream = null;

const can = (role) => me.roles.includes(role) || (role === 'operator' && me.roles.includes('admin'));

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '';
  seconds = Math.max(0, Math.round(seconds));
  const hours = Math.floor(seconds / 3600), minutes = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${s} s` : `${s} s`;
}

const since = (from, to) => (from ? ((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000 : null);
const when = (text) => (text ? new Date(text).toLocaleString() : '');

function progressBar(fraction, label) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction || 0)) * 100);
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-label': label },
    h('span', { style: `width:${percent}%` }), h('b', { text: `${percent}%` }));
}

function errorBox(error) {
  return h('p', { class: 'error', role: 'alert', text: error instanceof Error ? error.message : String(error) });
}

function showLive(state) {
  liveStatus.textContent = state === 'live' ? 'live' : state === 'reconnecting' ? 'connection lost, reconnecting…' : '';
  liveStatus.className = `live ${state}`;
}

// ---- runs ----
// Live from the server's one feed of the list: the first event is the list as it is now, later ones when it changed.
function runsView() {
  const list = h('div', { id: 'run-list' });
  view.replaceChildren(h('h1', { text: 'Runs' }), list);
  stream = follow('runs/events', (name, runs) => renderRuns(list, runs), (state, status) => {
    showLive(state);
    if (state === 'closed') {
      if (status === 401) showLogin('Log in again.');
      else list.replaceChildren(errorBox('not allowed'));
    }
  });
}

function renderRuns(list, runs) {
  const rows = runs.map((run) => {
    const c = run.counts || {};
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    const done = (c.succeeded || 0) + (c.failed || 0) + (c.stopped || 0) + (c.skipped || 0);
    return h('tr', { 'data-run': run.id, 'data-status': run.status },
      h('td', {}, h('a', { href: `#/runs/${run.id}`, text: `#${run.id}` })),
      h('td', { text: run.status }),
      h('td', { class: 'project', text: run.project }),
      h('td', { text: `${c.succeeded || 0} / ${c.failed || 0} / ${c.running || 0} / ${c.pending || 0}` }),
      h('td', { text: run.startedBy || '' }),
      h('td', { text: when(run.createdAt) }),
      h('td', { text: duration(since(run.createdAt, run.endedAt)) }),
      h('td', {}, progressBar(total ? done / total : 0, `run ${run.id} plans done`)));
  });
  list.replaceChildren(runs.length ? h('div', { class: 'scroll' }, h('table', { class: 'runs' },
    h('thead', {}, h('tr', {}, ...['Run', 'Status', 'Project', 'Done / failed / running / pending', 'Started by', 'Started', 'Took', 'Progress'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows)))
    : h('p', { text: can('operator') ? 'No run yet: start one.' : 'No run yet.' }));
}

// ---- one run ----
function runView(id, tab) {
  const header = h('div', { class: 'run-head' });
  const body = h('div', { id: 'run-body' });
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Run views' },
    ...[['plans', 'Plans'], ['timeline', 'Timeline'], ['compare', 'Plans compared']].map(([key, label]) =>
      h('a', { href: `#/runs/${id}${key === 'plans' ? '' : '/' + key}`, 'aria-current': tab === key ? 'page' : null, text: label })));
  view.replaceChildren(h('h1', { text: `Run #${id}` }), header, tabs, body);
  const open = new Set();
  let results = null, resultsFor = -1, comparedFor = -1;
  stream = follow(`runs/${id}/events`, (name, run) => {
    if (run.gone) {
      body.replaceChildren(errorBox(`run ${id} is gone`));
      return;
    }
    renderHead(header, run);
    if (tab === 'timeline') {
      gantt(body.querySelector('.gantt') || body.appendChild(h('div', { class: 'gantt' })), run);
    } else if (tab === 'compare') {
      if (run.counts.succeeded !== comparedFor) {
        comparedFor = run.counts.succeeded;
        const box = body.querySelector('.compare') || body.appendChild(h('div', { class: 'compare' }));
        api(`runs/${id}/max-water-surface`).then((answer) => {
          profiles(box, answer);
          for (const u of answer.unreadable) box.append(errorBox(`plan ${u.plan}: ${u.reason}`));
        }).catch((e) => box.replaceChildren(errorBox(e)));
      }
    } else {
      if (run.counts.succeeded !== resultsFor) {
        resultsFor = run.counts.succeeded;
        api(`runs/${id}/results.json`).then((rows) => { results = rows; renderPlans(body, run, open, results); }).catch(() => {});
      }
      renderPlans(body, run, open, results);
    }
  }, (state, status) => {
    showLive(state);
    if (state === 'closed') body.replaceChildren(errorBox(status === 404 ? `no run ${id}` : 'not allowed'));
  });
}

function renderHead(header, run) {
  const active = ['STARTING', 'STARTED', 'STOPPING'].includes(run.status);
  const folder = run.project ? run.project.replace(/[\\/][^\\/]*$/, '') : '';
  const buttons = can('operator') ? h('span', { class: 'actions' },
    h('button', { type: 'button', id: 'stop', disabled: !active, onclick: () => act(run.id, 'stop') , text: 'Stop' }),
    h('button', { type: 'button', id: 'restart', disabled: active, onclick: () => act(run.id, 'restart'), text: 'Restart' })) : null;
  header.replaceChildren(
    h('dl', {},
      h('dt', { text: 'Status' }), h('dd', { id: 'run-status', 'data-status': run.status, text: `${run.status}${run.exitStatus ? ' — ' + run.exitStatus : ''}` }),
      h('dt', { text: 'Project' }), h('dd', { text: run.project }),
      h('dt', { text: 'Started by' }), h('dd', { text: `${run.startedBy || '?'}, ${when(run.createdAt)}` }),
      h('dt', { text: 'Report' }), h('dd', { text: `rasfleet-run-${run.id}.json in ${folder}${run.endedAt ? '' : ' (written when the run ends)'}` })),
    ...[buttons, h('p', { class: 'error', role: 'alert', id: 'action-error' })].filter((node) => node !== null));
}

async function act(id, what) {
  const box = document.getElementById('action-error');
  try {
    box.textContent = '';
    await api(`runs/${id}/${what}`, { method: 'POST', body: '{}' });
  } catch (e) {
    box.textContent = e.message;
  }
}

function renderPlans(body, run, open, results) {
  const slotOf = {};
  for (const a of lanes(run)) slotOf[`${a.plan}/${a.attempt}`] = `${a.worker} #${a.lane + 1}`;
  const byPlan = Object.fromEntries((results || []).map((r) => [r.plan, r]));
  const rows = [];
  for (const plan of run.plans) {
    const last = (plan.attemptHistory || [])[plan.attemptHistory.length - 1];
    const elapsed = since(plan.startedAt, plan.state === 'RUNNING' ? null : plan.endedAt);
    const left = plan.state === 'RUNNING' && plan.progress > 0.01 ? elapsed * (1 - plan.progress) / plan.progress : null;
    const result = byPlan[plan.plan];
    const attemptsCell = h('details', { open: open.has(plan.plan) || null, ontoggle: (e) => (e.target.open ? open.add(plan.plan) : open.delete(plan.plan)) },
      h('summary', { text: `${plan.attempts || 0} attempt${plan.attempts === 1 ? '' : 's'}` }),
      h('ol', {}, (plan.attemptHistory || []).map((a) => h('li', {
        text: `${a.worker || '?'} on ${a.host || '?'}: ${a.outcome}${a.reason ? ' — ' + a.reason : ''} (${when(a.startedAt)} – ${a.endedAt ? when(a.endedAt) : 'now'})`,
      }))));
    rows.push(h('tr', { 'data-plan': plan.plan, 'data-state': plan.state, 'data-queued': plan.queued },
      h('td', { text: plan.plan }),
      h('td', { text: plan.title || '' }),
      h('td', {}, h('span', { class: `state ${plan.state.toLowerCase()}`, text: plan.state }),
        plan.queued ? h('small', { class: 'queued', text: ` ${plan.queued}` }) : ''),
      h('td', { text: last ? slotOf[`${plan.plan}/${last.number}`] || plan.worker || '' : '' }),
      h('td', {}, attemptsCell),
      h('td', {}, plan.state === 'RUNNING' ? progressBar(plan.progress, `plan ${plan.plan} progress`) : ''),
      h('td', { text: duration(elapsed) }),
      h('td', { text: left === null ? '' : `~${duration(left)}` }),
      h('td', { class: 'result', text: result && plan.state === 'SUCCEEDED' ? resultText(plan, result) : plan.error || plan.note || '' }),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => messages(run.id, plan.plan), text: 'messages' }))));
  }
  const table = h('table', { class: 'plans' },
    h('thead', {}, h('tr', {}, ...['Plan', 'Title', 'State', 'Worker / slot', 'Attempts', 'Progress', 'Elapsed', 'Left', 'Result', ''].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows));
  const existing = body.querySelector('.messages');
  body.replaceChildren(h('div', { class: 'scroll' }, table), existing || h('section', { class: 'messages', 'aria-live': 'polite' }));
}

function resultText(plan, r) {
  const parts = [plan.verdict || 'succeeded'];
  if (r.runtime_complete_process_hours !== null && r.runtime_complete_process_hours !== undefined) parts.push(`computed in ${duration(r.runtime_complete_process_hours * 3600)}`);
  if (r.vol_error_percent !== null && r.vol_error_percent !== undefined) parts.push(`volume error ${Number(r.vol_error_percent).toFixed(3)} %`);
  return parts.join(', ');
}

async function messages(runId, plan) {
  const box = document.querySelector('.messages');
  box.replaceChildren(h('h2', { text: `Compute messages of plan ${plan}` }));
  try {
    box.append(h('pre', { tabindex: 0, text: await api(`runs/${runId}/plans/${plan}/messages`) }));
  } catch (e) {
    box.append(errorBox(e));
  }
  box.scrollIntoView({ block: 'nearest' });
}

// ---- start a run ----
async function startView() {
  if (!can('operator')) {
    view.replaceChildren(errorBox('Starting runs is for operators.'));
    return;
  }
  const [found, workers] = await Promise.all([api('projects'), api('workers')]);
  const plansBox = h('fieldset', { id: 'plans' }, h('legend', { text: 'Plans' }));
  const select = h('select', { name: 'project', id: 'project', required: true },
    found.projects.map((p) => h('option', { value: p.project, text: `${p.title || p.name} — ${p.project}` })));
  const showPlans = () => {
    const project = found.projects.find((p) => p.project === select.value);
    plansBox.replaceChildren(h('legend', { text: 'Plans' }), ...(project ? project.plans : []).map((p) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'plan', value: p.id, checked: true }), ` ${p.id} ${p.title || ''} (${(p.flow || '').toLowerCase()})`)));
  };
  select.addEventListener('change', showPlans);
  const workersBox = h('fieldset', { id: 'workers' }, h('legend', { text: 'Workers' }),
    workers.filter((w) => w.enabled).map((w) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'worker', value: w.name, checked: true }), ` ${w.name} (${w.worker_type}, ${w.cores_total} cores)`)));
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', id: 'start-form' },
    h('label', {}, 'Project ', select),
    found.projects.length ? null : h('p', { class: 'error', text: `No HEC-RAS project under ${found.roots.join(', ')}` }),
    plansBox, workersBox,
    h('label', {}, 'Cores per plan (0 = the worker\'s) ', h('input', { type: 'number', name: 'numCores', min: 0, max: 256, value: 0 })),
    h('label', {}, 'Attempts per plan ', h('input', { type: 'number', name: 'maxAttempts', min: 1, max: 10, value: 2 })),
    h('label', {}, 'Time limit (minutes) ', h('input', { type: 'number', name: 'timeoutMinutes', min: 1, value: 480 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'autoclean', checked: true }), ' Clean worker folders afterwards'),
    h('button', { type: 'submit', text: 'Start the run' }), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    const body = {
      project: select.value, plans: data.getAll('plan'), workers: data.getAll('worker'),
      numCores: Number(data.get('numCores')), maxAttempts: Number(data.get('maxAttempts')),
      timeoutMinutes: Number(data.get('timeoutMinutes')), autoclean: data.get('autoclean') !== null,
    };
    try {
      const started = await api('runs', { method: 'POST', body });
      location.hash = `#/runs/${started.id}`;
    } catch (err) {
      error.textContent = err.message;
    }
  });
  view.replaceChildren(h('h1', { text: 'Start a run' }), form);
  showPlans();
}

// ---- workers ----
const FORM_FIELDS = [
  ['name', 'Name', 'text'], ['worker_type', 'Type', 'text'], ['hostname', 'Host name', 'text'], ['cores_total', 'Cores in all', 'number'],
  ['cores_per_plan', 'Cores per plan', 'number'], ['queue_priority', 'Queue priority (lower first)', 'number'],
  ['worker_folder', 'Worker folder', 'text'], ['credential_alias', 'Credential alias (the password stays in the credential store)', 'text'],
];

function workersView() {
  const list = h('div', { id: 'worker-list' });
  const parts = [h('h1', { text: 'Workers' }), list];
  if (can('admin')) parts.push(workerForm(), importForm());
  view.replaceChildren(...parts);
  stream = follow('workers/events', (name, workers) => renderWorkers(list, workers), showLive);
}

function renderWorkers(list, workers) {
  const rows = workers.map((w) => {
    const busy = (w.holders || []).length;
    const check = w.lastCheck ? `${when(w.lastCheck.at)}: ${w.lastCheck.report.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.what} — ${c.detail}`).join('; ')}` : 'not checked from this page yet';
    return h('tr', { 'data-worker': w.name, 'data-healthy': w.healthy },
      h('td', { text: w.name }), h('td', { text: w.worker_type }), h('td', { text: w.hostname || 'this server' }),
      h('td', { text: w.enabled ? 'enabled' : 'disabled' }),
      h('td', { text: `${busy} busy / ${Math.max(0, w.slots - busy)} free` + (busy ? ': ' + w.holders.map((x) => `run ${x.run} plan ${x.plan}`).join(', ') : '') }),
      h('td', {}, h('span', { class: `state ${w.healthy ? 'succeeded' : 'failed'}`, text: w.healthy ? 'healthy' : 'unhealthy' })),
      h('td', { class: 'check-report', text: check }),
      h('td', {}, can('operator') ? h('button', { type: 'button', onclick: (e) => checkNow(w.name, e.target), text: 'Check now' }) : null,
        can('admin') ? h('button', { type: 'button', onclick: () => editWorker(w), text: 'Edit' }) : null,
        can('admin') ? h('button', { type: 'button', onclick: () => toggleWorker(w), text: w.enabled ? 'Disable' : 'Enable' }) : null,
        can('admin') ? h('button', { type: 'button', onclick: () => deleteWorker(w.name), text: 'Delete' }) : null));
  });
  list.replaceChildren(h('div', { class: 'scroll' }, h('table', { class: 'workers' },
    h('thead', {}, h('tr', {}, ...['Name', 'Type', 'Host', '', 'Slots', 'Health', 'Last check', ''].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, rows))), h('p', { class: 'error', role: 'alert', id: 'worker-error' }));
}

async function checkNow(name, button) {
  button.disabled = true;
  button.textContent = 'Checking…';
  try {
    await api(`workers/${encodeURIComponent(name)}/check`, { method: 'POST' });
  } catch (e) {
    document.getElementById('worker-error').textContent = e.message;
  } finally {
    button.disabled = false;
    button.textContent = 'Check now';
  }
}

// the API answers a worker without secrets; these are its own fields
const READ_ONLY = ['healthy', 'slots', 'holders', 'lastCheck'];

async function toggleWorker(w) {
  const body = Object.fromEntries(Object.entries(w).filter(([k]) => !READ_ONLY.includes(k)));
  body.enabled = !w.enabled;
  try {
    await api(`workers/${encodeURIComponent(w.name)}`, { method: 'PUT', body });
  } catch (e) {
    document.getElementById('worker-error').textContent = e.message;
  }
}

async function deleteWorker(name) {
  if (!confirm(`Delete worker ${name}?`)) return;
  try {
    await api(`workers/${encodeURIComponent(name)}`, { method: 'DELETE' });
  } catch (e) {
    document.getElementById('worker-error').textContent = e.message;
  }
}

function workerForm() {
  const error = h('p', { class: 'error', role: 'alert', id: 'worker-form-error' });
  const form = h('form', { class: 'card', id: 'worker-form' }, h('h2', { text: 'Add or change a worker' }),
    ...FORM_FIELDS.map(([key, label, type]) => h('label', {}, `${label} `, h('input', { name: key, type, id: `w-${key}` }))),
    h('label', {}, 'Other settings of its type (JSON object, e.g. {"ras_exe_path": "…"}) ', h('textarea', { name: 'extra', id: 'w-extra', rows: 3 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'enabled', id: 'w-enabled', checked: true }), ' enabled'),
    h('button', { type: 'submit', text: 'Save worker' }), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    error.textContent = '';
    let body;
    try {
      body = JSON.parse(form.extra.value.trim() || '{}');
    } catch (err) {
      form.extra.setAttribute('aria-invalid', 'true');
      error.textContent = `other settings: not a JSON object (${err.message})`;
      return;
    }
    for (const [key, , type] of FORM_FIELDS) {
      const value = form[key].value.trim();
      if (value !== '') body[key] = type === 'number' && /^-?\d+$/.test(value) ? Number(value) : value;
    }
    body.enabled = form.enabled.checked;
    const name = body.name || '';
    try {
      const exists = [...document.querySelectorAll('#worker-list tr[data-worker]')].some((row) => row.dataset.worker === name);
      await api(exists ? `workers/${encodeURIComponent(name)}` : 'workers', { method: exists ? 'PUT' : 'POST', body });
      form.reset();
      error.textContent = `worker ${name} saved`;
    } catch (err) {
      error.textContent = err.message;
      const field = err instanceof ApiError && err.field ? form.querySelector(`#w-${err.field}`) || form.extra : null;
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        field.focus();
      }
    }
  });
  return form;
}

function editWorker(w) {
  const form = document.getElementById('worker-form');
  const extra = {};
  for (const [key, value] of Object.entries(w)) {
    if (READ_ONLY.includes(key) || key === 'enabled') continue;
    const input = form.querySelector(`#w-${key}`);
    if (input) input.value = value === null ? '' : value;
    else if (value !== null) extra[key] = value;
  }
  form.enabled.checked = w.enabled;
  form.extra.value = JSON.stringify(extra);
  form.name.focus();
}

function importForm() {
  const result = h('p', { role: 'status' });
  const input = h('input', { type: 'file', accept: '.json,application/json', id: 'import-file' });
  const form = h('form', { class: 'card', id: 'import-form' }, h('h2', { text: 'Import RemoteWorkers.json' }),
    h('label', {}, 'ras-commander workers file ', input), h('button', { type: 'submit', text: 'Import' }), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!input.files.length) return;
    try {
      const answer = await api('workers/import', { method: 'POST', body: await input.files[0].text() });
      result.textContent = `saved: ${answer.saved.join(', ') || 'none'}${answer.refused.length ? '; refused: ' + answer.refused.join('; ') : ''}`;
    } catch (err) {
      result.textContent = err.message;
    }
  });
  return form;
}

// ---- frame ----
async function route() {
  if (stream) {
    stream.close();
    stream = null;
  }
  showLive('');
  const path = (location.hash || '#/runs').slice(2).split('/');
  document.querySelectorAll('#nav a').forEach((a) => a.setAttribute('aria-current', a.getAttribute('href') === `#/${path[0]}` ? 'page' : 'false'));
  try {
    if (path[0] === 'runs' && path[1]) runView(path[1], path[2] || 'plans');
    else if (path[0] === 'start') await startView();
    else if (path[0] === 'workers') workersView();
    else runsView();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin('Log in again.');
    view.replaceChildren(errorBox(e));
  }
  document.getElementById('main').focus({ preventScroll: true });
}

function showLogin(message = '') {
  if (stream) {
    stream.close();
    stream = null;
  }
  showLive('');
  const form = document.getElementById('login');
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  view.replaceChildren();
  form.hidden = false;
  form.querySelector('.error').textContent = message;
  form.user.focus();
}

async function enter() {
  try {
    me = await api('me');
  } catch (e) {
    logout();
    showLogin(e instanceof ApiError && e.status === 401 ? 'Wrong user or password.' : e.message);
    return;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = `${me.user} (${me.roles.join(', ')})`;
  document.querySelectorAll('[data-role]').forEach((node) => (node.hidden = !can(node.dataset.role)));
  route();
}

document.getElementById('login').addEventListener('submit', (e) => {
  e.preventDefault();
  login(e.target.user.value, e.target.password.value);
  e.target.password.value = '';
  enter();
});
document.getElementById('logout').addEventListener('click', () => {
  logout();
  showLogin('Logged out.');
});
window.addEventListener('hashchange', () => loggedIn() && route());
if (loggedIn()) enter();
else showLogin();
