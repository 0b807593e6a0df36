// Workers: the list live from the server's feed; for admins the form to add or change one, and the
// import of a ras-commander workers file.
import { api, ApiError } from '../api.js';
import { can, live } from '../session.js';
import { h, fill, when, stateBadge, setText, setData, syncRows, headRow } from '../dom.js';

const FORM_FIELDS = [
  ['name', 'Name', 'text'], ['worker_type', 'Type', 'text'], ['hostname', 'Host name', 'text'], ['cores_total', 'Cores in all', 'number'],
  ['cores_per_plan', 'Cores per plan', 'number'], ['queue_priority', 'Queue priority (lower first)', 'number'],
  ['worker_folder', 'Worker folder', 'text'], ['credential_alias', 'Credential alias (the password stays in the credential store)', 'text'],
];

// the API answers a worker without secrets; these are its own fields
const READ_ONLY = ['healthy', 'slots', 'holders', 'lastCheck'];

export function workersView(view) {
  const rows = h('tbody');
  const error = h('p', { class: 'error', role: 'alert', id: 'worker-error' });
  const list = h('div', { id: 'worker-list' }, h('div', { class: 'scroll' }, h('table', { class: 'workers' },
    headRow('Name', 'Type', 'Host', 'Enabled', 'Slots', 'Health', 'Last check', 'Actions'), rows)), error);
  fill(view, h('h1', { text: 'Workers' }), list, can('admin') ? [workerForm(), importForm()] : null);
  live('workers/events', (name, workers) => syncRows(rows, workers, (w) => w.name, (w) => workerRow(w, error), updateWorker));
}

function workerRow(first, error) {
  const row = h('tr', {}, ['name', 'type', 'host', 'enabled', 'slots', 'health', 'check-report', 'actions'].map((c) => h('td', { class: `cell-${c}` })));
  let current = first;
  const check = h('button', { type: 'button', onclick: (e) => checkNow(current.name, e.target, error), text: 'Check now' });
  const toggle = h('button', { type: 'button', onclick: () => toggleWorker(current, error) });
  fill(row.cells[7], can('operator') ? check : null,
    can('admin') ? [h('button', { type: 'button', onclick: () => editWorker(current), text: 'Edit' }), toggle,
      h('button', { type: 'button', onclick: () => deleteWorker(current.name, error), text: 'Delete' })] : null);
  row.update = (w) => {
    current = w;
    setText(toggle, w.enabled ? 'Disable' : 'Enable');
  };
  return row;
}

function updateWorker(row, w) {
  const [name, type, host, enabled, slots, health, report] = row.cells;
  const busy = (w.holders || []).length;
  setData(row, { worker: w.name, healthy: w.healthy });
  setText(name, w.name);
  setText(type, w.worker_type);
  setText(host, w.hostname || 'this server');
  setText(enabled, w.enabled ? 'enabled' : 'disabled');
  setText(slots, `${busy} busy / ${Math.max(0, w.slots - busy)} free` + (busy ? ': ' + w.holders.map((x) => `run ${x.run} plan ${x.plan}`).join(', ') : ''));
  if (health.dataset.shown !== String(w.healthy)) {
    health.dataset.shown = String(w.healthy);
    fill(health, stateBadge(w.healthy ? 'healthy' : 'unhealthy'));
  }
  setText(report, w.lastCheck
    ? `${when(w.lastCheck.at)}: ${w.lastCheck.report.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.what}${c.detail ? ' — ' + c.detail : ''}`).join('; ')}`
    : 'not checked from this page yet');
  row.update(w);
}

async function checkNow(name, button, error) {
  button.disabled = true;
  button.textContent = 'Checking…';
  try {
    await api(`workers/${encodeURIComponent(name)}/check`, { method: 'POST' });
  } catch (e) {
    error.textContent = e.message;
  } finally {
    button.disabled = false;
    button.textContent = 'Check now';
  }
}

async function toggleWorker(w, error) {
  const body = Object.fromEntries(Object.entries(w).filter(([k]) => !READ_ONLY.includes(k)));
  body.enabled = !w.enabled;
  try {
    await api(`workers/${encodeURIComponent(w.name)}`, { method: 'PUT', body });
  } catch (e) {
    error.textContent = e.message;
  }
}

async function deleteWorker(name, error) {
  if (!confirm(`Delete worker ${name}?`)) return;
  try {
    await api(`workers/${encodeURIComponent(name)}`, { method: 'DELETE' });
  } catch (e) {
    error.textContent = e.message;
  }
}

function workerForm() {
  const error = h('p', { class: 'error', role: 'alert', id: 'worker-form-error' });
  const form = h('form', { class: 'card', id: 'worker-form' }, h('h2', { text: 'Add or change a worker' }),
    FORM_FIELDS.map(([key, label, type]) => h('label', {}, `${label} `, h('input', { name: key, type, id: `w-${key}` }))),
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
