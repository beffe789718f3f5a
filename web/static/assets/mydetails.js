// The candidate's own details on #/me: name, contact details, birth date and summary, which
// the candidate corrects themself (PUT of their profile, the rest sent back as read).
import { t } from './i18n.js';
import { api, get } from './api.js';
import { h, errorBox, okBox } from './dom.js';

// FIELDS are the profile's fields the form edits, by the API's name.
const FIELDS = ['name', 'phone', 'email', 'birth_date', 'summary'];

/**
 * detailsForm edits the candidate's name, phone, e-mail, birth date and summary and saves
 * them with PUT onto the profile as the API has it now (what the form does not show, such as
 * education and visibility, is sent back unchanged, with its version: a change made meanwhile
 * elsewhere is kept, not overwritten). saved(doc) redraws what shows the profile.
 */
export function detailsForm(path, cand, saved) {
  const status = h('div', { 'aria-live': 'polite' });
  const input = (name, attrs) => h('div', { class: 'field' },
    h('label', { for: 'me-' + name }, t('me.field.' + name) + (name === 'name' ? ' *' : '')),
    name === 'summary'
      ? h('textarea', { id: 'me-summary', name, rows: '4', maxlength: '2000' }, cand.summary || '')
      : h('input', { id: 'me-' + name, name, value: cand[name] || '', ...attrs }));
  const form = h('form', { class: 'card details', id: 'details-form', novalidate: true, 'aria-labelledby': 'details-h' },
    h('h2', { id: 'details-h' }, t('me.details')),
    h('p', { class: 'hint' }, t('me.details.hint')),
    input('name', { required: true, 'aria-required': 'true', maxlength: '100', autocomplete: 'name' }),
    input('phone', { type: 'tel', maxlength: '40', autocomplete: 'tel', inputmode: 'tel' }),
    input('email', { type: 'email', maxlength: '200', autocomplete: 'email' }),
    input('birth_date', { type: 'date', autocomplete: 'bday' }),
    input('summary'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('me.details.save'))),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    // (form.elements: form.name is the form's own name attribute.)
    const f = form.elements;
    const fields = Object.fromEntries(FIELDS.map((k) => [k, f[k].value.trim()]));
    if (!fields.name) {
      mark(f.name);
      status.append(errorBox({ message: t('me.field.name') + t('punct.colon') + t('a11y.required') }));
      return;
    }
    try {
      const cur = await get(path);
      const doc = { ...cur, ...fields };
      for (const k of ['created_at', 'updated_at']) delete doc[k];
      const out = await api('PUT', path + '?refresh=wait_for', doc);
      status.append(okBox(t('me.details.saved')));
      if (saved) saved({ ...doc, ...(out && typeof out === 'object' ? out : {}) });
    } catch (err) {
      // The API names its fields as the JSON does (birth_date): the form's names for them are
      // said instead, and the fields it names are marked, the first focused.
      const box = errorBox(err);
      // Only where a field is named (after a colon, or first): "is not a phone number" keeps its word.
      // A message that begins with that name already ("phone 电话格式不正确": 电话 电话格式不正确)
      // says it once.
      const names = (s) => s.replace(/(^|: |：)(name|phone|email|birth_date|summary)\b( ?)/g, (m, pre, x, sp, at) => {
        const label = t('me.field.' + x);
        return s.startsWith(label, at + m.length) ? pre : pre + label + sp;
      });
      [box, ...box.querySelectorAll('*')].forEach((n) => {
        for (const c of n.childNodes) if (c.nodeType === 3) c.textContent = names(c.textContent);
      });
      status.append(box);
      const named = ((err && err.details) || []).map((d) => d.field).filter((x) => FIELDS.includes(x));
      named.forEach((x, i) => mark(f[x], i === 0));
    }
  });
  return form;
}

/** mark marks a field invalid and, unless told not to, focuses it. */
function mark(el, focus = true) {
  el.setAttribute('aria-invalid', 'true');
  if (focus) el.focus();
}
