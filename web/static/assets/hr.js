// The HR page of an enterprise: its job needs, a form to publish or edit one, matching
// candidates (anonymised) for a job, suggested partner schools with their explanations, and
// the partnership workflow.
import { t, pick, apiText, sectorName, cityName, districtName, regionName, degreeName, languageName, skillName, majorName, experienceName, experienceText, salaryText, jobsFound, instName } from './i18n.js';
import { api, get, getAll, currentUser } from './api.js';
import { h, syntheticBadge, unverifiedBadge, errorBox, okBox, loading, factors, scoreText, dataText, splitList } from './dom.js';
import { matchCard, partnershipList, partnershipsByOther, updateCards, institutionNamesEN, partyRecords, signInHint, canAct, MAX_PARTNERSHIPS } from './partners.js';
import { CITIES } from './explore.js';
import { directory, finderHits, finderOut } from './directory.js';
import { recordForm, aboutBox } from './record.js';

const SECTORS = ['software', 'it_ops', 'info_systems', 'telecom', 'internet', 'medical', 'biomedicine', 'energy',
  'engineering_design', 'film_media', 'animation', 'digital_publishing', 'logistics', 'finance'];
// JOBS_PAGE is how many job needs the list shows at first and adds per click of 显示更多.
const JOBS_PAGE = 50;
// MAX_JOBS bounds the job needs the page reads of one enterprise.
const MAX_JOBS = 5000;

/** jobTime is when a job need was posted, else created: the list's order, newest first. */
function jobTime(j) { return Date.parse(j.posted_at || j.created_at || '') || 0; }
// The experience a job need asks for, as postings write it (search reads each as a range of years).
const EXPERIENCES = ['不限', '应届生', '1年以下', '1-3年', '3-5年', '5-10年', '10年以上'];
// The degrees the API takes for a job need (JobNeed.Degree), lowest first.
const DEGREES = ['不限', '高中', '中专', '大专', '本科', '硕士', '博士'];

/**
 * renderHR draws #/hr (a finder, or without words the signed-in HR's enterprise) or
 * #/hr/{enterprise id}.
 */
