// The import jobs the server remembers (GET /api/v1/imports, at most 100, newest first), on
// #/admin below the import form: what was imported, when, how it ended (why, when it failed),
// and each report. A queued or running job can be cancelled (DELETE /api/v1/imports/{id})
// after a confirmation; the list follows running jobs until they end.
import { t, lang, apiText } from './i18n.js';
import { api } from './api.js';
import { h, errorBox, okBox } from './dom.js';

const PAGE = 20;
const STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'];
// How often the list is read again while a job in it has not finished.
const FOLLOW_MS = 2000;

const unfinished = (j) => j.status === 'queued' || j.status === 'running';

/** cancelText says what cancelling keeps: the rows written so far stay (a dry run writes none). */
function cancelText(j) { return t(j.mode === 'dry-run' ? 'admin.cancel.ask.dry' : 'admin.cancel.ask'); }

/**
 * cancelControl is a button that cancels job j after a confirmation saying that the rows
 * already written stay; done(job) is called with the job once it has ended.
 */
export function cancelControl(j, done) {
  const box = h('div', { class: 'cancel-import', 'data-cancel': j.id });
  const ask = h('button', { type: 'button', class: 'danger', 'aria-label': t('admin.cancel.label', { file: j.file_name || j.id }) }, t('admin.cancel'));
  const status = h('span', { role: 'status' });
  const initial = () => box.replaceChildren(ask, status);
  ask.addEventListener('click', () => {
    const yes = h('button', { type: 'button', class: 'danger', 'data-cancel-confirm': j.id }, t('admin.cancel.yes'));
    const no = h('button', { type: 'button' }, t('admin.cancel.no'));
    box.replaceChildren(h('div', { class: 'confirm notice error', role: 'group', 'aria-label': t('admin.cancel') },
      h('p', {}, cancelText(j)), h('div', { class: 'actions' }, yes, no)));
    no.addEventListener('click', () => { initial(); ask.focus(); });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      no.disabled = true;
      try {
        let job = await api('DELETE', '/api/v1/imports/' + encodeURIComponent(j.id));
        box.replaceChildren(h('span', { role: 'status', class: 'muted' }, t('admin.cancel.pending')));
        // The runner stops at once on this node, within seconds on another.
        for (let i = 0; unfinished(job); i++) {
          await new Promise((res) => setTimeout(res, i < 10 ? 200 : 1000));
          job = await api('GET', '/api/v1/imports/' + encodeURIComponent(j.id));
        }
        done(job);
      } catch (err) {
        initial();
        status.replaceChildren(errorBox(err));
      }
    });
    no.focus();
  });
  initial();
  return box;
}

/** cancelledText says how a cancelled job ended: what it wrote stays. */
export function cancelledText(j) {
  const c = j.counts || {};
  if (j.mode === 'dry-run') return t('admin.cancel.done.dry', { file: j.file_name || j.id });
  return t('admin.cancel.done', { file: j.file_name || j.id, n: (c.written || 0).toLocaleString() });
}

