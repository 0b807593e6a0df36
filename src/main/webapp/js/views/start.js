// Start a run: a project under the server's roots, its plans in a table, the workers, the limits.
import { api } from '../api.js';
import { can } from '../session.js';
import { h, fill, errorBox, headRow, stateBadge, when, plural } from '../dom.js';

// a project as its title and its folder under the root it was found in, never a cut absolute path
export function projectLabel(project, roots) {
  const root = roots.find((r) => project.project.startsWith(r)) || '';
  const folder = project.project.slice(root.length).replace(/^[\\/]+/, '').replace(/[\\/][^\\/]*$/, '') || '.';
  return `${project.title || project.name} — ${folder}`;
}

function planRow(plan) {
  return h('tr', { 'data-plan': plan.id },
    h('td', {}, h('input', { type: 'checkbox', name: 'plan', value: plan.id, checked: true, id: `plan-${plan.id}`, 'aria-label': `run plan ${plan.id}` })),
    h('td', {}, h('label', { for: `plan-${plan.id}`, text: plan.id })),
    h('td', { class: 'cell-title', text: plan.title, title: plan.title }),
    h('td', { text: plan.flow ? plan.flow.toLowerCase() : '' }),
    h('td', { class: 'cell-last', text: '…' }),
    h('td', { class: 'cell-current', text: '…' }));
}

// day and minute are enough to tell results apart in a one-line cell; the full time is the element's title
const shortWhen = (text) => new Date(text).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

// the plan's last result in rasfleet (succeeded or failed, when, in which run) and whether its results file is current now
function showResult(row, plan) {
  const last = plan.lastResult;
  row.dataset.current = String(plan.current);
  row.dataset.last = last ? last.state : '';
  fill(row.querySelector('.cell-last'), last
    ? [stateBadge(last.state), ' ', h('time', { datetime: last.endedAt, title: when(last.endedAt), text: shortWhen(last.endedAt) }), ' ',
      h('a', { href: `#/runs/${last.run}`, text: `run ${last.run}` })]
    : h('span', { class: 'muted', text: 'never run here' }));
  fill(row.querySelector('.cell-current'), h('span', { class: plan.current ? 'current yes' : 'current no', title: plan.currentReason,
    text: plan.current ? 'current' : 'not current' }));
}

export async function startView(view) {
  if (!can('operator')) {
    fill(view, errorBox('Starting runs is for operators.'));
    return;
  }
  const [found, workers] = await Promise.all([api('projects'), api('workers')]);
  const select = h('select', { name: 'project', id: 'project', required: true },
    found.projects.map((p) => h('option', { value: p.project, text: projectLabel(p, found.roots) })));
  const planRows = h('tbody');
  const chosen = h('span', { id: 'plans-chosen', class: 'muted', 'aria-live': 'polite' });
  const plansBox = h('fieldset', { id: 'plans' }, h('legend', { text: 'Plans' }),
    h('p', { class: 'toolbar' },
      h('span', {}, h('button', { type: 'button', id: 'plans-all', onclick: () => tick(() => true), text: 'Select all' }),
        h('button', { type: 'button', id: 'plans-none', onclick: () => tick(() => false), text: 'Select none' }),
        h('button', { type: 'button', id: 'plans-stale', onclick: () => tick((row) => row.dataset.current !== 'true'), text: 'Select those not current' })),
      chosen),
    h('div', { class: 'scroll plan-list' }, h('table', { class: 'start-plans' },
      headRow('Run', 'Plan', 'Title', 'Flow', 'Last result', 'Results file'), planRows)));
  const boxes = () => [...planRows.querySelectorAll('input[name=plan]')];
  const count = () => {
    const on = boxes().filter((box) => box.checked).length;
    chosen.textContent = `${on} of ${plural(boxes().length, 'plan')} chosen`;
  };
  const tick = (wanted) => {
    boxes().forEach((box) => (box.checked = wanted(box.closest('tr'))));
    count();
  };
  planRows.addEventListener('change', count);
  // the plans as the project list has them at once; their last results and currency when the server has read them
  let shown = 0;
  const showPlans = async () => {
    const project = found.projects.find((p) => p.project === select.value);
    fill(planRows, (project ? project.plans : []).map(planRow));
    count();
    if (!project) return;
    const asked = ++shown;
    try {
      const detail = await api(`projects/plans?project=${encodeURIComponent(project.project)}`);
      if (asked !== shown) return;
      for (const plan of detail.plans) {
        const row = planRows.querySelector(`tr[data-plan="${plan.id}"]`);
        if (row) showResult(row, plan);
      }
    } catch (e) {
      if (asked === shown) error.textContent = `last results: ${e.message}`;
    }
  };
  select.addEventListener('change', showPlans);
  const workersBox = h('fieldset', { id: 'workers' }, h('legend', { text: 'Workers' }),
    workers.filter((w) => w.enabled).map((w) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'worker', value: w.name, checked: true }), ` ${w.name} (${w.worker_type}, ${w.cores_total} cores)`)));
  // the cores field offers the chosen workers' own cores_per_plan; a run sends numCores only when the
  // operator set it, so that each worker otherwise gives a plan its own cores_per_plan
  const cores = h('input', { type: 'number', name: 'numCores', min: 1, max: 256 });
  let coresSet = false;
  cores.addEventListener('input', () => { coresSet = cores.value !== ''; });
  const offerCores = () => {
    if (coresSet) return;
    const chosen = new Set([...workersBox.querySelectorAll('input[name=worker]:checked')].map((box) => box.value));
    const own = [...new Set(workers.filter((w) => chosen.has(w.name)).map((w) => w.cores_per_plan))];
    cores.value = own.length === 1 ? own[0] : '';
    cores.placeholder = own.length > 1 ? `each worker's own (${own.sort((a, b) => a - b).join(', ')})` : '';
  };
  workersBox.addEventListener('change', offerCores);
  offerCores();
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card wide', id: 'start-form' },
    h('div', { class: 'start-top' }, h('label', {}, 'Project ', select), h('button', { type: 'submit', id: 'start-run', text: 'Start the run' })), error,
    found.projects.length ? null : h('p', { class: 'error', text: `No HEC-RAS project under ${found.roots.join(', ')}` }),
    plansBox, workersBox,
    h('div', { class: 'limits' },
      h('label', {}, 'Cores per plan ', cores),
      h('label', {}, 'Attempts per plan ', h('input', { type: 'number', name: 'maxAttempts', min: 1, max: 10, value: 2 })),
      h('label', {}, 'Time limit (minutes) ', h('input', { type: 'number', name: 'timeoutMinutes', min: 1, value: 480 }))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'autoclean', checked: true }), ' Clean worker folders afterwards'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    const body = {
      project: select.value, plans: data.getAll('plan'), workers: data.getAll('worker'),
      maxAttempts: Number(data.get('maxAttempts')),
      timeoutMinutes: Number(data.get('timeoutMinutes')), autoclean: data.get('autoclean') !== null,
    };
    if (coresSet) body.numCores = Number(data.get('numCores'));
    try {
      const started = await api('runs', { method: 'POST', body });
      location.hash = `#/runs/${started.id}`;
    } catch (err) {
      error.textContent = err.message;
    }
  });
  fill(view, h('h1', { text: 'Start a run' }), form);
  showPlans();
}
