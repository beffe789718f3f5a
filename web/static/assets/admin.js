// The administrator's import: choose a file and its kind, run a dry run (POST /api/v1/imports
// with dry_run=true), read the report, then confirm to import the same file for real.
import { t, has, lang, apiText } from './i18n.js';
import { api, currentUser } from './api.js';
import { h, errorBox, okBox } from './dom.js';
import { signInHint } from './partners.js';
import { renderAccounts } from './accounts.js';
import { renderImportList, cancelControl, cancelledText } from './importlist.js';
import { renderAuditLog } from './auditlog.js';

const KINDS = ['jobs', 'programs', 'institutions', 'enterprises', 'candidates'];

/** renderAdmin draws #/admin. */
export async function renderAdmin(view) {
  view.append(h('h1', {}, t('admin.title')));
  const u = currentUser();
  if (!u || u.role !== 'admin') {
    // The import is for administrators only (the API answers anyone else 403): no form, but
    // why, for whoever came here by an address.
    view.append(h('p', { class: 'notice', 'data-notice': 'admin-only' }, u ? t('admin.only.signed', { role: t('role.' + u.role) }) : t('admin.only')),
      u ? null : signInHint('admin'));
    return;
  }
  view.append(h('p', { class: 'lead' }, t('admin.intro')));
  // The page holds four parts, the audit log thousands of pixels down below 100 import jobs
  // and 500 accounts: a list of them at the top goes to each (the address is the router's).
  view.append(h('nav', { class: 'page-toc', id: 'admin-toc', 'aria-label': t('admin.toc') }, t('admin.toc') + t('punct.colon'),
    ['imports', 'accounts', 'audit'].map((part) => h('button', { type: 'button', class: 'link', 'data-part': part, onclick: () => {
      const head = document.getElementById(part + '-h');
      if (!head) return;
      head.setAttribute('tabindex', '-1');
      head.scrollIntoView({ block: 'start' });
      head.focus({ preventScroll: true });
    } }, t('admin.toc.' + part)))));
  const report = h('section', { class: 'import-report', 'aria-live': 'polite', id: 'import-report' });
  const confirm = h('button', { type: 'button', class: 'primary', id: 'import-confirm', hidden: true }, t('admin.confirm'));
  const form = h('form', { class: 'card', id: 'import-form' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('admin.file')),
        h('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,.xlsx,.json,.jsonl,.txt', required: true })),
      h('div', { class: 'field' }, h('label', { for: 'import-type' }, t('admin.type')),
        h('select', { id: 'import-type', name: 'type' }, KINDS.map((k) => h('option', { value: k }, t('admin.type.' + k)))))),
    // The CLI's --mapping, as the API takes it (the upload's mapping field).
    h('details', { class: 'mapping', id: 'import-mapping-box' }, h('summary', {}, t('admin.mapping.summary')),
      h('div', { class: 'field' }, h('label', { for: 'import-mapping' }, t('admin.mapping')),
        h('p', { class: 'hint', id: 'import-mapping-hint' }, t('admin.mapping.hint')),
        h('textarea', { id: 'import-mapping', name: 'mapping', rows: '2', maxlength: '10000', spellcheck: 'false', 'aria-describedby': 'import-mapping-hint' })),
      // The CLI's --sheet and --default, as the API takes them (sheet, defaults).
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'import-sheet' }, t('admin.sheet')),
          h('p', { class: 'hint', id: 'import-sheet-hint' }, t('admin.sheet.hint')),
          h('input', { id: 'import-sheet', name: 'sheet', type: 'text', maxlength: '100', 'aria-describedby': 'import-sheet-hint' })),
        h('div', { class: 'field' }, h('label', { for: 'import-default-city' }, t('admin.default.city')),
          h('p', { class: 'hint', id: 'import-default-city-hint' }, t('admin.default.city.hint')),
          h('input', { id: 'import-default-city', name: 'default_city', type: 'text', maxlength: '50', 'aria-describedby': 'import-default-city-hint' })),
        h('div', { class: 'field' }, h('label', { for: 'import-default-school' }, t('admin.default.school')),
          h('p', { class: 'hint', id: 'import-default-school-hint' }, t('admin.default.school.hint')),
          h('input', { id: 'import-default-school', name: 'default_school', type: 'text', maxlength: '100', 'aria-describedby': 'import-default-school-hint' })))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'import-dry' }, t('admin.dryrun')), confirm));
  view.append(form, report);
  const reloadImports = renderImportList(view);
  let reloadAudit = null;
  // The accounts come before the audit log, which shows each account disabled or enabled.
  renderAccounts(view, () => reloadAudit && reloadAudit());
  reloadAudit = renderAuditLog(view);

  let runs = 0; // only the latest run draws its report
  const run = async (dryRun) => {
    const seq = ++runs;
    const file = form.file.files[0];
    if (!file) { report.replaceChildren(errorBox({ message: t('admin.need.file') })); form.file.focus(); return; }
    const fd = new FormData();
    fd.append('file', file);
    fd.append('type', form.type.value);
    fd.append('dry_run', dryRun ? 'true' : 'false');
    if (form.mapping.value.trim()) fd.append('mapping', form.mapping.value.trim());
    if (form.sheet.value.trim()) fd.append('sheet', form.sheet.value.trim());
    const defaults = {};
    if (form.default_city.value.trim()) defaults.city = form.default_city.value.trim();
    if (form.default_school.value.trim()) defaults.institution_name = form.default_school.value.trim();
    if (Object.keys(defaults).length) fd.append('defaults', JSON.stringify(defaults));
    const status = h('p', { role: 'status', id: 'import-progress' }, t('admin.running'));
    report.replaceChildren(status);
    confirm.hidden = true;
    try {
      let job = await api('POST', '/api/v1/imports', fd);
      // The job is listed at once, and can be cancelled here or there while it runs.
      reloadImports();
      if (job.status === 'queued' || job.status === 'running') report.append(cancelControl(job, () => {}));
      // The import runs in the background: ask for its state until it ends, however long a
      // large file takes (the page gave up after five minutes and showed a running import's
      // empty counts as its report), and show how far it got.
      for (let i = 0; job.status === 'queued' || job.status === 'running'; i++) {
        await new Promise((res) => setTimeout(res, i < 10 ? 100 : 500));
        if (seq !== runs || !report.isConnected) return;
        job = await api('GET', '/api/v1/imports/' + encodeURIComponent(job.id));
        if (job.progress) status.textContent = progressText(job.progress, dryRun);
      }
      if (seq !== runs) return;
      report.replaceChildren(...showReport(job));
      reloadImports();
      if (dryRun && job.status === 'done' && job.counts && job.counts.written > 0) confirm.hidden = false;
    } catch (err) {
      // A file the API refuses at once (no column for a required field) may be told to use
      // --mapping: this page's column mapping is named instead.
      if (err && typeof err.message === 'string' && /--mapping|--default/.test(err.message)) err.message = webText(err.message);
      if (seq === runs) report.replaceChildren(errorBox(err));
    }
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run(true); });
  confirm.addEventListener('click', () => run(false));
  form.file.addEventListener('change', () => { confirm.hidden = true; report.replaceChildren(); });
  form.type.addEventListener('change', () => { confirm.hidden = true; report.replaceChildren(); });
  for (const f of [form.mapping, form.sheet, form.default_city, form.default_school]) f.addEventListener('input', () => { confirm.hidden = true; });
}