export async function renderHR(view, r, ctx) {
  const u = currentUser();
  // The menu's 企业招聘 takes HR to their own enterprise; a search (#/hr?q=Java) is theirs too.
  if (!r.arg && !r.params.get('q') && u && u.role === 'enterprise' && u.enterprise_id) {
    location.replace('#/hr/' + encodeURIComponent(u.enterprise_id));
    return;
  }
  if (!r.arg) return finder(view, r, ctx);
  const id = r.arg;
  const ent = await get('/api/v1/enterprises/' + encodeURIComponent(id));
  if (!ctx.isCurrent()) return;
  const mine = canAct('enterprise', id);
  // The API's enterprise answer says whether its 统一社会信用代码 is valid; a job need carries no
  // flag of its own: it is as verified as its enterprise.
  const verified = ent.verified;
  view.append(h('h1', {}, dataText(ent.name), ' ', syntheticBadge(ent.synthetic), ' ', unverifiedBadge(verified)),
    h('p', { class: 'lead' }, [cityName(ent.city), regionName(ent.region), ...(ent.sectors || []).map(sectorName)].filter(Boolean).join(' · ')));
  const about = aboutBox(ent);
  view.append(about);
  if (!mine) view.append(signInHint('enterprise'));
  else view.append(recordForm('enterprise', ent, about.update));

  const jobsBox = h('section', { class: 'jobs', 'aria-labelledby': 'jobs-h' }, loading('jobs-h'));
  const formBox = h('section', { class: 'job-form' });
  // Only the panel's status is live (loading, then how many were found): the whole panel was,
  // with a live region in each card, and its messages were read out twice.
  const candStatus = h('p', { class: 'sr-only', 'aria-live': 'polite', id: 'candidates-status' });
  const candBox = h('section', { class: 'candidates', id: 'candidates' });
  const partnersBox = h('section', { class: 'partners', 'aria-labelledby': 'partners-h' }, h('h2', { id: 'partners-h' }, t('hr.partners')), loading());
  const psBox = h('section', { class: 'proposals', 'aria-labelledby': 'proposals-h' }, h('h2', { id: 'proposals-h' }, t('hr.partnerships')), loading());
  view.append(h('div', { class: 'two-col wide' }, h('div', {}, jobsBox), h('div', {}, formBox, candBox, candStatus)),
    h('div', { class: 'two-col wide' }, h('div', {}, partnersBox), h('div', {}, psBox)));

  // The form to edit a job replaces the one to publish a new one, away from the job's button
  // (below the list, on a phone): the focus goes to its heading. Saved or cancelled, the focus
  // goes to the notice of the save, or back to the job's edit button.
  const showForm = (job) => {
    formBox.replaceChildren();
    if (!mine) return;
    const form = jobForm(ent, job, async (saved) => {
      await loadJobs();
      showForm(null);
      const back = saved || (job && jobsBox.querySelector(`li[data-id="${CSS.escape(job.id)}"] [data-action=edit]`));
      if (saved) formBox.prepend(saved);
      if (back) { if (saved) saved.tabIndex = -1; back.focus(); }
    });
    formBox.append(form);
    if (job) { const h2 = form.querySelector('h2'); h2.tabIndex = -1; h2.focus(); }
  };
  // The job a link names (#/hr/{id}?job={job id}, a search hit) is marked, and the page goes
  // to it: the router focuses the element marked data-focus instead of the h1.
  const target = r.params.get('job') || '';
  // Where the link came from: a job suggested to a candidate on their page (from=me) is not
  // one "found by search".
  const targetLabel = r.params.get('from') === 'me' ? 'hr.job.target.suggested' : 'hr.job.target';
  // How many jobs the list shows: JOBS_PAGE, and JOBS_PAGE more per click of 显示更多; kept
  // when the list is drawn again after a save, so that the job just edited stays in view.
  let shown = JOBS_PAGE;
  const loadJobs = async (mark) => {
    try {
      // Every job need of the firm (a few hundred at most, read page after page), newest
      // first: the store lists them in the order of their ids.
      const all = await getAll('/api/v1/jobs', { enterprise_id: id }, MAX_JOBS);
      const list = all.data.sort((x, y) => jobTime(y) - jobTime(x) || (x.id < y.id ? -1 : 1));
      let found = mark && list.find((j) => j.id === mark);
      if (mark && !found && all.more) {
        // A link to a job past what was read: it is shown first, marked.
        const j = await get('/api/v1/jobs/' + encodeURIComponent(mark)).catch(() => null);
        if (j && j.enterprise_id === id) list.unshift((found = j));
      }
      if (found) shown = Math.max(shown, list.indexOf(found) + 1);
      const item = (j) => jobItem(j, verified, mine, () => showForm(j), () => showCandidates(candBox, candStatus, j, canContact(id)), j === found && targetLabel, () => setStatus(j));
      const ul = h('ul', { class: 'job-list' }, list.slice(0, shown).map(item));
      // More jobs than shown: a button shows the next JOBS_PAGE; the focus goes to the first
      // job added.
      const more = h('button', { type: 'button', class: 'more', 'data-action': 'more-jobs' }, t('hr.jobs.more'));
      more.onclick = () => {
        const items = list.slice(shown, shown + JOBS_PAGE).map(item);
        shown += JOBS_PAGE;
        ul.append(...items);
        if (shown >= list.length) more.remove();
        const h3 = items.length && items[0].querySelector('h3');
        if (h3) { h3.tabIndex = -1; h3.focus(); }
      };
      // How many of them are closed: the count is of every job need, open or not.
      const closed = list.filter((j) => j.status === 'closed').length;
      const n = list.length + (all.more ? '+' : '');
      jobsBox.replaceChildren(h('h2', { id: 'jobs-h' }, closed ? t('hr.jobs.withclosed', { n, c: closed }) : t('hr.jobs', { n })),
        ...(mark && !found ? [h('p', { class: 'notice', 'data-notice': 'job-missing' }, t('hr.job.missing'))] : []),
        list.length ? ul : h('p', { class: 'muted' }, t('hr.jobs.none')),
        shown < list.length ? more : '');
      if (found) jobsBox.querySelector('.job.target').scrollIntoView({ block: 'center' });
    } catch (err) { jobsBox.replaceChildren(errorBox(err)); }
  };
  // setStatus closes an open job need (招聘结束: no longer matched) or reopens a closed one,
  // from the version the list shows: a change made meanwhile elsewhere is a conflict, said
  // above the list. The focus goes to the notice.
  const setStatus = async (job) => {
    const closing = job.status !== 'closed';
    let notice;
    try {
      const cur = await get('/api/v1/jobs/' + encodeURIComponent(job.id));
      const doc = { ...cur, status: closing ? 'closed' : 'open', version: job.version };
      for (const k of ['created_at', 'updated_at']) delete doc[k];
      const saved = await api('PUT', '/api/v1/jobs/' + encodeURIComponent(job.id) + '?refresh=wait_for', doc);
      notice = okBox(t(closing ? 'hr.closed.done' : 'hr.reopened', { title: saved.title || job.title }));
    } catch (err) {
      // Reopening a job of the title and place of another open one is refused naming it.
      notice = jobErrorBox(err);
    }
    await loadJobs();
    notice.tabIndex = -1;
    jobsBox.querySelector('h2').after(notice);
    notice.focus();
  };
  // loadPartnerships draws the enterprise's partnerships and answers their list ([] when it
  // could not be read); the suggested schools' cards show their status anew (a partnership
  // accepted or started here).
  const loadPartnerships = async (notice) => {
    try {
      const ps = await getAll('/api/v1/partnerships', { enterprise_id: id }, MAX_PARTNERSHIPS);
      const parties = await partyRecords('institution', ps.data.map((p) => p.institution_id));
      if (ctx.isCurrent()) {
        psBox.replaceChildren(h('h2', { id: 'proposals-h' }, t('hr.partnerships')), notice || '', partnershipList(ps.data, 'enterprise', id, loadPartnerships, parties));
        updateCards(partnersBox, ps.data, 'enterprise');
      }
      return ps.data;
    } catch (err) {
      psBox.replaceChildren(h('h2', { id: 'proposals-h' }, t('hr.partnerships')), errorBox(err));
      return [];
    }
  };
  showForm(null);
  const partnerships = loadPartnerships();
  await Promise.all([
    loadJobs(target),
    partnerships,
    (async () => {
      try {
        // A suggested school the enterprise already has a partnership with shows its status.
        const [ms, list] = await Promise.all([get('/api/v1/enterprises/' + encodeURIComponent(id) + '/partners', { limit: 5 }), partnerships]);
        const existing = partnershipsByOther(list, 'enterprise');
        partnersBox.replaceChildren(h('h2', { id: 'partners-h' }, t('hr.partners')),
          ...(ms.data && ms.data.length ? ms.data.map((m) => matchCard(m, 'enterprise', id, loadPartnerships, existing.get(m.institution.id))) : [h('p', { class: 'muted' }, pick(ms.zh, ms.en) || t('match.none'))]));
      } catch (err) { partnersBox.append(errorBox(err)); }
    })(),
  ]);
}

