// Rendering helpers shared by the views: elements from plain data, durations and times in words,
// and keyed row lists that change in place so that focus and open details survive a live update.

export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...present(children));
  return node;
}

// null and undefined are "nothing here": append() and replaceChildren() would print them as words
export function present(children) {
  return children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false);
}

export function fill(node, ...children) {
  node.replaceChildren(...present(children));
  return node;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '';
  seconds = Math.max(0, Math.round(seconds));
  const hours = Math.floor(seconds / 3600), minutes = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${s} s` : `${s} s`;
}

export const since = (from, to) => (from ? ((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000 : null);
export const when = (text) => (text ? new Date(text).toLocaleString() : '');
export const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function progressBar(fraction, label) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction || 0)) * 100);
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-label': label },
    h('span', { class: 'track' }, h('span', { class: 'fill', style: `width:${percent}%` })), h('b', { text: `${percent}%` }));
}

export function setProgress(bar, fraction) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction || 0)) * 100);
  if (bar.getAttribute('aria-valuenow') === String(percent)) return;
  bar.setAttribute('aria-valuenow', percent);
  bar.firstChild.firstChild.style.width = `${percent}%`;
  bar.lastChild.textContent = `${percent}%`;
}

// a state as a word on a coloured badge: colour alone says nothing to some readers
export function stateBadge(state) {
  return h('span', { class: `state ${String(state).toLowerCase()}`, text: String(state).toLowerCase() });
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert', text: error instanceof Error ? error.message : String(error) });
}

export function setText(node, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (node.textContent !== value) node.textContent = value;
}

export function setData(node, values) {
  for (const [key, value] of Object.entries(values)) {
    const text = value === null || value === undefined ? null : String(value);
    if (text === null) node.removeAttribute(`data-${key}`);
    else if (node.getAttribute(`data-${key}`) !== text) node.setAttribute(`data-${key}`, text);
  }
}

// Rows keyed by id: a row is made once (create), brought up to date on every call (update), moved
// only when the order changed and removed when its item went; the rows' elements stay the same.
export function syncRows(body, items, keyOf, create, update) {
  const existing = new Map();
  for (const row of body.children) existing.set(row.dataset.key, row);
  const wanted = new Set();
  let previous = null;
  for (const item of items) {
    const key = String(keyOf(item));
    wanted.add(key);
    let row = existing.get(key);
    if (!row) {
      row = create(item);
      row.dataset.key = key;
    }
    update(row, item);
    const expected = previous ? previous.nextSibling : body.firstChild;
    if (expected !== row) body.insertBefore(row, expected);
    previous = row;
  }
  for (const [key, row] of existing) if (!wanted.has(key)) row.remove();
}

export function headRow(...labels) {
  return h('thead', {}, h('tr', {}, labels.map((label) => (typeof label === 'string'
    ? h('th', { scope: 'col', text: label }) : label))));
}
