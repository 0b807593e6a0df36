// One run: its head (state, project, report, stop / restart), the tabs, and the plans table.
// The table's rows are made once and changed in place by each live event (dom.syncRows): a focused
// button and an open attempt list stay where they were.
import { api } from '../api.js';
import { can, live } from '../session.js';
import { h, fill, duration, since, when, plural, progressBar, setProgress, stateBadge, errorBox, setText, setData, syncRows, headRow } from '../dom.js';
import { lanes } from '../gantt.js';
import { timeline } from './timeline.js';
import { compare } from './compare.js';

const ACTIVE = ['STARTING', 'STARTED', 'STOPPING'];
const ENDED = ['SUCCEEDED', 'FAILED', 'STOPPED', 'SKIPPED'];
const TOTALS = [['succeeded', 'succeeded'], ['failed', 'failed'], ['stopped', 'stopped'], ['skipped', 'skipped'], ['running', 'running'], ['pending', 'waiting']];

export function runView(view, id, tab) {
  const header = h('div', { class: 'run-head' });
  const body = h('div', { id: 'run-body' });
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Run views' },
    [['plans', 'Plans'], ['timeline', 'Timeline'], ['compare', 'Plans compared']].map(([key, label]) =>
      h('a', { href: `#/runs/${id}${key === 'plans' ? '' : '/' + key}`, 'aria-current': tab === key ? 'page' : null, text: label })));
  fill(view, h('h1', { text: `Run #${id}` }), header, tabs, body);
  const show = tab === 'timeline' ? timeline(body) : tab === 'compare' ? compare(body, id) : plansTable(body, id);
  let head = null;
  live(`runs/${id}/events`, (name, run) => {
    if (run.gone) {
      fill(body, errorBox(`run ${id} is gone`));
      return;
    }
    head = head || runHead(header);
    head(run);
    show(run);
  }, (status) => fill(body, errorBox(status === 404 ? `no run ${id}` : 'not allowed')));
}

function runHead(header) {
  const status = h('dd', { id: 'run-status' });
  const project = h('dd'), startedBy = h('dd'), report = h('dd');
  const totals = h('p', { class: 'totals', id: 'run-totals' });
  const bar = h('div', { class: 'stack', role: 'img' });
  const error = h('p', { class: 'error', role: 'alert', id: 'action-error' });
  let runId = null;
  const stop = h('button', { type: 'button', id: 'stop', onclick: () => act(runId, 'stop', error), text: 'Stop' });
  const restart = h('button', { type: 'button', id: 'restart', onclick: () => act(runId, 'restart', error), text: 'Restart' });
  fill(header,
    h('dl', {}, h('dt', { text: 'Status' }), status, h('dt', { text: 'Project' }), project,
      h('dt', { text: 'Started by' }), startedBy, h('dt', { text: 'Report' }), report),
    can('operator') ? h('span', { class: 'actions' }, stop, restart) : null,
    h('div', { class: 'run-totals' }, totals, bar), error);
  return (run) => {
    runId = run.id;
    const active = ACTIVE.includes(run.status);
    setData(status, { status: run.status });
    setText(status, `${run.status.toLowerCase()}${run.exitStatus ? ' — ' + run.exitStatus : ''}`);
    setText(project, run.project || '');
    setText(startedBy, `${run.startedBy || 'unknown'}, ${when(run.createdAt)}`);
    const folder = run.project ? run.project.replace(/[\\/][^\\/]*$/, '') : '';
    setText(report, `rasfleet-run-${run.id}.json in ${folder}${run.endedAt ? '' : ' (written when the run ends)'}`);
    stop.disabled = !active;
    restart.disabled = active;
    const counts = run.counts || {};
    const all = Object.values(counts).reduce((a, b) => a + b, 0);
    const words = TOTALS.filter(([key]) => counts[key]).map(([key, word]) => `${counts[key]} ${word}`);
    setText(totals, `${plural(all, 'plan')}: ${words.join(', ') || 'none yet'}`);
    bar.setAttribute('aria-label', totals.textContent);
    const parts = TOTALS.filter(([key]) => counts[key]).map(([key, word]) =>
      h('span', { class: `part ${key}`, style: `flex-grow:${counts[key]}`, title: `${counts[key]} ${word}` }));
    if (bar.dataset.key !== words.join()) {
      bar.dataset.key = words.join();
      fill(bar, parts);
    }
  };
}