/**
 * jobItem is one job of the list; target, the key of its badge's text, marks the job a link
 * named (a search hit, a job suggested to a candidate).
 */
function jobItem(j, verified, mine, edit, match, target, setStatus) {
  const closed = j.status === 'closed';
  const meta = [cityName(j.city), districtName(j.district), degreeName(j.degree), experienceText(j.experience), j.headcount ? t(j.headcount === 1 ? 'hr.job.headcount.one' : 'hr.job.headcount', { n: j.headcount }) : '', salaryText(j)].filter(Boolean);
  return h('li', { class: 'card job' + (target ? ' target' : '') + (closed ? ' closed' : ''), 'data-id': j.id, 'data-status': closed ? 'closed' : 'open' },
    target ? h('p', { class: 'badge here' }, t(target)) : null,
    h('h3', target ? { tabindex: '-1', 'data-focus': '' } : {}, dataText(j.title), ' ', closed ? h('span', { class: 'badge closed' }, t('hr.job.closed')) : null, ' ', syntheticBadge(j.synthetic), ' ', unverifiedBadge(verified)),
    h('p', { class: 'muted' }, dataText(meta.join(' · '))),
    j.skills && j.skills.length ? h('p', { class: 'skills' }, dataText(j.skills.map(skillName).join(t('punct.list')))) : null,
    // What the posting says of the work, folded (open on the job a link named): the page
    // listed a firm's postings without it, and the search snippet was all a reader saw.
    j.description ? h('details', { class: 'job-desc', open: !!target }, h('summary', {}, t('hr.job.description')), h('p', {}, dataText(j.description))) : null,
    h('div', { class: 'actions' },
      // A closed job need has no candidates (the API answers 409): no button for them.
      closed ? null : h('button', { type: 'button', 'data-action': 'match', onclick: match }, t('hr.job.match')),
      mine ? h('button', { type: 'button', 'data-action': 'edit', onclick: edit }, t('hr.job.edit')) : null,
      mine ? h('button', { type: 'button', 'data-action': closed ? 'reopen' : 'close', onclick: setStatus }, t(closed ? 'hr.job.reopen' : 'hr.job.close')) : null));
}

