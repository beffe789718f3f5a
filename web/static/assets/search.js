// The search page: one box with suggestions as you type, tabs by type, facets as filters, a
// distance filter, highlighted snippets and pagination. The state lives in the URL fragment
// (#/search?q=…&type=job&city=西安市&page=2), so Back and shared links work.
import { t, lang, chineseNumeral, experienceText, salaryText, sectorName, cityName, districtName, degreeName, languageName, skillName, majorName, programsFound, jobsFound, hitKind, cueName } from './i18n.js';
import { get } from './api.js';
import { h, snippet, syntheticBadge, unverifiedBadge, errorBox, loading, dataText } from './dom.js';
import { CITIES, placeNamed } from './explore.js';
import { gloss } from './policy.js';
import { instName } from './i18n.js';

const TYPES = ['', 'institution', 'program', 'enterprise', 'job', 'candidate', 'policy'];
const FACETS = ['city', 'region', 'sector', 'skill', 'degree'];
// FILTERS are the facets plus language, experience and salary, which the API filters by but
// does not count, and the API's filters the page offers no control for but keeps from the
// address, each shown as a chip to remove: #/search?district=高新区 showed every district's jobs.
const FILTERS = [...FACETS, 'language', 'experience', 'salary', 'district', 'institution', 'enterprise', 'synthetic', 'date_from', 'date_to'];
const LANGUAGES = ['英语四级', '英语六级', '日语N1', '日语N2', '日语N3', '韩语', '俄语', '德语', '法语'];
// EXPERIENCE are the years a searcher may have (the API's experience parameter): job needs
// asking for a range that overlaps them are kept, and candidates who graduated that long ago.
const EXPERIENCE = ['应届生', '1-3', '3-5', '5-10', '10年以上'];
// SALARY are monthly salaries a searcher may ask at least (the API's salary parameter): job
// needs whose range reaches them are kept; those that state none (面议) are left out.
const SALARY = ['5千以上', '8千以上', '1万以上', '1.5万以上', '2万以上', '3万以上'];
const PER_PAGE = 10;
const MAX_WINDOW = 10000;

/** state reads the search parameters from the fragment's query. */
function state(params) {
  const st = { q: params.get('q') || '', type: params.get('type') || '', sort: params.get('sort') || '', page: Math.max(1, parseInt(params.get('page') || '1', 10) || 1),
    near: params.get('near') || '', within: params.get('within') || '', filters: {} };
  for (const f of FILTERS) st.filters[f] = params.getAll(f);
  return st;
}

function href(st, change) {
  const n = { ...st, filters: { ...st.filters }, ...change };
  if (change && change.filters) n.filters = change.filters;
  const q = new URLSearchParams();
  if (n.q) q.set('q', n.q);
  if (n.type) q.set('type', n.type);
  for (const f of FILTERS) for (const v of n.filters[f] || []) q.append(f, v);
  if (n.near && n.within) { q.set('near', n.near); q.set('within', n.within); }
  if (n.sort && sorts(n).includes(n.sort)) q.set('sort', n.sort);
  if (n.page > 1) q.set('page', n.page);
  const s = q.toString();
  return '#/search' + (s ? '?' + s : '');
}

/** placeName is a city as the page names it, also when the address wrote it in English (Xian: 西安市). */
function placeName(v) {
  const p = placeNamed(v);
  return cityName(p ? p.name : v);
}

function facetLabel(name, v) {
  if (name === 'sector') return sectorName(v);
  if (name === 'city') return placeName(v);
  if (name === 'region') return t('explore.region.' + v);
  if (name === 'degree') return degreeName(v);
  if (name === 'language') return languageName(v);
  if (name === 'skill') return skillName(v);
  // One of the form's choices by its name; any other the API takes (3年以上, 0, 不限) as a job's line says it.
  if (name === 'experience') return EXPERIENCE.includes(v) ? t('experience.' + v) : experienceText(v);
  if (name === 'salary') return SALARY.includes(v) ? t('salary.' + v) : v;
  if (name === 'district') return districtName(v);
  if (name === 'synthetic') return /^(1|t|true)$/i.test(v) ? t('filter.synthetic.only') : /^(0|f|false)$/i.test(v) ? t('filter.synthetic.none') : v;
  return v;
}

