// The policy page: the 2015 Shaanxi opinions on service outsourcing, whose item (12) xiaoqi
// implements, item by item (#/policy), and one item whole (#/policy/{id}), which search hits
// and the returnee explorer link to. The text is the official Chinese, which is authoritative;
// each item has an unofficial English translation beside it (heading_en, section_en, text_en
// from the API), labelled so wherever it is shown.
import { t, lang, texts, chineseNumeral } from './i18n.js';
import { get, getAll } from './api.js';
import { h } from './dom.js';

/** renderPolicy draws #/policy (every item, by section) or #/policy/{id} (one item). */
export async function renderPolicy(view, r, ctx) {
  if (r.arg) return item(view, r.arg, ctx);
  const items = await allItems();
  if (!ctx.isCurrent()) return;
  view.append(h('h1', {}, t('policy.title')), h('p', { class: 'lead' }, t('policy.lead')));
  if (items.some((p) => p.heading_en)) view.append(h('p', { class: 'muted', 'data-note': 'translation' }, both('policy.translation.list')));
  let section = null;
  let list = null;
  for (const p of items) {
    if (p.section !== section) {
      section = p.section;
      list = h('ol', { class: 'plain policy-list' });
      view.append(h('h2', {}, h('span', { lang: 'zh-CN' }, section), sectionGloss(p)), list);
    }
    // The whole line is the link: an English reader clicks the English heading.
    list.append(h('li', { 'data-item': String(p.number) },
      h('a', { href: '#/policy/' + encodeURIComponent(p.id) }, heading(p), gloss(p.number, p.heading_en))));
  }
}

async function item(view, id, ctx) {
  const items = await allItems();
  const p = await byIdOrNumber(id, items);
  if (!ctx.isCurrent()) return;
  const official = h('section', { class: 'policy-version', 'data-version': 'official' },
    h('h2', { class: 'policy-label' }, both('policy.official')),
    h('p', { class: 'policy-text', lang: 'zh-CN' }, p.text));
  const translated = p.text_en ? h('section', { class: 'policy-version', 'data-version': 'translation' },
    h('h2', { class: 'policy-label' }, both('policy.translation')),
    h('p', { class: 'policy-text-en', lang: 'en' }, p.text_en),
    h('p', { class: 'muted' }, t('policy.translation.note'))) : null;
  // A reader of the English page reads the translation first, under its label; the Chinese,
  // which is authoritative, follows.
  const versions = lang() === 'en' && translated ? [translated, official] : [official, translated];
  // On the English page the English heading is part of the h1, and so of the tab's title,
  // which was the Chinese heading alone.
  const title = lang() === 'en' && p.heading_en ? h('h1', {}, heading(p), gloss(p.number, p.heading_en)) : null;
  view.append(...[h('p', {}, h('a', { href: '#/policy' }, t('policy.all'))),
    ...(title ? [title] : [h('h1', {}, heading(p)), gloss(p.number, p.heading_en)]),
    h('p', { class: 'muted' }, t('policy.source'), p.section ? [' · ', h('span', { lang: 'zh-CN' }, p.section), sectionGloss(p)] : ''),
    h('div', { class: translated ? 'policy-versions two' : 'policy-versions' }, versions), neighbours(p, items)].filter(Boolean));
}

/** both is the text of key in the page's language, then in the other, each marked with its language. */
function both(key) {
  const s = texts(key);
  const [first, second] = lang() === 'en' ? ['en', 'zh'] : ['zh', 'en'];
  const tag = (l) => (l === 'en' ? 'en' : 'zh-CN');
  return [h('span', { lang: tag(first) }, s[first]), ' ', h('span', { lang: tag(second), class: 'other-lang-inline' }, s[second])];
}

