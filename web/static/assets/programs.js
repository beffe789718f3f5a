// The programs part of the institution page: every program (a training institution's
// courses), a filter for a long list, and, for the institution's staff, adding, editing and
// removing them (name, major code, degree, graduates or trainees a year, skills).
import { t, degreeName, skillName, majorName } from './i18n.js';
import { api, get, getAll } from './api.js';
import { h, syntheticBadge, errorBox, okBox, splitList } from './dom.js';

// MAX_PROGRAMS bounds the programs the page reads of one institution.
const MAX_PROGRAMS = 2000;

// FILTER_FROM is the length of list from which a filter box is offered.
const FILTER_FROM = 10;

/**
 * degreesFor are the degrees a program of inst may award, as the API checks them
 * (xiaoqi.DegreesFor): a training institution runs courses (培训), a 专科 college 中专 and 大专
 * programs and training, a 本科 university 大专 up to 博士 and training.
 */
export function degreesFor(inst) {
  if (inst.type === 'training') return ['培训'];
  if (inst.level === '专科') return ['中专', '大专', '培训'];
  if (inst.level === '本科') return ['大专', '本科', '硕士', '博士', '培训'];
  return ['高中', '中专', '大专', '本科', '硕士', '博士', '培训'];
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/**
 * loadPrograms draws the institution's programs into box, sorted as the national catalogue
 * (by major code, which groups them by discipline; those without a code last); mine: the
 * signed-in account may change them, which adds a form and Edit and Remove on each; query
 * fills the filter; changed(programs) is told of an add, edit or removal, with (a promise of)
 * the programs read anew. It answers the programs read ([] when they could not be).
 */
export async function loadPrograms(box, inst, mine, notice, query, changed) {
  const training = inst.type === 'training';
  const formBox = h('div', { class: 'program-form-box' });
  // After a save the list is drawn again, filtered as it was, and the page's other parts
  // that follow from the programs are told (the partners box said the school had none).
  let filterInput = null;
  const reload = (msg) => {
    const next = loadPrograms(box, inst, mine, msg, filterInput ? filterInput.value : '', changed);
    if (changed) changed(next);
    return next;
  };
  const showForm = (prog) => {
    formBox.replaceChildren(programForm(inst, prog, list, (msg) => (msg ? reload(msg) : showForm(null))));
    if (prog) { const h2 = formBox.querySelector('h2'); h2.tabIndex = -1; h2.focus(); }
  };
  let list = [];
  try {
    const ps = await getAll('/api/v1/programs', { institution_id: inst.id }, MAX_PROGRAMS);
    list = (ps.data || []).slice().sort((a, b) =>
      (a.major_code || '\uffff').localeCompare(b.major_code || '\uffff') || a.name.localeCompare(b.name, 'zh'));
    const items = list.map((p) => programItem(p, training, mine, () => showForm(p), reload));
    const ul = h('ul', { class: 'programs-list' }, items);
    let filter = null;
    if (list.length > FILTER_FROM) {
      // A school of 90 programs: a box narrows the list to those whose name, code or skills
      // hold what is typed, and says how many it shows.
      const count = h('p', { class: 'muted', id: 'programs-filter-count', 'aria-live': 'polite' });
      const input = h('input', { id: 'programs-filter', type: 'search', maxlength: '100', value: query || '', 'aria-describedby': 'programs-filter-count' });
      filterInput = input;
      const apply = () => {
        const q = input.value.trim().toLowerCase();
        let n = 0;
        list.forEach((p, i) => {
          const hay = [p.name, majorName(p.name, p.major_code), p.major_code || '', ...(p.skills || []), ...(p.skills || []).map(skillName)].join(' ').toLowerCase();
          const show = !q || hay.includes(q);
          items[i].hidden = !show;
          // The skills the words match are marked, also those past the ten a card shows.
          const line = items[i].querySelector(':scope > p.skills');
          if (line) line.replaceWith(skillsLine(p, show ? q : ''));
          if (show) n++;
        });
        count.textContent = q ? t(training ? 'prog.filter.count.courses' : 'prog.filter.count', { n, total: list.length }) : '';
      };
      input.addEventListener('input', apply);
      filter = h('div', { class: 'field programs-filter' }, h('label', { for: 'programs-filter' }, t(training ? 'prog.filter.courses' : 'prog.filter')), input, count);
      if (query) apply();
    }
    box.replaceChildren(h('h2', { id: 'programs-h' }, t(training ? 'inst.courses' : 'inst.programs', { n: list.length + (ps.more ? '+' : '') })),
      notice || '', mine ? formBox : '', filter || '', ul);
    if (mine) showForm(null);
    if (notice) { const h2 = box.querySelector('h2'); h2.tabIndex = -1; h2.focus(); }
  } catch (err) { box.replaceChildren(errorBox(err)); }
  return list;
}

// SKILLS_SHOWN is how many of a program's skills its card names.
const SKILLS_SHOWN = 10;

/**
 * skillsLine names the first SKILLS_SHOWN skills of program p; those the filter's words q
 * (lower case) match are marked, and those of them past the first are named too, marked: a
 * program the filter shows says why (its 12th skill was found, and not seen).
 */
function skillsLine(p, q) {
  const all = p.skills || [];
  if (!all.length) return null;
  const hit = (x) => !!q && (x.toLowerCase().includes(q) || skillName(x).toLowerCase().includes(q));
  const shown = all.slice(0, SKILLS_SHOWN).concat(all.slice(SKILLS_SHOWN).filter(hit));
  const out = [];
  shown.forEach((x, i) => {
    if (i) out.push(t('punct.list'));
    out.push(hit(x) ? h('mark', {}, skillName(x)) : skillName(x));
  });
  return h('p', { class: 'skills' }, out);
}

/** programItem is one program's card; mine adds Edit and Remove (after a confirmation). */
function programItem(p, training, mine, edit, reload) {
  const li = h('li', { class: 'card', 'data-program': p.id },
    h('h3', {}, majorName(p.name, p.major_code), ' ', syntheticBadge(p.synthetic)),
    h('p', { class: 'muted' }, [p.major_code, degreeName(p.degree), p.graduates_per_year ? t(training ? 'inst.course.trainees' : 'inst.program.grads', { n: p.graduates_per_year }) + (p.graduates_estimated ? t('estimate.paren') : '') : ''].filter(Boolean).join(' · ')),
    skillsLine(p, ''));
  if (!mine) return li;
  const status = h('div', { 'aria-live': 'polite' });
  const remove = h('button', { type: 'button', 'data-action': 'remove-program' }, t('prog.remove'));
  const confirm = h('div', { class: 'confirm notice error', hidden: true, role: 'group' },
    h('p', {}, t(training ? 'prog.remove.confirm.course' : 'prog.remove.confirm', { name: p.name })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', 'data-action': 'remove-program-confirm', onclick: async () => {
        status.replaceChildren();
        try {
          await api('DELETE', '/api/v1/programs/' + encodeURIComponent(p.id) + '?refresh=wait_for');
          await reload(okBox(t('prog.removed', { name: p.name })));
        } catch (err) { status.append(errorBox(err)); }
      } }, t('prog.remove.yes')),
      h('button', { type: 'button', onclick: () => { confirm.hidden = true; remove.focus(); } }, t('hr.form.cancel'))));
  remove.onclick = () => { confirm.hidden = false; confirm.querySelector('button').focus(); };
  li.append(h('div', { class: 'actions' }, h('button', { type: 'button', 'data-action': 'edit-program', onclick: edit }, t('prog.edit')), remove), confirm, status);
  return li;
}

