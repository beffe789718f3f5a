// A candidate's own page (#/me): their full profile, who may see it (visibility and the
// enterprises they consented to), the audit log of their record, export and erasure. Only the
// candidate themself gets here: the API answers the full profile, the audit log and the export
// to the signed-in candidate alone (api/personal.go).
import { t, has, lang, pick, auditReason, cityName, degreeName, languageName, skillName, majorName } from './i18n.js';
import { api, get, currentUser, signOut } from './api.js';
import { h, errorBox, okBox, loading, syntheticBadge, unverifiedBadge, factors, scoreText } from './dom.js';
import { signInHint } from './partners.js';
import { detailsForm } from './mydetails.js';

const VISIBILITIES = ['private', 'anonymous', 'public'];

// MAX_AUDIT is how many entries of the audit log the page shows: the newest.
const MAX_AUDIT = 2000;

/**
 * auditTail reads a candidate's audit log, which the API gives oldest first, page after page
 * to its end, so that the newest entries, which the candidate most wants to see, are never the
 * ones cut off; it keeps the newest MAX_AUDIT, oldest first, and counts them all (total).
 */
async function auditTail(path) {
  let data = [];
  let total = 0;
  let after = '';
  do {
    const page = await get(path + '/audit', { limit: 100, after });
    const got = page.data || [];
    total += got.length;
    data = data.concat(got);
    if (data.length > MAX_AUDIT) data = data.slice(data.length - MAX_AUDIT);
    after = page.next || '';
  } while (after);
  return { data, total };
}

/** renderMe draws #/me for the signed-in candidate, and a sign-in hint for anyone else. */
export async function renderMe(view, r, ctx) {
  view.append(h('h1', {}, t('me.title')));
  const u = currentUser();
  if (!u || u.role !== 'candidate' || !u.candidate_id) {
    view.append(signInHint('candidate'));
    return;
  }
  const id = u.candidate_id;
  const path = '/api/v1/candidates/' + encodeURIComponent(id);
  const body = h('div', {}, loading());
  view.append(body);
  let cand;
  try {
    cand = await get(path);
  } catch (err) {
    if (ctx.isCurrent()) body.replaceChildren(errorBox(err));
    return;
  }
  if (!ctx.isCurrent()) return;

  // Enterprise names, shared by the consent list and the audit log; a missing enterprise
  // shows its id.
  const names = new Map();
  const ents = {
    name: async (entID) => {
      if (!entID) return '';
      if (!names.has(entID)) {
        names.set(entID, get('/api/v1/enterprises/' + encodeURIComponent(entID)).then((e) => e.name || entID, () => entID));
      }
      return names.get(entID);
    },
    remember: (entID, name) => names.set(entID, Promise.resolve(name)),
  };

  const auditBox = h('section', { class: 'audit', 'aria-labelledby': 'audit-h' }, h('h2', { id: 'audit-h' }, t('me.audit')), loading());
  const loadAudit = async () => {
    try {
      const a = await auditTail(path);
      const rows = a.data.slice().reverse(); // newest first
      const who = await Promise.all(rows.map((e) => ents.name(e.actor_enterprise_id)));
      // Each cell carries its column's name (data-label): on a narrow screen the rows are
      // stacked as cards, each cell under its name (style.css).
      const cols = ['me.audit.when', 'me.audit.who', 'me.audit.what', 'me.audit.why'].map((k) => t(k));
      auditBox.replaceChildren(h('h2', { id: 'audit-h' }, t('me.audit')), h('p', { class: 'lead' }, t('me.audit.intro')),
        a.total > rows.length ? h('p', { class: 'notice', 'data-notice': 'audit-more' }, t('me.audit.more', { n: rows.length, total: a.total })) : '',
        rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table' },
          h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows.map((e, i) => h('tr', { 'data-action': e.action },
            h('td', { 'data-label': cols[0] }, new Date(e.time).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN')),
            // The candidate's own acts (an export) are theirs: "you", not their role.
            h('td', { class: 'audit-who', 'data-label': cols[1] }, e.actor_role === 'candidate' ? t('me.audit.you') : who[i] || t('role.' + (e.actor_role || 'public'))),
            h('td', { class: 'audit-what', 'data-label': cols[2] }, has('me.audit.action.' + e.action) ? t('me.audit.action.' + e.action) : e.action,
              e.fields && e.fields.length ? t('punct.paren', { v: e.fields.map((f) => (has('me.field.' + f) ? t('me.field.' + f) : f)).join(t('punct.list')) }) : ''),
            h('td', { class: 'audit-why', 'data-label': cols[3] }, auditReason(e)))))))
          : h('p', { class: 'muted' }, t('me.audit.none')));
    } catch (err) {
      auditBox.replaceChildren(h('h2', { id: 'audit-h' }, t('me.audit')), errorBox(err));
    }
  };

  const profileBox = h('div', {}, profileSection(cand));
  const jobsBox = h('section', { class: 'my-jobs', 'aria-labelledby': 'my-jobs-h' }, h('h2', { id: 'my-jobs-h' }, t('me.jobs')), loading());
  body.replaceChildren(
    h('div', { class: 'two-col wide' },
      h('div', {}, profileBox, detailsForm(path, cand, (doc) => profileBox.replaceChildren(profileSection(doc))), exportSection(path, id, loadAudit), eraseSection(path, view)),
      // Saved visibility: the suggested jobs say again who sees them.
      h('div', {}, privacyForm(path, cand, ents, (doc) => loadJobs(jobsBox, path, doc)), jobsBox)),
    auditBox);
  await Promise.all([loadAudit(), loadJobs(jobsBox, path, cand)]);
}