/**
 * progressText tells how far a running import got: rows read, written (a dry run: would write),
 * invalid, and the share and time left where known.
 */
function progressText(p, dryRun) {
  const n = (x) => (x || 0).toLocaleString();
  // Every row is written; the job ends once the search index has them, so that done means found.
  if (p.indexing) return t('admin.progress.indexing', { written: n(p.written) });
  let s = t(dryRun ? 'admin.progress.dry' : 'admin.progress', { rows: n(p.rows), written: n(p.written), invalid: n(p.invalid) });
  if (p.percent) s += t('admin.progress.eta', { pct: Math.min(99, Math.floor(p.percent)), eta: Math.max(1, Math.round(p.eta_seconds || 0)) });
  return s;
}

function showReport(job) {
  const out = [];
  const dry = job.mode === 'dry-run';
  if (job.status === 'failed' || job.error) {
    out.push(errorBox({ message: t('admin.failed', { msg: webText((job.error && job.error.message) || job.stopped || job.status) }) }));
  } else if (job.status === 'cancelled') {
    // Cancelled on this page or another: what was written stays.
    out.push(h('p', { class: 'notice', 'data-notice': 'cancelled' }, cancelledText(job)));
  } else if (job.stopped) {
    // A strict import that found errors, a limit reached: done, but not as asked.
    out.push(errorBox({ message: t('admin.stopped', { msg: webText(job.stopped) }) }));
  }
  const heading = job.status === 'cancelled' ? t('admin.report.cancelled') : job.status === 'failed' ? t('admin.report.failed') : dry ? t('admin.report.dry') : t('admin.report.done');
  out.push(h('h2', { id: 'report-h' }, heading, h('span', { class: 'muted' }, ' · ' + (job.file_name || ''))));
  if (!dry && job.status === 'done' && !job.stopped) {
    out.push(okBox(t('admin.report.done') + t('punct.colon') + t('admin.count.written') + ' ' + (job.counts ? job.counts.written : 0)
      + (job.searchable ? t('admin.report.searchable') : '')));
  }
  // The index did not catch up within the server's bound: written, not all found yet.
  if (job.status === 'done' && job.searchable === false) out.push(h('p', { class: 'notice', 'data-notice': 'not-searchable' }, apiText(job.index_message || '')));
  const c = job.counts || {};
  // A dry run counts what it would write, an import what it wrote.
  const label = (k) => t((k === 'written' || k === 'enterprises_created') && dry ? 'admin.count.' + k + '.dry' : 'admin.count.' + k);
  const figures = ['read', 'written', 'created', 'updated', 'unchanged', 'invalid', 'duplicates', 'warnings'];
  if (c.skipped) figures.push('skipped');
  // A job import creates the enterprises its rows name that are not on record.
  if (c.enterprises_created) figures.push('enterprises_created');
  out.push(h('dl', { class: 'figures' }, figures.map((k) =>
    h('div', { 'data-count': k }, h('dt', {}, label(k)), h('dd', {}, String(c[k] || 0))))));
  if (c.enterprises_created) {
    out.push(h('p', { class: 'notice', 'data-notice': 'enterprises' }, t(dry ? 'admin.enterprises.dry' : 'admin.enterprises.done', { n: c.enterprises_created.toLocaleString() })));
  }
  for (const m of job.existing || []) {
    // Rows of a list imported before under another file name: updated, not duplicated.
    out.push(h('p', { class: 'notice', 'data-notice': 'existing' }, t('admin.existing', { n: m.rows.toLocaleString(), source: m.source,
      what: t(m.updated ? 'admin.existing.updated' : 'admin.existing.beside') })));
  }
  if (job.columns && job.columns.length) {
    out.push(h('details', {}, h('summary', {}, t('admin.columns')), h('table', { class: 'columns' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('admin.column.header')), h('th', { scope: 'col' }, t('admin.column.field')))),
      h('tbody', {}, job.columns.map((col) => h('tr', { 'data-field': col.field || '' },
        h('th', { scope: 'row' }, col.letter + ' ' + col.header), h('td', {}, col.field || !col.note ? fieldCell(job.type, col.field) : t('admin.column.notimported'),
          // Why a column is not imported (a 备注 column may hold internal notes).
          col.note ? h('p', { class: 'hint col-note' }, webText(col.note)) : null)))))));
  }
  if (job.unknown_columns && job.unknown_columns.length) {
    // The columns not imported, with the report's reason where it gives one (a 备注 column
    // may hold internal notes).
    const cols = job.unknown_columns;
    out.push(cols.some((x) => x.note)
      ? h('div', { class: 'notice', 'data-notice': 'unknown' }, t('admin.unknown.notes'),
        h('ul', {}, cols.map((x) => h('li', {}, h('strong', {}, x.letter + ' ' + x.header), x.note ? t('punct.colon') + webText(x.note) : ''))))
      : h('p', { class: 'notice', 'data-notice': 'unknown' }, t('admin.unknown', { cols: cols.map((x) => x.header).join(t('punct.list')) })));
  }
  if (job.unused_mapping && job.unused_mapping.length) {
    out.push(h('p', { class: 'notice', 'data-notice': 'unused-mapping' }, t('admin.unused_mapping', { cols: job.unused_mapping.join(t('punct.list')) })));
  }
  if (job.other_sheets && job.other_sheets.length) {
    // Only one sheet of a workbook is imported: the others with data are named, not left out silently.
    out.push(h('p', { class: 'notice', 'data-notice': 'other-sheets' }, t('admin.other_sheets', { sheets: job.other_sheets.join(t('punct.list')) })));
  }
  if (job.better_type) {
    out.push(h('p', { class: 'notice', 'data-notice': 'better-type' }, t('admin.better_type', { better: t('type.' + job.better_type), chosen: t('type.' + job.type) })));
  }
  const problems = job.errors || [];
  const kinds = job.problem_kinds || [];
  if (job.problem_count > kinds.length && kinds.length) {
    // Some problem repeats: one line per kind, errors first, the most frequent first.
    const order = { error: 0, duplicate: 1, warning: 2, note: 3 };
    const sorted = kinds.slice().sort((a, b) => (order[a.level] - order[b.level]) || (b.count - a.count));
    out.push(h('h3', {}, t('admin.kinds')),
      h('ul', { class: 'problems kinds' }, sorted.map((k) => h('li', { class: 'problem level-' + k.level, 'data-count': String(k.count) },
        t(k.column ? 'admin.kind' : 'admin.kind.nocol', { n: k.count.toLocaleString(), col: k.column || '', msg: apiText(k.message, k.field),
          rows: k.count > 1 ? t('admin.kind.rows', { first: k.first_row, last: k.last_row }) : t('admin.kind.row', { first: k.first_row }) })))));
  }
  if (job.problem_count) {
    out.push(h('h3', {}, t('admin.problems', { n: job.problem_count })),
      h('ul', { class: 'problems' }, problems.map((p) => h('li', { class: 'problem level-' + p.level },
        // A problem of the whole row (a duplicate) names no column.
        t(p.column ? 'admin.problem' : 'admin.problem.nocol', { row: p.row, col: p.column || '', msg: apiText(p.message, p.field) }) + (p.value ? t('punct.paren', { v: p.value }) : '')))));
    if (job.report_url) out.push(h('p', {}, h('a', { href: job.report_url, download: '' }, t('admin.report.csv'))));
  }
  return out;
}

