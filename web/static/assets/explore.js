// The returnee explorer (policy item (12): 鼓励海外留学生在陕创办服务外包企业): a sector ×
// city view with a schematic SVG map of Shaanxi's ten cities by region, demand and supply
// bars for every city, and the chosen city's dossier with the supporting policy items quoted.
import { t, texts, lang, pick, sectorName, cityName, skillName, chineseNumeral } from './i18n.js';
import { get } from './api.js';
import { headingEN } from './policy.js';
import { instName } from './i18n.js';
import { h, s, syntheticBadge, unverifiedBadge, errorBox, loading, goKeepingFocus } from './dom.js';

/**
 * CITIES are the ten prefecture-level cities of Shaanxi with their region (policy item (7))
 * and a position on the schematic map: roughly (longitude, latitude) projected onto a
 * 400 × 440 box, nudged apart where cities are close (西安, 咸阳). A city's name is above its
 * dot, but 咸阳's, below it and nudged left by `below`: above, "▶ Xianyang" covered "Xi'an".
 */
export const CITIES = [
  { name: '榆林市', short: '榆林', region: '陕北', x: 285, y: 60 },
  { name: '延安市', short: '延安', region: '陕北', x: 262, y: 160 },
  { name: '铜川市', short: '铜川', region: '关中', x: 226, y: 236 },
  { name: '宝鸡市', short: '宝鸡', region: '关中', x: 102, y: 292 },
  { name: '咸阳市', short: '咸阳', region: '关中', x: 186, y: 282, below: -14 },
  { name: '西安市', short: '西安', region: '关中', x: 240, y: 300 },
  { name: '渭南市', short: '渭南', region: '关中', x: 300, y: 270 },
  { name: '汉中市', short: '汉中', region: '陕南', x: 104, y: 372 },
  { name: '安康市', short: '安康', region: '陕南', x: 226, y: 400 },
  { name: '商洛市', short: '商洛', region: '陕南', x: 306, y: 350 },
];

/**
 * NEW_AREAS are the two new areas the API answers as cities (policy item (7) names 杨凌示范区
 * among them): offered in the select with a dossier of their own, but neither on the map of
 * the ten cities nor in its bars, which would count 杨凌's firms twice (咸阳市 counts them).
 * alias are the other names the API takes for them (xiaoqi.NormalizeCity, newAreaEN).
 */
const NEW_AREAS = [
  { name: '杨凌示范区', short: '杨凌', region: '关中', alias: ['杨凌区', 'Yangling'] },
  { name: '西咸新区', short: '西咸', region: '关中', alias: ['Xixian'] },
];
const PLACES = [...CITIES, ...NEW_AREAS];

