// Texts in Chinese (default) and English, from i18n.json. The choice is kept in localStorage.
const storageKey = 'xiaoqi.lang';
let strings = {};
let current = 'zh';

/** Loads the strings and the stored language choice. */
export async function loadStrings() {
  const r = await fetch('/assets/i18n.json');
  strings = await r.json();
  try {
    current = localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    current = 'zh';
  }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/** t returns the text of key in the current language, with {name} replaced from vars. */
export function t(key, vars) {
  const e = strings[key];
  let s = e ? e[current] : key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? '') + '');
  return s;
}

/** has reports whether key is a known text (sector., city. …). */
export function has(key) { return key in strings; }

/** lang is "zh" or "en". */
export function lang() { return current; }

/** setLang switches the language and remembers it. */
export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(storageKey, current); } catch { /* private mode: not remembered */ }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/** pick chooses the API's zh or en text for the current language. */
export function pick(zh, en) { return current === 'en' ? (en || zh || '') : (zh || en || ''); }

/** sectorName, cityName: names of the API's sector codes and cities. */
export function sectorName(s) { return has('sector.' + s) ? t('sector.' + s) : s; }
export function cityName(c) { return has('city.' + c) ? t('city.' + c) : c; }

/**
 * regionName, degreeName, levelName, authorityName, languageName: names of the data's Chinese
 * values (关中, 本科, 教育部, 日语N2 …) in the current language; a value without a translation
 * is shown as it is.
 */
export function regionName(r) { return named('explore.region.', r); }
export function degreeName(d) { return named('degree.', d); }
export function levelName(l) { return named('level.', l); }
export function authorityName(a) { return named('authority.', a); }
export function languageName(l) { return named('language.', l); }

function named(prefix, v) { return v && has(prefix + v) ? t(prefix + v) : v; }

/** applyStatic fills the elements of root that carry data-i18n (text) or data-i18n-label (aria-label). */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  document.title = t('app.title');
}