/** renderSearch draws the page and runs the search the fragment describes. */
export async function renderSearch(view, r, ctx) {
  const st = state(r.params);
  view.append(h('h1', {}, t('search.title')));
  view.append(searchForm(st));
  view.append(tabs(st));
  const layout = h('div', { class: 'search-layout' });
  const side = h('aside', { class: 'filters', 'aria-labelledby': 'filters-h' }, h('h2', { id: 'filters-h' }, t('search.filters')));
  // Only the status is live (loading, then the count): the whole list was, and a screen reader
  // read every result out on each search.
  const status = h('div', { 'aria-live': 'polite' }, loading());
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-h' }, status);
  // Results first: the order a phone shows them in (style.css puts the filters left on a wide screen).
  layout.append(results, side);
  view.append(layout);

  let res;
  try {
    res = await get('/api/v1/search', {
      q: st.q, type: st.type, ...Object.fromEntries(FILTERS.map((f) => [f, st.filters[f]])),
      near: st.near && st.within ? st.near : '', within: st.near && st.within ? st.within : '',
      facets: FACETS.join(','), sort: sorts(st).includes(st.sort) ? st.sort : '', page: st.page, per_page: PER_PAGE,
    });
  } catch (err) {
    if (!ctx.isCurrent()) return;
    results.replaceChildren(h('h2', { id: 'results-h', class: 'sr-only' }, t('search.title')), searchErrorBox(err));
    // The filters of the address stay shown as chips, the one the API refused marked: removing
    // it is the way out (a link's degree=博士后 left an error on every later search and tab).
    const bad = ((err && err.details) || []).map((d) => d.field);
    side.append(...[activeFilters(st, bad), languageForm(st), experienceForm(st), salaryForm(st), distanceForm(st)].filter(Boolean));
    return;
  }
  if (!ctx.isCurrent()) return;
  side.append(...[activeFilters(st), ...FACETS.map((f) => facetBlock(st, f, (res.facets || {})[f] || [])), languageForm(st), experienceForm(st), salaryForm(st), distanceForm(st)].filter(Boolean));
  results.replaceChildren(status, ...resultList(st, res));
  status.className = 'sr-only';
  status.textContent = t('search.total', { n: (res.total || 0).toLocaleString() });
}

function searchForm(st) {
  const input = h('input', { id: 'q', name: 'q', type: 'search', value: st.q, maxlength: '256', autocomplete: 'off',
    placeholder: t('search.placeholder'), role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'suggestions' });
  const list = h('ul', { id: 'suggestions', role: 'listbox', class: 'suggestions', 'aria-label': t('search.suggestions'), hidden: true });
  const form = h('form', { role: 'search', class: 'searchbox', id: 'search-form' },
    h('label', { for: 'q' }, t('search.label')),
    h('div', { class: 'searchrow' }, h('div', { class: 'combo' }, input, list), h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  const go = (q) => { location.hash = href(st, { q: q.trim(), page: 1 }); };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const active = list.querySelector('[aria-selected="true"]');
    go(active ? active.dataset.value : input.value);
  });
  suggest(input, list, go, st.type);
  return form;
}

/**
 * suggest completes what is typed from /api/v1/suggest, among the documents of the tab's type
 * when one is chosen; arrows move, Enter picks, Escape closes.
 */