/**
 * loadJobs draws the job needs suggested to the candidate, with the reasons factor by factor:
 * computed from their profile as stored, also while it is private (the API gives them to the
 * candidate alone then).
 */
async function loadJobs(box, path, cand) {
  const head = [h('h2', { id: 'my-jobs-h' }, t('me.jobs')), h('p', { class: 'lead' }, t(cand.visibility === 'private' ? 'me.jobs.private' : 'me.jobs.intro'))];
  try {
    const ms = await get(path + '/jobs', { limit: 5 });
    box.replaceChildren(...head, ms.data && ms.data.length
      ? h('ol', { class: 'my-job-list' }, ms.data.map((m) => {
        const j = m.job || {};
        const e = m.enterprise || {};
        // The posting on its enterprise's page, marked as suggested to the candidate (from=me),
        // not as found by a search.
        const href = e.id ? '#/hr/' + encodeURIComponent(e.id) + '?job=' + encodeURIComponent(j.id) + '&from=me' : null;
        return h('li', { class: 'card match', 'data-id': j.id },
          h('div', { class: 'match-head' }, h('h3', {}, href ? h('a', { href }, j.name || j.id) : j.name || j.id), ' ', syntheticBadge(j.synthetic), ' ', unverifiedBadge(j.verified),
            h('span', { class: 'score' }, scoreText(m.score))),
          h('p', { class: 'muted' }, [e.name, cityName(j.city || e.city || '')].filter(Boolean).join(' · ')),
          factors(m.factors));
      }))
      : h('p', { class: 'muted' }, pick(ms.zh, ms.en) || t('match.none')));
  } catch (err) {
    box.replaceChildren(...head, errorBox(err));
  }
}

function row(label, value) {
  return value ? [h('dt', {}, label), h('dd', {}, value)] : null;
}

/**
 * profileSection shows the whole profile, personal data included: only its owner sees this.
 * Everything the profile holds is shown, so that the candidate can check what enterprises see
 * of it (anonymised: the API leaves out name, contact details and birth date, and removes
 * personal data from the summary).
 */
