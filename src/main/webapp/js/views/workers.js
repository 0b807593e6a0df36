// Workers: the list live from the server's feed; for admins the form to add or change one, and the
// import of a ras-commander workers file.
import { api, ApiError } from '../api.js';
import { can, live } from '../session.js';
import { h, fill, when, stateBadge, setText, setData, syncRows, headRow } from '../dom.js';

// the API answers a worker without secrets; these are its own fields
const READ_ONLY = ['healthy', 'slots', 'holders', 'lastCheck'];

export function workersView(view) {
  const rows = h('tbody');
  const error = h('p', { class: 'error', role: 'alert', id: 'worker-error' });
  const list = h('div', { id: 'worker-list' }, h('div', { class: 'scroll' }, h('table', { class: 'workers' },
    headRow('Name', 'Type', 'Host', 'Enabled', 'Slots', 'Health', 'Last check', 'Actions'), rows)), error);
  const form = can('admin') ? workerForm() : null;
  fill(view, h('h1', { text: 'Workers' }),
    form ? h('p', {}, h('button', { type: 'button', id: 'add-worker', onclick: () => form.open(null), text: 'Add a worker' })) : null,
    list, form, can('admin') ? importForm() : null);
  live('workers/events', (name, workers) => syncRows(rows, workers, (w) => w.name, (w) => workerRow(w, error), updateWorker));
}

function workerRow(first, error) {
  const row = h('tr', {}, ['name', 'type', 'host', 'enabled', 'slots', 'health', 'check-report', 'actions'].map((c) => h('td', { class: `cell-${c}` })));
  let current = first;
  const check = h('button', { type: 'button', onclick: (e) => checkNow(current.name, e.target, error), text: 'Check now' });
  const toggle = h('button', { type: 'button', onclick: () => toggleWorker(current, error) });
  fill(row.cells[7], can('operator') ? check : null,
    can('admin') ? [h('button', { type: 'button', onclick: () => document.getElementById('worker-form').open(current), text: 'Edit' }), toggle,
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

// The form of one worker type, built from the server's own schema of the types (GET workers/types):
// each field with its kind, default, range, words and help; it opens on "Add" or "Edit".
function workerForm() {
  const error = h('p', { class: 'error', role: 'alert', id: 'worker-form-error' });
  const type = h('select', { name: 'worker_type', id: 'w-worker_type', required: true }, h('option', { value: '', text: 'choose a type…' }));
  const fields = h('div', { id: 'w-fields' });
  const title = h('h2');
  let types = [];
  let editing = null;
  // novalidate: the server's refusal names the field and its rule, and marks it; the browser's bubble would say less
  const form = h('form', { class: 'card', id: 'worker-form', hidden: true, novalidate: true }, title,
    h('label', {}, 'Type ', type), fields,
    h('p', {}, h('button', { type: 'submit', text: 'Save worker' }), ' ',
      h('button', { type: 'button', onclick: () => close(), text: 'Cancel' })), error);
  const schema = api('workers/types').then((answer) => {
    types = answer.types;
    type.append(...types.map((t) => h('option', { value: t.type, text: t.type })));
  }).catch((e) => { error.textContent = `the worker types could not be read: ${e.message}`; });

  function close() {
    form.hidden = true;
    editing = null;
    document.getElementById('add-worker')?.focus();
  }

  function build(values) {
    const chosen = types.find((t) => t.type === type.value);
    fill(fields, chosen ? chosen.fields.filter((f) => f.name !== 'worker_type').map((f) => field(f, values ? values[f.name] : undefined)) : null,
      chosen && chosen.fields.some((f) => f.name === 'credential_alias')
        ? h('label', {}, 'password ', h('input', { type: 'password', name: 'password', id: 'w-password', autocomplete: 'new-password',
          'aria-describedby': 'w-password-help' }),
        h('small', { id: 'w-password-help', text: 'a login password: put into the server\'s credential store under an alias, never shown again; or give credential_alias' }))
        : null);
  }

  form.open = async (worker) => {
    await schema;
    editing = worker ? worker.name : null;
    title.textContent = worker ? `Change worker ${worker.name}` : 'Add a worker';
    type.value = worker ? worker.worker_type : '';
    build(worker);
    // a worker is changed under its name: PUT workers/{name}
    if (worker) fields.querySelector('#w-name').readOnly = true;
    error.textContent = '';
    form.hidden = false;
    (worker ? fields.querySelector('input, select, textarea') : type).focus();
  };
  type.addEventListener('change', () => build(collect(false)));

  // what the inputs say; fields left empty are left out, so the server applies their defaults
  function collect(strict) {
    const body = { worker_type: type.value };
    for (const input of fields.querySelectorAll('[data-field]')) {
      const key = input.dataset.field, kind = input.dataset.kind;
      if (kind === 'boolean') { body[key] = input.checked; continue; }
      const value = input.value.trim();
      if (value === '') continue;
      if (kind === 'integer' || kind === 'number') body[key] = strict && !isFinite(Number(value)) ? value : Number(value);
      else if (kind === 'array') body[key] = value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
      else body[key] = value;
    }
    const password = fields.querySelector('#w-password');
    if (password && password.value !== '') body.password = password.value;
    return body;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    error.textContent = '';
    const body = collect(true);
    const name = editing || body.name || '';
    try {
      await api(editing ? `workers/${encodeURIComponent(name)}` : 'workers', { method: editing ? 'PUT' : 'POST', body });
      error.textContent = `worker ${name} saved`;
      form.reset();
      close();
    } catch (err) {
      error.textContent = err.message;
      const input = err instanceof ApiError && err.field ? form.querySelector(`#w-${err.field}`) : null;
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    }
  });
  return form;
}

// One input of a worker's field: a checkbox, a choice of its words, a number in its range, lines for a list, or text.
function field(f, value) {
  const id = `w-${f.name}`, help = `${id}-help`;
  const shown = value === undefined || value === null ? null : value;
  const common = { name: f.name, id, 'data-field': f.name, 'data-kind': f.type, 'aria-describedby': help, required: f.required && f.name === 'name' };
  let input;
  if (f.type === 'boolean') {
    input = h('input', { ...common, type: 'checkbox', checked: shown === null ? f.default === true : shown === true });
  } else if (f.values && f.values.length) {
    input = h('select', common, h('option', { value: '', text: f.default === null ? '—' : `default (${f.default})` }),
      f.values.map((word) => h('option', { value: word, text: word, selected: shown === word })));
  } else if (f.type === 'array') {
    input = h('textarea', { ...common, rows: 2 });
    input.value = Array.isArray(shown) ? shown.join('\n') : '';
  } else {
    input = h('input', { ...common, type: f.type === 'integer' || f.type === 'number' ? 'number' : 'text',
      step: f.type === 'number' ? 'any' : null, min: f.min ?? null, max: f.max ?? null,
      placeholder: f.default === null ? null : String(f.default), value: shown === null ? null : String(shown) });
  }
  const words = [f.help, f.required ? 'required' : null, f.default !== null && f.type !== 'boolean' ? `default ${f.default}` : null,
    f.min !== undefined || f.max !== undefined ? `from ${f.min ?? '…'} to ${f.max ?? '…'}` : null].filter((w) => w);
  return h('label', { class: f.type === 'boolean' ? 'check' : null }, f.type === 'boolean' ? [input, ` ${f.name}`] : [`${f.name} `, input],
    h('small', { id: help, text: words.join('; ') }));
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
