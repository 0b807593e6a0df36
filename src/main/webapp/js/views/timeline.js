// The run's timeline tab: one bar per attempt on its worker slot (gantt.js), zoom kept across updates.
import { h } from '../dom.js';
import { ganttChart } from '../gantt.js';

export function timeline(body) {
  return ganttChart(body.appendChild(h('div', { class: 'gantt' })));
}