function suggest(input, list, go, type) {
  let timer = 0;
  let seq = 0;
  const close = () => { list.hidden = true; list.replaceChildren(); input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (!prefix) { close(); return; }
    timer = setTimeout(async () => {
      const my = ++seq;
      let res;
      const params = { q: prefix.slice(0, 64), limit: 8 };
      if (type) params.type = type;
      try { res = await get('/api/v1/suggest', params); } catch { return; }
      if (my !== seq) return;
      const items = (res.suggestions || []);
      if (!items.length) { close(); return; }
      list.replaceChildren(...items.map((sg, i) => {
        const li = h('li', { role: 'option', id: 'sg-' + i, 'aria-selected': 'false', 'data-value': sg.text }, sg.text);
        li.addEventListener('mousedown', (ev) => { ev.preventDefault(); go(sg.text); });
        return li;
      }));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }, 150);
  });
  input.addEventListener('keydown', (ev) => {
    const opts = [...list.querySelectorAll('[role=option]')];
    if (list.hidden || !opts.length) return;
    let i = opts.findIndex((o) => o.getAttribute('aria-selected') === 'true');
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      i = ev.key === 'ArrowDown' ? (i + 1) % opts.length : (i <= 0 ? opts.length - 1 : i - 1);
      opts.forEach((o, k) => o.setAttribute('aria-selected', k === i ? 'true' : 'false'));
      input.setAttribute('aria-activedescendant', opts[i].id);
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

function tabs(st) {
  return h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('search.types') }, TYPES.map((ty) => {
    const sel = st.type === ty;
    return h('a', { role: 'tab', href: href(st, { type: ty, page: 1 }), 'aria-selected': sel ? 'true' : 'false', class: sel ? 'tab selected' : 'tab', 'data-type': ty || 'all' },
      t(ty ? 'type.' + ty : 'type.all'));
  }));
}

/**
 * activeFilters shows the filters of the address as chips, each a link that removes it. bad
 * names the parameters the API refused (degree, near, within, type): their chips are marked
 * and point at the error.
 */
function activeFilters(st, bad = []) {
  const chips = [];
  const chip = (text, to, refused) => h('li', {}, h('a', { class: refused ? 'chip invalid' : 'chip', href: to, 'data-invalid': refused ? 'true' : null,
    'aria-describedby': refused ? 'search-error' : null,
    // The name holds the visible text (WCAG 2.5.3 label in name): "remove filter: city: X".
    'aria-label': t('search.remove', { v: text }) }, text + ' ×'));
  // A type the tabs do not offer comes from a link only, and the API refuses it.
  const known = TYPES.includes(st.type);
  if (!known) chips.push(chip(t('search.types') + t('punct.colon') + st.type, href(st, { type: '', page: 1 }), true));
  for (const f of FILTERS) {
    for (const v of st.filters[f]) {
      const rest = { ...st.filters, [f]: st.filters[f].filter((x) => x !== v) };
      chips.push(chip(t('facet.' + f) + t('punct.colon') + facetLabel(f, v), href(st, { filters: rest, page: 1 }), bad.includes(f)));
    }
  }
  if (st.near && st.within) {
    const text = t('near.legend') + t('punct.colon') + placeName(st.near) + ' ≤ ' + st.within + ' km';
    chips.push(chip(text, href(st, { near: '', within: '', page: 1 }), bad.includes('near') || bad.includes('within')));
  }
  if (!chips.length) return null;
  const empty = Object.fromEntries(FILTERS.map((f) => [f, []]));
  return h('div', { class: 'active-filters' }, h('h3', {}, t('search.active')), h('ul', { class: 'chips' }, chips),
    h('a', { href: href(st, { filters: empty, near: '', within: '', type: known ? st.type : '', page: 1 }) }, t('search.clear')));
}

/**
 * paramName is the page's name of a parameter of the search API (salary: 月薪, date_from:
 * 起始日期), without the hint in brackets; '' for one the page does not name.
 */
