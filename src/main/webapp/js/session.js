// Who is logged in, and the one live stream the open view follows (closed when the view changes).
import { follow } from './api.js';

export const session = { user: '', roles: [] };
export const can = (role) => session.roles.includes(role) || (role === 'operator' && session.roles.includes('admin'));

const badge = () => document.getElementById('live');
let stream = null;

export function showLive(state) {
  const node = badge();
  node.textContent = state === 'live' ? 'live' : state === 'reconnecting' ? 'connection lost, reconnecting…' : '';
  node.className = `live ${state || ''}`;
}

// onClosed(status) when the server refuses the stream (401, 403, 404)
export function live(path, onEvent, onClosed = () => {}) {
  stop();
  stream = follow(path, (name, data) => {
    // the time each live update takes to apply, as a User Timing entry a benchmark can read (ConsoleLoad)
    const start = performance.now();
    onEvent(name, data);
    performance.clearMeasures('rasfleet update');
    performance.measure('rasfleet update', { start, end: performance.now() });
  }, (state, status) => {
    showLive(state === 'closed' ? '' : state);
    if (state === 'closed') onClosed(status);
  });
}

export function stop() {
  if (stream) stream.close();
  stream = null;
  showLive('');
}
