// The administrator's accounts (on #/admin, below the import): find an account by its name,
// role or scope among however many there are, and disable or enable it
// (PUT /api/v1/users/{id}/disabled): HR who left a firm is stopped without deleting whose
// the audit entries were.
import { t } from './i18n.js';
import { api, currentUser } from './api.js';
import { h, errorBox, okBox } from './dom.js';

const PAGE = 50; // rows drawn at a time: 500 accounts stay a short page

/** renderAccounts appends the accounts section to view (administrators only); changed is called after an account changed. */
export async function renderAccounts(view, changed) {
  const status = h('div', { 'aria-live': 'polite', id: 'accounts-status' });
  const filter = h('input', { id: 'accounts-filter', type: 'search', maxlength: '64', 'aria-describedby': 'accounts-count' });
  const count = h('p', { class: 'hint', id: 'accounts-count' });
  const body = h('tbody');
  const more = h('button', { type: 'button', id: 'accounts-more', hidden: true }, t('admin.accounts.more'));
  const cols = ['username', 'role', 'scope', 'state', 'action'].map((c) => t('admin.accounts.col.' + c));
  const section = h('section', { class: 'card', id: 'accounts', 'aria-labelledby': 'accounts-h' },
    h('h2', { id: 'accounts-h' }, t('admin.accounts.title')),
    h('p', { class: 'hint' }, t('admin.accounts.intro')),
    h('div', { class: 'field' }, h('label', { for: 'accounts-filter' }, t('admin.accounts.filter')), filter),
    count, status,
    h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table', id: 'accounts-table' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))), body)),
    more);
  view.append(section);

  let users = [];
  try {
    users = (await api('GET', '/api/v1/users')).data || [];
  } catch (err) {
    status.replaceChildren(errorBox(err));
    return;
  }
  let shown = PAGE;
  const matching = () => {
    const q = filter.value.trim().toLowerCase();
    if (!q) return users;
    // Its state too: 停用 finds the disabled accounts.
    return users.filter((u) => [u.username, u.role, t('role.' + u.role), u.enterprise_id, u.institution_id, u.candidate_id, u.scope_name,
      u.disabled ? t('admin.accounts.disabled') : '', u.disabled ? 'disabled' : '']
      .some((v) => v && String(v).toLowerCase().includes(q)));
  };
  const row = (u) => {
    const me = currentUser() && currentUser().id === u.id;
    const button = me ? '' : h('button', { type: 'button', 'data-user': u.username, 'aria-label': t(u.disabled ? 'admin.accounts.enable' : 'admin.accounts.disable') + ' ' + u.username, onclick: () => toggle(u) },
      t(u.disabled ? 'admin.accounts.enable' : 'admin.accounts.disable'));
    return h('tr', { 'data-user': u.username, 'data-disabled': u.disabled ? 'true' : 'false' },
      h('td', { 'data-label': cols[0] }, u.username),
      h('td', { 'data-label': cols[1] }, t('role.' + u.role)),
      // The enterprise or institution by its name, its id below (a candidate's by id alone).
      h('td', { 'data-label': cols[2], class: 'audit-what' }, u.scope_name || u.enterprise_id || u.institution_id || u.candidate_id || '—',
        u.scope_name ? h('p', { class: 'hint', translate: 'no' }, u.enterprise_id || u.institution_id) : ''),
      h('td', { 'data-label': cols[3], class: 'account-state' }, t(u.disabled ? 'admin.accounts.disabled' : 'admin.accounts.active')),
      h('td', { 'data-label': cols[4] }, button));
  };
  const draw = () => {
    const list = matching();
    body.replaceChildren(...list.slice(0, shown).map(row));
    count.textContent = t('admin.accounts.count', { shown: Math.min(shown, list.length), total: list.length, all: users.length });
    more.hidden = list.length <= shown;
  };
  const toggle = async (u) => {
    try {
      const next = await api('PUT', '/api/v1/users/' + encodeURIComponent(u.id) + '/disabled', { disabled: !u.disabled });
      users = users.map((x) => (x.id === next.id ? next : x));
      draw();
      status.replaceChildren(okBox(t(next.disabled ? 'admin.accounts.done.disabled' : 'admin.accounts.done.enabled', { name: next.username })));
      if (changed) changed();
      const again = body.querySelector('tr[data-user="' + CSS.escape(next.username) + '"] button');
      if (again) again.focus();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  filter.addEventListener('input', () => { shown = PAGE; draw(); });
  more.addEventListener('click', () => { shown += PAGE; draw(); });
  draw();
}