function paramName(p) {
  const key = FILTERS.includes(p) ? 'facet.' + p : { type: 'search.types', near: 'near.city', within: 'near.within', q: 'search.label', sort: 'search.sort' }[p];
  return key ? t(key).replace(/\s*[（(].*$/u, '') : '';
}

/**
 * searchErrorBox is errorBox of the search's error, the parameter it begins with said by the
 * page's name for it: the Chinese page read "出错了：salary: 应为每月薪资…".
 */
function searchErrorBox(err) {
  const box = errorBox(err);
  box.id = 'search-error';
  const name = (text) => text.replace(/^([a-z_]+): /, (m, p) => (paramName(p) ? paramName(p) + t('punct.colon') : m));
  // (The other language's half, shown below for a figure the Chinese lacks, keeps its words.)
  [box, ...box.querySelectorAll('*')].filter((n) => !n.closest('.other-lang')).forEach((n) => {
    for (const c of n.childNodes) if (c.nodeType === 3) c.textContent = name(c.textContent);
  });
  return box;
}

function facetBlock(st, name, values) {
  if (!values.length) return null;
  return h('div', { class: 'facet', 'data-facet': name }, h('h3', {}, t('facet.' + name)),
    h('ul', {}, values.map((fc) => {
      const on = st.filters[name].includes(fc.value);
      const next = on ? st.filters[name].filter((x) => x !== fc.value) : [...st.filters[name], fc.value];
      return h('li', {}, h('a', { href: href(st, { filters: { ...st.filters, [name]: next }, page: 1 }), class: on ? 'facet-value on' : 'facet-value',
        'aria-current': on ? 'true' : null },
      // The link's name is its text ("西安市 602 条"): what is seen, plus the unit for screen readers.
      h('span', {}, facetLabel(name, fc.value)), ' ', h('span', { class: 'count' }, fc.count, h('span', { class: 'sr-only' }, ' ' + t('facet.unit', { n: fc.count })))));
    })));
}

/**
 * choiceForm filters by one value of a list the API filters by but does not count: the name
 * of the filter (the form's id is name-form, as the tests find it), its values, and the text
 * of each value.
 */
function choiceForm(st, name, values, label) {
  const form = h('form', { class: 'distance', id: name + '-form' },
    h('label', { for: name }, t('facet.' + name)),
    h('select', { id: name, name }, h('option', { value: '' }, t('near.any')),
      values.map((v) => h('option', { value: v, selected: st.filters[name].includes(v) ? true : null }, label(v)))),
    h('button', { type: 'submit' }, t('facet.' + name + '.apply')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = form.elements[name].value;
    location.hash = href(st, { filters: { ...st.filters, [name]: v ? [v] : [] }, page: 1 });
  });
  return form;
}

function languageForm(st) {
  return choiceForm(st, 'language', LANGUAGES, languageName);
}

/**
 * experienceForm filters job needs by the years of experience they ask for, and candidates by
 * the years since they last graduated; other kinds state none.
 */
function experienceForm(st) {
  if (st.type && st.type !== 'job' && st.type !== 'candidate') return null;
  return choiceForm(st, 'experience', EXPERIENCE, (v) => t('experience.' + v));
}

/** salaryForm filters job needs by the monthly salary one asks at least; other kinds state none. */
function salaryForm(st) {
  if (st.type && st.type !== 'job') return null;
  return choiceForm(st, 'salary', SALARY, (v) => t('salary.' + v));
}

function distanceForm(st) {
  const msg = h('p', { class: 'field-error', 'aria-live': 'polite' });
  const form = h('form', { class: 'distance', id: 'distance-form' },
    h('h3', {}, t('near.legend')),
    h('label', { for: 'near' }, t('near.city')),
    h('select', { id: 'near', name: 'near' }, h('option', { value: '' }, t('near.any')),
      CITIES.map((c) => h('option', { value: c.name, selected: st.near === c.name ? true : null }, cityName(c.name))),
      // A place of the address that is none of the cities (a district, "lat,lon") stays
      // chosen, named as the chip names it, so a new radius keeps it.
      st.near && !CITIES.some((c) => c.name === st.near) ? h('option', { value: st.near, selected: true }, placeName(st.near)) : null),
    h('label', { for: 'within' }, t('near.within')),
    h('input', { id: 'within', name: 'within', type: 'number', min: '1', max: '1000', step: '1', inputmode: 'numeric', value: st.within || '50' }),
    h('button', { type: 'submit' }, t('near.apply')), msg);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const near = form.near.value;
    const within = form.within.value;
    if (near && !(Number(within) > 0)) { msg.textContent = t('near.need'); return; }
    location.hash = href(st, { near, within: near ? within : '', page: 1 });
  });
  return form;
}

