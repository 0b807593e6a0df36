// The runs list: the newest page live from the server's feed (GET /runs/events sends the first page),
// older pages on request (GET /runs?limit=&before=), so 5,000 runs open as fast as 5.
import { page } from '../api.js';
import { can, live } from '../session.js';
import { h, fill, duration, since, when, progressBar, setProgress, stateBadge, errorBox, setText, setData, syncRows, headRow } from '../dom.js';

export const PAGE_SIZE = 50;
const WORDS = [['succeeded', 'succeeded'], ['failed', 'failed'], ['stopped', 'stopped'], ['skipped', 'skipped'], ['running', 'running'], ['pending', 'waiting']];

export function countsInWords(counts = {}) {
  const words = WORDS.filter(([key]) => counts[key]).map(([key, word]) => `${counts[key]} ${word}`);
  return words.length ? words.join(', ') : 'no plan';
}

export function runsView(view) {
  const rows = h('tbody');
  const older = h('tbody', { class: 'older' });
  const total = h('p', { id: 'runs-total', class: 'muted' });
  const more = h('button', { type: 'button', id: 'older-runs', hidden: true, text: `Older runs` });
  const error = h('p', { class: 'error', role: 'alert' });
  const table = h('table', { class: 'runs' },
    h('colgroup', {}, ['run', 'status', 'project', 'plans', 'by', 'started', 'took', 'progress'].map((c) => h('col', { class: `c-${c}` }))),
    headRow('Run', 'Status', 'Project', 'Plans', 'Started by', 'Started', 'Took', 'Progress'), rows, older);
  const empty = h('p', { text: can('operator') ? 'No run yet: start one.' : 'No run yet.', hidden: true });
  fill(view, h('h1', { text: 'Runs' }), h('div', { id: 'run-list' }, total, empty, h('div', { class: 'scroll' }, table), more, error));
  let oldest = null;
  const olderPage = async () => {
    more.disabled = true;
    try {
      const next = await page(`runs?limit=${PAGE_SIZE}&before=${oldest}`);
      // a server without paging answers every run: keep to the contract's page here too
      const runs = next.items.filter((r) => r.id < oldest).slice(0, PAGE_SIZE);
      for (const run of runs) older.append(runRow(run));
      if (runs.length) oldest = runs[runs.length - 1].id;
      more.hidden = !(next.next && runs.length) && runs.length < PAGE_SIZE;
    } catch (e) {
      error.textContent = e.message;
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', olderPage);
  page(`runs?limit=1`).then((answer) => {
    if (answer.total !== null) setText(total, `${answer.total} run${answer.total === 1 ? '' : 's'} in all, newest first`);
  }).catch(() => {});
  live('runs/events', (name, runs) => {
    const newest = runs.slice().sort((a, b) => b.id - a.id).slice(0, PAGE_SIZE);
    syncRows(rows, newest, (r) => r.id, runRow, updateRun);
    empty.hidden = newest.length > 0;
    if (oldest === null || !older.children.length) {
      oldest = newest.length ? newest[newest.length - 1].id : null;
      more.hidden = newest.length < PAGE_SIZE && runs.length <= PAGE_SIZE;
    }
  }, (status) => fill(view, errorBox(status === 401 ? 'Log in again.' : 'not allowed')));
}

function runRow(run) {
  const row = h('tr', {}, ['run', 'status', 'project', 'plans', 'by', 'started', 'took', 'progress'].map((c) => h('td', { class: `cell-${c}` })));
  fill(row.cells[0], h('a', { href: `#/runs/${run.id}`, text: `#${run.id}` }));
  updateRun(row, run);
  return row;
}

function updateRun(row, run) {
  const [, status, project, plans, by, started, took, progress] = row.cells;
  const c = run.counts || {};
  const all = Object.values(c).reduce((a, b) => a + b, 0);
  const done = (c.succeeded || 0) + (c.failed || 0) + (c.stopped || 0) + (c.skipped || 0);
  setData(row, { run: run.id, status: run.status });
  if (status.dataset.shown !== run.status) {
    status.dataset.shown = run.status;
    fill(status, stateBadge(run.status));
  }
  setText(project, run.project ? run.project.split(/[\\/]/).slice(-2).join('/') : '');
  project.title = run.project || '';
  setText(plans, countsInWords(c));
  setText(by, run.startedBy || '');
  setText(started, when(run.createdAt));
  setText(took, duration(since(run.createdAt, run.endedAt)));
  const bar = progress.firstChild;
  if (bar) setProgress(bar, all ? done / all : 0);
  else fill(progress, progressBar(all ? done / all : 0, `run ${run.id} plans done`));
}
