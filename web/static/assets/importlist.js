// The import jobs the server remembers (GET /api/v1/imports, at most 100, newest first), on
// #/admin below the import form: what was imported, when, how it ended, and each report.
import { t, lang } from './i18n.js';
import { api } from './api.js';
import { h, errorBox } from './dom.js';

const PAGE = 20;
const STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'];

/** renderImportList appends the list of import jobs to view; it returns a function that loads it again. */
export function renderImportList(view) {
  const body = h('tbody');
  const status = h('div', { 'aria-live': 'polite', id: 'imports-status' });
  const count = h('p', { class: 'hint', id: 'imports-count' });
  const more = h('button', { type: 'button', id: 'imports-more', hidden: true }, t('admin.imports.more'));
  const refresh = h('button', { type: 'button', id: 'imports-refresh' }, t('admin.imports.refresh'));
  const cols = ['time', 'file', 'type', 'status', 'counts', 'report'].map((c) => t('admin.imports.col.' + c));
  view.append(h('section', { class: 'card', id: 'imports', 'aria-labelledby': 'imports-h' },
    h('h2', { id: 'imports-h' }, t('admin.imports.title')),
    h('div', { class: 'actions' }, refresh), count, status,
    h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table', id: 'imports-table' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))), body)),
    more));

  let jobs = [];
  let shown = PAGE;
  const row = (j) => {
    const st = STATUSES.includes(j.status) ? t('admin.imports.status.' + j.status) : j.status;
    const c = j.counts || {};
    return h('tr', { 'data-import': j.id, 'data-status': j.status },
      h('td', { 'data-label': cols[0] }, new Date(j.created_at).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN')),
      h('td', { 'data-label': cols[1], class: 'audit-what', translate: j.file_name ? 'no' : null }, j.file_name || '—'),
      h('td', { 'data-label': cols[2] }, t('admin.type.' + j.type + 's') + (j.mode === 'dry-run' ? ' · ' + t('admin.imports.dry') : '')),
      h('td', { 'data-label': cols[3], class: 'import-status' }, st),
      h('td', { 'data-label': cols[4] }, t('admin.imports.counts', { read: c.read || 0, written: c.written || 0, invalid: c.invalid || 0 })),
      h('td', { 'data-label': cols[5] }, j.report_url && j.problem_count > 0
        ? h('a', { href: j.report_url, download: '' }, t('admin.imports.report', { n: j.problem_count }))
        : '—'));
  };
  const draw = () => {
    body.replaceChildren(...jobs.slice(0, shown).map(row));
    count.textContent = jobs.length ? t('admin.imports.count', { shown: Math.min(shown, jobs.length), total: jobs.length }) : t('admin.imports.none');
    more.hidden = jobs.length <= shown;
  };
  const load = async () => {
    try {
      jobs = (await api('GET', '/api/v1/imports')).data || [];
      status.replaceChildren();
      draw();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  more.addEventListener('click', () => { shown += PAGE; draw(); });
  refresh.addEventListener('click', load);
  load();
  return load;
}
