// xiaoqi's web UI: a router over the URL fragment (#/search?q=…), the header (navigation,
// language switch, session) and the sign-in page. Each journey lives in its own module.
import { loadStrings, loadSkillNames, loadMajorNames, loadPlaceNames, t, lang, setLang, applyStatic, apiText } from './i18n.js';
import { loadSession, currentUser, signIn, signOut, APIError } from './api.js';
import { h, errorBox, okBox, keptFocus } from './dom.js';
import { renderSearch } from './search.js';
import { renderExplore } from './explore.js';
import { renderInstitution } from './institution.js';
import { renderHR } from './hr.js';
import { renderAdmin } from './admin.js';
import { renderMe } from './me.js';
import { renderPolicy } from './policy.js';

const routes = {
  search: renderSearch,
  explore: renderExplore,
  institution: renderInstitution,
  hr: renderHR,
  admin: renderAdmin,
  me: renderMe,
  policy: renderPolicy,
  signin: renderSignin,
};

/** parseHash reads "#/name/arg?params"; null for a fragment that is not a route (#main). */
export function parseHash(hash) {
  if (!hash || hash === '#' || hash === '#/') return { name: 'search', arg: '', params: new URLSearchParams() };
  if (!hash.startsWith('#/')) return null;
  const [path, qs] = hash.slice(2).split('?');
  const parts = path.split('/');
  return { name: parts[0] || 'search', arg: parts[1] ? decodeURIComponent(parts[1]) : '', params: new URLSearchParams(qs || '') };
}

let renderSeq = 0;
// shown is set once a page has been drawn: a fragment that is no route is an anchor then.
let shown = false;