function profileSection(c) {
  const edu = (c.education || []).map((e) => [e.graduation_year, e.institution_name, majorName(e.major, e.major_code), degreeName(e.degree), e.country].filter(Boolean).join(' · '));
  const yes = (v) => t(v ? 'me.yes' : 'me.no');
  return h('section', { class: 'profile card', 'aria-labelledby': 'profile-h' },
    h('h2', { id: 'profile-h' }, t('me.profile'), ' ', syntheticBadge(c.synthetic)),
    h('dl', { class: 'profile-list' },
      row(t('me.field.name'), c.name), row(t('me.field.phone'), c.phone), row(t('me.field.email'), c.email),
      row(t('me.field.birth_date'), c.birth_date),
      row(t('me.field.city'), c.city ? cityName(c.city) : ''), row(t('me.field.degree'), degreeName(c.degree)),
      row(t('me.field.education'), edu.join(t('punct.semicolon'))), row(t('me.field.skills'), (c.skills || []).map(skillName).join(t('punct.list'))),
      row(t('me.field.languages'), (c.languages || []).map(languageName).join(t('punct.list'))),
      row(t('me.field.returnee'), yes(c.returnee)), row(t('me.field.study_country'), c.study_country),
      row(t('me.field.wants_to_found'), yes(c.wants_to_found)),
      row(t('me.field.summary'), c.summary)),
    h('p', { class: 'hint' }, t('me.profile.hint')));
}

/**
 * privacyForm edits visibility and the consent list and saves them with PUT (the rest of the
 * profile is sent back as read, so nothing else changes).
 */
function privacyForm(path, cand, ents, saved) {
  let consent = [...(cand.consent_enterprises || [])];
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('ul', { class: 'consent-list plain' });
  const drawList = async () => {
    const names = await Promise.all(consent.map(ents.name));
    list.replaceChildren(...(consent.length ? consent.map((entID, i) => h('li', { class: 'consent', 'data-id': entID },
      h('span', {}, names[i]), ' ',
      h('button', { type: 'button', 'data-action': 'remove', 'aria-label': t('me.consent.remove.label', { name: names[i] }),
        onclick: async () => {
          consent = consent.filter((x) => x !== entID);
          status.replaceChildren();
          await drawList();
          // The button pressed is gone: the focus goes to the next enterprise's (else the
          // last one's), or to the search box once none is left.
          const rest = list.querySelectorAll('button[data-action=remove]');
          (rest[Math.min(i, rest.length - 1)] || query).focus();
        } }, t('me.consent.remove'))))
      : [h('li', { class: 'muted' }, t('me.consent.none'))]));
  };
  drawList();

  const suggest = h('ul', { class: 'consent-suggest plain', 'aria-live': 'polite', 'aria-label': t('me.consent.suggest') });
  const query = h('input', { id: 'consent-q', type: 'search', maxlength: '100', autocomplete: 'off', placeholder: t('me.consent.placeholder') });
  let seq = 0;
  const find = async () => {
    const q = query.value.trim();
    const mine = ++seq;
    if (!q) { suggest.replaceChildren(); return; }
    try {
      const res = await get('/api/v1/search', { q, type: 'enterprise', per_page: 5 });
      if (mine !== seq) return;
      const hits = (res.hits || []).filter((x) => !consent.includes(x.id));
      suggest.replaceChildren(...(hits.length ? hits.map((x) => h('li', {},
        h('button', { type: 'button', class: 'link', 'data-id': x.id, 'aria-label': t('me.consent.add.label', { name: x.title }),
          onclick: () => {
            ents.remember(x.id, x.title);
            if (!consent.includes(x.id)) consent.push(x.id);
            drawList();
            suggest.replaceChildren();
            query.value = '';
            query.focus();
            status.replaceChildren();
          } }, '+ ', x.title))) : [h('li', { class: 'muted' }, t('search.none'))]));
    } catch (err) {
      if (mine === seq) suggest.replaceChildren(h('li', {}, errorBox(err)));
    }
  };
  query.addEventListener('input', find);
  query.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); find(); }
  });

  const current = cand.visibility || 'anonymous';
  const form = h('form', { class: 'card privacy', id: 'privacy-form', novalidate: true },
    h('h2', { id: 'privacy-h' }, t('me.privacy')),
    h('fieldset', { class: 'visibility' },
      h('legend', {}, t('me.visibility')),
      VISIBILITIES.map((v) => h('div', { class: 'radio' },
        h('input', { type: 'radio', name: 'visibility', id: 'vis-' + v, value: v, checked: v === current ? true : null, 'aria-describedby': 'vis-' + v + '-hint' }),
        h('label', { for: 'vis-' + v }, t('me.visibility.' + v)),
        h('p', { class: 'hint', id: 'vis-' + v + '-hint' }, t('me.visibility.' + v + '.hint'))))),
    h('fieldset', { class: 'consents' },
      h('legend', {}, t('me.consent')),
      h('p', { class: 'hint' }, t('me.consent.hint')),
      list,
      h('label', { for: 'consent-q' }, t('me.consent.add')),
      query,
      suggest),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('me.save'))),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.replaceChildren();
    try {
      const cur = await get(path);
      const doc = { ...cur, visibility: form.visibility.value || current, consent_enterprises: consent };
      for (const k of ['created_at', 'updated_at']) delete doc[k];
      await api('PUT', path + '?refresh=wait_for', doc);
      status.append(okBox(t('me.saved', { v: t('me.visibility.' + doc.visibility) })));
      if (saved) saved(doc);
    } catch (err) {
      status.append(errorBox(err));
    }
  });
  return form;
}

