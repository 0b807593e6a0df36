// The rasfleet console's frame: log in and out, and the hash routes to one module per view
// (views/*.js); the views render with dom.js and follow their live stream through session.js.
import { api, login, logout, loggedIn, ApiError } from './api.js';
import { session, can, stop } from './session.js';
import { fill, errorBox } from './dom.js';
import { runsView } from './views/runs.js';
import { runView } from './views/run.js';
import { startView } from './views/start.js';
import { workersView } from './views/workers.js';

const view = document.getElementById('view');

async function route() {
  stop();
  const path = (location.hash || '#/runs').slice(2).split('/');
  document.querySelectorAll('#nav a').forEach((a) => a.setAttribute('aria-current', a.getAttribute('href') === `#/${path[0]}` ? 'page' : 'false'));
  try {
    if (path[0] === 'runs' && path[1]) runView(view, path[1], path[2] || 'plans');
    else if (path[0] === 'start') await startView(view);
    else if (path[0] === 'workers') workersView(view);
    else runsView(view);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showLogin('Log in again.');
    fill(view, errorBox(e));
  }
  document.getElementById('main').focus({ preventScroll: true });
}

function showLogin(message = '') {
  stop();
  const form = document.getElementById('login');
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  fill(view);
  form.hidden = false;
  form.querySelector('.error').textContent = message;
  form.user.focus();
}

async function enter() {
  try {
    Object.assign(session, await api('me'));
  } catch (e) {
    logout();
    showLogin(e instanceof ApiError && e.status === 401 ? 'Wrong user or password.' : e.message);
    return;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = `${session.user} (${session.roles.join(', ')})`;
  document.querySelectorAll('[data-role]').forEach((node) => (node.hidden = !can(node.dataset.role)));
  route();
}

document.getElementById('login').addEventListener('submit', (e) => {
  e.preventDefault();
  login(e.target.user.value, e.target.password.value);
  e.target.password.value = '';
  enter();
});
document.getElementById('logout').addEventListener('click', () => {
  logout();
  showLogin('Logged out.');
});
window.addEventListener('hashchange', () => loggedIn() && route());
if (loggedIn()) enter();
else showLogin();