/**
 * sorts are the orders the results of st may take: by relevance, newest first, the best paid
 * first (job needs state a salary; other kinds go last), the nearest first (with a distance).
 */
function sorts(st) {
  const out = ['', 'date:desc'];
  if (!st.type || st.type === 'job') out.push('salary');
  if (st.near && st.within) out.push('distance');
  return out;
}

/** sortForm lets the results be ordered otherwise than by relevance. */
function sortForm(st) {
  const form = h('form', { class: 'sort', id: 'sort-form' },
    h('label', { for: 'sort' }, t('search.sort')), ' ',
    h('select', { id: 'sort', name: 'sort' },
      sorts(st).map((v) => h('option', { value: v, selected: (sorts(st).includes(st.sort) ? st.sort : '') === v ? true : null }, t('search.sort.' + (v || 'relevance'))))),
    ' ', h('button', { type: 'submit' }, t('search.sort.apply')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = href(st, { sort: form.sort.value, page: 1 });
  });
  return form;
}

function resultList(st, res) {
  const out = [];
  const total = res.total || 0;
  out.push(h('h2', { id: 'results-h', class: 'result-count' }, t('search.total', { n: total.toLocaleString() }),
    h('span', { class: 'muted' }, ' · ' + t('search.took', { ms: res.took_ms }))));
  if (total > 1) out.push(sortForm(st));
  // A query in pinyin that found nothing (xajt): the name it spells was searched instead.
  if (res.instead) out.push(h('p', { class: 'notice', 'data-notice': 'instead' }, t('search.instead', { q: st.q, n: res.instead })));
  // Words about who a person is (35岁以下, 女): not searched, and said so, rather than "nothing
  // holds 女" as if a search by them could find someone.
  if (res.ignored && res.ignored.length) {
    out.push(h('p', { class: 'notice', 'data-notice': 'ignored' }, t('search.ignored', { w: res.ignored.join(t('punct.list')) })));
  }
  if (res.relaxed) {
    // Say which word no result holds, when one is found nowhere (区块链 of 区块链 延安); but
    // not when that "word" is (almost) the whole query, a question written as one phrase
    // (海归在西安开公司有补贴吗): its words are found, only not together.
    const missing = res.unmatched || [];
    const bare = (x) => x.replace(/[\s\p{P}]/gu, '');
    const whole = missing.length && bare(missing.join('')).length >= 0.75 * bare(st.q).length;
    // No document of the kind a cue asks for (培训机构) holds the other words (西安 培训机构
    // 日语): say that the results are other ones.
    const cue = res.unmet_cue;
    if (cue) out.push(h('p', { class: 'notice', 'data-notice': 'cue' }, t('search.cue', { c: cueName(cue) })));
    // The other words found together only elsewhere (呼叫中心 咸阳): say where they are not.
    const outside = res.outside || [];
    if (outside.length) {
      // A place as typed (咸阳, 雁塔), in the page's language: Xianyang, Yanta District.
      const place = (p) => {
        for (const [name, full] of [[cityName, p], [cityName, p + '市'], [districtName, p], [districtName, p + '区'], [districtName, p + '县']]) {
          if (name(full) !== full) return name(full);
        }
        return p;
      };
      const w = outside.map(place).join(t('punct.list'));
      // The kinds the words ask for (日语培训 宝鸡) are not there, though the words are.
      const kinds = res.outside_kinds || [];
      const k = kinds.map((k) => t('kinds.' + k)).join('/');
      // Where the kinds were taken from the places' cities instead (杨凌 培训机构: 咸阳市), say so.
      const nearby = (res.nearby || []).map((c) => cityName(c)).join(t('punct.list'));
      // And the words alone from the city of a district or zone (外包公司 高新区: 西安市).
      out.push(kinds.length && nearby
        ? h('p', { class: 'notice', 'data-notice': 'outside-nearby' }, t('search.outside.nearby', { w, k, c: nearby }))
        : kinds.length
          ? h('p', { class: 'notice', 'data-notice': 'outside-kinds' }, t('search.outside.kinds', { w, k }))
          : nearby
            ? h('p', { class: 'notice', 'data-notice': 'outside-near' }, t('search.outside.near', { w, c: nearby }))
            : h('p', { class: 'notice', 'data-notice': 'outside' }, t('search.outside', { w })));
    }
    if (!outside.length && !cue || missing.length) {
      out.push(h('p', { class: 'notice', 'data-notice': 'relaxed' },
        whole ? t('search.relaxed.some') : missing.length ? t('search.unmatched', { w: missing.join(t('punct.list')) }) : t('search.relaxed')));
    }
  }
  if (!res.hits.length) {
    // A page past the last (a link kept while the results changed, page=9 of 5): a link to
    // the last page, rather than "nothing found" of a search that finds something.
    const last = lastPage(total);
    if (total > 0 && st.page > last) {
      out.push(h('p', { class: 'empty', 'data-notice': 'past-end' }, t('page.past', { n: last }), ' ',
        h('a', { href: href(st, { page: last }), id: 'last-page' }, t('page.last', { n: last }))));
    } else {
      out.push(h('p', { class: 'empty' }, t('search.none')));
    }
    return out;
  }
  out.push(h('ol', { class: 'hits', start: String((st.page - 1) * PER_PAGE + 1) }, res.hits.map((x) => hit(x, st))));
  out.push(pager(st, total));
  return out.filter(Boolean);
}

