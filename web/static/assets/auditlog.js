// The audit log for administrators (GET /api/v1/audit?order=newest), on #/admin below the
// accounts: who did what to which candidate's record or to which account, newest first, 50 at
// a time, filtered by the account that acted (username or id) or by the candidate or account
// concerned (id, or a username). Before, the log was in the API only, oldest first.
import { t, has, lang, auditReason } from './i18n.js';
import { get } from './api.js';
import { h, errorBox } from './dom.js';

const PAGE = 50;

/** renderAuditLog appends the audit log section to view (administrators only); it returns a function that reads it again. */
export function renderAuditLog(view) {
  const actor = h('input', { id: 'audit-actor', name: 'actor', type: 'search', maxlength: '100', list: 'audit-users', autocomplete: 'off', 'aria-describedby': 'audit-actor-hint' });
  const subject = h('input', { id: 'audit-subject', name: 'subject', type: 'search', maxlength: '100', autocomplete: 'off', 'aria-describedby': 'audit-subject-hint' });
  const users = h('datalist', { id: 'audit-users' });
  const clear = h('button', { type: 'button', id: 'audit-clear', hidden: true }, t('admin.audit.clear'));
  const form = h('form', { id: 'audit-filter', class: 'row' },
    h('div', { class: 'field' }, h('label', { for: 'audit-actor' }, t('admin.audit.actor')),
      h('p', { class: 'hint', id: 'audit-actor-hint' }, t('admin.audit.actor.hint')), actor, users),
    h('div', { class: 'field' }, h('label', { for: 'audit-subject' }, t('admin.audit.subject')),
      h('p', { class: 'hint', id: 'audit-subject-hint' }, t('admin.audit.subject.hint')), subject),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'audit-apply' }, t('admin.audit.apply')), clear));
  const status = h('div', { 'aria-live': 'polite', id: 'audit-status' });
  const count = h('p', { class: 'hint', id: 'audit-count' });
  const body = h('tbody');
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true }, t('admin.audit.more'));
  const cols = ['time', 'actor', 'action', 'subject', 'reason'].map((c) => t('admin.audit.col.' + c));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table', id: 'audit-table' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))), body));
  view.append(h('section', { class: 'card', id: 'audit', 'aria-labelledby': 'audit-h' },
    h('h2', { id: 'audit-h' }, t('admin.audit.title')),
    h('p', { class: 'hint' }, t('admin.audit.intro')),
    form, count, status, table, more));

  // The accounts, to name the actors and to take a username in the filters.
  let byID = new Map();
  let byName = new Map();
  const accounts = get('/api/v1/users').then((r) => {
    const list = r.data || [];
    byID = new Map(list.map((u) => [u.id, u]));
    byName = new Map(list.map((u) => [u.username.toLowerCase(), u]));
    users.replaceChildren(...list.map((u) => h('option', { value: u.username })));
  }, () => { /* the log still shows the actors' ids */ });

  let entries = [];
  let next = '';
  let filter = { actor: '', subject: '' };
  let seq = 0; // only the latest load draws

  const who = (e) => {
    if (e.actor_id === 'cli') return t('admin.audit.cli');
    const u = byID.get(e.actor_id);
    const role = t('role.' + (e.actor_role || (u && u.role) || 'public'));
    return h('button', { type: 'button', class: 'link', 'data-actor': e.actor_id, title: t('admin.audit.only.actor') },
      u ? u.username : e.actor_id || '—', h('span', { class: 'muted' }, ' · ' + role));
  };
  const whose = (e) => {
    if (e.subject_id === 'erased') return t('admin.audit.erased');
    // An account that is not a candidate's is named by its username (its id once deleted).
    const u = e.action === 'user.account' ? byID.get(e.subject_id) : null;
    return h('button', { type: 'button', class: 'link', 'data-subject': e.subject_id, title: t('admin.audit.only.subject'), translate: 'no' },
      u ? u.username : e.subject_id, u ? h('span', { class: 'muted' }, ' · ' + t('role.' + u.role)) : '');
  };
  const row = (e) => h('tr', { 'data-audit': e.id, 'data-action': e.action },
    h('td', { 'data-label': cols[0] }, new Date(e.time).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN')),
    h('td', { 'data-label': cols[1], class: 'audit-who' }, who(e)),
    h('td', { 'data-label': cols[2], class: 'audit-what' }, has('admin.audit.action.' + e.action) ? t('admin.audit.action.' + e.action) : e.action,
      e.fields && e.fields.length ? t('punct.paren', { v: e.fields.map((f) => (has('me.field.' + f) ? t('me.field.' + f) : f)).join(t('punct.list')) }) : ''),
    h('td', { 'data-label': cols[3] }, whose(e)),
    h('td', { 'data-label': cols[4], class: 'audit-why' }, auditReason(e)));
  const draw = () => {
    body.replaceChildren(...entries.map(row));
    table.hidden = entries.length === 0;
    const filtered = filter.actor || filter.subject;
    if (!entries.length) count.textContent = t(filtered ? 'admin.audit.none.filtered' : 'admin.audit.none');
    else count.textContent = t(next ? 'admin.audit.count.more' : 'admin.audit.count', { n: entries.length.toLocaleString() });
    more.hidden = !next;
    clear.hidden = !filtered;
  };
  const load = async (append) => {
    const mine = ++seq;
    more.disabled = true;
    try {
      await accounts;
      const page = await get('/api/v1/audit', { order: 'newest', limit: PAGE, after: append ? next : '', actor: filter.actor, subject: filter.subject });
      if (mine !== seq) return;
      entries = append ? entries.concat(page.data || []) : page.data || [];
      next = page.next || '';
      status.replaceChildren();
      draw();
    } catch (err) {
      if (mine === seq) status.replaceChildren(errorBox(err));
    } finally {
      more.disabled = false;
    }
  };
  // A username names its account; a candidate's username names their record.
  const resolve = (v, wantCandidate) => {
    const s = v.trim();
    const u = byName.get(s.toLowerCase());
    if (!u) return s;
    if (!wantCandidate) return u.id;
    return u.candidate_id || u.id;
  };
  const apply = () => {
    filter = { actor: resolve(actor.value, false), subject: resolve(subject.value, true) };
    entries = [];
    next = '';
    load(false);
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  clear.addEventListener('click', () => { actor.value = ''; subject.value = ''; apply(); actor.focus(); });
  more.addEventListener('click', () => load(true));
  body.addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-actor], button[data-subject]');
    if (!b) return;
    if (b.dataset.actor) { const u = byID.get(b.dataset.actor); actor.value = u ? u.username : b.dataset.actor; }
    if (b.dataset.subject) subject.value = b.dataset.subject;
    apply();
    form.scrollIntoView({ block: 'nearest' });
  });
  load(false);
  // Read again (the accounts section calls it when it has disabled or enabled one).
  return () => load(false);
}