/**
 * exportSection downloads GET …/export (everything held about the candidate) as a JSON file.
 * The export is itself audited, so the audit log is read again afterwards.
 */
function exportSection(path, id, onDone) {
  const status = h('div', { 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', id: 'export', onclick: async () => {
    status.replaceChildren();
    btn.disabled = true;
    try {
      const data = await api('GET', path + '/export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = h('a', { href: url, download: 'xiaoqi-export-' + id + '.json', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.append(okBox(t('me.export.done', { file: 'xiaoqi-export-' + id + '.json' })));
      await onDone();
    } catch (err) {
      status.append(errorBox(err));
    } finally {
      btn.disabled = false;
    }
  } }, t('me.export.button'));
  return h('section', { class: 'export card', 'aria-labelledby': 'export-h' },
    h('h2', { id: 'export-h' }, t('me.export')),
    h('p', {}, t('me.export.hint')),
    btn, status);
}

/** eraseSection asks for confirmation, naming what erasure does, then erases and signs out. */
function eraseSection(path, view) {
  const status = h('div', { 'aria-live': 'polite' });
  const confirm = h('div', { class: 'confirm notice error', id: 'erase-confirm', hidden: true, role: 'group', 'aria-labelledby': 'erase-confirm-h' },
    h('h3', { id: 'erase-confirm-h' }, t('me.erase.confirm.title')),
    h('ul', {}, ['me.erase.what.profile', 'me.erase.what.account', 'me.erase.what.audit', 'me.erase.what.import', 'me.erase.what.final'].map((k) => h('li', {}, t(k)))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', id: 'erase-confirm-button', onclick: async () => {
        status.replaceChildren();
        try {
          await api('DELETE', path + '?refresh=wait_for');
        } catch (err) {
          status.append(errorBox(err));
          return;
        }
        await signOut();
        document.dispatchEvent(new CustomEvent('xiaoqi:session'));
        view.replaceChildren(h('h1', { tabindex: '-1' }, t('me.title')), okBox(t('me.erased')),
          h('p', {}, h('a', { href: '#/search' }, t('me.erased.next'))));
        view.querySelector('h1').focus();
      } }, t('me.erase.confirm')),
      h('button', { type: 'button', onclick: () => { confirm.hidden = true; start.hidden = false; start.focus(); } }, t('me.erase.cancel'))));
  const start = h('button', { type: 'button', class: 'danger', id: 'erase', onclick: () => {
    confirm.hidden = false;
    start.hidden = true;
    confirm.querySelector('h3').setAttribute('tabindex', '-1');
    confirm.querySelector('h3').focus();
  } }, t('me.erase'));
  return h('section', { class: 'erase card', 'aria-labelledby': 'erase-h' },
    h('h2', { id: 'erase-h' }, t('me.erase')),
    h('p', {}, t('me.erase.hint')),
    start, confirm, status);
}
