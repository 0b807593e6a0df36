// Talking to the rasfleet API: credentials kept for this tab only, JSON calls, and event streams.
// The streams are read with fetch (EventSource cannot send an Authorization header) and reconnect
// with Last-Event-ID; the server's first event is always a whole snapshot, so nothing is missed.

const KEY = 'rasfleet.auth';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.field = body && body.field ? body.field : null;
  }
}

export function login(user, password) {
  sessionStorage.setItem(KEY, btoa(unescape(encodeURIComponent(`${user}:${password}`))));
}

export function logout() {
  sessionStorage.removeItem(KEY);
}

export function loggedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

function headers(extra) {
  return Object.assign({ Authorization: `Basic ${sessionStorage.getItem(KEY)}` }, extra);
}

// credentials 'omit': the browser shows no login dialog of its own on a 401
export async function api(path, options = {}) {
  return (await call(path, options)).data;
}

// A page of a list: its items, the total the server counts (X-Total-Count) and the next page's address
// (Link rel="next"), null where the server does not say.
export async function page(path) {
  const { data, response } = await call(path);
  const total = response.headers.get('X-Total-Count');
  const next = /<([^>]*)>\s*;\s*rel="?next"?/.exec(response.headers.get('Link') || '');
  return { items: data, total: total === null ? null : Number(total), next: next ? next[1] : null };
}

async function call(path, { method = 'GET', body, type = 'application/json' } = {}) {
  const init = { method, credentials: 'omit', headers: headers({ Accept: 'application/json' }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = type;
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`api/${path}`, init);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = text;
  }
  if (!response.ok) {
    throw new ApiError(response.status, typeof data === 'object' ? data : { error: data || `HTTP ${response.status}` });
  }
  return { data, response };
}

// Follows an event stream until close(); onEvent(name, data), onState('live' | 'reconnecting' | 'closed')
export function follow(path, onEvent, onState = () => {}) {
  let lastId = null;
  let closed = false;
  let controller = null;
  async function connect() {
    while (!closed) {
      controller = new AbortController();
      try {
        const extra = { Accept: 'text/event-stream' };
        if (lastId !== null) extra['Last-Event-ID'] = lastId;
        const response = await fetch(`api/${path}`, { credentials: 'omit', headers: headers(extra), signal: controller.signal });
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          onState('closed', response.status);
          return;
        }
        onState('live');
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = 'message';
            const data = [];
            for (const line of block.split('\n')) {
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'event') name = val;
              else if (field === 'data') data.push(val);
              else if (field === 'id') lastId = val;
            }
            if (data.length) onEvent(name, JSON.parse(data.join('\n')));
          }
        }
      } catch (e) {
        if (closed) return;
      }
      if (closed) return;
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  connect();
  return {
    close() {
      closed = true;
      if (controller) controller.abort();
    },
  };
}