/** canContact reports whether the signed-in user is HR of enterprise id (the contact endpoint is for HR only). */
function canContact(id) {
  const u = currentUser();
  return !!u && u.role === 'enterprise' && u.enterprise_id === id;
}

// candidatesSeq numbers the requests of showCandidates: only the latest may draw.
let candidatesSeq = 0;

/**
 * showCandidates draws the matching candidates of job in box. A click on another job's (or
 * the same job's) button before the answer came starts another request: the earlier answer
 * is then dropped, so that the panel holds one list, of the job it names.
 */
async function showCandidates(box, status, job, contact) {
  const seq = ++candidatesSeq;
  box.replaceChildren(h('h2', { id: 'cands-h', tabindex: '-1' }, t('hr.candidates', { title: job.title })), h('p', { class: 'muted' }, t('app.loading')));
  status.textContent = t('app.loading');
  box.querySelector('h2').focus();
  try {
    const ms = await get('/api/v1/jobs/' + encodeURIComponent(job.id) + '/candidates', { limit: 5 });
    if (seq !== candidatesSeq) return;
    box.querySelector('p.muted')?.remove();
    const n = (ms.data || []).length;
    const none = pick(ms.zh, ms.en) || t('match.none');
    status.textContent = n ? t('hr.candidates.found', { n }) : none;
    if (!n) { box.append(h('p', { class: 'muted' }, none)); return; }
    // The schools by their English names too on an English page.
    const names = await institutionNamesEN(ms.data.map((m) => (shownStudies(m.candidate || {}) || {}).institution_id));
    if (seq !== candidatesSeq) return;
    box.append(h('ol', { class: 'cand-list' }, ms.data.map((m) => {
      const c = m.candidate || {};
      const edu = shownStudies(c);
      return h('li', { class: 'card match', 'data-id': c.id },
        h('div', { class: 'match-head' }, h('h3', {}, t('hr.candidate', { id: (c.id || '').slice(0, 12) })), ' ', syntheticBadge(c.synthetic),
          h('span', { class: 'score' }, scoreText(m.score))),
        h('p', { class: 'muted' }, [cityName(c.city || ''), degreeName(c.degree), edu ? t('hr.candidate.edu', { year: edu.graduation_year || '', school: instName(edu.institution_name || '', names[edu.institution_id]), major: majorName(edu.major || '', edu.major_code) }) : '', (c.languages || []).map(languageName).join(t('punct.list'))].filter(Boolean).join(' · ')),
        factors(m.factors),
        contact && c.id ? contactBox(c.id) : null);
    })));
  } catch (err) {
    if (seq === candidatesSeq) { status.textContent = ''; box.append(errorBox(err)); }
  }
}

/**
 * shownStudies are the studies a candidate's card names beside their degree: those of that
 * degree (the latest of them), else the latest; a profile may list its 本科 before its 硕士.
 */
function shownStudies(c) {
  const year = (e) => Number(e.graduation_year) || 0;
  const latest = (list) => list.reduce((a, e) => (!a || year(e) >= year(a) ? e : a), null);
  const all = c.education || [];
  return latest(all.filter((e) => c.degree && e.degree === c.degree)) || latest(all);
}

