// The form with which an institution's staff or an enterprise's HR complete their own
// record: the fields their role may change (PUT /api/v1/institutions/{id} or
// /api/v1/enterprises/{id}); its name, type, level, codes and designations are the
// administrators'. Without it they could set them with the API only.
import { t, apiText, cityName, districtName } from './i18n.js';
import { api } from './api.js';
import { h, errorBox, okBox, dataText, splitList } from './dom.js';

// FIELDS are the fields each kind's form edits, by their names in the API; tags are a list.
const FIELDS = {
  institution: ['district', 'website', 'tags', 'description'],
  enterprise: ['district', 'website', 'description'],
};

const PATHS = { institution: '/api/v1/institutions/', enterprise: '/api/v1/enterprises/' };

/**
 * recordForm is the form to edit doc, an institution or enterprise (kind), folded away under
 * its heading; saved(doc) is told of the record as saved. The write carries If-Match with the
 * version the form was filled from: a change made meanwhile (by an administrator, another
 * colleague) is refused (409) rather than overwritten.
 */
export function recordForm(kind, doc, saved) {
  let cur = doc;
  const fields = FIELDS[kind];
  const status = h('div', { 'aria-live': 'polite' });
  const control = (name) => {
    const id = 'record-' + name;
    const attrs = { id, name, 'aria-describedby': id + '-error' };
    const value = name === 'tags' ? (cur.tags || []).join('、') : cur[name] || '';
    const el = name === 'description'
      ? h('textarea', { ...attrs, rows: '5', maxlength: '10000' }, value)
      : h('input', { ...attrs, type: name === 'website' ? 'url' : 'text', maxlength: name === 'website' ? '500' : name === 'tags' ? '1000' : '64', value });
    return h('div', { class: 'field' }, h('label', { for: id }, t('record.field.' + name)), el,
      h('p', { class: 'field-error', id: id + '-error', hidden: true }));
  };
  // A verified firm's name went with its credit code: the API refuses HR's rename (403 naming
  // name), which the form says rather than leave HR to wonder where to change it.
  const nameNote = kind === 'enterprise' && doc.verified
    ? h('p', { class: 'muted', id: 'record-name-note' }, t('record.name.verified', { name: doc.name }))
    : null;
  const form = h('form', { class: 'card', id: 'record-form', novalidate: true },
    nameNote,
    ...fields.map(control),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('record.save'))),
    status);
  const box = h('details', { class: 'record-edit' }, h('summary', { id: 'record-h' }, t('record.edit.' + kind)), form);
  const clear = () => {
    status.replaceChildren();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const p of form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = ''; }
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear();
    const f = form.elements;
    const values = Object.fromEntries(fields.map((k) => [k, k === 'tags' ? splitList(f[k].value) : f[k].value.trim()]));
    const body = { ...cur, ...values };
    // (Fields the API sets or works out itself: the version goes as If-Match.)
    for (const k of ['created_at', 'updated_at', 'version', 'verified']) delete body[k];
    try {
      const out = await api('PUT', PATHS[kind] + encodeURIComponent(cur.id) + '?refresh=wait_for', body, { 'If-Match': '"' + cur.version + '"' });
      cur = { ...body, ...(out && typeof out === 'object' ? out : {}) };
      status.append(okBox(t('record.saved')));
      if (saved) saved(cur);
    } catch (err) {
      // The error is said below the form, and at each field it names, by the form's name
      // for it (the API's is website); the first is focused.
      // A stale version (409) is said in the form's words: the API's names If-Match.
      const box = errorBox(err && err.status === 409 ? { message: t('record.conflict') } : err);
      const names = (s) => s.replace(new RegExp('(^|[：:]\\s*)(' + fields.join('|') + ')\\b', 'g'), (m, pre, x) => pre + label(x));
      [box, ...box.querySelectorAll('*')].forEach((n) => {
        for (const c of n.childNodes) if (c.nodeType === 3) c.textContent = names(c.textContent);
      });
      status.append(box);
      const named = ((err && err.details) || []).filter((d) => fields.includes(d.field));
      named.forEach((d, i) => {
        const el = f[d.field];
        const p = form.querySelector('#record-' + d.field + '-error');
        el.setAttribute('aria-invalid', 'true');
        p.textContent = label(d.field) + t('punct.colon') + apiText(d.message || '');
        p.hidden = false;
        if (i === 0) el.focus();
      });
    }
  });
  return box;
}

/**
 * aboutBox shows what the form edits, on the record's page for everyone: its district,
 * description, website and tags, which the page showed nowhere, so that a school's record
 * saved was seen only in the form. update(doc) draws it again, as saved.
 */
export function aboutBox(doc) {
  const box = h('div', { class: 'about', id: 'record-about' });
  box.update = (d) => {
    const line = (key, ...value) => h('p', {}, h('span', { class: 'muted' }, t(key) + t('punct.colon')), ...value);
    const parts = [];
    if (d.district) parts.push(line('about.place', cityName(d.city), ' ', districtName(d.district)));
    if (d.description) parts.push(h('p', { class: 'description' }, dataText(d.description)));
    const site = (d.website || '').trim();
    // The API takes an address without its scheme (www.xjtu.edu.cn), shown as text: the page
    // links to no address it did not check (other schemes are refused by the API).
    if (site) parts.push(line('about.website', /^https?:\/\//i.test(site) ? h('a', { href: site, rel: 'noopener noreferrer' }, site) : site));
    if ((d.tags || []).length) parts.push(line('about.tags', dataText(d.tags.join('、'))));
    box.replaceChildren(...parts);
    box.hidden = parts.length === 0;
  };
  box.update(doc);
  return box;
}

/** label is the form's name of a field, without its hint in brackets: 网站. */
function label(name) {
  return t('record.field.' + name).replace(/\s*[（(].*$/u, '');
}