// englishKey folds an English place name as the API does (xiaoqi.EnglishKey): lower case, ü as
// u, without apostrophes, spaces and hyphens (Xi'an, xian, XI AN, Yan-an).
function englishKey(s) { return s.toLowerCase().replace(/ü/g, 'u').replace(/['’ -]/g, ''); }

/**
 * placeNamed is the city or new area that s names, as the API's city parameter takes it
 * (xiaoqi.CityNamed): in Chinese, full or short (西安市, 西安, 杨凌, 西咸), or in English in any
 * case, with or without its apostrophe, spaces or hyphen (Xi'an, Xian, Yanan, Yangling,
 * Yangling Demonstration Zone); undefined for any other text.
 */
export function placeNamed(s) {
  const v = String(s || '').trim();
  if (!v) return undefined;
  const k = englishKey(v);
  return PLACES.find((c) => [c.name, c.short, ...(c.alias || [])].includes(v)
    || [texts('city.' + c.name).en, ...(c.alias || [])].some((n) => englishKey(n) === k));
}

const SECTORS = ['software', 'it_ops', 'info_systems', 'telecom', 'internet', 'medical', 'biomedicine', 'energy',
  'engineering_design', 'film_media', 'animation', 'digital_publishing', 'logistics', 'finance'];

// Region bands of the schematic map.
const REGIONS = [
  { name: '陕北', x: 150, y: 20, w: 230, h: 180, lx: 165, ly: 44 },
  { name: '关中', x: 60, y: 210, w: 300, h: 110, lx: 70, ly: 232 },
  { name: '陕南', x: 60, y: 328, w: 300, h: 100, lx: 70, ly: 420 },
];

/** renderExplore draws the explorer for #/explore?sector=&city=. */
export async function renderExplore(view, r, ctx) {
  const sectorParam = r.params.get('sector');
  const sector = SECTORS.includes(sectorParam) ? sectorParam : 'software';
  const cityParam = r.params.get('city');
  // A city may be named as the API names it: 西安市, 西安, Xi'an, Xian; 杨凌, Yangling.
  const named = cityParam && placeNamed(cityParam);
  const city = named ? named.name : '西安市';
  const area = NEW_AREAS.some((c) => c.name === city);
  const real = r.params.get('real') === '1'; // real data only
  view.append(h('h1', {}, t('explore.title')), h('p', { class: 'lead' }, t('explore.intro')));
  // A link with a sector or a city the explorer does not know (typed, or from an old
  // address) says what it shows instead, rather than another city's dossier without a word.
  const wrong = [];
  if (sectorParam && sectorParam !== sector) wrong.push(t('explore.bad.sector', { v: sectorParam, sector: sectorName(sector) }));
  if (cityParam && !named) wrong.push(t('explore.bad.city', { v: cityParam, city: cityName(city) }));
  if (wrong.length) view.append(h('div', { class: 'notice', role: 'status', 'data-note': 'params' }, wrong.join(' ')));

  const option = (c) => h('option', { value: c.name, selected: c.name === city ? true : null }, cityName(c.name));
  const form = h('form', { class: 'inline-form', id: 'explore-form' },
    h('div', { class: 'field' }, h('label', { for: 'sector' }, t('explore.sector')),
      h('select', { id: 'sector', name: 'sector' }, SECTORS.map((x) => h('option', { value: x, selected: x === sector ? true : null }, sectorName(x))))),
    h('div', { class: 'field' }, h('label', { for: 'city' }, t('explore.city')),
      h('select', { id: 'city', name: 'city' }, CITIES.map(option),
        h('optgroup', { label: t('explore.newareas') }, NEW_AREAS.map(option)))),
    h('button', { type: 'submit', class: 'primary' }, t('explore.show')),
    h('div', { class: 'radio' }, h('input', { type: 'checkbox', id: 'explore-real', name: 'real', checked: real ? true : null, 'aria-describedby': 'explore-real-hint' }),
      h('label', { for: 'explore-real' }, t('real_only')),
      h('p', { class: 'hint', id: 'explore-real-hint' }, t('explore.real.hint'))));
  const go = () => { location.hash = link(form.sector.value, form.city.value, form.real.checked); };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go(); });
  // A change of the sector or of the box redraws the page at once: the control keeps the focus.
  const change = (ev) => goKeepingFocus(link(form.sector.value, form.city.value, form.real.checked), ev.target.id);
  form.sector.addEventListener('change', change);
  form.real.addEventListener('change', change);
  view.append(form);

  const overview = h('div', { class: 'explore-grid' }, loading());
  const dossierBox = h('section', { class: 'dossier', 'aria-labelledby': 'dossier-h' }, loading('dossier-h'));
  view.append(overview, dossierBox);

  // One dossier per city: its open positions and graduate supply for the sector.
  let all, own;
  try {
    [all, own] = await Promise.all([dossiers(sector, real), area ? areaDossier(sector, city, real) : null]);
  } catch (err) {
    if (ctx.isCurrent()) overview.replaceChildren(errorBox(err));
    dossierBox.replaceChildren();
    return;
  }
  if (!ctx.isCurrent()) return;
  const byCity = Object.fromEntries(CITIES.map((c, i) => [c.name, all[i]]));
  if (own) byCity[city] = own;
  // The open positions of synthetic job needs (most of the default data set's), said under the chart.
  const synth = all.reduce((n, d) => n + (d.synthetic_headcount || 0), 0);
  const total = all.reduce((n, d) => n + d.open_headcount, 0);
  overview.replaceChildren(
    h('figure', { class: 'map' }, map(sector, city, byCity, real), h('figcaption', {}, t('explore.map'))),
    h('div', { class: 'charts' },
      bars('demand', t('explore.demand'), CITIES.map((c) => [c.name, byCity[c.name].open_headcount]), city,
        synth ? h('span', {}, syntheticBadge(true), ' ', t('explore.demand.synthetic', { n: synth.toLocaleString(), total: total.toLocaleString() })) : null),
      bars('supply', t('explore.supply'), CITIES.map((c) => [c.name, byCity[c.name].graduate_supply]), city,
        t('explore.supply.note', { skills: (byCity[city].supply_skills || []).map(skillName).join(t('punct.list')) || t('explore.none') }))));
  dossierBox.replaceChildren(...dossier(byCity[city], city, sector));
}

// The ten dossiers of a sector, kept a little while: picking another city on the map
// draws the page again with the same ten, which it asked the API for again (ten requests a
// click, enough to meet the rate limit of an address when clicking from city to city).
const KEEP_MS = 60 * 1000;
const kept = new Map();

function dossiers(sector, real) {
  return keep(sector + (real ? '|real' : ''), () => Promise.all(CITIES.map((c) => dossierOf(sector, c.name, real))));
}

// The dossier of a new area, asked for besides the ten cities' (it has no bar).
function areaDossier(sector, city, real) {
  return keep(sector + '|' + city + (real ? '|real' : ''), () => dossierOf(sector, city, real));
}

function dossierOf(sector, city, real) {
  return get('/api/v1/insights/startup', { sector, city, real_only: real ? 'true' : null });
}

function keep(key, ask) {
  const k = kept.get(key);
  if (k && Date.now() - k.at < KEEP_MS) return k.answer;
  const answer = ask();
  kept.set(key, { at: Date.now(), answer });
  answer.catch(() => kept.delete(key)); // an error is not kept
  return answer;
}

function link(sector, city, real) {
  return '#/explore?' + new URLSearchParams(real ? { sector, city, real: '1' } : { sector, city }).toString();
}

function map(sector, selected, byCity, real) {
  const max = Math.max(1, ...CITIES.map((c) => byCity[c.name].open_headcount));
  const svg = s('svg', { viewBox: '0 0 400 440', class: 'shaanxi', role: 'group', 'aria-label': t('explore.map') });
  for (const rg of REGIONS) {
    svg.append(s('rect', { x: rg.x, y: rg.y, width: rg.w, height: rg.h, rx: 18, class: 'region region-' + regionClass(rg.name) }),
      s('text', { x: rg.lx, y: rg.ly, class: 'region-label' }, t('explore.region.' + rg.name)));
  }
  CITIES.forEach((c, i) => {
    const n = byCity[c.name].open_headcount;
    const radius = 6 + 16 * Math.sqrt(n / max);
    // The name starts with the name shown on the map (WCAG 2.5.3 label in name); the chosen
    // city is marked ▶ for the eye and aria-current for screen readers.
    const label = t('explore.map.city', { city: shortName(c), n });
    const on = c.name === selected;
    const id = 'map-city-' + i;
    const a = s('a', { href: link(sector, c.name, real), id, class: on ? 'city selected' : 'city', 'aria-label': label, 'aria-current': on ? 'true' : null, 'data-city': c.name },
      s('title', {}, label),
      s('circle', { cx: c.x, cy: c.y, r: radius.toFixed(1), class: 'dot dot-' + regionClass(c.region) }),
      s('text', { x: c.x + (c.below || 0), y: c.below === undefined ? c.y - radius - 4 : c.y + radius + 14, 'text-anchor': 'middle', class: 'city-label' },
        on ? '▶ ' + shortName(c) : shortName(c)));
    // The city chosen keeps the focus when the page is drawn again for it, as the selects do:
    // the focus on the h1 scrolled a phone back to the top, away from the map and the bars.
    a.addEventListener('click', (ev) => { ev.preventDefault(); goKeepingFocus(link(sector, c.name, real), id); });
    svg.append(a);
  });
  return svg;
}

function shortName(c) { return cityName(c.name) === c.name ? c.short : cityName(c.name); }

function regionClass(name) { return { 关中: 'gz', 陕南: 'sn', 陕北: 'sb' }[name]; }

/** bars is a horizontal bar chart of one value per city, in SVG (no inline styles under the CSP), with an optional note below. */
function bars(id, title, rows, selected, note) {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const rowH = 26;
  const svg = s('svg', { viewBox: `0 0 360 ${rows.length * rowH + 4}`, class: 'bars', role: 'img', 'aria-labelledby': id + '-h' });
  rows.forEach(([city, v], i) => {
    const y = i * rowH + 2;
    const w = Math.round(200 * v / max);
    svg.append(s('text', { x: 0, y: y + 17, class: city === selected ? 'bar-label selected' : 'bar-label' }, cityName(city)),
      s('rect', { x: 92, y: y + 4, width: Math.max(w, 1), height: 18, class: 'bar bar-' + id }),
      s('text', { x: 98 + w, y: y + 17, class: 'bar-value' }, v.toLocaleString()));
  });
  // The same figures as a table for screen readers and for copying, hidden in a box: a table
  // hidden itself keeps the width of its text (550 px in English on a 375 px phone).
  const table = h('div', { class: 'sr-only' }, h('table', {}, h('caption', {}, title),
    h('tbody', {}, rows.map(([city, v]) => h('tr', {}, h('th', { scope: 'row' }, cityName(city)), h('td', {}, String(v)))))));
  return h('figure', { class: 'chart', 'data-chart': id }, h('h2', { id: id + '-h' }, title), svg, table,
    note ? h('figcaption', { class: 'muted' }, note) : null);
}

/**
 * partyList lists a dossier's firms or schools; one of another city than the dossier's (the
 * partner schools of the region around it) says its city, so that 铜川's list of 西安's
 * universities does not read as 铜川's own.
 */
function partyList(items, city) {
  if (!items || !items.length) return h('p', { class: 'muted' }, t('explore.none'));
  return h('ul', { class: 'plain' }, items.map((p) => h('li', {},
    p.type === 'institution' ? h('a', { href: '#/institution/' + encodeURIComponent(p.id) }, instName(p.name, p.name_en))
      : p.type === 'enterprise' ? h('a', { href: '#/hr/' + encodeURIComponent(p.id) }, p.name) : p.name,
    p.city && p.city !== city ? h('span', { class: 'muted', 'data-city': p.city }, ' · ' + cityName(p.city)) : null,
    ' ', syntheticBadge(p.synthetic), ' ', unverifiedBadge(p.verified))));
}

function dossier(d, city, sector) {
  return [
    h('h2', { id: 'dossier-h' }, t('explore.dossier', { city: cityName(city), sector: sectorName(sector) }), ' ', syntheticBadge(d.synthetic)),
    h('p', { class: 'summary' }, pick(d.zh, d.en)),
    h('dl', { class: 'figures' },
      h('div', {}, h('dt', {}, t('explore.headcount')), h('dd', { 'data-figure': 'headcount' }, String(d.open_headcount))),
      d.synthetic_headcount ? h('div', {}, h('dt', {}, t('explore.headcount.synthetic')), h('dd', { 'data-figure': 'synthetic-headcount' }, String(d.synthetic_headcount))) : null,
      h('div', {}, h('dt', {}, t('explore.jobs')), h('dd', {}, String(d.open_jobs))),
      // What a founder's firm competes with for people: the median of the salaries stated.
      d.salary_median ? h('div', {}, h('dt', {}, t('explore.salary')), h('dd', { 'data-figure': 'salary' }, d.salary_median.toLocaleString(),
        h('span', { class: 'muted' }, ' ' + t('explore.salary.jobs', { n: d.salary_jobs })))) : null,
      // A new area is no city (杨凌示范区 showed 本市年毕业生).
      h('div', {}, h('dt', {}, t(NEW_AREAS.some((c) => c.name === city) ? 'explore.graduates.area' : 'explore.graduates')),
        h('dd', { 'data-figure': 'supply' }, d.graduate_supply.toLocaleString())),
      d.region_graduate_supply ? h('div', {}, h('dt', {}, t('explore.graduates.region', { region: t('explore.region.' + PLACES.find((c) => c.name === city).region) })),
        h('dd', { 'data-figure': 'region-supply' }, d.region_graduate_supply.toLocaleString())) : null),
    // What the supply counts: the programs of the data set (undergraduate programs and
    // training courses), said where a city shows none at all.
    h('p', { class: 'hint', 'data-note': 'supply' }, d.graduate_supply ? t('explore.graduates.counted') : t('explore.graduates.zero', { city: cityName(city) })),
    h('h3', {}, t('explore.skills')),
    d.top_skills && d.top_skills.length ? h('ul', { class: 'chips' }, d.top_skills.map((x) => h('li', { class: 'chip static' }, skillName(x)))) : h('p', { class: 'muted' }, t('explore.none')),
    h('div', { class: 'two-col' },
      h('div', {}, h('h3', {}, t('explore.competitors')), partyList(d.competitors, city)),
      h('div', {}, h('h3', {}, t('explore.schools')), partyList(d.partner_schools, city))),
    h('h3', {}, t('explore.policies'), ' ', h('a', { href: '#/policy', class: 'small' }, t('explore.policies.all'))),
    h('div', { class: 'policies' }, (d.policies || []).map((p) => h('figure', { class: 'policy', 'data-item': String(p.number) },
      h('blockquote', { lang: 'zh-CN' }, '“' + p.quote + '”'),
      h('figcaption', {}, h('a', { href: '#/policy/' + p.number }, quotedHeading(p)),
        p.en ? h('span', { class: 'muted', lang: 'en' }, ' — ' + p.en) : null)))),
  ];
}

/**
 * quotedHeading names a quoted policy item: in English by the heading of its unofficial
 * translation (Item (9) Apply the tax incentives), where the English page said Item (9) and the
 * Chinese heading, unmarked as Chinese.
 */
function quotedHeading(p) {
  const en = lang() === 'en' ? headingEN(p.number) : '';
  if (en) return t('explore.policy.item', { n: p.number, cn: chineseNumeral(p.number), h: en });
  return [t('explore.policy.item', { n: p.number, cn: chineseNumeral(p.number), h: '' }).trimEnd(), ' ', h('span', { lang: 'zh-CN' }, p.heading)];
}