async function act(id, what, box) {
  try {
    box.textContent = '';
    await api(`runs/${id}/${what}`, { method: 'POST', body: '{}' });
  } catch (e) {
    box.textContent = e.message;
  }
}

const SORTS = {
  plan: (a, b) => a.plan.localeCompare(b.plan, undefined, { numeric: true }),
  state: (a, b) => a.state.localeCompare(b.state) || SORTS.plan(a, b),
  duration: (a, b) => (elapsed(b) ?? -1) - (elapsed(a) ?? -1) || SORTS.plan(a, b),
};

function elapsed(plan) {
  return since(plan.startedAt, plan.state === 'RUNNING' ? null : plan.endedAt);
}

function plansTable(body, runId) {
  const state = h('select', { id: 'plan-filter', 'aria-label': 'Show plans' },
    [['', 'all states'], ['RUNNING', 'running'], ['PENDING', 'waiting'], ['SUCCEEDED', 'succeeded'], ['FAILED', 'failed'], ['STOPPED', 'stopped'], ['SKIPPED', 'skipped']]
      .map(([value, text]) => h('option', { value, text })));
  const order = h('select', { id: 'plan-sort', 'aria-label': 'Sort plans by' },
    [['plan', 'plan'], ['duration', 'duration, longest first'], ['state', 'state']].map(([value, text]) => h('option', { value, text: `by ${text}` })));
  const rows = h('tbody');
  const table = h('table', { class: 'plans' },
    h('colgroup', {}, ['plan', 'title', 'state', 'slot', 'attempts', 'progress', 'elapsed', 'left', 'result', 'messages'].map((c) => h('col', { class: `c-${c}` }))),
    headRow('Plan', 'Title', 'State', 'Worker #slot', 'Attempts', 'Progress', 'Elapsed', h('th', { scope: 'col', class: 'cell-left', text: 'Left' }), 'Result', 'Messages'),
    rows);
  const messages = h('section', { class: 'messages', 'aria-live': 'polite' });
  fill(body, h('div', { class: 'toolbar' }, h('label', {}, 'Show ', state), h('label', {}, 'Sort ', order)),
    h('div', { class: 'scroll' }, table), messages);
  let last = null, results = {}, resultsFor = -1;
  const render = () => {
    if (!last) return;
    const run = last;
    const slotOf = {};
    for (const a of lanes(run)) slotOf[`${a.plan}/${a.attempt}`] = `${a.worker} #${a.lane + 1}`;
    table.classList.toggle('ended', !ACTIVE.includes(run.status));
    const shown = run.plans.filter((p) => !state.value || p.state === state.value).sort(SORTS[order.value]);
    syncRows(rows, shown, (p) => p.plan, (p) => planRow(runId, p, messages), (row, p) => row.update(p, slotOf, results[p.plan]));
  };
  state.addEventListener('change', render);
  order.addEventListener('change', render);
  return (run) => {
    last = run;
    if (run.counts.succeeded !== resultsFor) {
      resultsFor = run.counts.succeeded;
      api(`runs/${runId}/results.json`).then((list) => {
        results = Object.fromEntries(list.map((r) => [r.plan_number, r]));
        render();
      }).catch(() => {});
    }
    render();
  };
}

