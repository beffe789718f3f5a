// The directories of the finders' pages without words (#/institution, #/hr): every record of
// a list, by city, each by its Chinese name in pinyin order, on the English page too.
import { t, cityName } from './i18n.js';
import { get, getAll } from './api.js';
import { h, errorBox, dataText, loading } from './dom.js';

// FINDER_PAGE is how many hits a finder shows at first and adds per click of 显示更多.
const FINDER_PAGE = 20;

// MAX_DIRECTORY is the most records a directory lists; beyond, the finder's words.
const MAX_DIRECTORY = 2000;

// READINGS are the names whose first character the collator reads otherwise than the name
// does: it sorts 长 as zhǎng, so 长安大学 (Cháng'ān) came after 西安 among Z; each is sorted as a
// character that reads as the name does.
const READINGS = [['长安', '常安'], ['长武', '常武'], ['重庆', '崇庆'], ['厦门', '夏门']];

/** sortKey is the text a name sorts by: the name, its readings mended (READINGS). */
function sortKey(s) {
  for (const [from, to] of READINGS) s = s.replaceAll(from, to);
  return s;
}

/**
 * finderOut is the part of a finder's page that directory and finderHits fill: a live status,
 * loading until they have found, in which settle says how many (a directory of 2,000 names
 * was one live region, read out whole).
 */
export function finderOut() {
  return h('div', {}, h('div', { 'aria-live': 'polite' }, loading()));
}

/** settle fills out with parts after its live status, which now says text to screen readers only. */
function settle(out, text, parts) {
  const status = out.querySelector(':scope > [aria-live]') || h('div', { 'aria-live': 'polite' });
  status.className = 'sr-only';
  status.textContent = text;
  out.replaceChildren(status, ...parts);
}

/**
 * directory fills out with every record of the list at path, by city (the city with most
 * first), each group of a city under its own heading (groups: [key, test] pairs, headed by
 * t(prefix + '.' + key); none: one list), each record a link (href) with its name (name) and
 * badges (badges). prefix names the texts: prefix.total, prefix.more, prefix.count.
 */
export async function directory(out, ctx, { path, prefix, href, name, badges, groups }) {
  try {
    const all = await getAll(path, {}, MAX_DIRECTORY);
    if (!ctx.isCurrent()) return;
    const byCity = new Map();
    for (const x of all.data) {
      const c = x.city || '';
      if (!byCity.has(c)) byCity.set(c, []);
      byCity.get(c).push(x);
    }
    // The names are Chinese on either page: an English collator sorts them by code point (万,
    // 三, 上…), which no reader can follow; the Chinese one sorts them by pinyin.
    const collator = new Intl.Collator('zh-Hans-CN');
    // Each record sorts by its Chinese name (x.name), which every record has, not by the name
    // shown: on the English page a school with an English name (Chang'an University (长安大学))
    // sorted alphabetically before all the Chinese-only ones, 30 rows from 长安大学兴华学院;
    // by the Chinese name a university stands beside its colleges, in the same order on both
    // pages.
    const compare = (a, b) => collator.compare(sortKey(a.name || ''), sortKey(b.name || ''));
    const cities = [...byCity.entries()].sort((a, b) => b[1].length - a[1].length || collator.compare(cityName(a[0]), cityName(b[0])));
    const list = (xs) => h('ul', { class: 'plain finder' }, xs.map((x) => h('li', {}, h('a', { href: href(x) }, dataText(name(x))), ...badges(x))));
    const total = t(all.more ? prefix + '.more' : prefix + '.total', { n: all.data.length.toLocaleString() });
    const parts = [h('p', { class: 'muted dir-total' }, total)];
    for (const [city, xs] of cities) {
      xs.sort(compare);
      parts.push(h('section', { class: 'directory', 'data-city': city },
        h('h2', {}, (city ? cityName(city) : t('dir.nocity')) + ' ', h('span', { class: 'muted' }, t(prefix + '.count', { n: xs.length }))),
        ...(groups ? groups.map(([key, test]) => [key, xs.filter(test)]).filter(([, g]) => g.length)
          .map(([key, g]) => h('div', { 'data-kind': key }, h('h3', {}, t(prefix + '.' + key)), list(g))) : [list(xs)])));
    }
    if (!all.data.length) parts.push(h('p', {}, t('search.none')));
    settle(out, all.data.length ? total : t('search.none'), parts);
  } catch (err) {
    settle(out, '', [errorBox(err)]);
  }
}

/**
 * finderHits fills out with the hits of the finder's words q among the documents of type,
 * FINDER_PAGE at a time, each an item (item(hit): an <li>), saying how many there are; a
 * button shows the next ones (the focus goes to the first added). prefix names the texts:
 * prefix.total (all shown), prefix.shown (some), prefix.more (the button).
 */
export async function finderHits(out, ctx, { q, type, prefix }, item) {
  const search = (page) => get('/api/v1/search', { q, type, per_page: FINDER_PAGE, page: page > 1 ? page : null });
  try {
    const res = await search(1);
    if (!ctx.isCurrent()) return;
    const total = res.total || 0;
    let page = 1;
    let shown = res.hits.length;
    const ul = h('ul', { class: 'plain finder' }, res.hits.map(item));
    const count = h('p', { class: 'muted finder-total', id: type + '-finder-total' });
    const say = () => { count.textContent = t(shown < total ? prefix + '.shown' : prefix + '.total', { n: shown.toLocaleString(), total: total.toLocaleString() }); };
    say();
    const status = h('div', { 'aria-live': 'polite' });
    const more = h('button', { type: 'button', class: 'more', 'data-action': 'more-hits', 'aria-describedby': count.id }, t(prefix + '.more'));
    more.onclick = async () => {
      if (more.disabled) return;
      more.disabled = true;
      status.replaceChildren();
      try {
        const next = await search(page + 1);
        if (!ctx.isCurrent()) return;
        page++;
        const items = next.hits.map(item);
        ul.append(...items);
        shown += items.length;
        say();
        if (!items.length || shown >= total) more.remove();
        const a = items.length && items[0].querySelector('a');
        if (a) a.focus();
      } catch (err) {
        status.append(errorBox(err));
      } finally {
        more.disabled = false;
      }
    };
    settle(out, res.hits.length ? count.textContent : t('search.none'), res.hits.length ? [count, ul, shown < total ? more : '', status] : [h('p', {}, t('search.none'))]);
  } catch (err) {
    settle(out, '', [errorBox(err)]);
  }
}