function hitLink(hitv) {
  switch (hitv.type) {
    case 'institution': return '#/institution/' + encodeURIComponent(hitv.id);
    case 'enterprise': return '#/hr/' + encodeURIComponent(hitv.id);
    case 'program': return hitv.fields && hitv.fields.institution_id ? '#/institution/' + encodeURIComponent(hitv.fields.institution_id) : null;
    // A job on its enterprise's page, marked and scrolled to (hr.js).
    case 'job': return hitv.fields && hitv.fields.enterprise_id ? '#/hr/' + encodeURIComponent(hitv.fields.enterprise_id) + '?job=' + encodeURIComponent(hitv.id) : null;
    case 'policy': return '#/policy/' + encodeURIComponent(hitv.id);
    default: return null;
  }
}

/** distanceText is how far a hit is from the city of the distance filter (near). */
function distanceText(km, city, near) {
  // A document without a point of its own is placed at its district's, else its city's,
  // centre: "0 km" from its own city would claim a precision it lacks.
  if (km < 1 && city && city === near) return t('near.incity');
  if (km < 1) return t('near.under1');
  return t('near.km', { km: Math.round(km) });
}

function hit(x, st) {
  const f = x.fields || {};
  const meta = [];
  if (f.city) meta.push(cityName(f.city));
  if (f.district) meta.push(districtName(f.district));
  if (f.enterprise_name && x.type !== 'enterprise') meta.push(f.enterprise_name); // a job's firm (a firm's hit is titled with it)
  if (f.institution_name) meta.push(instName(f.institution_name, f.institution_name_en)); // a program's or candidate's school
  if (f.major_code) meta.push(t('field.code', { v: f.major_code }));
  else if (f.code) meta.push(t('field.code', { v: f.code }));
  if (f.number) meta.push(t('field.number', { v: f.number, cn: chineseNumeral(f.number) }));
  if (f.programs) meta.push(programsFound(f)); // a school found through its programs
  if (f.jobs) meta.push(jobsFound(f)); // a firm found through its job needs
  if (x.distance_km !== undefined && x.distance_km !== null) meta.push(distanceText(x.distance_km, f.city, st.near));
  // A job need's day of posting: what sorting by date orders by.
  if (x.type === 'job' && f.experience) meta.push(experienceText(f.experience));
  if (x.type === 'job' && f.salary) {
    // The salary as the posting wrote it (90-180万/年, 1-1.5万·14薪) under a label that names
    // no period (薪资, not 月薪); an English page says what it pays for, as the enterprise
    // page does (salaryText: a month and its pays a year, a year, a day).
    const v = salaryText({ ...f, salary_text: f.salary });
    meta.push(v === f.salary ? t('field.salary', { v }) : v);
  }
  if (x.type === 'job' && f.posted_at) meta.push(t('field.posted', { v: f.posted_at })); // none when the posting states none
  // A candidate's year of graduation: whence the experience filter's years.
  if (x.type === 'candidate' && f.graduation_year) meta.push(t('field.graduated', { v: f.graduation_year }));
  const link = hitLink(x);
  const label = x.type === 'institution' ? instName(x.title, f.name_en) : hitTitle(x); // Xi'an Jiaotong University (西安交通大学)
  const title = link ? h('a', { href: link }, dataText(label)) : h('span', {}, dataText(label));
  // An item of the policy has its heading's English gloss beside it, as on the policy page.
  const glossed = x.type === 'policy' && f.number ? gloss(f.number) : null;
  return h('li', { class: 'hit', 'data-id': x.id, 'data-type': x.type },
    h('div', { class: 'hit-head' }, h('span', { class: 'badge kind' }, hitKind(x)), ' ', h('h3', { class: 'hit-title' }, title, glossed), ' ', syntheticBadge(x.synthetic), ' ', unverifiedBadge(f.verified), ' ', f.status === 'closed' ? h('span', { class: 'badge closed' }, t('hr.job.closed')) : null),
    meta.length ? h('p', { class: 'hit-meta' }, dataText(meta.join(' · '))) : null,
    x.snippet ? snippetLine(x) : null);
}