/**
 * fieldCell names the document field a column fills: its name in the current language with
 * the field's code beside it, smaller ("岗位名称 title"), for the kind of the import (job,
 * program …). The code is what a column mapping names; an English name that already says it
 * ("Job title" for title) goes without it, the code then in its title.
 */
function fieldCell(kind, field) {
  if (!field) return t('admin.column.unknown');
  if (field === '-') return t('admin.column.ignored');
  const key = has('import.field.' + kind + '.' + field) ? 'import.field.' + kind + '.' + field : 'import.field.' + field;
  if (!has(key)) return h('code', {}, field);
  const name = t(key);
  const words = name.toLowerCase().split(/[^a-z0-9]+/);
  if (lang() === 'en' && field.toLowerCase().split('_').every((w) => words.includes(w))) return h('span', { title: field }, name);
  return [name, ' ', h('code', { class: 'field-code' }, field)];
}

/**
 * webText is a note of the report in the current language (the API writes "中文 / English"),
 * pointing to this form's column mapping where it names the command line's --mapping.
 */
function webText(msg) {
  const text = apiText(msg);
  const ref = t('admin.mapping.ref');
  // Chinese runs the name of the field into the sentence, without the spaces around the flag.
  const def = t('admin.default.ref');
  return text.replace(/ ?--mapping ?/g, (m) => (lang() === 'en' ? m.replace('--mapping', ref) : ref)).replace(/映射文件/g, ref)
    .replace(/ ?--default ?/g, (m) => (lang() === 'en' ? m.replace('--default', def) : def));
}
