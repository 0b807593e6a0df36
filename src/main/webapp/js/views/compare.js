// The run's "plans compared" tab: the succeeded plans' results along the reach (profiles.js), read
// again whenever another plan has succeeded; a choice of the results the files hold.
import { api } from '../api.js';
import { h, fill, errorBox } from '../dom.js';
import { profiles, QUANTITIES } from '../profiles.js';

export function compare(body, runId) {
  const choice = h('select', { id: 'compare-result', 'aria-label': 'Result compared' });
  const chart = h('div', { class: 'compare-chart' });
  const problems = h('div');
  const box = body.appendChild(h('div', { class: 'compare' }, h('div', { class: 'toolbar' }, h('label', {}, 'Result ', choice)), chart, problems));
  let answer = null, comparedFor = -1;
  const draw = () => answer && profiles(chart, answer, choice.value || 'maxWaterSurface');
  choice.addEventListener('change', draw);
  return (run) => {
    if (run.counts.succeeded === comparedFor) return;
    comparedFor = run.counts.succeeded;
    api(`runs/${runId}/max-water-surface`).then((next) => {
      answer = next;
      const held = QUANTITIES.filter((q) => next.plans.some((p) => p.sections.some((s) => typeof s[q.key] === 'number')));
      const chosen = choice.value;
      fill(choice, held.map((q) => h('option', { value: q.key, text: q.name, selected: q.key === chosen })));
      choice.disabled = held.length < 2;
      draw();
      fill(problems, next.unreadable.map((u) => errorBox(`plan ${u.plan}: ${u.reason}`)));
    }).catch((e) => fill(box, errorBox(e)));
  };
}