/**
 * contactBox is the "view contact details" control of one candidate card: the button opens a
 * form in the card that asks why (the reason goes to the audit log the candidate reads), then
 * GET /api/v1/candidates/{id}/contact shows name, phone and e-mail with the API's notice.
 */
function contactBox(id) {
  const key = id.replace(/[^A-Za-z0-9_-]/g, '_');
  const out = h('div', { class: 'contact-out', 'aria-live': 'polite' });
  const input = h('input', { id: 'reason-' + key, name: 'reason', required: true, minlength: '2', maxlength: '200',
    autocomplete: 'off', placeholder: t('contact.reason.placeholder'), 'aria-describedby': 'reason-hint-' + key });
  const form = h('form', { class: 'contact-form', id: 'contact-form-' + key, hidden: true, novalidate: true },
    h('label', { for: 'reason-' + key }, t('contact.reason')),
    h('p', { class: 'hint', id: 'reason-hint-' + key }, t('contact.reason.hint')),
    h('div', { class: 'propose' }, input, h('button', { type: 'submit', class: 'primary' }, t('contact.submit'))));
  const btn = h('button', { type: 'button', 'data-action': 'contact', 'aria-expanded': 'false', 'aria-controls': 'contact-form-' + key,
    onclick: () => {
      form.hidden = !form.hidden;
      btn.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) input.focus();
    } }, t('contact.show'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    const reason = input.value.trim();
    if ([...reason].length < 2) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      out.append(errorBox({ message: t('contact.reason') + t('punct.colon') + t('contact.reason.short') }));
      return;
    }
    input.removeAttribute('aria-invalid');
    try {
      const r = await get('/api/v1/candidates/' + encodeURIComponent(id) + '/contact', { reason });
      form.hidden = true;
      btn.hidden = true;
      out.append(h('dl', { class: 'contact' },
        h('dt', {}, t('contact.name')), h('dd', { class: 'contact-name' }, r.name || ''),
        h('dt', {}, t('contact.phone')), h('dd', { class: 'contact-phone' }, r.phone || t('contact.none')),
        h('dt', {}, t('contact.email')), h('dd', { class: 'contact-email' }, r.email || t('contact.none'))),
      h('p', { class: 'notice', role: 'status' }, apiText(r.notice || '')));
    } catch (err) {
      // The API says why (no consent; or contact public for verified firms only, and this
      // one is not): its words in the page's language.
      if (err && err.status === 403) out.append(h('div', { class: 'notice error', role: 'alert' }, err.message ? apiText(err.message) : t('contact.refused')));
      else out.append(errorBox(err));
    }
  });
  return h('div', { class: 'contact-box' }, h('div', { class: 'actions' }, btn), form, out);
}

/**
 * fieldNames says the API's names of a job need's fields in a text by the form's names: one
 * with an underscore anywhere (salary_min), another where a message names it (after a colon,
 * "岗位需求有误：title 不能为空"), not an English word of the prose ("of this title").
 */
function fieldNames(text) {
  // The field a message begins with ("salary_min: 月薪以元计…"): its name and the colon of the
  // page's language (月薪下限：, not 月薪下限: ).
  return text.replace(/^(salary_min|salary_max|title|city|district|sector|degree|experience|headcount|skills|languages|description): /, (m, f) => label(f) + t('punct.colon'))
    .replace(/\b(salary_min|salary_max)\b/g, (f) => label(f))
    .replace(/(^|[：:]\s*)(title|city|district|sector|degree|experience|headcount|skills|languages|description)\b/g, (m, pre, f) => pre + label(f));
}

/** jobErrorBox is errorBox of an error about a job need, with the form's names of its fields. */
function jobErrorBox(err) {
  const box = errorBox(err);
  [box, ...box.querySelectorAll('*')].forEach((n) => {
    for (const c of n.childNodes) if (c.nodeType === 3) c.textContent = fieldNames(c.textContent);
  });
  return box;
}