async function route(focus) {
  let r = parseHash(location.hash);
  if (!r) {
    // A fragment that is no route (#main, from an old skip link or typed): once a page is
    // shown it is an in-page anchor; on the first load it would leave 加载中 forever, so the
    // default page is shown, at its own address (a language switch draws the page again).
    if (shown) return;
    history.replaceState(null, '', location.pathname + location.search + '#/');
    r = parseHash('#/');
  }
  // The page is not ready while it is drawn (again): a test waiting for it after a click (a
  // filter, the language) must not take the page before it for this one.
  delete document.body.dataset.ready;
  const drawn = location.hash;
  const main = document.getElementById('main');
  for (const a of document.querySelectorAll('nav a[data-route]')) {
    if (a.dataset.route === r.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const render = routes[r.name];
  const seq = ++renderSeq;
  const view = h('div', { class: 'view', 'data-view': r.name });
  main.replaceChildren(view);
  if (!render) {
    notFound(view, t('app.notfound'));
  } else {
    try {
      await render(view, r, { isCurrent: () => seq === renderSeq });
    } catch (err) {
      // A link to a record that is not there (#/institution/ins_bogus, #/policy/99) is a page
      // that is not there: a heading and a title that say so, not "出错了" under none.
      if (seq === renderSeq && err && err.status === 404) notFound(view, t('app.notfound.record'), err instanceof APIError ? apiText(err.message) : err.message);
      else if (seq === renderSeq) view.append(errorBox(err));
    }
  }
  const keep = keptFocus(location.hash);
  if (seq === renderSeq && keep && document.getElementById(keep)) {
    // The control whose change redrew the page keeps the focus.
    document.getElementById(keep).focus();
  } else if (focus && seq === renderSeq && !view.contains(document.activeElement)) {
    // The page's heading, or what the address points at on the page (data-focus: a job);
    // not when the user has gone into the page while its slower parts loaded (suggested
    // partners take seconds): the focus stays where they are.
    const target = view.querySelector('[data-focus]') || view.querySelector('h1');
    if (target) { target.setAttribute('tabindex', '-1'); target.focus({ preventScroll: false }); }
  }
  if (seq !== renderSeq) return; // a later address is being drawn: it says when it is ready
  document.title = viewTitle(view, r);
  shown = true;
  // A page that went on to another address of its own (#/hr to the HR's #/hr/{id}, with
  // location.replace) is not ready: the page of that address is drawn next. Only the
  // parameters a page writes into the address without drawing again (keepInAddress) may
  // differ.
  const now = parseHash(location.hash);
  if (!now || now.name !== r.name || now.arg !== r.arg) return;
  // Tests wait for both: data-drawn tells this address's drawing from the one before it,
  // when the address has changed and its hashchange has not yet been dispatched.
  document.body.dataset.drawn = drawn;
  document.body.dataset.ready = r.name;
}

/** notFound draws the page of an address that names nothing: what, why (the API's words), and a way home. */
function notFound(view, what, why) {
  view.replaceChildren(h('h1', {}, what), why ? h('p', { class: 'muted', 'data-notfound': '' }, why) : '',
    h('p', {}, h('a', { href: '#/', id: 'home-link' }, t('app.notfound.home'))));
}

/**
 * viewTitle is the document's title for a view: the words searched for, else the view's h1
 * (without its badges), then the service's name.
 */
function viewTitle(view, r) {
  let name = '';
  if (r.name === 'search') {
    const q = r.params.get('q');
    name = q ? t('title.search', { q }) : t('nav.search');
  } else {
    const h1 = view.querySelector('h1');
    if (h1) {
      const copy = h1.cloneNode(true);
      copy.querySelectorAll('.badge').forEach((b) => b.remove());
      name = copy.textContent.replace(/\s+/g, ' ').trim();
    }
  }
  return name ? t('app.title.view', { view: name }) : t('app.title');
}

function renderHeader() {
  applyStatic(document);
  const box = document.getElementById('session');
  const u = currentUser();
  if (u) {
    box.replaceChildren(
      h('span', { class: 'who' }, t('session.as', { name: u.username, role: t('role.' + u.role) })), ' ',
      h('button', { type: 'button', id: 'signout', onclick: async () => {
        await signOut();
        renderHeader();
        // The button pressed is gone: the focus goes to the sign-in link in its place, not
        // to the top of the document.
        document.getElementById('signin-link').focus();
        await route(false);
      } }, t('session.signout')));
  } else {
    box.replaceChildren(h('a', { href: '#/signin', id: 'signin-link' }, t('session.signin')));
  }
  // "My profile" is for candidates only, the import for administrators only.
  document.getElementById('nav-me').hidden = !(u && u.role === 'candidate');
  document.getElementById('nav-admin').hidden = !(u && u.role === 'admin');
  const btn = document.getElementById('lang');
  btn.setAttribute('lang', lang() === 'en' ? 'zh-CN' : 'en');
}

/** renderSignin is the sign-in page (POST /api/v1/session). */
async function renderSignin(view, r) {
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card narrow', id: 'signin-form' },
    h('label', { for: 'username' }, t('session.username')),
    h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, maxlength: '64' }),
    h('label', { for: 'password' }, t('session.password')),
    h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '128' }),
    h('button', { type: 'submit', class: 'primary' }, t('session.submit')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    try {
      const u = await signIn(form.username.value.trim(), form.password.value);
      renderHeader();
      const next = r.params.get('next') || defaultPage(u);
      status.append(okBox(t('session.done', { name: u.username })));
      location.hash = next;
    } catch (err) {
      status.append(errorBox(err, { signin: true }));
    }
  });
  view.append(h('h1', {}, t('session.title')), h('p', {}, t('session.intro')), form, status);
}

function defaultPage(u) {
  switch (u.role) {
    case 'enterprise': return '#/hr';
    case 'institution': return '#/institution';
    case 'admin': return '#/admin';
    case 'candidate': return '#/me';
    default: return '#/search';
  }
}

async function start() {
  await loadStrings();
  await Promise.all([loadSession(), loadSkillNames(), loadMajorNames(), loadPlaceNames()]);
  renderHeader();
  document.getElementById('lang').addEventListener('click', async () => {
    // The page is drawn again in the other language: a part of it still loading in the old
    // one is not drawn any more, and the page is not ready until the new drawing is.
    renderSeq++;
    delete document.body.dataset.ready;
    setLang(lang() === 'en' ? 'zh' : 'en');
    await Promise.all([loadSkillNames(), loadMajorNames(), loadPlaceNames()]);
    renderHeader();
    await route(false);
  });
  // The skip link moves the focus to the content without changing the address (#main would
  // replace the page's route).
  document.querySelector('a.skip').addEventListener('click', (ev) => {
    ev.preventDefault();
    document.getElementById('main').focus();
  });
  document.addEventListener('xiaoqi:session', renderHeader); // a page signed the user out (erasure)
  window.addEventListener('hashchange', () => route(true));
  await route(false);
}

start();