/** neighbours links the items before and after p, so that the policy reads on item by item. */
function neighbours(p, items) {
  const i = items.findIndex((x) => x.number === p.number);
  if (i < 0) return null;
  const link = (x, rel, key) => x ? h('a', { href: '#/policy/' + encodeURIComponent(x.id), rel },
    t(key), ' ', heading(x), gloss(x.number, x.heading_en)) : null;
  return h('nav', { class: 'policy-nav', 'aria-label': t('policy.nav') },
    link(items[i - 1], 'prev', 'policy.prev'), link(items[i + 1], 'next', 'policy.next'));
}

/** allItems reads every item, in order of number. */
async function allItems() {
  const res = await getAll('/api/v1/policies', {}, 1000);
  return (res.data || []).slice().sort((a, b) => a.number - b.number);
}

/**
 * byIdOrNumber reads the item of id (pol_…), or of its number (#/policy/12): the returnee
 * explorer links the items it quotes so, as the dossier names them by number.
 */
async function byIdOrNumber(id, items) {
  // What is neither an item's id nor a number (#/policy/abc) names no item: the API would call
  // it an invalid id, which the address the reader followed is not theirs to mend.
  if (!/^\d+$/.test(id) && !/^pol_[A-Za-z0-9]+$/.test(id)) throw notFound(t('policy.noitem', { id }));
  if (!/^\d+$/.test(id)) return get('/api/v1/policies/' + encodeURIComponent(id));
  const p = items.find((x) => x.number === Number(id));
  if (!p) throw notFound(t('policy.nonumber', { n: id, cn: chineseNumeral(id) }));
  return p;
}

/** notFound is the error of an item that is not there, which the router shows as a page not found. */
function notFound(message) {
  return Object.assign(new Error(message), { status: 404 });
}

/** heading is an item's number and heading, in Chinese: （十二）加大人才培育和引进力度. */
function heading(p) {
  return h('span', { lang: 'zh-CN' }, '（' + chineseNumeral(p.number) + '）' + p.heading);
}

/**
 * SECTION_GLOSSES and GLOSSES are the English headings of the sections and items, as the
 * unofficial translation (seed/data/policy_en.txt) writes them: what a search hit, which
 * carries no heading_en, shows beside the Chinese. web_test.go keeps them equal.
 */
const SECTION_GLOSSES = {
  '一、总体要求': 'I. General requirements', '二、明确产业发展导向': 'II. Clear directions for the industry',
  '三、优化产业发展布局': 'III. A better layout of the industry', '四、强化政策支持': 'IV. Stronger policy support',
  '五、健全保障措施': 'V. Sounder safeguards',
};

function sectionGloss(p) {
  const en = p.section_en || SECTION_GLOSSES[p.section];
  return en ? h('span', { class: 'muted gloss', lang: 'en' }, ' ' + en) : null;
}

const GLOSSES = {
  1: 'Approach', 2: 'Targets', 3: 'Vigorously develop software R&D and information technology services outsourcing',
  4: 'Speed up cultural and creative, and transport and logistics service outsourcing',
  5: 'Actively develop service outsourcing in finance and insurance', 6: 'Strengthen guidance through planning',
  7: 'Build a new pattern of the service outsourcing industry', 8: 'Open up international markets for service outsourcing',
  9: 'Apply the tax incentives', 10: 'Increase financial support', 11: 'Make things easier for business',
  12: 'Do more to train and attract talent', 13: "Strengthen enterprises' capacity to innovate",
  14: 'Improve the environment for the industry', 15: 'Apply the statistical system for service outsourcing',
};

/** headingEN is the English heading of item n in the unofficial translation, '' if none. */
export function headingEN(n) { return GLOSSES[n] || ''; }

/**
 * gloss is the English heading of item n (en, else the translation's), beside its Chinese
 * heading; search hits show it too. Its title says it is an unofficial translation.
 */
export function gloss(n, en) {
  const s = en || GLOSSES[n];
  const label = texts('policy.translation');
  return s ? h('span', { class: 'muted gloss', lang: 'en', title: label.zh + ' · ' + label.en }, ' ' + s) : null;
}