/**
 * programForm adds (POST /api/v1/programs) or edits (PUT /api/v1/programs/{id}) a program of
 * inst, whose programs are existing; done(notice) after a save, done(null) on cancel.
 */
function programForm(inst, prog, existing, done) {
  const training = inst.type === 'training';
  const degrees = degreesFor(inst);
  const v = prog || { degree: degrees.includes('本科') ? '本科' : degrees.includes('大专') ? '大专' : degrees[0] };
  const opts = (v.degree && !degrees.includes(v.degree) ? [v.degree] : []).concat(degrees)
    .map((d) => h('option', { value: d, selected: d === v.degree ? true : null }, degreeName(d)));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'program-form', novalidate: true },
    h('h2', { id: 'program-form-h' }, prog ? t('prog.form.edit', { name: majorName(prog.name, prog.major_code) }) : t(training ? 'prog.form.new.course' : 'prog.form.new')),
    field('prog-name', t(training ? 'prog.form.name.course' : 'prog.form.name') + ' *', h('input', { id: 'prog-name', name: 'name', required: true, 'aria-required': 'true', maxlength: '200', value: v.name || '' })),
    h('div', { class: 'row' },
      field('prog-code', t('prog.form.code'), h('input', { id: 'prog-code', name: 'major_code', maxlength: '8', value: v.major_code || '', 'aria-describedby': 'prog-code-hint' })),
      field('prog-degree', t('prog.form.degree'), h('select', { id: 'prog-degree', name: 'degree' }, opts)),
      field('prog-grads', t(training ? 'prog.form.trainees' : 'prog.form.grads'), h('input', { id: 'prog-grads', name: 'graduates_per_year', type: 'number', min: '0', max: '50000', value: v.graduates_per_year ? String(v.graduates_per_year) : '' }))),
    h('p', { class: 'hint', id: 'prog-code-hint' }, t('prog.form.code.hint')),
    field('prog-skills', t('prog.form.skills'), h('input', { id: 'prog-skills', name: 'skills', maxlength: '1000', value: (v.skills || []).join('、') })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t(prog ? 'prog.form.save' : 'prog.form.add')),
      prog ? h('button', { type: 'button', onclick: () => done(null) }, t('hr.form.cancel')) : null),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    // (form.elements: form.name is the form's own name attribute.)
    const f = form.elements;
    const grads = f.graduates_per_year.value.trim();
    const fields = {
      name: f.name.value.trim(), major_code: f.major_code.value.trim().toUpperCase(), degree: f.degree.value,
      graduates_per_year: grads === '' ? 0 : Number(grads), skills: splitList(f.skills.value),
    };
    if (!fields.name) {
      f.name.setAttribute('aria-invalid', 'true');
      f.name.focus();
      status.append(errorBox({ message: t(training ? 'prog.form.name.course' : 'prog.form.name') + t('punct.colon') + t('a11y.required') }));
      return;
    }
    // The API takes a program of the school's major code and degree (or, without a code, its
    // name) as that program: "adding" 软件工程（中外合作办学） 080902 would overwrite 软件工程,
    // and an edit to another program's code and degree is refused (409).
    const same = existing.find((x) => (!prog || x.id !== prog.id) && x.degree === fields.degree &&
      (fields.major_code ? x.major_code === fields.major_code : !x.major_code && x.name === fields.name));
    if (same) {
      const el = fields.major_code ? f.major_code : f.name;
      el.setAttribute('aria-invalid', 'true');
      el.focus();
      status.append(errorBox({ message: t(fields.major_code ? 'prog.form.code' : 'prog.form.name') + t('punct.colon') +
        t(prog ? 'prog.form.duplicate.edit' : 'prog.form.duplicate', { name: majorName(same.name, same.major_code), code: same.major_code || '—', degree: degreeName(same.degree) }) }));
      return;
    }
    try {
      let saved;
      if (prog) {
        const cur = await get('/api/v1/programs/' + encodeURIComponent(prog.id));
        // The version the form was filled from: a change made since is a conflict (409).
        const doc = { ...cur, ...fields, version: prog.version };
        for (const k of ['created_at', 'updated_at']) delete doc[k];
        // A figure the staff typed is theirs, no longer the import's estimate.
        if ((cur.graduates_per_year || 0) !== fields.graduates_per_year) doc.graduates_estimated = false;
        saved = await api('PUT', '/api/v1/programs/' + encodeURIComponent(prog.id) + '?refresh=wait_for', doc);
      } else {
        saved = await api('POST', '/api/v1/programs?refresh=wait_for', { ...fields, institution_id: inst.id });
      }
      await done(okBox(t(prog ? 'prog.saved' : 'prog.added', { name: saved.name || fields.name })));
    } catch (err) {
      // The API names its fields as the JSON does (graduates_per_year): the form's names for
      // them are said instead, and the field the error names is marked and focused.
      status.append(programErrorBox(err, form));
      const named = ((err && err.details) || []).map((d) => d.field).find((x) => FORM_FIELDS.includes(x)) ||
        ['major_code', 'graduates_per_year'].find((x) => ((err && err.message) || '').includes(x));
      const el = named && form.elements[named];
      if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); }
    }
  });
  return form;
}