function planRow(runId, first, messages) {
  const cells = {};
  for (const c of ['plan', 'title', 'state', 'slot', 'attempts', 'progress', 'elapsed', 'left', 'result']) cells[c] = h('td', { class: `cell-${c}` });
  const summary = h('summary');
  const list = h('ol');
  fill(cells.attempts, h('details', {}, summary, list));
  const result = h('button', { type: 'button', class: 'fold', 'aria-expanded': 'false' });
  result.addEventListener('click', () => result.setAttribute('aria-expanded', result.getAttribute('aria-expanded') === 'true' ? 'false' : 'true'));
  const row = h('tr', {}, Object.values(cells),
    h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showMessages(runId, first.plan, messages), text: 'messages' })));
  let attemptsShown = -1, stateShown = null;
  row.update = (plan, slotOf, r) => {
    setData(row, { plan: plan.plan, state: plan.state, queued: plan.queued });
    setText(cells.plan, plan.plan);
    setText(cells.title, plan.title || '');
    cells.title.title = plan.title || '';
    if (stateShown !== `${plan.state}/${plan.queued}`) {
      stateShown = `${plan.state}/${plan.queued}`;
      fill(cells.state, stateBadge(plan.state === 'PENDING' ? 'waiting' : plan.state), plan.queued ? h('small', { class: 'queued', text: ` ${plan.queued}` }) : null);
    }
    const history = plan.attemptHistory || [];
    const last = history[history.length - 1];
    setText(cells.slot, last ? slotOf[`${plan.plan}/${last.number}`] || plan.worker || '' : '');
    setText(summary, plural(plan.attempts || 0, 'attempt'));
    if (attemptsShown !== JSON.stringify(history)) {
      attemptsShown = JSON.stringify(history);
      fill(list, history.map((a) => h('li', {
        text: `${a.worker || 'no worker'} on ${a.host || 'unknown host'}: ${(a.outcome || 'running').toLowerCase()}${a.reason ? ' — ' + a.reason : ''} (${when(a.startedAt)} – ${a.endedAt ? when(a.endedAt) : 'now'})`,
      })));
    }
    // a bar only while the plan computes: a part-filled bar on an ended plan reads as "still going"
    const bar = cells.progress.querySelector('[role=progressbar]');
    if (plan.state === 'RUNNING') {
      if (bar) setProgress(bar, plan.progress);
      else fill(cells.progress, progressBar(plan.progress, `plan ${plan.plan} progress`));
    } else if (bar) fill(cells.progress);
    setText(cells.elapsed, duration(elapsed(plan)));
    setText(cells.left, plan.state === 'RUNNING' && plan.secondsLeft !== null && plan.secondsLeft !== undefined ? `~${duration(plan.secondsLeft)}` : '');
    const text = resultText(plan, r);
    if (result.textContent !== text) result.textContent = text;
    if (text && !result.isConnected) fill(cells.result, result);
    else if (!text && result.isConnected) fill(cells.result);
  };
  return row;
}

function resultText(plan, r) {
  if (plan.state === 'SUCCEEDED') {
    const parts = [plan.verdict ? plan.verdict.toLowerCase().replace(/_/g, ' ') : 'computed'];
    if (r && r.runtime_complete_process_hours !== null && r.runtime_complete_process_hours !== undefined) parts.push(`in ${duration(r.runtime_complete_process_hours * 3600)}`);
    if (r && r.vol_error_percent !== null && r.vol_error_percent !== undefined) parts.push(`volume error ${Number(r.vol_error_percent).toFixed(3)} %`);
    return parts.join(', ');
  }
  if (ENDED.includes(plan.state)) return plan.error || plan.note || '';
  return plan.note || '';
}

async function showMessages(runId, plan, box) {
  fill(box, h('h2', { text: `Compute messages of plan ${plan}` }));
  try {
    box.append(h('pre', { tabindex: 0, text: await api(`runs/${runId}/plans/${plan}/messages`) }));
  } catch (e) {
    box.append(errorBox(e));
  }
  box.scrollIntoView({ block: 'nearest' });
}