/** label is the form's name of a job need's field, without its hint in brackets: 月薪上限. */
function label(name) {
  return t('hr.form.' + name).replace(/\s*[（(].*$/u, '');
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/**
 * options are the <option>s of a select of list, value selected. A value the list lacks (a
 * job imported with 陕西省 as its city, 培训 as its degree) is offered first, marked as the
 * job's own, so that editing another field never changes it silently; no value at all is
 * offered as such ("not given"), or as empty, the prompt of a select that has one ("choose").
 */
function options(list, value, name, empty) {
  const out = [];
  if (value && !list.includes(value)) out.push(h('option', { value, selected: true }, name(value) + t('hr.form.current')));
  if (empty || !value) out.push(h('option', { value: '', selected: value ? null : true }, empty || t('hr.form.unset')));
  return out.concat(list.map((x) => h('option', { value: x, selected: x === value ? true : null }, name(x))));
}

/** jobForm publishes (POST /api/v1/jobs) or edits (PUT /api/v1/jobs/{id}) a job need. */
function jobForm(ent, job, done) {
  const v = job || { city: ent.city, degree: '本科', headcount: 1, sector: (ent.sectors || [])[0] || '' };
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'job-form', novalidate: true },
    h('h2', { id: 'form-h' }, job ? t('hr.form.edit', { title: job.title }) : t('hr.form.new')),
    field('job-title', t('hr.form.title') + ' *', h('input', { id: 'job-title', name: 'title', required: true, maxlength: '200', value: v.title || '', 'aria-required': 'true' })),
    h('div', { class: 'row' },
      field('job-city', t('hr.form.city'), h('select', { id: 'job-city', name: 'city' }, options(CITIES.map((c) => c.name), v.city, cityName))),
      field('job-district', t('hr.form.district'), h('input', { id: 'job-district', name: 'district', maxlength: '64', value: v.district || '' }))),
    h('div', { class: 'row' },
      field('job-sector', t('hr.form.sector'), h('select', { id: 'job-sector', name: 'sector' }, options(SECTORS, v.sector, sectorName, t('hr.form.none')))),
      field('job-degree', t('hr.form.degree'), h('select', { id: 'job-degree', name: 'degree' }, options(DEGREES, v.degree, degreeName))),
      field('job-experience', t('hr.form.experience'), h('select', { id: 'job-experience', name: 'experience' }, options(EXPERIENCES, v.experience, experienceName)))),
    h('div', { class: 'row' },
      field('job-headcount', t('hr.form.headcount'), h('input', { id: 'job-headcount', name: 'headcount', type: 'number', min: '1', max: '10000', value: v.headcount ? String(v.headcount) : '' })),
      field('job-salary-min', t('hr.form.salary_min'), h('input', { id: 'job-salary-min', name: 'salary_min', type: 'number', min: '0', step: '100', value: v.salary_min ? String(v.salary_min) : '' })),
      field('job-salary-max', t('hr.form.salary_max'), h('input', { id: 'job-salary-max', name: 'salary_max', type: 'number', min: '0', step: '100', value: v.salary_max ? String(v.salary_max) : '' }))),
    field('job-skills', t('hr.form.skills'), h('input', { id: 'job-skills', name: 'skills', maxlength: '1000', value: (v.skills || []).join('、') })),
    field('job-languages', t('hr.form.languages'), h('input', { id: 'job-languages', name: 'languages', maxlength: '200', value: (v.languages || []).join('、') })),
    field('job-description', t('hr.form.description'), h('textarea', { id: 'job-description', name: 'description', rows: '4', maxlength: '10000' }, v.description || '')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t(job ? 'hr.form.submit.edit' : 'hr.form.submit.new')),
      job ? h('button', { type: 'button', onclick: () => done(null) }, t('hr.form.cancel')) : null),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    // wrong marks the field and says what is wrong with it, by the name the form gives it.
    const wrong = (name, msg) => {
      const el = form.elements[name];
      el.setAttribute('aria-invalid', 'true');
      el.focus();
      status.append(errorBox({ message: label(name) + t('punct.colon') + msg }));
    };
    const num = (x) => (x.trim() === '' ? 0 : Number(x));
    const fields = {
      title: form.title.value.trim(), city: form.city.value, district: form.district.value.trim(), sector: form.sector.value,
      degree: form.degree.value, experience: form.experience.value, headcount: num(form.headcount.value), skills: splitList(form.skills.value),
      languages: splitList(form.languages.value), salary_min: num(form.salary_min.value), salary_max: num(form.salary_max.value),
      description: form.description.value.trim(),
    };
    if (!fields.title) return wrong('title', t('a11y.required'));
    for (const k of ['headcount', 'salary_min', 'salary_max']) {
      if (!Number.isInteger(fields[k])) return wrong(k, t('hr.form.number'));
    }
    // An empty headcount is "not stated" (left out); 0 asked for nobody, and was stored as
    // not stated without a word.
    if (form.headcount.value.trim() !== '' && fields.headcount < 1) return wrong('headcount', t('hr.form.headcount.min'));
    if (form.headcount.value.trim() === '') delete fields.headcount;
    if (fields.salary_max && fields.salary_min > fields.salary_max) return wrong('salary_max', t('hr.form.salary.order'));
    // One request at a time: a double click published the job twice.
    const submit = form.querySelector('button[type=submit]');
    if (submit.disabled) return;
    submit.disabled = true;
    try {
      let saved;
      if (job) {
        const cur = await get('/api/v1/jobs/' + encodeURIComponent(job.id));
        // The version the form was filled from: a change made by someone else since is a
        // conflict (409, "reload and try again"), not overwritten.
        const doc = { ...cur, ...fields, version: job.version };
        for (const k of ['created_at', 'updated_at']) delete doc[k];
        // A headcount cleared in the form is cleared in the job need ("not stated").
        if (!('headcount' in fields)) delete doc.headcount;
        // The salary as written ("1-1.5万·14薪", from an import) no longer says what the new
        // figures do: the list then shows the figures.
        if ((cur.salary_min || 0) !== fields.salary_min || (cur.salary_max || 0) !== fields.salary_max) delete doc.salary_text;
        saved = await api('PUT', '/api/v1/jobs/' + encodeURIComponent(job.id) + '?refresh=wait_for', doc);
      } else {
        saved = await api('POST', '/api/v1/jobs?refresh=wait_for', { ...fields, enterprise_id: ent.id, enterprise_name: ent.name, status: 'open' });
      }
      await done(okBox(t(job ? 'hr.saved' : 'hr.published', { title: saved.title || fields.title })));
    } catch (err) {
      // The API names its fields as the JSON does (salary_max, posted_at): the form's names
      // for them are said instead, and the field the error names is marked and focused.
      status.append(jobErrorBox(err));
      const named = ((err && err.details) || []).map((d) => d.field).find((f) => form.elements[f]);
      if (named) { form.elements[named].setAttribute('aria-invalid', 'true'); form.elements[named].focus(); }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function finder(view, r, ctx) {
  const q = r.params.get('q') || '';
  view.append(h('h1', {}, t('hr.title')));
  const form = h('form', { class: 'inline-form', id: 'ent-find', role: 'search' },
    h('div', { class: 'field grow' }, h('label', { for: 'ent-q' }, t('hr.find.label')),
      h('input', { id: 'ent-q', name: 'q', type: 'search', value: q, maxlength: '256', placeholder: t('hr.find.placeholder') })),
    h('button', { type: 'submit', class: 'primary' }, t('inst.find.submit')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = '#/hr?q=' + encodeURIComponent(form.q.value.trim()); });
  const out = finderOut();
  view.append(form, out);
  if (!q) {
    // Every enterprise, by city: where an HR manager finds their own.
    await directory(out, ctx, {
      path: '/api/v1/enterprises', prefix: 'hr.dir',
      href: (x) => '#/hr/' + encodeURIComponent(x.id), name: (x) => x.name,
      badges: (x) => [' ', syntheticBadge(x.synthetic), ' ', unverifiedBadge(x.verified)],
    });
    return;
  }
  // The firms found, 20 at a time, with how many there are.
  await finderHits(out, ctx, { q, type: 'enterprise', prefix: 'hr.find' }, (x) => h('li', {},
    h('a', { href: '#/hr/' + encodeURIComponent(x.id) }, dataText(x.title)), ' ', syntheticBadge(x.synthetic), ' ', unverifiedBadge((x.fields || {}).verified),
    h('span', { class: 'muted' }, ' · ' + cityName((x.fields || {}).city || '')),
    (x.fields || {}).jobs ? h('span', { class: 'muted jobs-found' }, ' · ' + jobsFound(x.fields)) : null));
}