// FORM_FIELDS are the fields of a program the form edits, by their names in the API.
const FORM_FIELDS = ['name', 'major_code', 'degree', 'graduates_per_year', 'skills'];

/** fieldLabel is the form's name of the field name (the API's), without its hint in brackets or its mark of required. */
function fieldLabel(form, name) {
  const el = form.elements[name];
  const label = el && form.querySelector('label[for="' + el.id + '"]');
  return label ? label.textContent.replace(/\s*\*\s*$/, '').replace(/\s*[（(].*$/u, '') : name;
}

/**
 * programErrorBox is errorBox of an error about a program, with the form's names of its
 * fields: one with an underscore anywhere (graduates_per_year), another where a message names
 * it (after a colon: "专业有误：name 不能为空"), not an English word of the prose.
 */
function programErrorBox(err, form) {
  const box = errorBox(err);
  const names = (text) => text.replace(/\b(major_code|graduates_per_year)\b/g, (f) => fieldLabel(form, f))
    .replace(/(^|[：:]\s*)(name|degree|skills)\b/g, (m, pre, f) => pre + fieldLabel(form, f));
  [box, ...box.querySelectorAll('*')].forEach((n) => {
    for (const c of n.childNodes) if (c.nodeType === 3) c.textContent = names(c.textContent);
  });
  return box;
}