/** renderImportList appends the list of import jobs to view; it returns a function that loads it again. */
export function renderImportList(view) {
  const body = h('tbody');
  const status = h('div', { 'aria-live': 'polite', id: 'imports-status' });
  const count = h('p', { class: 'hint', id: 'imports-count' });
  const more = h('button', { type: 'button', id: 'imports-more', hidden: true }, t('admin.imports.more'));
  const refresh = h('button', { type: 'button', id: 'imports-refresh' }, t('admin.imports.refresh'));
  const cols = ['time', 'file', 'type', 'status', 'counts', 'report'].map((c) => t('admin.imports.col.' + c));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table', id: 'imports-table' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))), body));
  view.append(h('section', { class: 'card', id: 'imports', 'aria-labelledby': 'imports-h' },
    h('h2', { id: 'imports-h' }, t('admin.imports.title')),
    h('div', { class: 'actions' }, refresh), count, status, table, more));

  let jobs = [];
  let shown = PAGE;
  // Who started each job, by username (an account deleted since by its id).
  let names = new Map();
  const users = api('GET', '/api/v1/users').then((r) => { names = new Map(((r && r.data) || []).map((u) => [u.id, u.username])); }, () => {});
  const when = (s) => new Date(s).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN');
  const counts = (j) => {
    const dry = j.mode === 'dry-run';
    if (unfinished(j)) {
      const p = j.progress || {};
      return t(dry ? 'admin.imports.progress.dry' : 'admin.imports.progress', { read: p.rows || 0, written: p.written || 0, invalid: p.invalid || 0 });
    }
    // A job that ended early (its node stopped) keeps how far it had come.
    const p = j.progress;
    const c = p && !(j.counts && j.counts.read) ? { read: p.rows, written: p.written, invalid: p.invalid } : j.counts || {};
    return t(dry ? 'admin.imports.counts.dry' : 'admin.imports.counts', { read: c.read || 0, written: c.written || 0, invalid: c.invalid || 0 });
  };
  const statusCell = (j) => {
    const st = STATUSES.includes(j.status) ? t('admin.imports.status.' + j.status) : j.status;
    const out = [h('span', { class: 'import-state' }, st)];
    if (j.status === 'failed' && j.error && j.error.message) out.push(h('p', { class: 'hint import-error' }, apiText(j.error.message)));
    if (j.status === 'cancelled' && j.mode !== 'dry-run') out.push(h('p', { class: 'hint' }, t('admin.imports.cancelled.kept')));
    // Done means searchable on this node, unless its index lagged past the server's bound.
    if (j.status === 'done' && j.searchable === false) out.push(h('p', { class: 'hint' }, t('admin.imports.notsearchable')));
    if (unfinished(j) && j.progress && j.progress.indexing) out.push(h('p', { class: 'hint' }, t('admin.imports.indexing')));
    if (unfinished(j)) {
      out.push(cancelControl(j, (job) => {
        status.replaceChildren(okBox(job.status === 'cancelled' ? cancelledText(job)
          : t('admin.cancel.late', { file: job.file_name || job.id, status: t('admin.imports.status.' + job.status) })));
        load();
      }));
    }
    return out;
  };
  const row = (j) => h('tr', { 'data-import': j.id, 'data-status': j.status },
    h('td', { 'data-label': cols[0] }, when(j.created_at),
      j.started_by ? h('p', { class: 'hint import-by' }, t('admin.imports.by', { name: names.get(j.started_by) || j.started_by })) : ''),
    h('td', { 'data-label': cols[1], class: 'audit-what', translate: j.file_name ? 'no' : null }, j.file_name || '—'),
    h('td', { 'data-label': cols[2] }, t('admin.type.' + j.type + 's') + (j.mode === 'dry-run' ? ' · ' + t('admin.imports.dry') : '')),
    h('td', { 'data-label': cols[3], class: 'import-status' }, statusCell(j)),
    h('td', { 'data-label': cols[4] }, counts(j)),
    h('td', { 'data-label': cols[5] }, j.report_url && j.problem_count > 0
      ? h('a', { href: j.report_url, download: '' }, t('admin.imports.report', { n: j.problem_count }))
      : '—'));
  const draw = () => {
    // A row whose cancellation is being confirmed stays as it is.
    const asking = new Set([...body.querySelectorAll('tr[data-import] .cancel-import .confirm, tr[data-import] .cancel-import [role=status].muted')]
      .map((el) => el.closest('tr').dataset.import));
    const old = new Map([...body.querySelectorAll('tr[data-import]')].map((tr) => [tr.dataset.import, tr]));
    body.replaceChildren(...jobs.slice(0, shown).map((j) => (asking.has(j.id) && unfinished(j) && old.get(j.id)) || row(j)));
    table.hidden = jobs.length === 0;
    count.textContent = jobs.length ? t('admin.imports.count', { shown: Math.min(shown, jobs.length), total: jobs.length }) : t('admin.imports.none');
    more.hidden = jobs.length <= shown;
  };
  let timer = 0;
  const load = async () => {
    clearTimeout(timer);
    try {
      jobs = (await api('GET', '/api/v1/imports')).data || [];
      await users;
      for (const e of status.querySelectorAll('.notice.error')) e.remove();
      draw();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
    // Follow the jobs that have not finished: their progress, and how they end.
    if (body.isConnected && jobs.some(unfinished)) timer = setTimeout(load, FOLLOW_MS);
  };
  more.addEventListener('click', () => { shown += PAGE; draw(); });
  refresh.addEventListener('click', () => { status.replaceChildren(); load(); });
  load();
  return load;
}
