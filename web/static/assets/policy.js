// The policy page: the 2015 Shaanxi opinions on service outsourcing, whose item (12) xiaoqi
// implements, item by item (#/policy), and one item whole (#/policy/{id}), which search hits
// and the returnee explorer link to. The text is the official Chinese; each item's heading has
// an English gloss beside it.
import { t } from './i18n.js';
import { get, getAll } from './api.js';
import { h } from './dom.js';

/** renderPolicy draws #/policy (every item, by section) or #/policy/{id} (one item). */
export async function renderPolicy(view, r, ctx) {
  if (r.arg) return item(view, r.arg, ctx);
  const res = await getAll('/api/v1/policies', {}, 1000);
  if (!ctx.isCurrent()) return;
  const items = (res.data || []).slice().sort((a, b) => a.number - b.number);
  view.append(h('h1', {}, t('policy.title')), h('p', { class: 'lead' }, t('policy.lead')));
  let section = null;
  let list = null;
  for (const p of items) {
    if (p.section !== section) {
      section = p.section;
      list = h('ol', { class: 'plain policy-list' });
      view.append(h('h2', {}, h('span', { lang: 'zh-CN' }, section), sectionGloss(section)), list);
    }
    list.append(h('li', { 'data-item': String(p.number) },
      h('a', { href: '#/policy/' + encodeURIComponent(p.id) }, heading(p)), gloss(p.number)));
  }
}

async function item(view, id, ctx) {
  const p = await byIdOrNumber(id);
  if (!ctx.isCurrent()) return;
  view.append(h('p', {}, h('a', { href: '#/policy' }, t('policy.all'))),
    h('h1', {}, heading(p)), gloss(p.number),
    h('p', { class: 'muted' }, t('policy.source'), p.section ? [' · ', h('span', { lang: 'zh-CN' }, p.section), sectionGloss(p.section)] : ''),
    h('p', { class: 'policy-text', lang: 'zh' }, p.text));
}

/**
 * byIdOrNumber reads the item of id (pol_…), or of its number (#/policy/12): the returnee
 * explorer links the items it quotes so, as the dossier names them by number.
 */
async function byIdOrNumber(id) {
  if (!/^\d{1,3}$/.test(id)) return get('/api/v1/policies/' + encodeURIComponent(id));
  const res = await getAll('/api/v1/policies', {}, 1000);
  const p = (res.data || []).find((x) => x.number === Number(id));
  if (!p) throw new Error(t('policy.nonumber', { n: id }));
  return p;
}

/** heading is an item's number and heading, in Chinese: （十二）加大人才培育和引进力度. */
function heading(p) {
  return h('span', { lang: 'zh-CN' }, '（' + numeral(p.number) + '）' + p.heading);
}

/** SECTION_GLOSSES are English glosses of the sections' headings, as GLOSSES of the items'. */
const SECTION_GLOSSES = {
  '一、总体要求': 'General requirements', '二、明确产业发展导向': 'Which industries to develop',
  '三、优化产业发展布局': 'The layout of the industry', '四、强化政策支持': 'Policy support',
  '五、健全保障措施': 'Safeguards',
};

function sectionGloss(section) {
  return SECTION_GLOSSES[section] ? h('span', { class: 'muted gloss', lang: 'en' }, ' ' + SECTION_GLOSSES[section]) : null;
}

/** GLOSSES are English glosses of the items' headings, shown beside them in either language. */
const GLOSSES = {
  1: 'Approach', 2: 'Targets', 3: 'Software R&D and IT services outsourcing',
  4: 'Cultural and creative, transport and logistics outsourcing', 5: 'Finance and insurance outsourcing',
  6: 'Planning', 7: 'A new layout of the industry across the province', 8: 'International markets',
  9: 'Tax incentives', 10: 'Financial support', 11: 'Easier customs, foreign exchange and travel',
  12: 'Training and attracting talent: school–enterprise cooperation, new majors, returnees founding firms',
  13: 'Innovation in enterprises', 14: 'The business environment', 15: 'Statistics of service outsourcing',
};

/** gloss is the English gloss of item n's heading (search hits show it too). */
export function gloss(n) {
  return GLOSSES[n] ? h('span', { class: 'muted gloss', lang: 'en' }, ' ' + GLOSSES[n]) : null;
}

function numeral(n) {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
}
