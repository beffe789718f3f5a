// DOM helpers. Every text from the API becomes a text node; nothing is parsed as HTML.
import { t, pick, has, apiText, lang } from './i18n.js';

/**
 * h builds an element: h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child…).
 * Attribute values are set with setAttribute (never as HTML); "text" sets textContent.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const svgNS = 'http://www.w3.org/2000/svg';

/** s builds an SVG element the same way. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

const entities = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&#39;': "'", '&#34;': '"', '&quot;': '"' };

function unescape(text) {
  return text.replace(/&(lt|gt|amp|#39|#34|quot);/g, (m) => entities[m]);
}

/**
 * snippet turns the API's snippet (escaped HTML whose only markup is <mark>…</mark>) into
 * nodes: text nodes and <mark> elements. Any other markup stays visible as text.
 */
export function snippet(html) {
  const out = document.createDocumentFragment();
  let marked = false;
  for (const part of String(html || '').split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(unescape(part));
    if (marked) { const m = document.createElement('mark'); m.append(text); out.append(m); } else out.append(text);
  }
  return out;
}

/**
 * splitList is the items of a list typed into one field (skills, languages, tags): split at
 * commas, 、, semicolons, vertical bars and line breaks, as an import splits a cell
 * (ingest.SplitList), and never at spaces, which belong to the items themselves (Spring Boot,
 * Software testing, JLPT N2, English CET-6).
 */
export function splitList(s) {
  return String(s ?? '').split(/[,，、;；|｜\n\r\t]+/).map((x) => x.trim()).filter(Boolean);
}

// hanRun is a run of words that hold Chinese characters (三星（中国）半导体有限公司, Java开发工程师),
// with the spaces between such words: what dataText marks as Chinese.
const hanRun = /\S*\p{Script=Han}\S*(?:\s+\S*\p{Script=Han}\S*)*/gu;

/**
 * dataText is a text of the data (a firm's name, a job's title or description, a hit's line)
 * as nodes: on an English page each run of Chinese words in it is marked lang="zh-CN", so that
 * a screen reader reads it in Chinese, not as English (WCAG 3.1.2); on a Chinese page, where
 * Chinese is the page's language, the text as it is.
 */
export function dataText(text) {
  const str = String(text ?? '');
  if (lang() !== 'en' || !/\p{Script=Han}/u.test(str)) return str;
  const out = [];
  let last = 0;
  for (const m of str.matchAll(hanRun)) {
    if (m.index > last) out.push(str.slice(last, m.index));
    out.push(h('span', { lang: 'zh-CN' }, m[0]));
    last = m.index + m[0].length;
  }
  if (last < str.length) out.push(str.slice(last));
  return out;
}

/**
 * bilingual is a label said in both languages at once (示例 synthetic), each half marked with
 * its language, on either page: one of them is always the other language.
 */
function bilingual(text) {
  const m = /^(\S*\p{Script=Han}\S*) (\P{Script=Han}+)$/u.exec(text);
  return m ? [h('span', { lang: 'zh-CN' }, m[1]), ' ', h('span', { lang: 'en' }, m[2])] : text;
}

/** syntheticBadge marks generated sample records, in both languages. */
export function syntheticBadge(synthetic) {
  if (!synthetic) return null;
  return h('span', { class: 'badge synthetic', title: t('synthetic.title') }, bilingual(t('synthetic')));
}

/**
 * unverifiedBadge marks an enterprise, or a job of an enterprise, that has no valid
 * 统一社会信用代码 on record (issue 8). It renders only when verified is exactly false: the
 * API sends fields.verified / verified for enterprises and jobs only, and a party or hit
 * without the flag (an institution, a program) is not an enterprise to be checked.
 */
export function unverifiedBadge(verified) {
  if (verified !== false) return null;
  return h('span', { class: 'badge unverified', title: t('unverified.title') }, bilingual(t('unverified')));
}

/**
 * errorBox shows an API or network error, with the fields it names. A 401 says that the action
 * needs a session, except where signing in is what failed (opts.signin: a wrong password).
 */