/**
 * snippetLine is a hit's snippet. A policy item found by a search typed in English shows a
 * passage of its unofficial English translation (snippet_lang "en"), said to be one.
 */
function snippetLine(x) {
  // A passage of the Chinese text, on an English page, is marked as Chinese (WCAG 3.1.2).
  if (x.snippet_lang !== 'en') return h('p', { class: 'snippet', lang: lang() === 'en' && /\p{Script=Han}/u.test(x.snippet) ? 'zh-CN' : null }, snippet(x.snippet));
  return h('p', { class: 'snippet', lang: 'en' }, snippet(x.snippet), ' ',
    h('span', { class: 'muted', lang: lang() === 'en' ? 'en' : 'zh-CN' }, '(' + t('policy.translation') + ')'));
}

/**
 * hitTitle is a hit's title in the page's language where it is made of values the UI names:
 * a candidate's is "major · degree · city" (软件工程 · 硕士 · 渭南市), which an English page says
 * in English (Software Engineering · Master's · Weinan); a program's "school · major" names its
 * major in English, and its school by the English name the school writes where known
 * (Chang'an University · Software Engineering; the line below gives the Chinese name).
 */
function hitTitle(x) {
  const parts = String(x.title).split(' · ');
  // A candidate without a major has no first part of it: each part is said as what it is.
  if (x.type === 'candidate') return parts.map((part) => cityName(degreeName(majorName(part)))).join(' · ');
  if (x.type === 'program') {
    const f = x.fields || {};
    parts[parts.length - 1] = majorName(parts[parts.length - 1], f.major_code);
    if (lang() === 'en' && f.institution_name_en && parts.length > 1 && parts[0] === f.institution_name) parts[0] = f.institution_name_en;
    return parts.join(' · ');
  }
  return x.title;
}

/** lastPage is the number of the last page of total results (the API reads MAX_WINDOW at most). */
function lastPage(total) {
  return Math.max(1, Math.min(Math.ceil(total / PER_PAGE), Math.floor(MAX_WINDOW / PER_PAGE)));
}

function pager(st, total) {
  const pages = lastPage(total);
  if (pages <= 1) return null;
  return h('nav', { class: 'pager', 'aria-label': t('page.label') },
    st.page > 1 ? h('a', { href: href(st, { page: st.page - 1 }), rel: 'prev', class: 'button' }, t('page.prev')) : null,
    h('span', { class: 'page-of' }, t('page.of', { p: st.page, n: pages })),
    st.page < pages ? h('a', { href: href(st, { page: st.page + 1 }), rel: 'next', class: 'button', id: 'next-page' }, t('page.next')) : null);
}