export function errorBox(err, opts) {
  const box = h('div', { class: 'notice error', role: 'alert' });
  // The API says each message in Chinese and in English ("中文 / English"): the page shows the
  // half of its language. (A message of the page itself, without a status, is in it already.)
  let msg = err && err.message ? err.message : String(err);
  if (err && typeof err.status === 'number') msg = apiText(msg);
  if (err && err.status === 401 && !(opts && opts.signin)) msg = t('session.needed') + ' ' + msg;
  if (err instanceof TypeError) msg = t('error.network');
  box.append(h('strong', {}, t('error.title')), t('punct.colon'), msg);
  // The API's two halves say the same facts (internal/msgcheck keeps them so), but a detail
  // from a library (a JSON syntax error's offset) is in the English half only: the Chinese
  // page then shows the English half too, below, when it holds a quoted value or a figure the
  // Chinese does not.
  if (err && typeof err.status === 'number' && lang() === 'zh') {
    const other = apiText(err.message, '', 'en');
    const facts = other.match(/"[^"]+"|\d+/g) || [];
    if (other !== msg && facts.some((f) => !msg.includes(f))) box.append(h('span', { class: 'other-lang', lang: 'en' }, other));
  }
  // A detail that the message already says (the API's message of one invalid field is
  // "field: detail") is not repeated: only details that add something are listed.
  const details = ((err && err.details) || []).map((d) => ({ field: d.field, message: d.message ? apiText(d.message) : '' }))
    .filter((d) => (d.field || d.message) && !((!d.message || msg.includes(d.message)) && (!d.field || msg.includes(d.field))));
  if (details.length) {
    box.append(h('ul', {}, details.map((d) => h('li', {}, (d.field ? d.field + ': ' : '') + d.message))));
  }
  return box;
}

/** okBox shows a success message, announced to screen readers. */
export function okBox(text) { return h('div', { class: 'notice ok', role: 'status' }, text); }

/**
 * loading is the placeholder of a part still loading. Given the id of the heading that will
 * label the part (aria-labelledby), it bears that id meanwhile, so that the label never points
 * at nothing.
 */
export function loading(id) { return h('p', { class: 'muted', role: 'status', id: id || null }, t('app.loading')); }

/** factors renders a match's explanations factor by factor. */
export function factors(list) {
  return h('ul', { class: 'factors' }, (list || []).map((f) => h('li', {},
    h('span', { class: 'factor-name' }, has('factor.' + f.factor) ? t('factor.' + f.factor) : f.factor),
    // policy and verification are notes, not scored factors (verification weighs 0).
    f.factor === 'policy' || f.factor === 'verification' ? null : h('span', { class: 'factor-score' }, Math.round((f.score || 0) * 100) + '%'),
    ' ',
    h('span', {}, pick(f.zh, f.en)),
    // A figure that is an estimate is said to be one once: the API's text mostly says so
    // itself (（估算）, (estimate)); else in the language's own brackets.
    f.estimate && !saysEstimate(pick(f.zh, f.en)) ? h('span', { class: 'muted' }, t('estimate.paren')) : null,
  )));
}

/** saysEstimate reports whether an explanation already says that its figure is an estimate. */
function saysEstimate(text) { return /估算|\bestimate/i.test(text || ''); }

/** scoreText is a match score as a percentage. */
export function scoreText(score) { return t('match.score', { p: Math.round((score || 0) * 100) }); }

// kept is the control that keeps the focus when the page of an address is drawn again.
let kept = null;

/**
 * goKeepingFocus goes to hash for a control (a select, a checkbox) whose change changes the
 * address: the router draws the page again and gives the focus back to the control of the
 * same id, instead of moving it to the h1.
 */
export function goKeepingFocus(hash, id) {
  kept = { id };
  location.hash = hash;
  kept.hash = location.hash; // as the browser writes it
}

/** keptFocus is the id of the control to focus on the page of hash, once; '' for none. */
export function keptFocus(hash) {
  const k = kept;
  kept = null;
  return k && k.hash === hash ? k.id : '';
}

/** replace empties el and puts children in it. */
export function replace(el, ...children) { el.replaceChildren(); append(el, children); }
